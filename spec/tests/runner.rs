//! Runs the project's conformance vectors and proves the runner can fail.

use card_lifecycle_spec as runner;

use std::path::PathBuf;

fn run(text: &str) -> runner::Report {
    let mut report = runner::Report::default();
    runner::run_text("test.json", text, false, &mut report);
    report
}

#[test]
fn every_vector_passes() {
    let directory = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors");
    let report = runner::run_paths(&[directory], false);
    assert!(report.succeeded(), "{}\n{}", report.lines.join("\n"), report.summary());
    assert!(report.passed >= 200, "the vectors shrank: {}", report.summary());
}

/// `tests/vectors/examples.json` is the spec's own example file, copied so that a fresh clone
/// runs it. Its drift from the spec is checked by `.ci/run`, which has the spec beside the
/// repository; a test here stands on the repository alone, so it pins the copy's cases instead.
#[test]
fn the_copied_examples_run_and_keep_their_cases() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/examples.json");
    let report = runner::run_paths(std::slice::from_ref(&path), false);
    assert_eq!((report.passed, report.failed), (6, 0), "{}", report.lines.join("\n"));
    let cases: Vec<serde_json::Value> = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let names: Vec<&str> = cases.iter().filter_map(|case| case["name"].as_str()).collect();
    insta::assert_snapshot!(names.join("\n"), @"
    a warning card may be unblocked
    a stolen card stays terminated
    validity elapsed on a warning card
    on demand: add a pending physical card to the next embossing
    scheduled: a blocked card cannot be added
    a printed name with a hyphen is refused
    ");
}

const CASE: &str = r#"{ "name": "blocked", "given": { "card": { "status": "NORMAL" } },
  "when": { "operation": "put-v1-card-status", "body": { "status": "BLOCKED" } }, "then": THEN }"#;

fn one_case(then: &str) -> String {
    format!("[{}]", CASE.replace("THEN", then))
}

#[test]
fn a_right_expectation_passes() {
    let report = run(&one_case(
        r#"{ "accepted": true, "http_status": 200, "card": { "status": "BLOCKED" }, "events": ["Card updated"] }"#,
    ));
    assert_eq!((report.passed, report.failed), (1, 0), "{:?}", report.lines);
}

