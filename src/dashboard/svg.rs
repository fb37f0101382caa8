//! Server-drawn charts: a [`Chart`]'s table becomes marks (rectangles, lines, dots,
//! labels) in a fixed coordinate box; `templates/dashboard/svg.html` writes them as an
//! inline `<svg>` (askama escapes every label), scaled to the screen by its `viewBox`.
//!
//! Hand-written rather than plotters: plotters' SVG backend needs a font backend to lay
//! out text (system fonts or a bundled TTF) and emits bare `<text>`/`<rect>` without
//! `role`, `<title>` or classes for the stylesheet; here the SVG is a few hundred bytes
//! of marks with classes (colours, dash patterns and the dark/print variants live in
//! `ortaq.css`), titled for assistive technology, with the same numbers in a `<table>`
//! beside it. No dependency, no fonts, light on a phone.

use super::chart::{Chart, Plot, Value};
use crate::i18n::Locale;

/// The width of every chart's coordinate box.
pub const WIDTH: f64 = 640.0;
/// Series beyond this many are in the table only.
pub const MAX_SERIES: usize = 6;

#[derive(Clone, Debug, PartialEq)]
pub enum Mark {
    Rect {
        x: f64,
        y: f64,
        w: f64,
        h: f64,
        class: String,
        /// What the rectangle stands for (a tooltip).
        label: String,
    },
    Line {
        x1: f64,
        y1: f64,
        x2: f64,
        y2: f64,
        class: String,
    },
    Path {
        d: String,
        class: String,
    },
    Dot {
        cx: f64,
        cy: f64,
        class: String,
        label: String,
    },
    Text {
        x: f64,
        y: f64,
        /// `start`, `middle` or `end`.
        anchor: &'static str,
        class: &'static str,
        text: String,
    },
}

/// A drawn chart.
#[derive(Clone, Debug)]
pub struct Svg {
    pub width: f64,
    pub height: f64,
    pub marks: Vec<Mark>,
}

/// A round number at or above `max` (1, 2 or 5 times a power of ten), so axes read well.
pub fn nice_max(max: f64) -> f64 {
    if max <= 0.0 {
        return 1.0;
    }
    let power = 10f64.powf(max.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|v| *v >= max)
        .unwrap_or(10.0 * power)
}

/// A value as the reader writes it: a count, or a percent with their decimal sign.
pub fn show(value: &Value, locale: Locale) -> String {
    match value {
        Value::Count(n) => crate::i18n::format::integer(*n, locale.language()),
        Value::Percent(Some(p)) => crate::occupancy::routes::percent(*p, locale),
        Value::Percent(None) | Value::Withheld => "—".to_string(),
    }
}

fn r1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

pub fn draw(chart: &Chart, locale: Locale) -> Svg {
    match &chart.plot {
        Plot::Bars { column } => bars(chart, *column, locale),
        Plot::Columns { column } => columns(chart, *column, locale),
        Plot::Lines { columns } => lines(chart, columns, locale),
        Plot::Heat => heat(chart, locale),
    }
}

fn bars(chart: &Chart, column: usize, locale: Locale) -> Svg {
    const ROW: f64 = 38.0;
    let rows = &chart.table.rows;
    let max = nice_max(
        rows.iter()
            .filter_map(|r| r.values.get(column).and_then(Value::number))
            .fold(0.0, f64::max),
    );
    let left = 8.0;
    let span = WIDTH - left - 70.0;
    let mut marks = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let y = i as f64 * ROW;
        marks.push(Mark::Text {
            x: left,
            y: r1(y + 13.0),
            anchor: "start",
            class: "label",
            text: row.label.clone(),
        });
        let value = row.values.get(column).cloned().unwrap_or(Value::Withheld);
        let shown = show(&value, locale);
        let w = value.number().map_or(0.0, |v| r1(v / max * span));
        marks.push(Mark::Rect {
            x: left,
            y: r1(y + 18.0),
            w: w.max(1.0),
            h: 14.0,
            class: "bar s0".to_string(),
            label: format!("{}: {shown}", row.label),
        });
        marks.push(Mark::Text {
            x: r1(left + w + 6.0),
            y: r1(y + 30.0),
            anchor: "start",
            class: "value",
            text: shown,
        });
    }
    Svg {
        width: WIDTH,
        height: r1((rows.len() as f64 * ROW).max(ROW)),
        marks,
    }
}

/// The plot area of charts with a time axis.
struct Axes {
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
    max: f64,
}

