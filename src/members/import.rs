//! CSV import of a branch's member spreadsheet: read, check every row, commit all or nothing.
//!
//! The file has a header row whose names may be English, Russian or Kazakh, in any case
//! (`full_name`, `ФИО`, `Аты-жөні`, …); cells are separated by `,`, `;` (what Excel writes
//! in a Russian locale) or a tab; the text is UTF-8, with or without a BOM (the page's
//! script also decodes Windows-1251 files in the browser). Unknown columns are ignored and
//! named on the preview.
//!
//! [`check`] writes nothing: it parses each row with the members' own parsers and looks for
//! duplicates in the file and in the database. [`commit`] creates every account, profile,
//! membership and audit entry in one transaction, and is only called on a file without errors.
//! Staff import is not the person's consent: no consent is recorded.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde_json::json;

use super::model::{Phone, Position, age_on, optional_text, parse_birth_date};
use super::storage::{self, ProfileData};
use crate::accounts::{DisplayName, Email, storage as accounts};
use crate::audit;
use crate::auth::password::{self, Password};
use crate::db::Db;
use crate::error::{Error, FieldError};
use crate::i18n::{self, Locale};
use crate::org::{self, Unit};

/// The most rows one import takes (the request body is also capped, at 1 MiB).
pub const MAX_ROWS: usize = 2000;

/// A column the import understands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Name,
    Email,
    Phone,
    BirthDate,
    City,
    Position,
    Unit,
}

impl Column {
    pub const ALL: [Column; 7] = [
        Column::Name,
        Column::Email,
        Column::Phone,
        Column::BirthDate,
        Column::City,
        Column::Position,
        Column::Unit,
    ];

    fn index(self) -> usize {
        self as usize
    }

    /// The English header name.
    pub fn key(self) -> &'static str {
        match self {
            Column::Name => "full_name",
            Column::Email => "email",
            Column::Phone => "phone",
            Column::BirthDate => "birth_date",
            Column::City => "city",
            Column::Position => "position",
            Column::Unit => "unit",
        }
    }

    /// The field its errors name; `field-{field}` is its label in the Fluent files.
    pub fn field(self) -> &'static str {
        match self {
            Column::Name => "name",
            Column::Unit => "unit_id",
            other => other.key(),
        }
    }

    pub fn label_id(self) -> String {
        format!("field-{}", self.field().replace('_', "-"))
    }

    pub fn required(self) -> bool {
        matches!(
            self,
            Column::Name | Column::Email | Column::Phone | Column::BirthDate
        )
    }

    /// Header names besides the key, the field and its label in every language.
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Column::Name => &["фио", "ф.и.о.", "имя", "аты-жөні", "аты жөні"],
            Column::Email => &[
                "e-mail",
                "почта",
                "эл. почта",
                "электронная почта",
                "электрондық пошта",
            ],
            Column::Phone => &["телефон", "номер телефона", "телефон нөмірі"],
            Column::BirthDate => &["date of birth", "дата рождения", "туған күні"],
            Column::City => &["город", "қала"],
            Column::Position => &["должность", "лауазымы", "лауазым"],
            Column::Unit => &["подразделение", "бөлімше"],
        }
    }

    fn from_header(raw: &str) -> Option<Column> {
        let header = normalize(raw);
        if header.is_empty() {
            return None;
        }
        Column::ALL.into_iter().find(|c| {
            normalize(c.key()) == header
                || normalize(c.field()) == header
                || c.aliases().iter().any(|a| normalize(a) == header)
                || Locale::ALL
                    .iter()
                    .any(|l| normalize(&i18n::translate(*l, &c.label_id(), None)) == header)
        })
    }
}

