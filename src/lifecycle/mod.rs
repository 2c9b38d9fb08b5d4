//! The lifecycle layer: one pure function per operation, taking the card, the typed request
//! and the context, and giving the events or the rule that refuses. No JSON, no HTTP: the
//! request layer parsed the input, and a refusal's HTTP answer is its rule's row.
//!
//! Layer `lifecycle`; the layers are listed in `lib.rs`.

pub(crate) mod create;
pub(crate) mod embossing;
pub(crate) mod information;
pub(crate) mod issuing;
pub(crate) mod reissue;
pub(crate) mod renewal;
pub(crate) mod status;
pub(crate) mod tries;
pub(crate) mod validity;

pub use crate::lifecycle::create::{
    CreateCardError, CreateCardInput, Customer, ExistingCard, create_card, resolve_printed_name,
};
pub use crate::lifecycle::embossing::{
    CheckEmbossingError, EmbossingErrorType, EmbossingErrorTypes, EmbossingRecord, check_embossing,
};
pub use crate::lifecycle::information::UpdateInformationError;
pub use crate::lifecycle::issuing::{ActivateError, BindError, UpdatePanError};
pub use crate::lifecycle::reissue::{ActivatedReplacement, Reissue, ReissueError, ReissueInput};
pub use crate::lifecycle::renewal::RenewError;
pub use crate::lifecycle::status::{ChangeStatusError, check_status_change, next_statuses};
pub use crate::lifecycle::tries::PasswordTriesError;
pub use crate::lifecycle::validity::{SweepError, sweep, sweep_columns, valid_until};
