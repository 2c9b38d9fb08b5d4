//! Model-based test: an independent reference model written from `shared/spec/domain.md` drives
//! random sequences of every operation against the crate and compares acceptance and state after
//! each step (issue 8), including the positions of domain.md §11.27–31.

use card_lifecycle::card::{CardKind, Embossing, EmbossingFile};
use card_lifecycle::context::{EmbossingMode, PhysicalInitialStatus};
use card_lifecycle::{Card, CardId, CardStatus, CardType, Command, Context, StartEmbossing, decide};
use chrono::{DateTime, Utc};
use proptest::prelude::*;
use proptest::sample::select;
use proptest_state_machine::{ReferenceStateMachine, StateMachineTest, prop_state_machine};

mod common;
use common::STATUSES as ALL;
const ACTIVE: [&str; 2] = ["NORMAL", "REISSUED"];
const BLOCKS: [&str; 3] = ["BLOCKED", "PENDING", "WARNING"];
const SET_BY_OPERATIONS: [&str; 4] = ["CREATED", "UNBOUND", "UNNUMBERED", "REISSUED"];
const ON_DEMAND: [&str; 5] = ["CREATED", "NORMAL", "BLOCKED", "PENDING", "WARNING"];

fn terminated(status: &str) -> bool {
    ALL[8..].contains(&status)
}

/// The reference: the card as the spec describes it, in plain fields and strings.
#[derive(Clone, Debug)]
#[expect(clippy::struct_excessive_bools, reason = "the model mirrors the card's independent flags")]
struct Model {
    now: i64,
    scheduled: bool,
    /// The program starts physical cards `NORMAL` (domain.md §2).
    physical_normal: bool,
    plastic: bool,
    status: &'static str,
    previous: Option<&'static str>,
    noname: bool,
    password_changed: bool,
    ready: bool,
    queued: bool,
    embossed: bool,
    on_demand: bool,
    valid_until: Option<i64>,
    /// Activated, or started `NORMAL` (domain.md §11.64).
    activated: bool,
    accepted: bool,
    /// Events applied so far: the card's version.
    version: u64,
}

#[derive(Clone, Debug)]
enum Step {
    Status(&'static str),
    Activate,
    Bind,
    Pan(bool),
    Password,
    Add,
    Resend,
    Run,
    Wait(i64),
    Ingress,
}

impl Model {
    fn moved(mut self, to: &'static str) -> Self {
        self.previous = Some(self.status);
        self.status = to;
        self.evented()
    }

    /// One more event applied.
    fn evented(mut self) -> Self {
        self.version += 1;
        self
    }

    /// domain.md §4 rows 8–18, §11.10–11, §11.26.
    fn may_become(&self, to: &str) -> bool {
        let from = self.status;
        if from == to {
            return true;
        }
        if SET_BY_OPERATIONS.contains(&to) && to != "CREATED" {
            return false;
        }
        if terminated(to) {
            return true;
        }
        if terminated(from) || from == "UNBOUND" || from == "UNNUMBERED" {
            return false;
        }
        // §11.64: a block entered before activation is lifted only back to CREATED.
        let blocked_before_activation = BLOCKS.contains(&from) && !self.activated;
        if to == "CREATED" {
            return blocked_before_activation;
        }
        if to == "NORMAL" { from != "CREATED" && !blocked_before_activation } else { true }
    }

    /// domain.md §5, §11.13, §11.31: physical, a status the mode takes, and the password rule.
    fn eligible(&self, password_waived: bool) -> bool {
        let status_ok = if self.scheduled { self.scheduled_status() } else { ON_DEMAND.contains(&self.status) };
        let password_ok = password_waived || !self.scheduled || self.on_demand || self.password_changed;
        self.plastic && status_ok && password_ok
    }

    /// domain.md §11.31: scheduled embossing takes CREATED, and NORMAL when the program starts
    /// physical cards NORMAL.
    fn scheduled_status(&self) -> bool {
        self.status == "CREATED" || (self.physical_normal && self.status == "NORMAL")
    }

    /// domain.md §6, §11.27: past `valid_until` (strictly), the lapsing statuses become
    /// INOPERATIVE.
    fn lapsed(self) -> Self {
        let lapses = ACTIVE.contains(&self.status) || BLOCKS.contains(&self.status);
        if lapses && self.valid_until.is_some_and(|until| until < self.now) { self.moved("INOPERATIVE") } else { self }
    }