/// A header or a choice as compared: trimmed, lowercased, `_` as a space, spaces collapsed.
fn normalize(raw: &str) -> String {
    raw.trim()
        .trim_end_matches([':', '*'])
        .to_lowercase()
        .replace('_', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A position as written in a spreadsheet: its code or its name in any language; empty is a member.
pub fn parse_position(raw: &str) -> Option<Position> {
    let wanted = normalize(raw);
    if wanted.is_empty() {
        return Some(Position::Member);
    }
    Position::ALL
        .into_iter()
        .find(|p| {
            normalize(p.as_str()) == wanted
                || Locale::ALL
                    .iter()
                    .any(|l| normalize(&i18n::translate(*l, &p.message_id(), None)) == wanted)
        })
        .or(match wanted.as_str() {
            "член" | "мүше" => Some(Position::Member),
            _ => None,
        })
}

/// One row of the file as read.
#[derive(Clone, Debug)]
pub struct RawRow {
    /// The row's line in the file, the header being line 1: the number a spreadsheet shows.
    pub line: u64,
    /// Cells in the order of [`Column::ALL`], trimmed; empty where the file has no such column.
    pub cells: [String; 7],
}

impl RawRow {
    pub fn cell(&self, column: Column) -> &str {
        &self.cells[column.index()]
    }
}

/// The file as read: its columns, the headers it has that the import does not use, its rows.
#[derive(Debug)]
pub struct Sheet {
    pub columns: Vec<Column>,
    pub ignored: Vec<String>,
    pub rows: Vec<RawRow>,
}

/// The separator Excel's `sep=;` hint line names, else the one the header line uses most:
/// `,` `;` or a tab (`,` when none).
fn delimiter(text: &str) -> u8 {
    let header = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    if let Some(hint) = header.strip_prefix("sep=").or(header.strip_prefix("SEP="))
        && let [d @ (b',' | b';' | b'\t')] = hint.as_bytes()
    {
        return *d;
    }
    [b'\t', b';', b',']
        .into_iter()
        .max_by_key(|d| header.bytes().filter(|b| b == d).count())
        .unwrap_or(b',')
}

/// Excel's `sep=;` line, read as a record.
fn is_separator_hint(record: &csv::StringRecord) -> bool {
    record.len() <= 2
        && record
            .get(0)
            .is_some_and(|c| c.to_lowercase().starts_with("sep="))
}

/// Reads the file; a file-level problem (no header, a missing column, too many rows) is an
/// error of the `csv` field.
pub fn read(text: &str) -> Result<Sheet, FieldError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // The reader numbers lines by `\n`, one record late after a `\r\n`: count on `\n` alone.
    let text = text.replace("\r\n", "\n");
    let text = text.as_str();
    let unreadable = || FieldError::new("csv", "csv_unreadable");
    let blank = |record: &csv::StringRecord| record.iter().all(|c| c.trim().is_empty());
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(text))
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = loop {
        match records.next() {
            None => return Err(FieldError::new("csv", "required")),
            Some(Err(_)) => return Err(unreadable()),
            Some(Ok(record)) if blank(&record) || is_separator_hint(&record) => continue,
            Some(Ok(record)) => break record,
        }
    };
    let mut columns = Vec::new();
    let mut ignored = Vec::new();
    let mut positions = Vec::new();
    for cell in header.iter() {
        let column = Column::from_header(cell);
        match column {
            Some(c) if columns.contains(&c) => {
                return Err(FieldError::new("csv", "csv_duplicate_column"));
            }
            Some(c) => columns.push(c),
            None if !cell.trim().is_empty() => ignored.push(cell.trim().to_string()),
            None => {}
        }
        positions.push(column);
    }
    if Column::ALL
        .iter()
        .any(|c| c.required() && !columns.contains(c))
    {
        return Err(FieldError::new("csv", "csv_missing_columns"));
    }
    let mut rows = Vec::new();
    for record in records {
        let record = record.map_err(|_| unreadable())?;
        if blank(&record) {
            continue;
        }
        if rows.len() == MAX_ROWS {
            return Err(FieldError::new("csv", "too_many_rows").with_limit(MAX_ROWS as i64));
        }
        let mut cells: [String; 7] = Default::default();
        for (cell, column) in record.iter().zip(&positions) {
            if let Some(column) = column {
                cells[column.index()] = cell.trim().to_string();
            }
        }
        let line = record.position().map_or(0, |p| p.line());
        rows.push(RawRow { line, cells });
    }
    if rows.is_empty() {
        return Err(FieldError::new("csv", "csv_no_rows"));
    }
    Ok(Sheet {
        columns,
        ignored,
        rows,
    })
}

