//! The conformance runner:
//!
//! ```text
//! spec [--explain] [--coverage] [--junit FILE]
//!      [--server URL [--hooks URL] [--paths FILE] [--header "Name: value"]... [--token-secret KEY]] PATH...
//! ```
//!
//! Runs every case of the given vector files (a directory means every `*.json` in it, sorted by
//! name) against the library, or with `--server` against an HTTP server, and prints
//! `FAIL <file> :: <name> :: <what differed>` per failing case, `SKIP …` per case that could not
//! run there, then `N passed, N failed` (`, N skipped`). Exits 0 only if no case failed and at
//! least one passed. See `docs/vectors.md`.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use card_lifecycle_spec::{HttpService, Target, run_paths_on};

/// The command line, read.
#[derive(Default)]
struct Options {
    explain: bool,
    coverage: bool,
    junit: Option<PathBuf>,
    server: Option<String>,
    hooks: Option<String>,
    paths_file: Option<PathBuf>,
    headers: Vec<(String, String)>,
    token_secret: Option<String>,
    paths: Vec<PathBuf>,
}

const USAGE: &str = "usage: spec [--explain] [--coverage] [--junit FILE] [--server URL [--hooks URL] [--paths FILE] \
                     [--header \"Name: value\"]... [--token-secret KEY]] PATH...";

fn options() -> Result<Options, String> {
    let mut options = Options::default();
    let mut arguments = std::env::args_os().skip(1);
    while let Some(argument) = arguments.next() {
        let mut value = |flag: &str| {
            arguments.next().and_then(|value| value.into_string().ok()).ok_or_else(|| format!("{flag} needs a value"))
        };
        match argument.to_str() {
            Some("--explain") => options.explain = true,
            Some("--coverage") => options.coverage = true,
            Some("--junit") => options.junit = Some(PathBuf::from(value("--junit")?)),
            Some("--server") => options.server = Some(value("--server")?),
            Some("--hooks") => options.hooks = Some(value("--hooks")?),
            Some("--paths") => options.paths_file = Some(PathBuf::from(value("--paths")?)),
            Some("--token-secret") => options.token_secret = Some(value("--token-secret")?),
            Some("--header") => {
                let header = value("--header")?;
                let (name, text) =
                    header.split_once(':').ok_or_else(|| format!("--header {header:?} is not \"Name: value\""))?;
                options.headers.push((name.trim().to_owned(), text.trim().to_owned()));
            }
            Some(flag) if flag.starts_with("--") => return Err(format!("unknown option {flag}")),
            _ => options.paths.push(PathBuf::from(argument)),
        }
    }
    if options.paths.is_empty() {
        return Err("no vector file given".to_owned());
    }
    Ok(options)
}

fn main() -> ExitCode {
    let options = match options() {
        Ok(options) => options,
        Err(reason) => {
            eprintln!("spec: {reason}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let mut target = match &options.server {
        None => Target::Library,
        Some(url) => {
            let paths: BTreeMap<String, String> = match &options.paths_file {
                None => BTreeMap::new(),
                Some(file) => match std::fs::read_to_string(file).map_err(|error| error.to_string()).and_then(|text| {
                    serde_json::from_str(&text).map_err(|error| format!("not an object of operation → path: {error}"))
                }) {
                    Ok(paths) => paths,
                    Err(reason) => {
                        eprintln!("spec: --paths {}: {reason}", file.display());
                        return ExitCode::from(2);
                    }
                },
            };
            let mut server = HttpService::connect(url, options.hooks.as_deref(), &paths, options.headers.clone());
            if let Some(secret) = &options.token_secret {
                server = server.with_token_secret(secret);
            }
            Target::Server(Box::new(server))
        }
    };
    let report = run_paths_on(&options.paths, options.explain, &mut target);
    if let Some(file) = &options.junit
        && let Err(error) = std::fs::write(file, report.junit())
    {
        eprintln!("spec: cannot write {}: {error}", file.display());
        return ExitCode::FAILURE;
    }
    let coverage = if options.coverage { report.coverage_lines() } else { Vec::new() };
    let mut out = std::io::stdout().lock();
    let written =
        report.lines.iter().chain(&coverage).chain([&report.summary()]).try_for_each(|line| writeln!(out, "{line}"));
    // A reader that stops early (`| head`) closes the pipe: stop printing, keep the verdict.
    // Any other write error means the report was lost, so the run fails.
    if let Err(error) = written
        && error.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("spec: cannot print the report: {error}");
        return ExitCode::FAILURE;
    }
    if report.succeeded() { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}