#[test]
fn a_wrong_expectation_fails_and_says_what_differed() {
    let report = run(&one_case(r#"{ "accepted": true, "card": { "status": "WARNING", "previous_status": null } }"#));
    assert!(!report.succeeded());
    insta::assert_snapshot!(report.lines.join("\n"), @"FAIL test.json :: blocked :: card.status: expected WARNING, got BLOCKED; card.previous_status: expected none, got NORMAL");
}

#[test]
fn a_wrong_refusal_says_what_the_api_answered() {
    let report = run(&one_case(r#"{ "accepted": false, "http_status": 409 }"#));
    insta::assert_snapshot!(report.lines.join("\n"), @"FAIL test.json :: blocked :: accepted: expected false, got true (200)");
    let text = r#"[{ "name": "theft", "given": { "card": { "status": "THEFT" } },
      "when": { "operation": "put-v1-card-status", "body": { "status": "PENDING" } },
      "then": { "accepted": false, "http_status": 400, "error": "bad_request", "message": "nope" } }]"#;
    insta::assert_snapshot!(run(text).lines.join("\n"), @r#"FAIL test.json :: theft :: http_status: expected 400, got 409 (conflict: status THEFT cannot become PENDING: THEFT is a termination status, and a terminated card stays terminated); error: expected "bad_request", got "conflict" (409 conflict: status THEFT cannot become PENDING: THEFT is a termination status, and a terminated card stays terminated); message: expected to contain "nope", got "status THEFT cannot become PENDING: THEFT is a termination status, and a terminated card stays terminated""#);
}

#[test]
fn an_unknown_field_fails_the_case_and_names_the_field() {
    let report = run(&one_case(r#"{ "accepted": true, "card": { "stauts": "BLOCKED" } }"#));
    assert_eq!((report.passed, report.failed), (0, 1));
    let line = report.lines.join("\n");
    assert!(line.starts_with("FAIL test.json :: blocked :: invalid case: unknown field `stauts`"), "{line}");
}

#[test]
fn unknown_fields_fail_at_every_level() {
    for (from, to) in [
        (r#""name": "blocked","#, r#""name": "blocked", "colour": 1,"#),
        (r#""given": {"#, r#""given": { "colour": 1,"#),
        (r#""card": { "status""#, r#""card": { "colour": 1, "status""#),
        (r#""when": {"#, r#""when": { "colour": 1,"#),
    ] {
        let text = one_case(r#"{ "accepted": true }"#).replacen(from, to, 1);
        let report = run(&text);
        assert_eq!(report.failed, 1, "{text}");
        assert!(report.lines.join("").contains("unknown field `colour`"), "{:?}", report.lines);
    }
    let report = run(&one_case(r#"{ "accepted": true, "colour": 1 }"#));
    assert!(report.lines.join("").contains("unknown field `colour`"));
    let report = run(&one_case(r#"{ "accepted": true, "card": { "embossing": { "colour": 1 } } }"#));
    assert!(report.lines.join("").contains("unknown field `colour`"));
}

#[test]
fn a_wrong_selection_fails_and_lists_both() {
    let text = r#"[{ "name": "run", "given": { "cards": [
        { "id": 1, "status": "CREATED", "password_changed": true, "embossing": { "ready": true, "queued": true } },
        { "id": 2, "status": "CREATED", "password_changed": true, "embossing": { "ready": true, "queued": true } } ] },
      "when": { "operation": "start-embossing", "body": { "config_id": "6f1c2d8e-6a4b-4b59-9d1e-0c2f4a7b8e11" } },
      "then": { "accepted": true, "selected": [2] } }]"#;
    insta::assert_snapshot!(run(text).lines.join("\n"), @"FAIL test.json :: run :: selected: expected [2], got [1, 2]");
    // Only start-embossing selects cards, so any other operation fails an expected selection.
    let report = run(&one_case(r#"{ "accepted": true, "selected": [] }"#));
    insta::assert_snapshot!(report.lines.join("\n"), @"FAIL test.json :: blocked :: selected: only start-embossing selects cards");
}

#[test]
fn an_unknown_operation_fails() {
    let text = one_case(r#"{ "accepted": true }"#).replace("put-v1-card-status", "post-v2-card-reissue");
    let report = run(&text);
    assert!(report.lines.join("").contains("unknown variant `post-v2-card-reissue`"), "{:?}", report.lines);
}

#[test]
fn a_file_that_is_not_an_array_of_cases_fails_whole() {
    insta::assert_snapshot!(run("{}").lines.join("\n"), @"FAIL test.json :: (whole file) :: not an array of cases");
    insta::assert_snapshot!(run("[").lines.join("\n"), @"FAIL test.json :: (whole file) :: not valid JSON: EOF while parsing a list at line 1 column 1");
    assert!(!run("[]").succeeded(), "no case ran, so the run fails");
}

#[test]
fn duplicate_names_fail() {
    let case = CASE.replace("THEN", r#"{ "accepted": true }"#);
    let report = run(&format!("[{case}, {case}]"));
    assert_eq!((report.passed, report.failed), (1, 1));
    assert!(report.lines.join("").contains("duplicate case name"));
}

#[test]
fn a_case_without_its_card_fails() {
    let text = r#"[{ "name": "no card", "given": {}, "when": { "operation": "put-v1-card-activate" }, "then": { "accepted": true } }]"#;
    insta::assert_snapshot!(run(text).lines.join("\n"), @"FAIL test.json :: no card :: given.card is required for put-v1-card-activate");
}

/// docs/vectors.md: for `post-v2-card` the new card's id is `given.card.id` if a card is given,
/// else 1, so a case can pin the id the created card gets.
#[test]
fn a_created_card_takes_the_given_card_id() {
    let case = |given: &str, id: u64| {
        format!(
            r#"[{{ "name": "create", "given": {given},
              "when": {{ "operation": "post-v2-card", "body": {{ "type": "VIRTUAL", "name": "Travel", "cvv_rotation_interval_hours": 1 }} }},
              "then": {{ "accepted": true, "card": {{ "id": {id} }} }} }}]"#
        )
    };
    let given = r#"{ "card": { "id": 77, "status": "NORMAL" } }"#;
    for report in [run(&case(given, 77)), run(&case("{}", 1))] {
        assert_eq!((report.passed, report.failed), (1, 0), "{:?}", report.lines);
    }
    insta::assert_snapshot!(run(&case(given, 1)).lines.join("\n"), @"FAIL test.json :: create :: card.id: expected 1, got 77");
}

#[test]
fn explain_names_the_deciding_rule() {
    let mut report = runner::Report::default();
    let text = one_case(r#"{ "accepted": true }"#) + "";
    runner::run_text("test.json", &text, true, &mut report);
    insta::assert_snapshot!(report.lines.join("\n"), @"CASE test.json :: blocked :: accepted (200)");
}

/// docs/vectors.md: the operations are named after the API's operationIds, which are the
/// library's `Operation` and `Command::operation`.
#[test]
fn commands_carry_the_api_operation_ids() {
    use card_lifecycle::card::CardKind;
    use card_lifecycle::{CardStatus, Command};
    let pairs = [
        (Command::UpdateStatus { status: CardStatus::Normal }, "put-v1-card-status"),
        (Command::Activate, "put-v1-card-activate"),
        (Command::Bind, "post-v2-card-bind"),
        (Command::UpdatePan { kind: CardKind::Nominal }, "put-v1-update-pan-nominal"),
        (Command::UpdatePan { kind: CardKind::Noname }, "put-v1-update-pan-noname"),
        (Command::ChangePassword { digits: card_lifecycle::value::PinLength::Four }, "put-v2-card-password"),
        (Command::AddToEmbossing, "put-cards-embossing"),
        (Command::Reemboss, "start-reembossing"),
        (Command::Elapse, "elapse"),
    ];
    for (command, operation_id) in pairs {
        assert_eq!(command.operation().as_str(), operation_id);
        assert_eq!(operation_id.parse(), Ok(command.operation()));
    }
}

#[test]
fn a_scenario_fails_at_its_first_differing_step_and_names_it() {
    let report = run(r#"[{ "name": "s", "steps": [
        { "request": { "operation": "post-v2-card", "headers": { "x-customer-id": "1" },
                       "body": { "name": "A", "type": "VIRTUAL", "cvv_rotation_interval_hours": 1 } },
          "expect": { "status": 201 }, "save": { "card": "/id" } },
        { "request": { "operation": "put-v1-card-status", "card": "$card", "body": { "status": "BLOCKED" } },
          "expect": { "status": 200, "events": [ { "name": "Card updated", "payload": { "card_status": "LOST" } } ] } }
    ] }]"#);
    assert_eq!(report.failed, 1);
    assert!(
        report.lines[0]
            .starts_with("FAIL test.json :: s :: step 2: events[0].payload: expected {\"card_status\":\"LOST\"}"),
        "{}",
        report.lines[0]
    );
}

#[test]
fn a_name_never_saved_fails_with_a_clear_message() {
    let report = run(r#"[{ "name": "s", "steps": [
        { "request": { "operation": "put-v1-card-activate", "card": "$old" }, "expect": { "status": 200 } } ] }]"#);
    assert_eq!(report.lines, ["FAIL test.json :: s :: step 1: $old was never saved by an earlier step"]);
}

#[test]
fn a_case_for_a_server_is_skipped_in_the_library_and_never_passed() {
    let report = run(r#"[{ "name": "s", "steps": [
        { "request": { "operation": "post-v2-card", "auth": "none" }, "expect": { "status": 401 } } ] }]"#);
    assert_eq!((report.passed, report.failed, report.skipped), (0, 0, 1));
    assert_eq!(report.summary(), "0 passed, 0 failed, 1 skipped");
    assert!(!report.succeeded(), "a run that passed nothing does not succeed");
}

#[test]
fn a_case_has_when_and_then_or_steps() {
    let report = run(
        r#"[{ "name": "s", "given": { "card": { "status": "NORMAL" } }, "when": { "operation": "put-v1-card-activate" } }]"#,
    );
    assert_eq!(report.lines, ["FAIL test.json :: s :: a case has when and then, or steps"]);
}

#[test]
fn the_junit_report_has_one_testcase_per_case_with_its_source() {
    let report = run(r#"[
        { "name": "ok", "source": "domain.md §4 row 7", "given": { "card": { "status": "CREATED" } },
          "when": { "operation": "put-v1-card-activate" }, "then": { "accepted": true } },
        { "name": "wrong", "given": { "card": { "status": "CREATED" } },
          "when": { "operation": "put-v1-card-activate" }, "then": { "accepted": false } }
    ]"#);
    let xml = report.junit();
    assert_eq!(xml.matches("<testcase ").count(), 2);
    assert!(xml.contains(r#"<property name="source" value="domain.md §4 row 7"/>"#), "{xml}");
    assert!(xml.contains(r#"<failure message="accepted: expected false, got true (200)""#), "{xml}");
}

#[test]
fn coverage_names_the_cells_the_cases_touched() {
    let report = run(r#"[{ "name": "ok", "given": { "card": { "status": "CREATED" } },
        "when": { "operation": "put-v1-card-activate" }, "then": { "accepted": true } }]"#);
    let lines = report.coverage_lines();
    assert!(lines.contains(&"COVER CREATED put-v1-card-activate :: accepted (200)".to_owned()));
    assert!(lines.contains(&"COVER NORMAL put-v1-card-activate :: untouched".to_owned()));
    assert_eq!(lines.last().map(String::as_str), Some("coverage: 1 of 304 (status, operation) cells touched"));
}

#[test]
fn differences_name_every_case_whose_verdict_differs() {
    use card_lifecycle_spec::{CaseResult, Report};
    let case = |name: &str, failures: &[&str], skipped: Option<&str>| CaseResult {
        file: "f.json".to_owned(),
        name: name.to_owned(),
        source: None,
        failures: failures.iter().map(|failure| (*failure).to_owned()).collect(),
        skipped: skipped.map(str::to_owned),
        explanation: String::new(),
    };
    let report = |cases: Vec<CaseResult>| Report { cases, ..Report::default() };
    let reference = report(vec![
        case("same", &[], None),
        case("passes there", &[], None),
        case("server only", &[], Some("server only")),
        case("no hook", &[], None),
        case("not allowed", &[], None),
    ]);
    let here = report(vec![
        case("same", &[], None),
        case("passes there", &["status"], None),
        case("server only", &["401"], None),
        case("no hook", &[], Some("needs hooks: customer")),
        case("not allowed", &[], Some("something else")),
    ]);
    let differ = here.differences(&reference, |reason| reason.contains("customer"));
    assert_eq!(
        differ,
        [
            r#"f.json :: passes there: here ["status"], reference []"#,
            r#"f.json :: server only: ["401"]"#,
            "f.json :: not allowed: skipped: something else",
        ]
    );
    assert!(reference.differences(&reference, |reason| reason == "server only").is_empty());
    assert_eq!(report(Vec::new()).differences(&reference, |_| true), ["0 cases here, 5 in the reference"]);
}
