//! The storage: cards with their version and owner, their events (the outbox), idempotency
//! records and the relay's position, on SQLite or PostgreSQL with the same SQL (sqlx `Any`).
//! Every decision is saved with a compare-and-swap on the card's version, in one transaction with
//! its event rows.

use card_lifecycle::{
    Accepted, AccountId, Card, CardId, CustomerId, EmbossingRecord as _, Owner, PlatformFields, RecordedEvent,
};
use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{AnyPool, Row};

/// A stored card and who owns it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredCard {
    /// The card.
    pub card: Card,
    /// Its owner.
    pub owner: Owner,
}

/// One decision to save: the card after it, its owner, and whether the card is new.
#[derive(Debug)]
pub struct Change<'a> {
    /// The decision.
    pub accepted: &'a Accepted,
    /// The card's owner.
    pub owner: Owner,
    /// The card did not exist before (Create card, the new card of a reissue).
    pub new: bool,
}

/// Why a save did not happen.
#[derive(Debug)]
pub enum SaveError {
    /// Another request saved the card first (or created the id): read again and decide again.
    Conflict,
    /// The database failed.
    Database(sqlx::Error),
}

impl From<sqlx::Error> for SaveError {
    fn from(error: sqlx::Error) -> Self {
        Self::Database(error)
    }
}

/// The storage.
#[derive(Clone, Debug)]
pub struct Store {
    pub(crate) pool: AnyPool,
    pub(crate) postgres: bool,
}

