//! A bench's figures as one table (figure, measured, the same run's ceiling, target, met):
//! printed, and, with `ORTAQ_BENCH_REPORT=dir`, appended as Markdown to `dir/{file}.md`,
//! which `scripts/performance-report` gathers into `docs/performance.md`.

pub struct Report {
    title: String,
    rows: Vec<[String; 5]>,
}

impl Report {
    pub fn new(title: impl Into<String>) -> Report {
        Report {
            title: title.into(),
            rows: Vec::new(),
        }
    }

    pub fn title(&self) -> &str {
        &self.title
    }

    pub fn row(
        &mut self,
        figure: &str,
        measured: String,
        ceiling: String,
        target: String,
        met: bool,
    ) {
        let met = if target == "—" {
            "—"
        } else if met {
            "yes"
        } else {
            "**no**"
        };
        self.rows.push([
            figure.to_string(),
            measured,
            ceiling,
            target,
            met.to_string(),
        ]);
    }

    /// Prints the table and, when asked, writes it for the report.
    pub fn finish(self, file: &str) {
        let mut md = format!(
            "### {}\n\n| figure | measured | ceiling, same run | target | met |\n|---|---|---|---|---|\n",
            self.title
        );
        for r in &self.rows {
            md.push_str(&format!("| {} |\n", r.join(" | ")));
        }
        md.push('\n');
        println!("{md}");
        if let Ok(dir) = std::env::var("ORTAQ_BENCH_REPORT") {
            use std::io::Write;
            std::fs::create_dir_all(&dir).expect("the report folder");
            let mut f = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(std::path::Path::new(&dir).join(format!("{file}.md")))
                .expect("the report file");
            f.write_all(md.as_bytes()).expect("writing the report");
        }
    }
}