/// What a row is checked against.
pub struct Rules<'a> {
    pub target: &'a Unit,
    pub units: &'a [Unit],
    /// The target and every unit below it.
    pub subtree: &'a HashSet<i64>,
    pub today: NaiveDate,
    /// The youngest and oldest age of a member.
    pub ages: (u32, u32),
}

/// The unit a row names: empty is the target; else an id or the exact Kazakh or Russian
/// name of the target or a unit below it.
fn resolve_unit(raw: &str, rules: &Rules) -> Result<i64, FieldError> {
    let raw = raw.trim();
    let found: Vec<&Unit> = if raw.is_empty() {
        vec![rules.target]
    } else if let Ok(id) = raw.parse::<i64>() {
        rules.units.iter().filter(|u| u.id == id).collect()
    } else {
        let wanted = normalize(raw);
        rules
            .units
            .iter()
            .filter(|u| {
                [&u.name.kk, &u.name.ru]
                    .into_iter()
                    .flatten()
                    .any(|n| normalize(n) == wanted)
            })
            .collect()
    };
    let inside: Vec<&&Unit> = found
        .iter()
        .filter(|u| rules.subtree.contains(&u.id))
        .collect();
    let unit = match (inside.as_slice(), found.is_empty()) {
        ([unit], _) => unit,
        ([], true) => return Err(FieldError::new("unit_id", "unknown_unit")),
        ([], false) => return Err(FieldError::new("unit_id", "unit_outside")),
        _ => return Err(FieldError::new("unit_id", "ambiguous_unit")),
    };
    if unit.is_sensitive() {
        // Membership there needs the person's own separate consent (DESIGN.md, "Personal data").
        return Err(FieldError::new("unit_id", "sensitive_unit"));
    }
    Ok(unit.id)
}

/// A row that passed every check, ready to become an account.
#[derive(Clone, Debug)]
pub struct NewMember {
    pub name: DisplayName,
    pub email: Email,
    pub phone: Phone,
    pub birth_date: NaiveDate,
    pub city: Option<String>,
    pub position: Position,
    pub unit_id: i64,
    /// Under 18: the membership waits for a coordinator's confirmation.
    pub minor: bool,
}

/// The value, or the error noted in `errors`.
fn take<T>(errors: &mut Vec<FieldError>, result: Result<T, FieldError>) -> Option<T> {
    result.map_err(|e| errors.push(e)).ok()
}

/// Checks one row on its own (duplicates are [`check`]'s); answers every error at once.
pub fn parse_row(row: &RawRow, rules: &Rules) -> Result<NewMember, Vec<FieldError>> {
    let mut errors = Vec::new();
    let name = take(&mut errors, DisplayName::parse(row.cell(Column::Name)));
    let email = take(&mut errors, Email::parse(row.cell(Column::Email)));
    let phone = take(&mut errors, Phone::parse(row.cell(Column::Phone)));
    let birth_date = take(
        &mut errors,
        parse_birth_date(
            row.cell(Column::BirthDate),
            rules.today,
            rules.ages.0,
            rules.ages.1,
        ),
    );
    let city = take(
        &mut errors,
        optional_text(row.cell(Column::City), "city", 100),
    );
    let position = take(
        &mut errors,
        parse_position(row.cell(Column::Position))
            .ok_or(FieldError::new("position", "invalid_choice")),
    );
    let unit_id = take(&mut errors, resolve_unit(row.cell(Column::Unit), rules));
    match (name, email, phone, birth_date, city, position, unit_id) {
        (
            Some(name),
            Some(email),
            Some(phone),
            Some(birth_date),
            Some(city),
            Some(position),
            Some(unit_id),
        ) => Ok(NewMember {
            minor: age_on(birth_date, rules.today) < 18,
            name,
            email,
            phone,
            birth_date,
            city,
            position,
            unit_id,
        }),
        _ => Err(errors),
    }
}

/// A row after every check.
#[derive(Debug)]
pub struct CheckedRow {
    pub raw: RawRow,
    /// In the order of the columns.
    pub errors: Vec<FieldError>,
    pub member: Option<NewMember>,
}

impl CheckedRow {
    fn refuse(&mut self, error: FieldError) {
        self.errors.push(error);
        self.member = None;
    }
}

