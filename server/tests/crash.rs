//! Crash safety: the service binary under load is killed (SIGKILL) and started again on the same
//! SQLite file. Nothing acknowledged is lost, the relay resumes, and every event is in the sink
//! once, in version order per card. And a service stopped gracefully (SIGINT) publishes
//! everything it saved before it exits, however many relay batches that takes.

use std::collections::{BTreeMap, HashSet};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(5)))
        .build()
        .into()
}

fn call(agent: &ureq::Agent, method: &str, url: &str, headers: &[(&str, &str)], body: &str) -> Option<(u16, String)> {
    let mut request = ureq::http::Request::builder().method(method).uri(url);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let mut response = agent.run(request.body(body.as_bytes().to_vec()).ok()?).ok()?;
    let status = response.status().as_u16();
    Some((status, response.body_mut().read_to_string().ok()?))
}

fn start(directory: &std::path::Path, port: u16) -> Child {
    start_with(directory, port, "20")
}

fn start_with(directory: &std::path::Path, port: u16, worker_interval_ms: &str) -> Child {
    let mut child = Command::new(env!("CARGO_BIN_EXE_card-lifecycle-server"))
        .args(["--listen", &format!("127.0.0.1:{port}")])
        .args(["--database-url", &format!("sqlite://{}?mode=rwc", directory.join("cards.db").display())])
        .args(["--outbox-file", &directory.join("events.jsonl").display().to_string()])
        // Crash safety is the subject here, not who calls.
        .args(["--test-hooks", "--insecure-no-auth", "--worker-interval-ms", worker_interval_ms])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let agent = agent();
    for _ in 0..200 {
        if call(&agent, "GET", &format!("http://127.0.0.1:{port}/health"), &[], "").is_some() {
            return child;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("the service did not start");
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

#[test]
fn a_killed_service_loses_nothing_it_acknowledged_and_publishes_every_event_once() {
    let directory = tempfile::tempdir().unwrap();
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let mut service = start(directory.path(), port);
    let created = Mutex::new(Vec::<u64>::new());
    let stop = AtomicBool::new(false);
    std::thread::scope(|scope| {
        for client in 0..6_u64 {
            let (base, created, stop) = (&base, &created, &stop);
            scope.spawn(move || {
                let agent = agent();
                let mut request = 0_u64;
                while !stop.load(Ordering::Relaxed) {
                    request += 1;
                    let known: Vec<u64> = created.lock().unwrap().clone();
                    if request.is_multiple_of(3) || known.is_empty() {
                        let body = format!(
                            r#"{{"name": "c{client}-{request}", "type": "VIRTUAL", "cvv_rotation_interval_hours": 1}}"#
                        );
                        if let Some((201, answer)) =
                            call(&agent, "POST", &format!("{base}/wallet/v2/cards"), &[("x-customer-id", "1")], &body)
                        {
                            let id =
                                serde_json::from_str::<serde_json::Value>(&answer).unwrap()["id"].as_u64().unwrap();
                            created.lock().unwrap().push(id);
                        }
                    } else {
                        let card = known[usize::try_from((client * 7 + request) % known.len() as u64).unwrap()];
                        let status = if request.is_multiple_of(2) { "BLOCKED" } else { "NORMAL" };
                        let url = format!("{base}/wallet/v1/customers/1/accounts/1/cards/{card}/status");
                        let _ = call(&agent, "PUT", &url, &[], &format!(r#"{{"status":"{status}"}}"#));
                    }
                }
            });
        }
        std::thread::sleep(Duration::from_millis(1_500));
        service.kill().unwrap(); // SIGKILL, mid-load
        service.wait().unwrap();
        std::thread::sleep(Duration::from_millis(200));
        stop.store(true, Ordering::Relaxed);
    });
    let acknowledged = created.into_inner().unwrap();
    assert!(acknowledged.len() > 20, "the load ran: {} cards", acknowledged.len());
    let mut service = start(directory.path(), port);
    let agent = agent();
    for card in &acknowledged {
        let answer = call(&agent, "GET", &format!("{base}/__spec/cards/{card}"), &[], "").unwrap();
        assert_eq!(answer.0, 200, "acknowledged card {card} is lost");
    }
    let (_, events) = call(&agent, "GET", &format!("{base}/__spec/events?after=0"), &[], "").unwrap();
    let events: Vec<serde_json::Value> = serde_json::from_str(&events).unwrap();
    // The relay catches up after the restart.
    let sink = directory.path().join("events.jsonl");
    let mut lines = Vec::new();
    for _ in 0..200 {
        lines = std::fs::read_to_string(&sink).unwrap_or_default().lines().map(str::to_owned).collect();
        if lines.len() >= events.len() {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    service.kill().unwrap();
    service.wait().unwrap();
    let mut ids = HashSet::new();
    let mut last: BTreeMap<String, u64> = BTreeMap::new();
    for line in &lines {
        let line: serde_json::Value = serde_json::from_str(line).unwrap();
        let id = line["id"].as_str().unwrap().to_owned();
        assert!(ids.insert(id.clone()), "{id} published twice");
        let card = line["envelope"]["card_id"].to_string();
        let version = line["envelope"]["version"].as_u64().unwrap();
        assert!(last.insert(card.clone(), version).is_none_or(|before| before < version), "card {card} out of order");
    }
    assert_eq!(ids.len(), events.len(), "every event published once");
    println!(
        "{} cards acknowledged, none lost; {} events published once each, in order",
        acknowledged.len(),
        ids.len()
    );
}

#[test]
fn a_service_stopped_gracefully_publishes_every_saved_event_before_it_exits() {
    let directory = tempfile::tempdir().unwrap();
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    // The relay sleeps a minute between passes: only the drain at shutdown can publish.
    let mut service = start_with(directory.path(), port, "60000");
    let agent = agent();
    let body = r#"{"name": "Travel", "type": "TEMPORARY"}"#;
    for customer in 1..=600 {
        let customer = customer.to_string();
        let headers = [("x-customer-id", customer.as_str())];
        let answer = call(&agent, "POST", &format!("{base}/wallet/v2/cards"), &headers, body).unwrap();
        assert_eq!(answer.0, 201, "{answer:?}");
    }
    let (_, events) = call(&agent, "GET", &format!("{base}/__spec/events?after=0"), &[], "").unwrap();
    let events: Vec<serde_json::Value> = serde_json::from_str(&events).unwrap();
    assert!(events.len() >= 600, "more than one relay batch (500) to publish: {}", events.len());
    let interrupted = Command::new("kill").args(["-INT", &service.id().to_string()]).status().unwrap();
    assert!(interrupted.success());
    assert!(service.wait().unwrap().success(), "a graceful stop exits 0");
    let sink = std::fs::read_to_string(directory.path().join("events.jsonl")).unwrap_or_default();
    assert_eq!(sink.lines().count(), events.len(), "every saved event published before exit");
}
