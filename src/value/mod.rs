//! Layer `value`, the lowest: the API's wire values — statuses, card types, brands, modes,
//! ids, names, expiration dates, PIN lengths — each parsed once, with the API's spelling, and
//! the macros that give every wire enum its parser, listing and schema.

pub(crate) mod brand;
pub(crate) mod card_name;
pub(crate) mod card_type;
pub(crate) mod expiration_date;
pub(crate) mod ids;
pub(crate) mod mode;
pub(crate) mod pin_length;
pub(crate) mod printed_name;
pub(crate) mod status;
pub(crate) mod wire_enum;

pub use crate::value::brand::{Brand, ParseBrandError};
pub use crate::value::card_name::{CardName, ParseCardNameError};
pub use crate::value::card_type::{CardType, ParseCardTypeError};
pub use crate::value::expiration_date::{ExpirationDate, ParseExpirationDateError};
pub use crate::value::ids::{
    AccountId, CardId, ConfigId, CustomerId, IdRangeError, Owner, ParseCardIdError, ParseConfigIdError, ProgramId,
};
pub use crate::value::mode::{Mode, ModeType, ParseModeError, ParseModeTypeError};
pub use crate::value::pin_length::{ParsePinLengthError, PinLength};
pub use crate::value::printed_name::{NormalizePrintedNameError, ParsePrintedNameError, PrintedName};
pub use crate::value::status::{CardStatus, ParseCardStatusError, StatusGroup};
