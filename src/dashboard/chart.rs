//! A chart is a table of numbers and a way to draw it. Every chart of the dashboard is
//! built as a [`Chart`]; the SVG (`svg.rs`), the accessible table beside it, the CSV and
//! the XLSX downloads and the API all read the same [`Table`], so they cannot disagree.

use serde::Serialize;

/// One number of a table.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Value {
    Count(i64),
    /// Percent, one decimal; null when there is nothing to divide by.
    Percent(Option<f64>),
    /// Hidden because the group is too small to show without singling someone out.
    Withheld,
}

impl Value {
    /// The number a plot draws (withheld and empty draw nothing).
    pub fn number(&self) -> Option<f64> {
        match self {
            Value::Count(n) => Some(*n as f64),
            Value::Percent(p) => *p,
            Value::Withheld => None,
        }
    }
}

/// One row: its label (a unit, a month, an hour …) and one value per column.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Row {
    pub label: String,
    /// `lang` of the label when it is user-written text in another language.
    #[serde(skip)]
    pub lang: Option<&'static str>,
    /// Counts, percents (one decimal), or null (nothing to divide by, or withheld).
    #[schema(value_type = Vec<Option<f64>>)]
    pub values: Vec<Value>,
}

/// The numbers of a chart: the first header names the label column.
#[derive(Clone, Debug, Default, Serialize, utoipa::ToSchema)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
}

/// How a table is drawn.
#[derive(Clone, Debug, PartialEq)]
pub enum Plot {
    /// One horizontal bar per row, the value of `column` (long labels read well on a phone).
    Bars { column: usize },
    /// One vertical column per row (rows are periods), the value of `column`.
    Columns { column: usize },
    /// One line per listed column (a series), rows along the x axis (periods).
    Lines { columns: Vec<usize> },
    /// Rows × columns, each cell shaded by its percent.
    Heat,
}

/// A chart as the dashboard shows it.
#[derive(Clone, Debug)]
pub struct Chart {
    /// Stable key: the anchor on the page and the name of its downloads.
    pub key: &'static str,
    pub title: String,
    /// What the numbers are, under the title.
    pub caption: String,
    pub table: Table,
    pub plot: Plot,
}

/// A chart on the API: its numbers.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct ChartData {
    pub key: String,
    pub title: String,
    pub caption: String,
    #[serde(flatten)]
    pub table: Table,
}

impl From<&Chart> for ChartData {
    fn from(chart: &Chart) -> ChartData {
        ChartData {
            key: chart.key.to_string(),
            title: chart.title.clone(),
            caption: chart.caption.clone(),
            table: chart.table.clone(),
        }
    }
}