pub(crate) fn to_i64(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

fn to_u64(value: i64) -> u64 {
    u64::try_from(value).unwrap_or_default()
}

/// A platform id stored as a `BIGINT`: a row outside 1 to 2^63 − 1 fails to decode rather than
/// becoming another id.
fn stored_id<T: TryFrom<u64, Error = card_lifecycle::value::IdRangeError>>(value: i64) -> Result<T, sqlx::Error> {
    T::try_from(to_u64(value)).map_err(|error| sqlx::Error::Decode(Box::new(error)))
}

impl Store {
    /// Connects to `url` (`sqlite://…` or `postgres://…`) and applies the embedded migrations.
    ///
    /// # Errors
    ///
    /// The database cannot be reached or migrated.
    pub async fn connect(url: &str) -> Result<Self, sqlx::Error> {
        sqlx::any::install_default_drivers();
        let postgres = url.starts_with("postgres");
        // SQLite: one connection writes at a time; a small pool keeps readers going.
        let connections = if postgres { 16 } else { 1 };
        let pool = AnyPoolOptions::new().max_connections(connections).connect(url).await?;
        if postgres {
            sqlx::migrate!("migrations/postgres").run(&pool).await?;
        } else {
            sqlx::query("PRAGMA journal_mode = WAL").execute(&pool).await?;
            sqlx::migrate!("migrations/sqlite").run(&pool).await?;
        }
        Ok(Self { pool, postgres })
    }

    /// Whether the database is PostgreSQL.
    #[must_use]
    pub const fn is_postgres(&self) -> bool {
        self.postgres
    }

    pub(crate) fn stored(row: &AnyRow) -> Result<StoredCard, sqlx::Error> {
        let json: String = row.try_get("row_json")?;
        let card: Card = serde_json::from_str(&json).map_err(|error| sqlx::Error::Decode(Box::new(error)))?;
        let owner = Owner {
            customer_id: stored_id::<CustomerId>(row.try_get("customer_id")?)?,
            account_id: stored_id::<AccountId>(row.try_get("account_id")?)?,
        };
        Ok(StoredCard { card, owner })
    }

    /// A card.
    ///
    /// # Errors
    ///
    /// The database failed.
    pub async fn card(&self, id: CardId) -> Result<Option<StoredCard>, sqlx::Error> {
        let row = sqlx::query("SELECT row_json, customer_id, account_id FROM cards WHERE id = $1")
            .bind(to_i64(id.get()))
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(Self::stored).transpose()
    }

    /// The cards of a customer.
    ///
    /// # Errors
    ///
    /// The database failed.
    pub async fn cards_of(&self, customer: CustomerId) -> Result<Vec<StoredCard>, sqlx::Error> {
        let rows = sqlx::query("SELECT row_json, customer_id, account_id FROM cards WHERE customer_id = $1")
            .bind(to_i64(customer.get()))
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(Self::stored).collect()
    }

    /// Every card, in id order (an embossing run's selection; a resend's lookup).
    ///
    /// # Errors
    ///
    /// The database failed.
    pub async fn cards(&self) -> Result<Vec<StoredCard>, sqlx::Error> {
        let rows = sqlx::query("SELECT row_json, customer_id, account_id FROM cards ORDER BY id")
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(Self::stored).collect()
    }

    /// The card `id` replaced: the one whose `reissued_card_id` is `id`.
    ///
    /// # Errors
    ///
    /// The database failed.
    pub async fn replaced_by(&self, id: CardId) -> Result<Option<StoredCard>, sqlx::Error> {
        let row = sqlx::query("SELECT row_json, customer_id, account_id FROM cards WHERE reissued_card_id = $1")
            .bind(to_i64(id.get()))
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(Self::stored).transpose()
    }

    /// The id the next created card gets: one past the largest.
    ///
    /// # Errors
    ///
    /// The database failed.
    pub async fn next_id(&self) -> Result<CardId, sqlx::Error> {
        let row = sqlx::query("SELECT COALESCE(MAX(id), 0) AS id FROM cards").fetch_one(&self.pool).await?;
        match row.try_get::<i64, _>("id")? {
            0 => Ok(CardId::MIN),
            last => {
                stored_id::<CardId>(last)?.next().ok_or_else(|| sqlx::Error::Protocol("no card id is left".to_owned()))
            }
        }
    }

    /// Saves the decisions in one transaction: each new card inserted, each other card updated
    /// only if it still has the version the decision was made on, with every event row; and the
    /// idempotency record when given. Nothing is saved if any card changed meanwhile.
    ///
    /// # Errors
    ///
    /// [`SaveError::Conflict`] when another request saved first; the database's error else.
    pub async fn save(
        &self,
        changes: &[Change<'_>],
        idempotency: Option<(CustomerId, &str, &[u8])>,
    ) -> Result<(), SaveError> {
        let mut tx = self.pool.begin().await?;
        for change in changes {
            Self::write(&mut tx, change).await?;
        }
        if let Some((customer, key, body)) = idempotency {
            let card = changes.first().map_or(0, |change| to_i64(change.accepted.card.id.get()));
            let inserted = sqlx::query(
                "INSERT INTO idempotency (customer_id, idempotency_key, card_id, body) VALUES ($1, $2, $3, $4)",
            )
            .bind(to_i64(customer.get()))
            .bind(key.to_owned())
            .bind(card)
            .bind(String::from_utf8_lossy(body).into_owned())
            .execute(&mut *tx)
            .await;
            if inserted.is_err() {
                return Err(SaveError::Conflict);
            }
        }
        tx.commit().await?;
        Ok(())
    }

    async fn insert_event(tx: &mut sqlx::Transaction<'_, sqlx::Any>, record: &RecordedEvent) -> Result<(), SaveError> {
        let encode = |value: &dyn erased_serialize::Json| value.json();
        let envelope = record.envelope.as_ref().map(|envelope| encode(envelope));
        let inserted =
            sqlx::query("INSERT INTO events (card_id, version, record_json, envelope_json) VALUES ($1, $2, $3, $4)")
                .bind(to_i64(record.card_id.get()))
                .bind(to_i64(record.version))
                .bind(encode(record))
                .bind(envelope)
                .execute(&mut **tx)
                .await;
        inserted.map(|_| ()).map_err(|_| SaveError::Conflict)
    }

    /// Writes one decision inside `tx`: the card inserted or updated with its version check, and
    /// its event rows.
    pub(crate) async fn write(tx: &mut sqlx::Transaction<'_, sqlx::Any>, change: &Change<'_>) -> Result<(), SaveError> {
        let card = &change.accepted.card;
        let json =
            serde_json::to_string(card).map_err(|error| SaveError::Database(sqlx::Error::Decode(Box::new(error))))?;
        let reissued = card.reissued_card_id.map(|id| to_i64(id.get()));
        let deadline = card.next_deadline().map(|at| at.timestamp());
        let awaits_embossing = i64::from(card.awaits_embossing());
        if change.new {
            let inserted = sqlx::query(
                "INSERT INTO cards \
                 (id, version, customer_id, account_id, reissued_card_id, deadline, awaits_embossing, row_json) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(to_i64(card.id.get()))
            .bind(to_i64(card.version))
            .bind(to_i64(change.owner.customer_id.get()))
            .bind(to_i64(change.owner.account_id.get()))
            .bind(reissued)
            .bind(deadline)
            .bind(awaits_embossing)
            .bind(json)
            .execute(&mut **tx)
            .await;
            if inserted.is_err() {
                return Err(SaveError::Conflict);
            }
        } else {
            let updated = sqlx::query(
                "UPDATE cards SET version = $1, reissued_card_id = $2, deadline = $3, awaits_embossing = $4, \
                 row_json = $5 WHERE id = $6 AND version = $7",
            )
            .bind(to_i64(card.version))
            .bind(reissued)
            .bind(deadline)
            .bind(awaits_embossing)
            .bind(json)
            .bind(to_i64(card.id.get()))
            .bind(to_i64(change.accepted.version))
            .execute(&mut **tx)
            .await?;
            if updated.rows_affected() != 1 {
                return Err(SaveError::Conflict);
            }
        }
        for record in change.accepted.records(&PlatformFields::of(change.owner)) {
            Self::insert_event(tx, &record).await?;
        }
        Ok(())
    }

    /// The expiry sweep's batch, claimed and decided in one transaction: at most `limit` cards
    /// whose `deadline` is before `now`'s second, each lapsed with its event. On PostgreSQL the
    /// batch is claimed `FOR UPDATE SKIP LOCKED`, so any number of replicas sweep at once, each
    /// its own cards; on SQLite one writer runs at a time. Returns how many it lapsed.
    ///
    /// # Errors
    ///
    /// The database failed, or a card changed under the claim (only on SQLite's single writer).
    pub async fn sweep(&self, context: &card_lifecycle::Context, limit: i64) -> Result<usize, SaveError> {
        let claim = if self.postgres {
            "SELECT row_json, customer_id, account_id FROM cards WHERE deadline < $1 ORDER BY deadline LIMIT $2 \
             FOR UPDATE SKIP LOCKED"
        } else {
            "SELECT row_json, customer_id, account_id FROM cards WHERE deadline < $1 ORDER BY deadline LIMIT $2"
        };
        let mut tx = self.pool.begin().await?;
        let rows = sqlx::query(claim).bind(context.now.timestamp()).bind(limit).fetch_all(&mut *tx).await?;
        let mut lapsed = 0;
        for row in &rows {
            let stored = Self::stored(row)?;
            let Ok(accepted) = card_lifecycle::decide(&stored.card, &card_lifecycle::Command::Elapse, context) else {
                continue;
            };
            // A card past its deadline whose status does not lapse still moves its deadline.
            Self::write(&mut tx, &Change { accepted: &accepted, owner: stored.owner, new: false }).await?;
            lapsed += usize::from(!accepted.events.is_empty());
        }
        tx.commit().await?;
        Ok(lapsed)
    }

    /// The first answer kept for a customer's idempotency key.
    ///
    /// # Errors
    ///
    /// The database failed.
    pub async fn idempotency(&self, customer: CustomerId, key: &str) -> Result<Option<Vec<u8>>, sqlx::Error> {
        let row = sqlx::query("SELECT body FROM idempotency WHERE customer_id = $1 AND idempotency_key = $2")
            .bind(to_i64(customer.get()))
            .bind(key.to_owned())
            .fetch_optional(&self.pool)
            .await?;
        row.map(|row| row.try_get::<String, _>("body").map(String::into_bytes)).transpose()
    }

    /// A card's records, in version order.
    ///
    /// # Errors
    ///
    /// The database failed.
    pub async fn records(&self, id: CardId) -> Result<Vec<RecordedEvent>, sqlx::Error> {
        let rows = sqlx::query("SELECT record_json FROM events WHERE card_id = $1 ORDER BY version")
            .bind(to_i64(id.get()))
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|row| {
                let json: String = row.try_get("record_json")?;
                serde_json::from_str(&json).map_err(|error| sqlx::Error::Decode(Box::new(error)))
            })
            .collect()
    }

    /// The published events after `seq`, in order: `(seq, card, envelope)`.
    ///
    /// # Errors
    ///
    /// The database failed.
    pub async fn envelopes_after(
        &self,
        seq: u64,
        limit: i64,
    ) -> Result<Vec<(u64, Option<CardId>, serde_json::Value)>, sqlx::Error> {
        let rows = sqlx::query(
            "SELECT seq, card_id, envelope_json FROM events WHERE envelope_json IS NOT NULL AND seq > $1 ORDER BY seq LIMIT $2",
        )
        .bind(to_i64(seq))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(Self::envelope_row).collect()
    }

    /// The published events the relay has not published yet, in event order: `(seq, card,
    /// envelope)`.
    ///
    /// # Errors
    ///
    /// The database failed.
    pub async fn unpublished(&self, limit: i64) -> Result<Vec<(u64, Option<CardId>, serde_json::Value)>, sqlx::Error> {
        let rows = sqlx::query(
            "SELECT seq, card_id, envelope_json FROM events WHERE envelope_json IS NOT NULL AND published = 0 \
             ORDER BY seq LIMIT $1",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(Self::envelope_row).collect()
    }

    fn envelope_row(row: &AnyRow) -> Result<(u64, Option<CardId>, serde_json::Value), sqlx::Error> {
        let json: String = row.try_get("envelope_json")?;
        let envelope = serde_json::from_str(&json).map_err(|error| sqlx::Error::Decode(Box::new(error)))?;
        let card_id: Option<i64> = row.try_get("card_id")?;
        Ok((to_u64(row.try_get("seq")?), card_id.map(stored_id::<CardId>).transpose()?, envelope))
    }

    /// Marks events published.
    ///
    /// # Errors
    ///
    /// The database failed.
    pub async fn mark_published(&self, seqs: &[u64]) -> Result<(), sqlx::Error> {
        for chunk in seqs.chunks(100) {
            let list = chunk.iter().map(u64::to_string).collect::<Vec<_>>().join(", ");
            sqlx::query(&format!("UPDATE events SET published = 1 WHERE seq IN ({list})")).execute(&self.pool).await?;
        }
        Ok(())
    }

    /// The ids of cards whose validity may have passed at `now` (by the indexed deadline), at
    /// most `limit`.
    ///
    /// # Errors
    ///
    /// The database failed.
    pub async fn due(&self, now: i64, limit: i64) -> Result<Vec<CardId>, sqlx::Error> {
        let rows = sqlx::query("SELECT id FROM cards WHERE deadline < $1 ORDER BY deadline LIMIT $2")
            .bind(now)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(|row| stored_id::<CardId>(row.try_get("id")?)).collect()
    }

    /// The reissue reason's `must_block` (the `reasons` hook); `false` for an unknown reason.
    ///
    /// # Errors
    ///
    /// The database failed.
    pub async fn must_block(&self, reason_id: u64) -> Result<bool, sqlx::Error> {
        let row = sqlx::query("SELECT must_block FROM reasons WHERE reason_id = $1")
            .bind(to_i64(reason_id))
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|row| row.try_get::<i64, _>("must_block")).transpose()?.is_some_and(|flag| flag != 0))
    }

    /// Configures a reissue reason.
    ///
    /// # Errors
    ///
    /// The database failed.
    pub async fn set_reason(&self, reason_id: u64, must_block: bool) -> Result<(), sqlx::Error> {
        sqlx::query("DELETE FROM reasons WHERE reason_id = $1").bind(to_i64(reason_id)).execute(&self.pool).await?;
        sqlx::query("INSERT INTO reasons (reason_id, must_block) VALUES ($1, $2)")
            .bind(to_i64(reason_id))
            .bind(i64::from(must_block))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Stores a card as it is (the `cards` hook), replacing any.
    ///
    /// # Errors
    ///
    /// The database failed.
    pub async fn put(&self, card: &Card, owner: Owner) -> Result<(), sqlx::Error> {
        sqlx::query("DELETE FROM cards WHERE id = $1").bind(to_i64(card.id.get())).execute(&self.pool).await?;
        let json = serde_json::to_string(card).map_err(|error| sqlx::Error::Decode(Box::new(error)))?;
        sqlx::query(
            "INSERT INTO cards \
             (id, version, customer_id, account_id, reissued_card_id, deadline, awaits_embossing, row_json) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(to_i64(card.id.get()))
        .bind(to_i64(card.version))
        .bind(to_i64(owner.customer_id.get()))
        .bind(to_i64(owner.account_id.get()))
        .bind(card.reissued_card_id.map(|id| to_i64(id.get())))
        .bind(card.next_deadline().map(|at| at.timestamp()))
        .bind(i64::from(card.awaits_embossing()))
        .bind(json)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Forgets every card, key, event and reason (the `reset` hook).
    ///
    /// # Errors
    ///
    /// The database failed.
    pub async fn reset(&self) -> Result<(), sqlx::Error> {
        for table in ["cards", "events", "idempotency", "reasons"] {
            sqlx::query(&format!("DELETE FROM {table}")).execute(&self.pool).await?;
        }
        Ok(())
    }
}

/// Serializing without naming the type at the call.
mod erased_serialize {
    pub(crate) trait Json {
        fn json(&self) -> String;
    }

    impl<T: serde::Serialize> Json for T {
        fn json(&self) -> String {
            serde_json::to_string(self).unwrap_or_default()
        }
    }
}
