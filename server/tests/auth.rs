//! Every route of the API answers 401 without a token (domain.md §13.60, §13.63): the list is
//! the service's own (`api_routes`, from the crate's route table), so a new route without the
//! check fails here.

mod common;

use card_lifecycle_server::api_routes;
use card_lifecycle_server::auth::TokenCheck;

#[test]
fn every_route_answers_401_without_a_token_and_the_open_paths_need_none() {
    let directory = tempfile::tempdir().unwrap();
    let database = format!("sqlite://{}?mode=rwc", directory.path().join("cards.db").display());
    let url = common::serve(&database, directory.path().join("events.jsonl"), TokenCheck::secret(b"key").unwrap());
    let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
    let routes = api_routes();
    for (method, template) in &routes {
        let path = template.replace("{cardId}", "1").replace("{customerId}", "1").replace("{accountId}", "1");
        for authorization in [None, Some("Bearer garbage"), Some("Basic dXNlcjpwYXNz")] {
            let mut request = ureq::http::Request::builder().method(*method).uri(format!("{url}{path}"));
            if let Some(value) = authorization {
                request = request.header("authorization", value);
            }
            let mut response = agent.run(request.body(b"{}".to_vec()).unwrap()).unwrap();
            assert_eq!(response.status(), 401, "{method} {path} with {authorization:?}");
            assert_eq!(
                response.body_mut().read_to_string().unwrap(),
                r#"{"message":"Access token is missing or invalid","error":"unauthorized","status":401,"error_code":""}"#
            );
        }
    }
    for open in ["/health", "/openapi.json"] {
        assert_eq!(agent.get(format!("{url}{open}")).call().unwrap().status(), 200, "{open}");
    }
    assert_eq!(routes.len(), 18, "every operation's route and the card's two reads");
    println!("{} routes answer 401 without a token", routes.len());
}