/// The file after every check.
#[derive(Debug)]
pub struct Checked {
    pub columns: Vec<Column>,
    pub ignored: Vec<String>,
    pub rows: Vec<CheckedRow>,
}

impl Checked {
    pub fn bad(&self) -> usize {
        self.rows.iter().filter(|r| !r.errors.is_empty()).count()
    }

    pub fn ok(&self) -> usize {
        self.rows.len() - self.bad()
    }

    pub fn is_clean(&self) -> bool {
        self.bad() == 0
    }
}

/// Reads and checks every row: its fields, and whether its email or phone appears earlier in
/// the file or belongs to someone already. Writes nothing. A file-level problem is
/// `Error::Invalid` on the `csv` field.
pub async fn check(
    db: &Db,
    target: &Unit,
    text: &str,
    today: NaiveDate,
    ages: (u32, u32),
) -> Result<Checked, Error> {
    let sheet = read(text).map_err(|e| Error::Invalid(vec![e]))?;
    let units = org::storage::all(db).await?;
    let subtree: HashSet<i64> = org::storage::subtree(db, target.id)
        .await?
        .into_iter()
        .collect();
    let rules = Rules {
        target,
        units: &units,
        subtree: &subtree,
        today,
        ages,
    };
    let mut rows: Vec<CheckedRow> = sheet
        .rows
        .into_iter()
        .map(|raw| match parse_row(&raw, &rules) {
            Ok(member) => CheckedRow {
                raw,
                errors: vec![],
                member: Some(member),
            },
            Err(errors) => CheckedRow {
                raw,
                errors,
                member: None,
            },
        })
        .collect();

    // Duplicates are found on the normalized values: `8 701…` and `+7 701…` are one number.
    let emails: Vec<Option<String>> = rows
        .iter()
        .map(|r| {
            Email::parse(r.raw.cell(Column::Email))
                .ok()
                .map(|e| e.as_str().to_string())
        })
        .collect();
    let phones: Vec<Option<String>> = rows
        .iter()
        .map(|r| {
            Phone::parse(r.raw.cell(Column::Phone))
                .ok()
                .map(|p| p.as_str().to_string())
        })
        .collect();
    let taken_emails = storage::taken_emails(db, &present(&emails)).await?;
    let taken_phones = storage::taken_phones(db, &present(&phones)).await?;
    for (values, taken, field, taken_code) in [
        (&emails, &taken_emails, "email", "account_exists"),
        (&phones, &taken_phones, "phone", "phone_taken"),
    ] {
        let mut first: HashMap<&str, u64> = HashMap::new();
        for (row, value) in rows.iter_mut().zip(values) {
            let Some(value) = value else { continue };
            if taken.contains(value) {
                row.refuse(FieldError::new(field, taken_code));
            } else if let Some(line) = first.get(value.as_str()) {
                row.refuse(FieldError::new(field, "duplicate_in_file").with_limit(*line as i64));
            } else {
                first.insert(value, row.raw.line);
            }
        }
    }
    for row in &mut rows {
        row.errors.sort_by_key(|e| {
            Column::ALL
                .iter()
                .position(|c| c.field() == e.field)
                .unwrap_or(Column::ALL.len())
        });
    }
    Ok(Checked {
        columns: sheet.columns,
        ignored: sheet.ignored,
        rows,
    })
}

fn present(values: &[Option<String>]) -> Vec<String> {
    values.iter().flatten().cloned().collect()
}

/// What an import created.
#[derive(Debug)]
pub struct Committed {
    pub created: usize,
    pub pending: usize,
}

