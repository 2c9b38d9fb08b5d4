//! The tables and the diagram in `docs/` are generated from the code; this test fails when a
//! document and the code disagree. Regenerate with `UPDATE_DOCS=1 cargo test --test docs`.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::PathBuf;

use card_lifecycle::card::CardKind;
use card_lifecycle::context::{EmbossingMode, PhysicalInitialStatus};
use card_lifecycle::lifecycle::check_status_change;
use card_lifecycle::rule::Rule;
use card_lifecycle::value::StatusGroup;
use card_lifecycle::{Card, CardId, CardStatus, CardType, Command, Context, decide};
use chrono::DateTime;
use strum::IntoEnumIterator;

/// The operations other than Update card status that move a card, with their labels.
fn operations() -> [(&'static str, Command); 5] {
    [
        ("activate", Command::Activate),
        ("bind", Command::Bind),
        ("PAN, nominal", Command::UpdatePan { kind: CardKind::Nominal }),
        ("PAN, noname", Command::UpdatePan { kind: CardKind::Noname }),
        ("validity elapsed", Command::Elapse),
    ]
}

/// Where `command` takes a card in `from`, for every card it applies to, if it changes the
/// status: noname cards are physical (domain.md §2), so binding and the noname PAN act on
/// `PLASTIC` cards; the nominal PAN acts on every type, under either program setting (§11.30);
/// the validity elapses one second after `valid_until` (§11.27).
fn moved(from: CardStatus, command: Command) -> Vec<CardStatus> {
    let kind = match command {
        Command::Bind | Command::UpdatePan { kind: CardKind::Noname } => CardKind::Noname,
        _ => CardKind::Nominal,
    };
    let types: Vec<CardType> = match command {
        Command::UpdatePan { kind: CardKind::Nominal } => CardType::iter().collect(),
        _ => vec![CardType::Plastic],
    };
    let mut card = Card::new(CardId::new(1).unwrap(), CardType::Plastic, from);
    card.kind = kind;
    let mut now = DateTime::UNIX_EPOCH;
    if command == Command::Elapse {
        card.valid_until = Some(now);
        now += chrono::TimeDelta::seconds(1);
    }
    let mut reached = Vec::new();
    for card_type in types {
        for physical_initial_status in PhysicalInitialStatus::iter() {
            let card = Card { card_type, ..card.clone() };
            let context = Context { physical_initial_status, ..Context::new(now) };
            if let Ok(accepted) = decide(&card, &command, &context) {
                reached.push(accepted.card.status);
            }
        }
    }
    CardStatus::iter().filter(|to| *to != from && reached.contains(to)).collect()
}

/// Edges between statuses, as positions in declaration order.
type Edges = BTreeSet<(usize, usize)>;

/// The status endpoint's edges for an activated card, and the ones only a never-activated
/// card has (§11.64).
fn status_edges() -> (Edges, Edges) {
    let statuses: Vec<CardStatus> = CardStatus::iter().collect();
    let mut edges = BTreeSet::new();
    let mut before_activation = BTreeSet::new();
    for (from_index, from) in statuses.iter().enumerate() {
        for (to_index, to) in statuses.iter().enumerate() {
            let activated = check_status_change(*from, *to, true).is_ok();
            if from != to && activated {
                edges.insert((from_index, to_index));
            }
            if from != to && !activated && check_status_change(*from, *to, false).is_ok() {
                before_activation.insert((from_index, to_index));
            }
        }
    }
    (edges, before_activation)
}

fn group_id(group: StatusGroup) -> String {
    group.as_str().to_lowercase()
}

/// Mermaid lines for one label's edges, drawn per group where a whole group moves alike.
fn collapse(label: &str, edges: &BTreeSet<(usize, usize)>, out: &mut Vec<String>) {
    let statuses: Vec<CardStatus> = CardStatus::iter().collect();
    let index = |status: CardStatus| statuses.iter().position(|candidate| *candidate == status).unwrap();
    let mut left: BTreeSet<(usize, usize)> = edges.clone();
    for from_group in StatusGroup::iter() {
        for to_group in StatusGroup::iter() {
            let sources: Vec<usize> = from_group.statuses().map(index).collect();
            let targets: Vec<usize> = to_group.statuses().map(index).collect();
            let pairs: Vec<(usize, usize)> =
                sources.iter().flat_map(|&s| targets.iter().map(move |&t| (s, t))).filter(|(s, t)| s != t).collect();
            if pairs.iter().all(|pair| left.contains(pair)) {
                out.push(format!("    {} -->|{label}| {}", group_id(from_group), group_id(to_group)));
                left.retain(|pair| !pairs.contains(pair));
                continue;
            }
            for &t in &targets {
                let into: Vec<(usize, usize)> = sources.iter().filter(|&&s| s != t).map(|&s| (s, t)).collect();
                if into.len() >= 2 && into.iter().all(|pair| left.contains(pair)) {
                    out.push(format!("    {} -->|{label}| {}", group_id(from_group), statuses[t]));
                    left.retain(|pair| !into.contains(pair));
                }
            }
            for &s in &sources {
                let out_of: Vec<(usize, usize)> = targets.iter().filter(|&&t| t != s).map(|&t| (s, t)).collect();
                if out_of.len() >= 2 && out_of.iter().all(|pair| left.contains(pair)) {
                    out.push(format!("    {} -->|{label}| {}", statuses[s], group_id(to_group)));
                    left.retain(|pair| !out_of.contains(pair));
                }
            }
        }
    }
    for (s, t) in left {
        out.push(format!("    {} -->|{label}| {}", statuses[s], statuses[t]));
    }
}

/// The Mermaid diagram of the lifecycle, and its node and edge counts.
fn diagram() -> (String, usize, usize) {
    let mut text = String::from("```mermaid\nflowchart LR\n    new((new))\n");
    for group in StatusGroup::iter() {
        let _ = writeln!(text, "    subgraph {} [{}]", group_id(group), group.as_str());
        for status in group.statuses() {
            let _ = writeln!(text, "        {status}");
        }
        text.push_str("    end\n");
    }
    let mut edges = Vec::new();
    let mut created: Vec<(CardStatus, String)> =
        CardType::iter().map(|card_type| (card_type.initial_status(), format!("create {card_type}"))).collect();
    created.push((CardStatus::Normal, "create PLASTIC, program setting".to_owned()));
    created.push((CardStatus::Unnumbered, "create with status UNNUMBERED".to_owned()));
    for (status, label) in created {
        edges.push(format!("    new -->|{label}| {status}"));
    }
    let statuses: Vec<CardStatus> = CardStatus::iter().collect();
    for (label, command) in operations() {
        let pairs: BTreeSet<(usize, usize)> = statuses
            .iter()
            .enumerate()
            .flat_map(|(from, status)| {
                let targets = moved(*status, command);
                targets
                    .into_iter()
                    .map(|to| (from, statuses.iter().position(|s| *s == to).unwrap()))
                    .collect::<Vec<_>>()
            })
            .collect();
        collapse(label, &pairs, &mut edges);
    }
    let (activated, before_activation) = status_edges();
    collapse("status", &activated, &mut edges);
    collapse("status, never activated", &before_activation, &mut edges);
    let nodes = statuses.len() + 1;
    let count = edges.len();
    text.push_str(&edges.join("\n"));
    text.push_str("\n```\n");
    (text, nodes, count)
}

fn transition_table() -> String {
    let mut text =
        String::from("| From | Group | Update card status may set | Other operations |\n|---|---|---|---|\n");
    // Each status as an activated card has it, then the temporary blocks of a card never
    // activated (§11.64), whose row differs.
    let rows = CardStatus::iter()
        .map(|from| (from, true))
        .chain(CardStatus::iter().filter(|from| from.group() == StatusGroup::TemporaryBlock).map(|from| (from, false)));
    for (from, activated) in rows {
        let next: Vec<&str> =
            card_lifecycle::lifecycle::next_statuses(from, activated).map(CardStatus::as_str).collect();
        let others: Vec<String> = operations()
            .iter()
            .filter_map(|(label, command)| {
                let targets = moved(from, *command);
                let targets: Vec<String> = targets.iter().map(|to| format!("`{to}`")).collect();
                (!targets.is_empty()).then(|| format!("{label} → {}", targets.join(" or ")))
            })
            .collect();
        let next = if next.is_empty() {
            "—".to_owned()
        } else {
            next.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ")
        };
        let others = if others.is_empty() { "—".to_owned() } else { others.join("; ") };
        let label = if activated { format!("`{from}`") } else { format!("`{from}`, never activated") };
        let _ = writeln!(text, "| {label} | `{}` | {next} | {others} |", from.group().as_str());
    }
    text
}

fn embossing_table() -> String {
    let mut text = String::new();
    let _ = writeln!(text, "| Status | `SCHEDULED` | `SCHEDULED`, physical cards start `NORMAL` | `ON_DEMAND` |");
    let _ = writeln!(text, "|---|---|---|---|");
    let mark = |accepted: bool| if accepted { "yes" } else { "—" };
    for status in CardStatus::iter() {
        let scheduled = mark(EmbossingMode::Scheduled.accepts(status, PhysicalInitialStatus::Created));
        let normal_start = mark(EmbossingMode::Scheduled.accepts(status, PhysicalInitialStatus::Normal));
        let on_demand = mark(EmbossingMode::OnDemand.accepts(status, PhysicalInitialStatus::Created));
        let _ = writeln!(text, "| `{status}` | {scheduled} | {normal_start} | {on_demand} |");
    }
    text
}

fn rules_table() -> String {
    let mut text = String::from("| Rule | Source | What it says | The API answers |\n|---|---|---|---|\n");
    for rule in Rule::iter() {
        let row = rule.row();
        let message = row.message.map_or_else(String::new, |message| format!(", \"{message}\""));
        let error_code = if row.error_code { "" } else { ", no `error_code`" };
        let answer = format!("{} `{}`{message}{error_code}", row.status, row.error);
        let _ = writeln!(text, "| `{rule}` | {} | {} | {answer} |", rule.source(), rule.summary());
    }
    text
}

/// Checks that `file` holds `generated` between the markers named `name`, or rewrites it when
/// `UPDATE_DOCS` is set.
fn check(file: &str, name: &str, generated: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let start = format!("<!-- generated: {name} (tests/docs.rs) -->\n");
    let end = format!("<!-- end: {name} -->");
    let (before, rest) = text.split_once(&start).unwrap_or_else(|| panic!("{file} lacks the marker {start}"));
    let (_, after) = rest.split_once(&end).unwrap_or_else(|| panic!("{file} lacks the marker {end}"));
    let expected = format!("{before}{start}{generated}{end}{after}");
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, expected).unwrap();
    } else {
        assert!(
            expected == text,
            "{file} is out of date; run `UPDATE_DOCS=1 cargo test --test docs`, or paste:\n{generated}"
        );
    }
}

