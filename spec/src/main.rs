//! The conformance runner: `cargo run -p card-lifecycle-spec -- [--explain] PATH...`.
//!
//! Runs every case of the given vector files (a directory means every `*.json` in it, sorted
//! by name) and prints `FAIL <file> :: <name> :: <what differed>` per failing case, then
//! `N passed, N failed`. Exits 0 only if no case failed and at least one ran. With
//! `--explain`, it also prints for every case the rule that decided it. See `docs/vectors.md`.

use std::io::Write as _;

fn main() -> std::process::ExitCode {
    let mut explain = false;
    let mut paths = Vec::new();
    for argument in std::env::args_os().skip(1) {
        if argument == "--explain" {
            explain = true;
        } else {
            paths.push(std::path::PathBuf::from(argument));
        }
    }
    if paths.is_empty() {
        eprintln!("usage: spec [--explain] PATH...");
        return std::process::ExitCode::from(2);
    }
    let report = card_lifecycle_spec::run_paths(&paths, explain);
    let mut out = std::io::stdout().lock();
    let written = report.lines.iter().chain([&report.summary()]).try_for_each(|line| writeln!(out, "{line}"));
    // A reader that stops early (`| head`) closes the pipe: stop printing, keep the verdict.
    // Any other write error means the report was lost, so the run fails.
    if let Err(error) = written
        && error.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("spec: cannot print the report: {error}");
        return std::process::ExitCode::FAILURE;
    }
    if report.succeeded() { std::process::ExitCode::SUCCESS } else { std::process::ExitCode::FAILURE }
}
