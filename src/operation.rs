//! The operations the crate decides, named after the API's operationIds.
//!
//! Layer `operation`; the layers are listed in `lib.rs`.

/// An operation of the Cards API, by its operationId (`post-v2-card`, `put-v1-card-status`, …),
/// plus `elapse`, time passing, which the platform does on its own.
///
/// Each spelling is declared once, here; [`crate::Command::operation`] and the conformance
/// vectors read it.
///
/// ```
/// use card_lifecycle::Operation;
/// let operation: Operation = "put-v1-card-status".parse()?;
/// assert_eq!(operation, Operation::PutV1CardStatus);
/// assert_eq!(operation.success_status(), Some(200));
/// assert_eq!(Operation::PostV2Card.title(), "create card");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    serde::Serialize,
    serde::Deserialize,
    strum::Display,
    strum::EnumIter,
    strum::EnumString,
    strum::IntoStaticStr,
)]
#[strum(serialize_all = "kebab-case")]
#[serde(rename_all = "kebab-case")]
pub enum Operation {
    /// Create card (`POST /wallet/v2/cards`).
    PostV2Card,
    /// Update card status.
    PutV1CardStatus,
    /// Activate physical card.
    PutV1CardActivate,
    /// Associate noname card with customer.
    PostV2CardBind,
    /// Update nominal card PAN: numbers a nominal `UNNUMBERED` card.
    PutV1UpdatePanNominal,
    /// Update noname card PAN: numbers a noname `UNNUMBERED` card.
    PutV1UpdatePanNoname,
    /// Change card password.
    PutV2CardPassword,
    /// Add card to next scheduled embossing.
    PutCardsEmbossing,
    /// Resend cards for embossing.
    StartReembossing,
    /// Start card embossing.
    StartEmbossing,
    /// Time has reached `now`: what time alone changes. Not an HTTP request.
    Elapse,
    /// The embossing service took a card in ("Card can be added to next scheduled embossing",
    /// domain.md §5, S16). Not an HTTP request: the platform does it.
    EmbossingCardIngress,
    /// Reissue card (domain.md §12.39–43): 201 with the new card, 200 for a repeat.
    PostV1CardReissue,
    /// Renew card expiration date (§12.45).
    PatchV2CardExpirationRenew,
    /// Renew card validity (§12.46).
    PatchV2CardValidityRenew,
    /// Reset password try count (§12.47).
    PostV2CardPasswordReset,
    /// Increase password try count (§12.47).
    PostV2CardPasswordIncrease,
    /// Update card information (§12.48).
    PatchV2Card,
}

impl Operation {
    /// The operationId.
    ///
    /// ```
    /// assert_eq!(card_lifecycle::Operation::StartReembossing.as_str(), "start-reembossing");
    /// ```
    #[must_use]
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The HTTP status the API answers an accepted request with (domain.md §7–§10): 201 for a
    /// created card, 202 for the asynchronous operations, 200 otherwise; `None` for
    /// [`Operation::Elapse`], which is no request.
    ///
    /// ```
    /// use card_lifecycle::Operation;
    /// assert_eq!(Operation::PostV2CardBind.success_status(), Some(202));
    /// assert_eq!(Operation::Elapse.success_status(), None);
    /// ```
    #[must_use]
    pub const fn success_status(self) -> Option<u16> {
        match self {
            Self::PostV2Card | Self::PostV1CardReissue => Some(201),
            Self::PutV1CardStatus
            | Self::PutV1CardActivate
            | Self::PutV2CardPassword
            | Self::PatchV2CardExpirationRenew
            | Self::PatchV2CardValidityRenew
            | Self::PostV2CardPasswordReset
            | Self::PostV2CardPasswordIncrease
            | Self::PatchV2Card => Some(200),
            Self::PostV2CardBind
            | Self::PutV1UpdatePanNominal
            | Self::PutV1UpdatePanNoname
            | Self::PutCardsEmbossing
            | Self::StartReembossing
            | Self::StartEmbossing => Some(202),
            Self::Elapse | Self::EmbossingCardIngress => None,
        }
    }