impl Axes {
    fn new(max: f64) -> Axes {
        Axes {
            left: 48.0,
            right: WIDTH - 12.0,
            top: 12.0,
            bottom: 200.0,
            max: nice_max(max),
        }
    }

    fn y(&self, v: f64) -> f64 {
        r1(self.bottom - v / self.max * (self.bottom - self.top))
    }

    /// The centre of slot `i` of `n` along x.
    fn x(&self, i: usize, n: usize) -> f64 {
        let slot = (self.right - self.left) / n.max(1) as f64;
        r1(self.left + slot * (i as f64 + 0.5))
    }

    fn slot(&self, n: usize) -> f64 {
        (self.right - self.left) / n.max(1) as f64
    }

    /// Grid lines with their values, and the row labels under the axis (every k-th when
    /// they would crowd).
    fn frame(&self, labels: &[String], locale: Locale, marks: &mut Vec<Mark>) {
        // Four steps, or one per unit when the axis ends below 4.
        let steps: u32 = if self.max >= 4.0 { 4 } else { self.max as u32 };
        for step in 0..=steps {
            let v = self.max * f64::from(step) / f64::from(steps);
            let y = self.y(v);
            marks.push(Mark::Line {
                x1: self.left,
                y1: y,
                x2: self.right,
                y2: y,
                class: if step == 0 { "axis" } else { "grid" }.to_string(),
            });
            let text = crate::i18n::format::integer(v.round() as i64, locale.language());
            marks.push(Mark::Text {
                x: self.left - 6.0,
                y: r1(y + 4.0),
                anchor: "end",
                class: "tick",
                text,
            });
        }
        let n = labels.len();
        let every = n.div_ceil(12).max(1);
        for (i, label) in labels.iter().enumerate() {
            if i % every != 0 {
                continue;
            }
            marks.push(Mark::Text {
                x: self.x(i, n),
                y: self.bottom + 16.0,
                anchor: "middle",
                class: "tick",
                text: label.clone(),
            });
        }
    }
}

fn columns(chart: &Chart, column: usize, locale: Locale) -> Svg {
    let rows = &chart.table.rows;
    let values: Vec<Value> = rows
        .iter()
        .map(|r| r.values.get(column).cloned().unwrap_or(Value::Withheld))
        .collect();
    let axes = Axes::new(values.iter().filter_map(Value::number).fold(0.0, f64::max));
    let mut marks = Vec::new();
    let labels: Vec<String> = rows.iter().map(|r| r.label.clone()).collect();
    axes.frame(&labels, locale, &mut marks);
    let n = rows.len();
    let w = r1(axes.slot(n) * 0.7);
    for (i, (row, value)) in rows.iter().zip(&values).enumerate() {
        let v = value.number().unwrap_or(0.0);
        let y = axes.y(v);
        marks.push(Mark::Rect {
            x: r1(axes.x(i, n) - w / 2.0),
            y,
            w,
            h: r1(axes.bottom - y),
            class: "bar s0".to_string(),
            label: format!("{}: {}", row.label, show(value, locale)),
        });
    }
    Svg {
        width: WIDTH,
        height: axes.bottom + 24.0,
        marks,
    }
}

fn lines(chart: &Chart, series: &[usize], locale: Locale) -> Svg {
    let rows = &chart.table.rows;
    let series: Vec<usize> = series.iter().copied().take(MAX_SERIES).collect();
    let max = rows
        .iter()
        .flat_map(|r| series.iter().filter_map(|c| r.values.get(*c)?.number()))
        .fold(0.0, f64::max);
    let axes = Axes::new(max);
    let mut marks = Vec::new();
    let labels: Vec<String> = rows.iter().map(|r| r.label.clone()).collect();
    axes.frame(&labels, locale, &mut marks);
    let n = rows.len();
    for (s, column) in series.iter().enumerate() {
        let name = chart
            .table
            .headers
            .get(column + 1)
            .cloned()
            .unwrap_or_default();
        let mut d = String::new();
        for (i, row) in rows.iter().enumerate() {
            let Some(value) = row.values.get(*column) else {
                continue;
            };
            let Some(v) = value.number() else { continue };
            let (x, y) = (axes.x(i, n), axes.y(v));
            d.push_str(&format!("{}{x} {y}", if d.is_empty() { "M" } else { " L" }));
            marks.push(Mark::Dot {
                cx: x,
                cy: y,
                class: format!("dot s{s}"),
                label: format!("{name}, {}: {}", row.label, show(value, locale)),
            });
        }
        if !d.is_empty() {
            marks.insert(
                0,
                Mark::Path {
                    d,
                    class: format!("line s{s}"),
                },
            );
        }
        // The legend, one series a line under the axis.
        let y = axes.bottom + 40.0 + s as f64 * 18.0;
        marks.push(Mark::Line {
            x1: axes.left,
            y1: r1(y - 4.0),
            x2: axes.left + 28.0,
            y2: r1(y - 4.0),
            class: format!("line s{s}"),
        });
        marks.push(Mark::Text {
            x: axes.left + 36.0,
            y: r1(y),
            anchor: "start",
            class: "label",
            text: name,
        });
    }
    Svg {
        width: WIDTH,
        height: r1(axes.bottom + 32.0 + series.len() as f64 * 18.0),
        marks,
    }
}

