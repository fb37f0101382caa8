//! A unit's current members as CSV or XLSX, with headers in the reader's language.
//!
//! Membership of an ethnocultural association is sensitive (DESIGN.md, "Personal data"):
//! its export keeps only the members whose live ethnocultural consent allows export, and
//! says how many it left out.

use std::collections::HashSet;

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};

use super::storage::{self, UnitMember};
use crate::db::Db;
use crate::error::Error;
use crate::http::Ctx;
use crate::i18n::Language;
use crate::org::Unit;

/// One cell of the export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cell {
    /// Text a person wrote (a name, an email): guarded against spreadsheet formulas in CSV.
    Text(String),
    /// Text Ortaq made (a normalized phone, a position's name).
    Plain(String),
    Date(NaiveDate),
    Empty,
}

impl Cell {
    /// The cell as CSV text. A written text that a spreadsheet would run as a formula
    /// (`=`, `+`, `-`, `@`) gets a leading apostrophe, as OWASP advises for CSV files.
    fn csv_text(&self) -> String {
        match self {
            Cell::Text(text) if text.starts_with(['=', '+', '-', '@', '\t', '\r']) => {
                format!("'{text}")
            }
            Cell::Text(text) | Cell::Plain(text) => text.clone(),
            Cell::Date(date) => date.format("%Y-%m-%d").to_string(),
            Cell::Empty => String::new(),
        }
    }
}

/// The export, ready to write in either format.
pub struct Table {
    pub sheet: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// How many people were left out because their consent does not allow export.
    pub left_out: usize,
    /// What the file says about them, when someone was.
    pub note: Option<String>,
    pub language: Language,
}

/// The members of a sensitive unit whose consent does not allow export (none for another unit).
pub async fn withheld(db: &Db, unit: &Unit, members: &[UnitMember]) -> Result<HashSet<i64>, Error> {
    if !unit.is_sensitive() {
        return Ok(HashSet::new());
    }
    let allowed = storage::ethnocultural_export_allowed(db, unit.id).await?;
    Ok(members
        .iter()
        .map(|m| m.user_id)
        .filter(|id| !allowed.contains(id))
        .collect())
}

/// The unit's current members as the export shows them, in the reader's language.
pub async fn table(db: &Db, ctx: &Ctx, unit: &Unit) -> Result<Table, Error> {
    let members = storage::unit_members(db, unit.id).await?;
    let withheld = withheld(db, unit, &members).await?;
    let headers = [
        "field-name",
        "field-email",
        "field-phone",
        "field-birth-date",
        "field-position",
        "export-column-status",
        "field-started-on",
    ]
    .into_iter()
    .map(|id| ctx.t(id))
    .collect();
    let rows = members
        .iter()
        .filter(|m| !withheld.contains(&m.user_id))
        .map(|m| {
            vec![
                Cell::Text(m.name.clone()),
                Cell::Text(m.email.clone()),
                m.phone.clone().map_or(Cell::Empty, Cell::Plain),
                m.birth_date.map_or(Cell::Empty, Cell::Date),
                Cell::Plain(ctx.t(m.position.position().message_id())),
                Cell::Plain(ctx.t(if m.status == "pending" {
                    "membership-pending"
                } else {
                    "export-status-active"
                })),
                Cell::Date(m.started_on),
            ]
        })
        .collect();
    let left_out = withheld.len();
    Ok(Table {
        sheet: ctx.t("unit-members-list"),
        headers,
        rows,
        left_out,
        note: (left_out > 0).then(|| ctx.t1("export-left-out", "count", left_out as i64)),
        language: ctx.locale.language(),
    })
}

/// UTF-8 with a BOM (so Excel reads Cyrillic), `,` between cells, CRLF after rows.
pub fn csv(table: &Table) -> Result<Vec<u8>, Error> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(&mut out);
    let failed = |e: csv::Error| Error::Internal(anyhow::Error::new(e).context("writing CSV"));
    writer.write_record(&table.headers).map_err(failed)?;
    for row in &table.rows {
        writer
            .write_record(row.iter().map(Cell::csv_text))
            .map_err(failed)?;
    }
    if let Some(note) = &table.note {
        let mut record = vec![note.as_str(); 1];
        record.resize(table.headers.len(), "");
        writer.write_record(record).map_err(failed)?;
    }
    writer
        .flush()
        .map_err(|e| Error::Internal(anyhow::Error::new(e).context("writing CSV")))?;
    drop(writer);
    Ok(out)
}

/// An Excel workbook: a bold header row that stays in view, real dates, fitted columns.
pub fn xlsx(table: &Table) -> Result<Vec<u8>, Error> {
    write_xlsx(table).map_err(|e| Error::Internal(anyhow::Error::new(e).context("writing XLSX")))
}

fn write_xlsx(table: &Table) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format(match table.language {
        Language::En => "yyyy-mm-dd",
        Language::Kk | Language::Ru => "dd.mm.yyyy",
    });
    let sheet = workbook.add_worksheet();
    sheet.set_name(table.sheet.chars().take(31).collect::<String>())?;
    for (col, header) in table.headers.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, header, &bold)?;
    }
    for (r, row) in table.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (col, cell) in row.iter().enumerate() {
            let col = col as u16;
            match cell {
                Cell::Text(text) | Cell::Plain(text) => {
                    sheet.write_string(r, col, text)?;
                }
                Cell::Date(d) => {
                    let when =
                        ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
                    sheet.write_datetime_with_format(r, col, when, &date)?;
                }
                Cell::Empty => {}
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofit();
    // After fitting, so the long note does not widen the first column.
    if let Some(note) = &table.note {
        sheet.write_string(table.rows.len() as u32 + 2, 0, note)?;
    }
    workbook.save_to_buffer()
}

/// An ASCII file name: `members-12-2026-11-25.csv`.
pub fn file_name(unit: &Unit, today: NaiveDate, extension: &str) -> String {
    format!("members-{}-{today}.{extension}", unit.id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(note: Option<&str>) -> Table {
        Table {
            sheet: "Қатысушылар".into(),
            headers: vec!["Аты-жөні".into(), "Телефон".into(), "Туған күні".into()],
            rows: vec![vec![
                Cell::Text("=HYPERLINK(\"http://x\")".into()),
                Cell::Plain("+7 701 234 56 78".into()),
                Cell::Date(NaiveDate::from_ymd_opt(2004, 9, 1).unwrap()),
            ]],
            left_out: note.map_or(0, |_| 1),
            note: note.map(str::to_string),
            language: Language::Kk,
        }
    }

    #[test]
    fn csv_has_a_bom_crlf_and_no_formulas() {
        let bytes = csv(&table(Some("1 қатысушы шығарылмады"))).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert_eq!(
            text,
            "\u{feff}Аты-жөні,Телефон,Туған күні\r\n\"'=HYPERLINK(\"\"http://x\"\")\",+7 701 234 56 78,2004-09-01\r\n1 қатысушы шығарылмады,,\r\n"
        );
    }

    #[test]
    fn xlsx_is_a_zip_workbook() {
        let bytes = xlsx(&table(None)).unwrap();
        assert!(bytes.starts_with(b"PK"));
    }
}