    /// domain.md §2, §11.30: the status a fresh card of this kind and type starts in.
    fn initial_status(&self) -> &'static str {
        match (self.noname, self.plastic, self.physical_normal) {
            (true, _, _) => "UNBOUND",
            (false, true, false) => "CREATED",
            (false, true, true) | (false, false, _) => "NORMAL",
        }
    }
}

struct Reference;

impl ReferenceStateMachine for Reference {
    type State = Model;
    type Transition = Step;

    fn init_state() -> BoxedStrategy<Model> {
        (
            (select(ALL.to_vec()), any::<bool>(), any::<bool>(), any::<bool>()),
            (any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>()),
            (any::<bool>(), proptest::option::of(-100_000_i64..1_000_000), any::<bool>(), any::<bool>()),
        )
            .prop_map(
                |(
                    (status, scheduled, plastic, noname),
                    (password_changed, ready, queued, embossed),
                    (on_demand, until, physical_normal, blocked_early),
                )| Model {
                    now: 1_800_000_000,
                    scheduled,
                    physical_normal,
                    plastic,
                    status,
                    previous: None,
                    noname,
                    password_changed,
                    ready,
                    // The card's embossing state cannot be queued or on demand before it is
                    // ready, nor queued and embossed at once.
                    queued: ready && queued,
                    embossed: ready && embossed && !queued,
                    on_demand: ready && on_demand,
                    valid_until: until.map(|offset| 1_800_000_000 + offset),
                    // As the vector format reads a card: the initial statuses await activation;
                    // a temporary block may also have been entered before it (§11.64).
                    activated: !(["CREATED", "UNBOUND", "UNNUMBERED"].contains(&status)
                        || (BLOCKS.contains(&status) && blocked_early)),
                    accepted: true,
                    version: 0,
                },
            )
            .boxed()
    }

    fn transitions(_: &Model) -> BoxedStrategy<Step> {
        prop_oneof![
            4 => select(ALL.to_vec()).prop_map(Step::Status),
            1 => Just(Step::Activate),
            1 => Just(Step::Bind),
            1 => any::<bool>().prop_map(Step::Pan),
            1 => Just(Step::Password),
            1 => Just(Step::Add),
            1 => Just(Step::Resend),
            1 => Just(Step::Run),
            2 => (0_i64..400_000).prop_map(Step::Wait),
            1 => Just(Step::Ingress),
        ]
        .boxed()
    }

    fn apply(model: Model, step: &Step) -> Model {
        let refused = Model { accepted: false, ..model.clone() };
        let model = Model { accepted: true, ..model };
        if let Step::Wait(seconds) = step {
            return Model { now: model.now + seconds, ..model }.lapsed();
        }
        if let Step::Run = step {
            // The run judges each card as it is at now (§11.28) and changes only those it takes;
            // a scheduled run also takes a ready UNBOUND card on its first embossing (§11.52).
            let first_noname =
                model.scheduled && model.plastic && model.status == "UNBOUND" && model.ready && !model.embossed;
            let taken = (model.queued && model.ready && model.clone().lapsed().eligible(false)) || first_noname;
            return if taken { Model { queued: false, embossed: true, ..model }.evented() } else { model };
        }
        // §11.28: every decision first applies a lapse nobody recorded, then judges the step;
        // §11.49: an accepted step is judged at now again.
        let model = model.lapsed();
        let decided = Self::decide(model, step);
        if decided.accepted { decided.lapsed() } else { Model { accepted: false, ..refused } }
    }
}

impl Reference {
    fn decide(model: Model, step: &Step) -> Model {
        let refused = Model { accepted: false, ..model.clone() };
        match step {
            Step::Status(to) if model.may_become(to) => {
                if model.status == *to {
                    model
                } else {
                    model.moved(to)
                }
            }
            Step::Activate if model.plastic && model.status == "CREATED" => {
                Model { activated: true, ..model }.moved("NORMAL")
            }
            // A bound card behaves like a nominal card of its type (S6; docs/decisions.md).
            Step::Bind if model.status == "UNBOUND" => {
                let to = if model.plastic { "CREATED" } else { "NORMAL" };
                Model { activated: model.activated || to == "NORMAL", ..model }.moved(to)
            }
            // §11.29: the endpoint must match the card's kind.
            Step::Pan(noname) if model.status == "UNNUMBERED" && *noname == model.noname => {
                let to = model.initial_status();
                Model { activated: model.activated || to == "NORMAL", ..model }.moved(to)
            }
            Step::Password => {
                let scheduled_eligible = model.plastic && model.scheduled_status();
                let queue = model.ready && scheduled_eligible && !model.queued && !model.embossed && !model.on_demand;
                Model { password_changed: true, queued: model.queued || queue, ..model }.evented()
            }
            Step::Add if model.eligible(true) && model.ready && !model.queued && !model.embossed => {
                Model { queued: true, on_demand: true, ..model }.evented()
            }
            Step::Resend if model.eligible(false) && model.ready => {
                Model { queued: true, embossed: false, ..model }.evented()
            }
            // S16: the embossing service takes a physical card in once; the rest is left alone.
            Step::Ingress if model.plastic && !model.ready => Model { ready: true, ..model }.evented(),
            Step::Ingress => model,
            Step::Status(_) | Step::Activate | Step::Bind | Step::Pan(_) | Step::Add | Step::Resend => refused,
            Step::Wait(_) | Step::Run => unreachable!("handled above"),
        }
    }
}