/// Shade 0 (nothing) … 6 (full) of a percent.
pub fn shade(percent: Option<f64>) -> u8 {
    match percent {
        None => 0,
        Some(p) if p <= 0.0 => 1,
        Some(p) => 2 + ((p / 100.0 * 4.0).floor().clamp(0.0, 4.0) as u8),
    }
}

fn heat(chart: &Chart, locale: Locale) -> Svg {
    const CELL_H: f64 = 18.0;
    let rows = &chart.table.rows;
    let columns = chart.table.headers.len().saturating_sub(1);
    let left = 52.0;
    let top = 20.0;
    let cell_w = (WIDTH - left) / columns.max(1) as f64;
    let mut marks = Vec::new();
    for (c, header) in chart.table.headers.iter().skip(1).enumerate() {
        marks.push(Mark::Text {
            x: r1(left + cell_w * (c as f64 + 0.5)),
            y: 14.0,
            anchor: "middle",
            class: "tick",
            text: header.clone(),
        });
    }
    for (r, row) in rows.iter().enumerate() {
        let y = top + r as f64 * CELL_H;
        marks.push(Mark::Text {
            x: left - 6.0,
            y: r1(y + 13.0),
            anchor: "end",
            class: "tick",
            text: row.label.clone(),
        });
        for (c, value) in row.values.iter().enumerate() {
            let shown = show(value, locale);
            marks.push(Mark::Rect {
                x: r1(left + cell_w * c as f64),
                y: r1(y),
                w: r1(cell_w - 2.0),
                h: CELL_H - 2.0,
                class: format!("heat h{}", shade(value.number())),
                label: format!(
                    "{}, {}: {shown}",
                    chart.table.headers.get(c + 1).cloned().unwrap_or_default(),
                    row.label
                ),
            });
        }
    }
    Svg {
        width: WIDTH,
        height: r1(top + rows.len() as f64 * CELL_H + 4.0),
        marks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dashboard::chart::{Row, Table};

    #[test]
    fn axes_end_on_round_numbers() {
        assert_eq!(nice_max(0.0), 1.0);
        assert_eq!(nice_max(7.0), 10.0);
        assert_eq!(nice_max(13.0), 20.0);
        assert_eq!(nice_max(42.0), 50.0);
        assert_eq!(nice_max(100.0), 100.0);
        assert_eq!(nice_max(2600.0), 5000.0);
    }

    #[test]
    fn bars_are_as_long_as_their_values() {
        let chart = Chart {
            key: "k",
            title: "t".into(),
            caption: "c".into(),
            table: Table {
                headers: vec!["unit".into(), "n".into()],
                rows: vec![
                    Row {
                        label: "A".into(),
                        lang: None,
                        values: vec![Value::Count(50)],
                    },
                    Row {
                        label: "B".into(),
                        lang: None,
                        values: vec![Value::Count(25)],
                    },
                ],
            },
            plot: Plot::Bars { column: 0 },
        };
        let svg = draw(&chart, Locale::En);
        let widths: Vec<f64> = svg
            .marks
            .iter()
            .filter_map(|m| match m {
                Mark::Rect { w, .. } => Some(*w),
                _ => None,
            })
            .collect();
        assert_eq!(widths.len(), 2);
        assert!((widths[0] - 2.0 * widths[1]).abs() < 0.2, "{widths:?}");
    }

    #[test]
    fn shades_grow_with_the_percent() {
        assert_eq!(shade(None), 0);
        assert_eq!(shade(Some(0.0)), 1);
        assert_eq!(shade(Some(10.0)), 2);
        assert_eq!(shade(Some(60.0)), 4);
        assert_eq!(shade(Some(100.0)), 6);
    }
}