/// Creates every row's account, profile and membership in one transaction, with one audit
/// entry per account and one for the import; on any failure nothing is written.
///
/// Accounts get a password nobody knows: the Argon2 hash of a random token that is thrown
/// away, so members get in through a password reset or an administrator. One hash serves
/// the whole file: Argon2 costs tens of milliseconds a hash on purpose, and 2,000 of them
/// would hold the hashing threads, and every log-in, for a minute.
pub async fn commit(
    db: &Db,
    staff_id: i64,
    ip: &str,
    target: &Unit,
    checked: &Checked,
    today: NaiveDate,
) -> Result<Committed, Error> {
    let members: Vec<(&RawRow, &NewMember)> = checked
        .rows
        .iter()
        .filter_map(|r| r.member.as_ref().map(|m| (&r.raw, m)))
        .collect();
    if !checked.is_clean() || members.is_empty() {
        return Err(Error::Internal(anyhow::anyhow!(
            "an import with errors reached commit"
        )));
    }
    let token = crate::auth::random_token(32);
    let unusable = password::hash(
        Password::parse(&token, "password")
            .map_err(|e| anyhow::anyhow!("a random token was refused as a password: {e:?}"))?,
    )
    .await?;
    let mut tx = db.begin().await?;
    let mut pending = 0;
    for (raw, m) in &members {
        let user_id = accounts::insert(&mut tx, &m.email, m.name.as_str(), &unusable, None).await?;
        let profile = ProfileData {
            birth_date: Some(m.birth_date),
            phone: Some(m.phone.as_str().to_string()),
            city: m.city.clone(),
            ..ProfileData::default()
        };
        storage::save_profile(&mut tx, user_id, &profile, m.birth_date, None).await?;
        let membership = storage::add_membership(
            &mut tx,
            user_id,
            m.unit_id,
            m.position,
            m.minor,
            today,
            Some(staff_id),
        )
        .await?;
        pending += usize::from(m.minor);
        audit::record(
            &mut tx,
            Some(staff_id),
            "member.import",
            "user",
            Some(user_id),
            json!({"unit_id": m.unit_id, "membership_id": membership, "position": m.position.as_str(),
                   "pending": m.minor, "line": raw.line}),
            ip.parse().ok(),
        )
        .await?;
    }
    audit::record(
        &mut tx,
        Some(staff_id),
        "members.import",
        "org_unit",
        Some(target.id),
        json!({"created": members.len(), "pending": pending}),
        ip.parse().ok(),
    )
    .await?;
    tx.commit().await?;
    tracing::info!(
        unit_id = target.id,
        created = members.len(),
        pending,
        "members imported"
    );
    Ok(Committed {
        created: members.len(),
        pending,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::org::UnitKind;

    fn unit(id: i64, parent: Option<i64>, kind: UnitKind, kk: &str, ru: &str) -> Unit {
        Unit {
            id,
            parent_id: parent,
            kind,
            name: crate::i18n::Text::both(kk, ru),
            description: Default::default(),
            institution: Default::default(),
            community: None,
        }
    }

    fn units() -> Vec<Unit> {
        vec![
            unit(
                1,
                None,
                UnitKind::CityBranch,
                "Ақтөбе қалалық филиалы",
                "Актюбинский городской филиал",
            ),
            unit(
                2,
                Some(1),
                UnitKind::DostyqClub,
                "«Достық» клубы",
                "Клуб «Достық»",
            ),
            unit(
                3,
                Some(1),
                UnitKind::EthnoculturalAssociation,
                "Корей бірлестігі",
                "Корейское объединение",
            ),
            unit(4, None, UnitKind::Project, "Жоба", "Проект"),
        ]
    }

    fn row(cells: [&str; 7]) -> RawRow {
        RawRow {
            line: 2,
            cells: cells.map(str::to_string),
        }
    }

    #[test]
    fn headers_in_three_languages_any_separator_and_a_bom_are_read() {
        let sheet = read("\u{feff}ФИО;Электронная почта;Телефон;Дата рождения;Город;Примечание\r\nАнна Ким;anna@mail.kz;87011234567;01.02.2003;Ақтөбе;староста\r\n;;;;;\r\n").unwrap();
        assert_eq!(
            sheet.columns,
            [
                Column::Name,
                Column::Email,
                Column::Phone,
                Column::BirthDate,
                Column::City
            ]
        );
        assert_eq!(sheet.ignored, ["Примечание"]);
        assert_eq!(sheet.rows.len(), 1, "the blank row is skipped");
        assert_eq!(sheet.rows[0].line, 2);
        assert_eq!(sheet.rows[0].cell(Column::Email), "anna@mail.kz");
        let kk = read("Аты-жөні,Электрондық пошта,Телефон нөмірі,Туған күні,Лауазымы,Бөлімше\nА Б,a@b.kz,1,2,3,4\n").unwrap();
        assert_eq!(kk.columns.len(), 6);
        let en =
            read("Full_Name\temail\tPHONE\tbirth date\n\"Ким, Анна\"\ta@b.kz\t1\t2\n").unwrap();
        assert_eq!(en.rows[0].cell(Column::Name), "Ким, Анна");
        let hinted =
            read("sep=;\r\nФИО;email;phone;birth_date\r\nАнна Ким, мл.;a@b.kz;1;2\r\n").unwrap();
        assert_eq!(
            (hinted.rows[0].line, hinted.rows[0].cell(Column::Name)),
            (3, "Анна Ким, мл.")
        );
    }

    #[test]
    fn a_file_without_its_columns_or_with_too_many_rows_is_refused() {
        assert_eq!(read(" \n").unwrap_err().code, "required");
        assert_eq!(
            read("full_name,email\nА Б,a@b.kz\n").unwrap_err().code,
            "csv_missing_columns"
        );
        assert_eq!(
            read("full_name,email,phone,birth_date,ФИО\n")
                .unwrap_err()
                .code,
            "csv_duplicate_column"
        );
        assert_eq!(
            read("full_name,email,phone,birth_date\n").unwrap_err().code,
            "csv_no_rows"
        );
        let mut big = String::from("full_name,email,phone,birth_date\n");
        for i in 0..=MAX_ROWS {
            big.push_str(&format!("Name {i},n{i}@mail.kz,8701{i:07},2000-01-01\n"));
        }
        let error = read(&big).unwrap_err();
        assert_eq!(
            (error.code, error.limit),
            ("too_many_rows", Some(MAX_ROWS as i64))
        );
    }

    #[test]
    fn positions_are_read_in_every_language() {
        assert_eq!(parse_position(""), Some(Position::Member));
        assert_eq!(parse_position("youth_deputy"), Some(Position::YouthDeputy));
        assert_eq!(parse_position("Координатор"), Some(Position::Coordinator));
        assert_eq!(parse_position("төраға"), Some(Position::Chair));
        assert_eq!(
            parse_position("Молодой заместитель"),
            Some(Position::YouthDeputy)
        );
        assert_eq!(parse_position("мүше"), Some(Position::Member));
        assert_eq!(parse_position("president"), None);
    }

    #[test]
    fn a_row_names_its_unit_by_number_or_name_within_the_target() {
        let units = units();
        let subtree: HashSet<i64> = [1, 2, 3].into();
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let rules = Rules {
            target: &units[0],
            units: &units,
            subtree: &subtree,
            today,
            ages: (14, 35),
        };
        let cells = |unit: &'static str| {
            row([
                "Анна Ким",
                "anna@mail.kz",
                "87011234567",
                "2010-01-01",
                "",
                "",
                unit,
            ])
        };
        let ok = parse_row(&cells(""), &rules).unwrap();
        assert_eq!((ok.unit_id, ok.minor), (1, true));
        assert_eq!(ok.phone.as_str(), "+7 701 123 45 67");
        assert_eq!(parse_row(&cells("2"), &rules).unwrap().unit_id, 2);
        assert_eq!(
            parse_row(&cells(" клуб «достық» "), &rules)
                .unwrap()
                .unit_id,
            2
        );
        for (raw, code) in [
            ("4", "unit_outside"),
            ("Проект", "unit_outside"),
            ("99", "unknown_unit"),
            ("Несуществующий", "unknown_unit"),
            ("3", "sensitive_unit"),
        ] {
            assert_eq!(
                parse_row(&cells(raw), &rules).unwrap_err()[0].code,
                code,
                "{raw}"
            );
        }
        let bad = parse_row(
            &row([
                "",
                "not-an-email",
                "+7 912 345 67 89",
                "1980-01-01",
                "",
                "boss",
                "99",
            ]),
            &rules,
        )
        .unwrap_err();
        let codes: Vec<_> = bad.iter().map(|e| (e.field, e.code)).collect();
        assert_eq!(
            codes,
            [
                ("name", "required"),
                ("email", "invalid_email"),
                ("phone", "invalid_phone"),
                ("birth_date", "too_old"),
                ("position", "invalid_choice"),
                ("unit_id", "unknown_unit")
            ]
        );
    }
}
