//! Reads vector files and runs their cases: what the `spec` binary prints, the `JUnit` report and
//! the coverage of the lifecycle table.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use serde_json::value::RawValue;
use strum::IntoEnumIterator;

use card_lifecycle::{CardStatus, Operation};

use crate::{Case, HttpService};

/// What the cases run against.
#[derive(Debug)]
pub enum Target {
    /// The library, in process.
    Library,
    /// A server under test (`--server URL`).
    Server(Box<HttpService>),
}

/// One case's outcome, for the reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseResult {
    /// The file it came from.
    pub file: String,
    /// Its name.
    pub name: String,
    /// Its `source`.
    pub source: Option<String>,
    /// What differed; empty when it passed.
    pub failures: Vec<String>,
    /// Why it did not run, when it did not.
    pub skipped: Option<String>,
    /// What decided it.
    pub explanation: String,
}

/// What a run printed and counted.
#[derive(Debug, Default)]
pub struct Report {
    /// `FAIL …` and `SKIP …` lines, and with `--explain` one line per case.
    pub lines: Vec<String>,
    /// Cases that passed.
    pub passed: usize,
    /// Cases (or whole files) that failed.
    pub failed: usize,
    /// Cases that did not run here (`SKIP`), counted apart, never passed.
    pub skipped: usize,
    /// Every case, in the order run.
    pub cases: Vec<CaseResult>,
    /// The lifecycle cells the single-step cases exercised: (status, operation) → the
    /// decisions seen (`accepted (200)`, `refused by <rule>`).
    pub coverage: std::collections::HashMap<(CardStatus, Operation), BTreeSet<String>>,
}

impl Report {
    /// The closing line: `N passed, N failed`, and `, N skipped` when any were.
    #[must_use]
    pub fn summary(&self) -> String {
        if self.skipped == 0 {
            format!("{} passed, {} failed", self.passed, self.failed)
        } else {
            format!("{} passed, {} failed, {} skipped", self.passed, self.failed, self.skipped)
        }
    }

    /// How this run's verdicts differ, case by case, from `reference`'s: the same files run on
    /// another target (the library, say). A case passes in one and fails in the other; a case
    /// is skipped here for a reason `may_skip` does not accept; a case the reference skips (it
    /// checks what only a server checks) fails here; the two runs list other cases. Empty when
    /// they agree.
    #[must_use]
    pub fn differences(&self, reference: &Self, may_skip: impl Fn(&str) -> bool) -> Vec<String> {
        let mut differ = Vec::new();
        if self.cases.len() != reference.cases.len() {
            differ.push(format!("{} cases here, {} in the reference", self.cases.len(), reference.cases.len()));
        }
        for (case, expected) in self.cases.iter().zip(&reference.cases) {
            let name = format!("{} :: {}", case.file, case.name);
            if (&case.file, &case.name) != (&expected.file, &expected.name) {
                differ.push(format!("{name}: the reference ran {} :: {} here", expected.file, expected.name));
            } else if let Some(reason) = &case.skipped {
                if !may_skip(reason) {
                    differ.push(format!("{name}: skipped: {reason}"));
                }
            } else if expected.skipped.is_some() {
                if !case.failures.is_empty() {
                    differ.push(format!("{name}: {:?}", case.failures));
                }
            } else if case.failures.is_empty() != expected.failures.is_empty() {
                differ.push(format!("{name}: here {:?}, reference {:?}", case.failures, expected.failures));
            }
        }
        differ
    }

    /// Exit status 0: no failure and at least one case.
    #[must_use]
    pub fn succeeded(&self) -> bool {
        self.failed == 0 && self.passed > 0
    }

    fn fail(&mut self, file: &str, name: &str, what: &str) {
        self.failed += 1;
        self.lines.push(format!("FAIL {file} :: {name} :: {what}"));
        self.cases.push(CaseResult {
            file: file.to_owned(),
            name: name.to_owned(),
            source: None,
            failures: vec![what.to_owned()],
            skipped: None,
            explanation: String::new(),
        });
    }

