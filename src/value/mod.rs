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