struct Crate;

fn instant(seconds: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(seconds, 0).unwrap()
}

fn context(model: &Model) -> Context {
    let mode = if model.scheduled { EmbossingMode::Scheduled } else { EmbossingMode::OnDemand };
    let physical = if model.physical_normal { PhysicalInitialStatus::Normal } else { PhysicalInitialStatus::Created };
    Context { embossing_mode: mode, physical_initial_status: physical, ..Context::new(instant(model.now)) }
}

impl StateMachineTest for Crate {
    type SystemUnderTest = Card;
    type Reference = Reference;

    fn init_test(model: &Model) -> Card {
        let card_type = if model.plastic { CardType::Plastic } else { CardType::Virtual };
        let mut card = Card::new(CardId::new(1).unwrap(), card_type, model.status.parse().unwrap());
        card.kind = if model.noname { CardKind::Noname } else { CardKind::Nominal };
        card.password_changed = model.password_changed;
        if model.ready {
            let file = if model.queued {
                EmbossingFile::Queued
            } else if model.embossed {
                EmbossingFile::Embossed
            } else {
                EmbossingFile::None
            };
            card.embossing = Embossing::Ready { file, on_demand: model.on_demand };
        }
        card.valid_until = model.valid_until.map(instant);
        card.activated = model.activated;
        card
    }

    fn apply(card: Card, model: &Model, step: Step) -> Card {
        let context = context(model);
        let command = match step {
            Step::Status(to) => Command::UpdateStatus { status: to.parse().unwrap() },
            Step::Activate => Command::Activate,
            Step::Bind => Command::Bind,
            Step::Pan(noname) => Command::UpdatePan { kind: if noname { CardKind::Noname } else { CardKind::Nominal } },
            Step::Password => Command::ChangePassword { digits: card_lifecycle::value::PinLength::Four },
            Step::Add => Command::AddToEmbossing,
            Step::Resend => Command::Reemboss,
            Step::Wait(_) => Command::Elapse,
            Step::Ingress => Command::EmbossingIngress,
            Step::Run => {
                let request =
                    StartEmbossing::parse(&serde_json::json!({ "config_id": "6f1c2d8e-6a4b-4b59-9d1e-0c2f4a7b8e11" }))
                        .unwrap();
                let run = request.run(std::slice::from_ref(&card), &context);
                let card = run.embossed.into_iter().next().map_or(card, |accepted| accepted.card);
                check(&card, model);
                return card;
            }
        };
        let result = decide(&card, &command, &context);
        assert_eq!(result.is_ok(), model.accepted, "{command:?} on {card:?}: {result:?}");
        let card = result.map_or(card, |accepted| accepted.card);
        check(&card, model);
        card
    }
}

fn check(card: &Card, model: &Model) {
    assert_eq!(card.status.as_str(), model.status);
    assert_eq!(card.previous_status.map(CardStatus::as_str), model.previous, "previous status");
    assert_eq!(card.kind == CardKind::Noname, model.noname);
    assert_eq!(card.password_changed, model.password_changed);
    let embossing = card.embossing;
    assert_eq!(
        (embossing.is_ready(), embossing.is_queued(), embossing.is_embossed(), embossing.is_on_demand()),
        (model.ready, model.queued, model.embossed, model.on_demand)
    );
    assert_eq!(card.valid_until.map(|at| at.timestamp()), model.valid_until);
    assert_eq!(card.version, model.version, "version");
    assert_eq!(card.activated, model.activated, "activated");
    // §11.64: no card is NORMAL without an activation, unless it started NORMAL (which the
    // model counts as activated from creation).
    assert!(card.status != CardStatus::Normal || card.activated, "NORMAL without an activation: {card:?}");
}

prop_state_machine! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]
    #[test]
    fn the_crate_behaves_like_the_model(sequential 1..40 => Crate);
}