    /// The request line of the operation's API request: its method and path template, with
    /// `{cardId}`, `{customerId}` and `{accountId}` (vectors.md "Running against a server"; where
    /// the API's pages show no path — activate's v1 form, bind, PAN, password, renewals — the
    /// path is the project's). `None` for the steps that are no request (`elapse`, the ingress).
    ///
    /// ```
    /// use card_lifecycle::Operation;
    /// assert_eq!(Operation::PutV2CardPassword.route(), Some(("PUT", "/wallet/v2/cards/{cardId}/password")));
    /// assert_eq!(Operation::Elapse.route(), None);
    /// ```
    #[must_use]
    pub const fn route(self) -> Option<(&'static str, &'static str)> {
        Some(match self {
            Self::PostV2Card => ("POST", "/wallet/v2/cards"),
            Self::PutV1CardStatus => {
                ("PUT", "/wallet/v1/customers/{customerId}/accounts/{accountId}/cards/{cardId}/status")
            }
            Self::PutV1CardActivate => {
                ("PUT", "/wallet/v1/customers/{customerId}/accounts/{accountId}/cards/{cardId}/activate")
            }
            Self::PostV1CardReissue => {
                ("POST", "/wallet/v1/customers/{customerId}/accounts/{accountId}/cards/{cardId}/reissue")
            }
            Self::PostV2CardBind => ("POST", "/wallet/v2/cards/{cardId}/bind"),
            Self::PutV1UpdatePanNominal => ("PUT", "/wallet/v1/cards/{cardId}/pan/nominal"),
            Self::PutV1UpdatePanNoname => ("PUT", "/wallet/v1/cards/{cardId}/pan/noname"),
            Self::PutV2CardPassword => ("PUT", "/wallet/v2/cards/{cardId}/password"),
            Self::PutCardsEmbossing => ("PUT", "/embossing/v1/cards/{cardId}/embossing"),
            Self::StartEmbossing => ("POST", "/embossing/v1/triggers/embossing"),
            Self::StartReembossing => ("POST", "/embossing/v1/cards/reembossing"),
            Self::PatchV2CardExpirationRenew => ("PATCH", "/wallet/v2/cards/{cardId}/expiration-renew"),
            Self::PatchV2CardValidityRenew => ("PATCH", "/wallet/v2/cards/{cardId}/validity-renew"),
            Self::PostV2CardPasswordReset => ("POST", "/wallet/v2/cards/{cardId}/password-tries/reset"),
            Self::PostV2CardPasswordIncrease => ("POST", "/wallet/v2/cards/{cardId}/password-tries/increase"),
            Self::PatchV2Card => ("PATCH", "/wallet/v2/cards/{cardId}"),
            Self::Elapse | Self::EmbossingCardIngress => return None,
        })
    }

    /// Which operation a method and path are, with the path's values by name (`cardId`,
    /// `customerId`, `accountId`), read by [`Operation::route`]'s templates; `None` when no
    /// operation has them. A query string is left out.
    ///
    /// ```
    /// use card_lifecycle::Operation;
    /// let (operation, values) = Operation::from_route("PATCH", "/wallet/v2/cards/9").ok_or("routed")?;
    /// assert_eq!((operation, values), (Operation::PatchV2Card, vec![("cardId".to_owned(), "9".to_owned())]));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn from_route(method: &str, path: &str) -> Option<(Self, Vec<(String, String)>)> {
        let path = path.split('?').next().unwrap_or(path);
        <Self as strum::IntoEnumIterator>::iter().find_map(|operation| {
            let (expected, template) = operation.route()?;
            if !expected.eq_ignore_ascii_case(method) || template.split('/').count() != path.split('/').count() {
                return None;
            }
            let mut values = Vec::new();
            for (wanted, got) in template.split('/').zip(path.split('/')) {
                match wanted.strip_prefix('{').and_then(|name| name.strip_suffix('}')) {
                    Some(name) => values.push((name.to_owned(), got.to_owned())),
                    None if wanted == got => {}
                    None => return None,
                }
            }
            Some((operation, values))
        })
    }

    /// The operation's name as the API's pages title it, in lower case, for messages.
    ///
    /// ```
    /// assert_eq!(card_lifecycle::Operation::PutV1CardStatus.title(), "update card status");
    /// ```
    #[must_use]
    pub const fn title(self) -> &'static str {
        match self {
            Self::PostV2Card => "create card",
            Self::PutV1CardStatus => "update card status",
            Self::PutV1CardActivate => "activate physical card",
            Self::PostV2CardBind => "associate noname card with customer",
            Self::PutV1UpdatePanNominal => "update nominal card PAN",
            Self::PutV1UpdatePanNoname => "update noname card PAN",
            Self::PutV2CardPassword => "change card password",
            Self::PutCardsEmbossing => "add card to next scheduled embossing",
            Self::StartReembossing => "resend cards for embossing",
            Self::StartEmbossing => "start card embossing",
            Self::Elapse => "elapse",
            Self::EmbossingCardIngress => "embossing card ingress",
            Self::PostV1CardReissue => "reissue card",
            Self::PatchV2CardExpirationRenew => "renew card expiration date",
            Self::PatchV2CardValidityRenew => "renew card validity",
            Self::PostV2CardPasswordReset => "reset password try count",
            Self::PostV2CardPasswordIncrease => "increase password try count",
            Self::PatchV2Card => "update card information",
        }
    }
}