#[test]
fn the_lifecycle_docs_carry_the_generated_table_and_diagram() {
    check("docs/lifecycle.md", "transition table", &transition_table());
    check("docs/lifecycle.md", "state diagram", &diagram().0);
    check("docs/lifecycle.md", "embossing table", &embossing_table());
}

#[test]
fn the_rules_page_lists_every_rule() {
    check("docs/rules.md", "rules", &rules_table());
}

#[test]
fn the_diagram_has_every_status_and_edge() {
    let (text, nodes, edges) = diagram();
    insta::assert_snapshot!(format!("{nodes} nodes, {edges} edges"), @"20 nodes, 23 edges");
    for status in CardStatus::iter() {
        assert!(text.contains(&format!("        {status}\n")), "{status} is not in the diagram");
    }
}

#[test]
fn the_transition_graph() {
    let graph: Vec<String> = CardStatus::iter()
        .map(|from| (from, true))
        .chain([CardStatus::Blocked, CardStatus::Pending, CardStatus::Warning].map(|from| (from, false)))
        .map(|(from, activated)| {
            let next: Vec<&str> =
                card_lifecycle::lifecycle::next_statuses(from, activated).map(CardStatus::as_str).collect();
            let never = if activated { "" } else { " (never activated)" };
            format!("{from}{never} -> {}", next.join(", "))
        })
        .collect();
    insta::assert_snapshot!(graph.join("\n"), @"
    CREATED -> BLOCKED, PENDING, WARNING, INOPERATIVE, CANCELED, LOST, ROBBED, THEFT, FRAUD, DAMAGED, EXPIRED, DELETED, BROKEN, DEFECT
    UNBOUND -> INOPERATIVE, CANCELED, LOST, ROBBED, THEFT, FRAUD, DAMAGED, EXPIRED, DELETED, BROKEN, DEFECT
    UNNUMBERED -> INOPERATIVE, CANCELED, LOST, ROBBED, THEFT, FRAUD, DAMAGED, EXPIRED, DELETED, BROKEN, DEFECT
    NORMAL -> BLOCKED, PENDING, WARNING, INOPERATIVE, CANCELED, LOST, ROBBED, THEFT, FRAUD, DAMAGED, EXPIRED, DELETED, BROKEN, DEFECT
    REISSUED -> NORMAL, BLOCKED, PENDING, WARNING, INOPERATIVE, CANCELED, LOST, ROBBED, THEFT, FRAUD, DAMAGED, EXPIRED, DELETED, BROKEN, DEFECT
    BLOCKED -> NORMAL, PENDING, WARNING, INOPERATIVE, CANCELED, LOST, ROBBED, THEFT, FRAUD, DAMAGED, EXPIRED, DELETED, BROKEN, DEFECT
    PENDING -> NORMAL, BLOCKED, WARNING, INOPERATIVE, CANCELED, LOST, ROBBED, THEFT, FRAUD, DAMAGED, EXPIRED, DELETED, BROKEN, DEFECT
    WARNING -> NORMAL, BLOCKED, PENDING, INOPERATIVE, CANCELED, LOST, ROBBED, THEFT, FRAUD, DAMAGED, EXPIRED, DELETED, BROKEN, DEFECT
    INOPERATIVE -> CANCELED, LOST, ROBBED, THEFT, FRAUD, DAMAGED, EXPIRED, DELETED, BROKEN, DEFECT
    CANCELED -> INOPERATIVE, LOST, ROBBED, THEFT, FRAUD, DAMAGED, EXPIRED, DELETED, BROKEN, DEFECT
    LOST -> INOPERATIVE, CANCELED, ROBBED, THEFT, FRAUD, DAMAGED, EXPIRED, DELETED, BROKEN, DEFECT
    ROBBED -> INOPERATIVE, CANCELED, LOST, THEFT, FRAUD, DAMAGED, EXPIRED, DELETED, BROKEN, DEFECT
    THEFT -> INOPERATIVE, CANCELED, LOST, ROBBED, FRAUD, DAMAGED, EXPIRED, DELETED, BROKEN, DEFECT
    FRAUD -> INOPERATIVE, CANCELED, LOST, ROBBED, THEFT, DAMAGED, EXPIRED, DELETED, BROKEN, DEFECT
    DAMAGED -> INOPERATIVE, CANCELED, LOST, ROBBED, THEFT, FRAUD, EXPIRED, DELETED, BROKEN, DEFECT
    EXPIRED -> INOPERATIVE, CANCELED, LOST, ROBBED, THEFT, FRAUD, DAMAGED, DELETED, BROKEN, DEFECT
    DELETED -> INOPERATIVE, CANCELED, LOST, ROBBED, THEFT, FRAUD, DAMAGED, EXPIRED, BROKEN, DEFECT
    BROKEN -> INOPERATIVE, CANCELED, LOST, ROBBED, THEFT, FRAUD, DAMAGED, EXPIRED, DELETED, DEFECT
    DEFECT -> INOPERATIVE, CANCELED, LOST, ROBBED, THEFT, FRAUD, DAMAGED, EXPIRED, DELETED, BROKEN
    BLOCKED (never activated) -> CREATED, PENDING, WARNING, INOPERATIVE, CANCELED, LOST, ROBBED, THEFT, FRAUD, DAMAGED, EXPIRED, DELETED, BROKEN, DEFECT
    PENDING (never activated) -> CREATED, BLOCKED, WARNING, INOPERATIVE, CANCELED, LOST, ROBBED, THEFT, FRAUD, DAMAGED, EXPIRED, DELETED, BROKEN, DEFECT
    WARNING (never activated) -> CREATED, BLOCKED, PENDING, INOPERATIVE, CANCELED, LOST, ROBBED, THEFT, FRAUD, DAMAGED, EXPIRED, DELETED, BROKEN, DEFECT
    ");
}
