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
mod runner;
mod scenario;
mod world;

pub use crate::case::{
    Body, Case, ExpectedCard, ExpectedEmbossing, Given, GivenCard, GivenContext, GivenEmbossing, Reason, Then, Verdict,
    When,
};
pub use crate::runner::{Report, run_paths, run_text};
pub use crate::scenario::{CardRef, Expect, ExpectedEvent, PathValues, Step, StepRequest};
pub use crate::world::{Owner, Published, Request, Response, World};
