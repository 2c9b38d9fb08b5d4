//! The conformance harness of `card-lifecycle`: JSON cases of "given this card, when this
//! request, then this answer", and the runner that checks the library against them.
//!
//! The format is the contract of `docs/vectors.md` in the library's repository; other teams keep
//! their own vector files in it. The `spec` binary is the runner:
//!
//! ```text
//! cargo run -p card-lifecycle-spec -- [--explain] PATH...
//! ```
//!
//! The format's defaults (a card without `type` is `PLASTIC`, with id 1, …) live here, in
//! [`GivenCard`], never in the library's types.

#![forbid(unsafe_code, reason = "a test harness has no use for it")]
#![deny(missing_docs, reason = "other teams run this harness from its docs")]

mod case;
mod hooks;
mod paths;
mod remote;
mod runner;
mod scenario;
mod service;
mod world;

pub use crate::case::{
    Body, Case, ExpectedCard, ExpectedEmbossing, Given, GivenCard, GivenContext, GivenEmbossing, Reason, Then, Verdict,
    When,
};
pub use crate::hooks::{Clock, HOOKS, HookEvent, HookList, NextId, ReasonHook};
pub use crate::paths::{PathParams, match_route, route, routes};
pub use crate::runner::{CaseResult, Report, Target, run_paths, run_paths_on, run_text, run_text_on};
pub use crate::scenario::{CardRef, Expect, ExpectedEvent, PathValues, Step, StepRequest};
pub use crate::service::{HttpService, Service};
pub use crate::world::{Owner, Published, Request, Response, World};
