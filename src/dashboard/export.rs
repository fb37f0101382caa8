//! Every chart's table as CSV (UTF-8 with a BOM, CRLF, as spreadsheet programs expect)
//! and as XLSX (numbers as numbers, percents formatted), headers in the reader's language.

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::chart::{Chart, Value};
use crate::error::Error;

fn csv_value(value: &Value) -> String {
    match value {
        Value::Count(n) => n.to_string(),
        Value::Percent(Some(p)) => format!("{p:.1}"),
        Value::Percent(None) | Value::Withheld => String::new(),
    }
}

/// A label can be user-written: a leading `=`, `+`, `-` or `@` must not become a formula.
fn csv_label(label: &str) -> String {
    if label.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{label}")
    } else {
        label.to_string()
    }
}

pub fn csv(chart: &Chart) -> Result<Vec<u8>, Error> {
    let failed = |e: csv::Error| Error::Internal(anyhow::Error::new(e).context("writing CSV"));
    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        writer.write_record(&chart.table.headers).map_err(failed)?;
        for row in &chart.table.rows {
            let mut record = vec![csv_label(&row.label)];
            record.extend(row.values.iter().map(csv_value));
            writer.write_record(&record).map_err(failed)?;
        }
        writer
            .flush()
            .map_err(|e| Error::Internal(anyhow::Error::new(e).context("writing CSV")))?;
    }
    Ok(out)
}

pub fn xlsx(chart: &Chart) -> Result<Vec<u8>, Error> {
    write_xlsx(chart).map_err(|e| Error::Internal(anyhow::Error::new(e).context("writing XLSX")))
}

fn write_xlsx(chart: &Chart) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let percent = Format::new().set_num_format("0.0");
    let sheet = workbook.add_worksheet();
    // Sheet names: at most 31 characters, none of []:*?/\.
    let name: String = chart
        .title
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect();
    sheet.set_name(name)?;
    for (col, header) in chart.table.headers.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, header, &bold)?;
    }
    for (r, row) in chart.table.rows.iter().enumerate() {
        let r = r as u32 + 1;
        sheet.write_string(r, 0, &row.label)?;
        for (c, value) in row.values.iter().enumerate() {
            let col = c as u16 + 1;
            match value {
                Value::Count(n) => {
                    sheet.write_number(r, col, *n as f64)?;
                }
                Value::Percent(Some(p)) => {
                    sheet.write_number_with_format(r, col, *p, &percent)?;
                }
                Value::Percent(None) | Value::Withheld => {}
            }
        }
    }
    sheet.autofit();
    workbook.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dashboard::chart::{Plot, Row, Table};

    fn chart() -> Chart {
        Chart {
            key: "youth-share",
            title: "Жастар үлесі".into(),
            caption: String::new(),
            table: Table {
                headers: vec!["Бөлімше".into(), "Қатысушылар".into(), "Үлес, %".into()],
                rows: vec![
                    Row {
                        label: "=Ақтөбе".into(),
                        lang: None,
                        values: vec![Value::Count(70), Value::Percent(Some(34.5))],
                    },
                    Row {
                        label: "Корей".into(),
                        lang: None,
                        values: vec![Value::Withheld, Value::Percent(None)],
                    },
                ],
            },
            plot: Plot::Bars { column: 1 },
        }
    }

    #[test]
    fn csv_has_headers_numbers_and_no_formulas() {
        let text = String::from_utf8(csv(&chart()).unwrap()).unwrap();
        assert_eq!(
            text,
            "\u{feff}Бөлімше,Қатысушылар,\"Үлес, %\"\r\n'=Ақтөбе,70,34.5\r\nКорей,,\r\n"
        );
    }

    #[test]
    fn xlsx_is_a_workbook() {
        assert!(xlsx(&chart()).unwrap().starts_with(b"PK"));
    }
}
