//! Reads vector files and runs their cases: what the `spec` binary prints.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde_json::value::RawValue;

use crate::Case;

/// What a run printed and counted.
#[derive(Debug, Default)]
pub struct Report {
    /// `FAIL …` lines, and with `--explain` one line per case.
    pub lines: Vec<String>,
    /// Cases that passed.
    pub passed: usize,
    /// Cases (or whole files) that failed.
    pub failed: usize,
    /// Cases that did not run here (`SKIP`), counted apart, never passed.
    pub skipped: usize,
}

impl Report {
    /// The closing line.
    #[must_use]
    pub fn summary(&self) -> String {
        if self.skipped == 0 {
            format!("{} passed, {} failed", self.passed, self.failed)
        } else {
            format!("{} passed, {} failed, {} skipped", self.passed, self.failed, self.skipped)
        }
    }

    /// Exit status 0: no failure and at least one case.
    #[must_use]
    pub fn succeeded(&self) -> bool {
        self.failed == 0 && self.passed > 0
    }

    fn fail(&mut self, file: &str, name: &str, what: &str) {
        self.failed += 1;
        self.lines.push(format!("FAIL {file} :: {name} :: {what}"));
    }
}

/// Runs every path: a file, or a directory's `*.json` files sorted by name.
#[must_use]
pub fn run_paths(paths: &[PathBuf], explain: bool) -> Report {
    let mut report = Report::default();
    for path in paths {
        match files(path) {
            Ok(files) => {
                for file in files {
                    let label = file.display().to_string();
                    match std::fs::read_to_string(&file) {
                        Ok(text) => run_text(&label, &text, explain, &mut report),
                        Err(error) => report.fail(&label, "(whole file)", &format!("cannot read: {error}")),
                    }
                }
            }
            Err(error) => report.fail(&path.display().to_string(), "(whole file)", &format!("cannot read: {error}")),
        }
    }
    report
}

fn files(path: &Path) -> std::io::Result<Vec<PathBuf>> {
    if !path.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files = Vec::new();
    for entry in std::fs::read_dir(path)? {
        let file = entry?.path();
        if file.is_file() && file.extension().is_some_and(|extension| extension == "json") {
            files.push(file);
        }
    }
    files.sort();
    Ok(files)
}

/// Runs the cases of one file's text; `file` labels its lines.
pub fn run_text(file: &str, text: &str, explain: bool, report: &mut Report) {
    // Each case is kept as its text, so that request bodies reach the parsers as written.
    let cases: Vec<&RawValue> = match serde_json::from_str::<serde_json::Value>(text) {
        Ok(serde_json::Value::Array(_)) => match serde_json::from_str(text) {
            Ok(cases) => cases,
            Err(error) => return report.fail(file, "(whole file)", &format!("not valid JSON: {error}")),
        },
        Ok(_) => return report.fail(file, "(whole file)", "not an array of cases"),
        Err(error) => return report.fail(file, "(whole file)", &format!("not valid JSON: {error}")),
    };
    let mut names = HashSet::new();
    for (index, raw) in cases.into_iter().enumerate() {
        let value: serde_json::Value = serde_json::from_str(raw.get()).unwrap_or_default();
        let name =
            value.get("name").and_then(serde_json::Value::as_str).map_or_else(|| format!("#{index}"), str::to_owned);
        let case: Case = match serde_json::from_str(raw.get()) {
            Ok(case) => case,
            Err(error) => {
                report.fail(file, &name, &format!("invalid case: {error}"));
                continue;
            }
        };
        if !names.insert(case.name.clone()) {
            report.fail(file, &name, "duplicate case name in this file");
            continue;
        }
        let verdict = case.run();
        if explain {
            report.lines.push(format!("CASE {file} :: {name} :: {}", verdict.explanation));
        }
        if let Some(reason) = &verdict.skipped {
            report.skipped += 1;
            report.lines.push(format!("SKIP {file} :: {name} :: ({reason})"));
        } else if verdict.failures.is_empty() {
            report.passed += 1;
        } else {
            report.fail(file, &name, &verdict.failures.join("; "));
        }
    }
}