    /// The `JUnit` XML report: one `testsuite` per file, one `testcase` per case named
    /// `<file> :: <name>`, its `source` as a property, a `failure` with the differences, a
    /// `skipped` with the reason.
    ///
    /// ```
    /// use card_lifecycle_spec::{run_text, Report};
    /// let mut report = Report::default();
    /// run_text("a.json", r#"[{ "name": "x", "source": "S2", "given": { "card": { "status": "NORMAL" } },
    ///     "when": { "operation": "put-v1-card-activate" }, "then": { "accepted": true } }]"#, false, &mut report);
    /// let xml = report.junit();
    /// assert!(xml.contains(r#"<testcase name="a.json :: x""#));
    /// assert!(xml.contains("<failure"));
    /// ```
    #[must_use]
    pub fn junit(&self) -> String {
        use quick_junit::{NonSuccessKind, Property, TestCase, TestCaseStatus, TestSuite};
        let mut report = quick_junit::Report::new("card-lifecycle conformance vectors");
        let mut suites: BTreeMap<&str, TestSuite> = BTreeMap::new();
        for case in &self.cases {
            let suite = suites.entry(&case.file).or_insert_with(|| TestSuite::new(case.file.clone()));
            let status = if let Some(reason) = &case.skipped {
                let mut status = TestCaseStatus::skipped();
                status.set_message(reason.clone());
                status
            } else if case.failures.is_empty() {
                TestCaseStatus::success()
            } else {
                let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
                status.set_message(case.failures.join("; "));
                status
            };
            let mut test = TestCase::new(format!("{} :: {}", case.file, case.name), status);
            if let Some(source) = &case.source {
                test.add_property(Property::new("source", source.clone()));
            }
            suite.add_test_case(test);
        }
        report.add_test_suites(suites.into_values());
        report.to_string().unwrap_or_default()
    }

    /// The coverage of the lifecycle the single-step cases exercised, in the crate's terms:
    /// for every status a card can be in and every operation on a card, the decisions seen,
    /// or `untouched`; then the count of cells touched.
    #[must_use]
    pub fn coverage_lines(&self) -> Vec<String> {
        let operations: Vec<Operation> = Operation::iter()
            .filter(|operation| !matches!(operation, Operation::PostV2Card | Operation::StartEmbossing))
            .collect();
        let mut lines = Vec::new();
        let mut touched = 0_usize;
        for status in CardStatus::iter() {
            for &operation in &operations {
                match self.coverage.get(&(status, operation)) {
                    Some(seen) => {
                        touched += 1;
                        let seen: Vec<&str> = seen.iter().map(String::as_str).collect();
                        lines.push(format!("COVER {status} {operation} :: {}", seen.join(", ")));
                    }
                    None => lines.push(format!("COVER {status} {operation} :: untouched")),
                }
            }
        }
        let cells = CardStatus::iter().count().saturating_mul(operations.len());
        lines.push(format!("coverage: {touched} of {cells} (status, operation) cells touched"));
        lines
    }
}

/// Runs every path against the library: a file, or a directory's `*.json` files sorted by name.
#[must_use]
pub fn run_paths(paths: &[PathBuf], explain: bool) -> Report {
    run_paths_on(paths, explain, &mut Target::Library)
}

/// Runs every path against `target`.
#[must_use]
pub fn run_paths_on(paths: &[PathBuf], explain: bool, target: &mut Target) -> Report {
    let mut report = Report::default();
    for path in paths {
        match files(path) {
            Ok(files) => {
                for file in files {
                    let label = file.display().to_string();
                    match std::fs::read_to_string(&file) {
                        Ok(text) => run_text_on(&label, &text, explain, target, &mut report),
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

/// Runs the cases of one file's text against the library; `file` labels its lines.
pub fn run_text(file: &str, text: &str, explain: bool, report: &mut Report) {
    run_text_on(file, text, explain, &mut Target::Library, report);
}

/// Runs the cases of one file's text against `target`.
pub fn run_text_on(file: &str, text: &str, explain: bool, target: &mut Target, report: &mut Report) {
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
        let verdict = match target {
            Target::Library => case.run(),
            Target::Server(server) => case.run_on(server),
        };
        if explain {
            report.lines.push(format!("CASE {file} :: {name} :: {}", verdict.explanation));
        }
        if let (Some(card), Some(when), None) = (&case.given.card, &case.when, &verdict.skipped) {
            report.coverage.entry((card.status, when.operation)).or_default().insert(verdict.explanation.clone());
        }
        if let Some(reason) = &verdict.skipped {
            report.skipped += 1;
            report.lines.push(format!("SKIP {file} :: {name} :: ({reason})"));
        } else if verdict.failures.is_empty() {
            report.passed += 1;
        } else {
            report.failed += 1;
            report.lines.push(format!("FAIL {file} :: {name} :: {}", verdict.failures.join("; ")));
        }
        report.cases.push(CaseResult {
            file: file.to_owned(),
            name,
            source: case.source.clone(),
            failures: verdict.failures,
            skipped: verdict.skipped,
            explanation: verdict.explanation,
        });
    }
}
