//! The members' spreadsheet import (CSV with `,` `;` or tab, a BOM, Excel's `sep=` line):
//! never panics on any file, and every row is either a member or a list of named errors.
#![no_main]

use std::collections::HashSet;

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use ortaq::i18n::Text;
use ortaq::members::import::{self, Rules};
use ortaq::org::model::{Unit, UnitKind};

fuzz_target!(|text: &str| {
    let Ok(sheet) = import::read(text) else {
        return;
    };
    let unit = |id, parent, kk: &str, ru: &str| Unit {
        id,
        parent_id: parent,
        kind: UnitKind::DostyqClub,
        name: Text::both(kk, ru),
        description: Text::default(),
        institution: Text::default(),
        community: None,
    };
    let units = vec![
        unit(1, None, "Ақтөбе филиалы", "Актюбинский филиал"),
        unit(2, Some(1), "Достық клубы", "Клуб «Достық»"),
    ];
    let subtree: HashSet<i64> = [1, 2].into();
    let rules = Rules {
        target: &units[0],
        units: &units,
        subtree: &subtree,
        today: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
        ages: (14, 35),
    };
    for row in &sheet.rows {
        if let Err(errors) = import::parse_row(row, &rules) {
            assert!(!errors.is_empty());
        }
    }
});
