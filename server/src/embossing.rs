//! Embossing runs: Start card embossing and the scheduled run share one path. A run is one
//! transaction: it claims the cards that await embossing by index, in batches (`FOR UPDATE SKIP
//! LOCKED` on PostgreSQL, so replicas running at once take disjoint cards), decides each with
//! the crate, saves each with its version check, and ends with the run's "Embossing summary
//! received" when it embossed any card (domain.md §11.50). A crash rolls the whole run back:
//! no card is embossed without its summary, and the next run takes them.

use card_lifecycle::{Accepted, Context, EmbossingSummary, StartEmbossing};

use crate::store::{Change, SaveError, Store, to_i64};

/// How many candidates a run claims at a time.
const BATCH: i64 = 200;

impl Store {
    /// Runs `run` over the cards that await embossing, embossing at most `limit` of them (the rest
    /// wait for the next run). Returns the cards it embossed.
    ///
    /// # Errors
    ///
    /// The database failed; nothing of the run is saved.
    pub async fn emboss(
        &self,
        run: &StartEmbossing,
        context: &Context,
        limit: usize,
    ) -> Result<Vec<Accepted>, SaveError> {
        let lock = if self.postgres { " FOR UPDATE SKIP LOCKED" } else { "" };
        let claim = format!(
            "SELECT id, row_json, customer_id, account_id FROM cards WHERE awaits_embossing = 1 AND id > $1 \
             ORDER BY id LIMIT $2{lock}"
        );
        let mut tx = self.pool.begin().await?;
        let mut embossed = Vec::new();
        let mut after = 0_i64;
        'claim: loop {
            let rows = sqlx::query(&claim).bind(after).bind(BATCH).fetch_all(&mut *tx).await?;
            if rows.is_empty() {
                break;
            }
            for row in &rows {
                let stored = Self::stored(row)?;
                after = to_i64(stored.card.id.get());
                if embossed.len() >= limit {
                    break 'claim;
                }
                if let Some(decided) = run.decide(&stored.card, context) {
                    Self::write(&mut tx, &Change { accepted: &decided, owner: stored.owner, new: false }).await?;
                    embossed.push(decided);
                }
            }
        }
        if let Some(summary) = EmbossingSummary::of(&embossed) {
            let envelope = summary.envelope(context.truncated().now).to_string();
            sqlx::query(
                "INSERT INTO events (card_id, version, record_json, envelope_json) VALUES (NULL, NULL, $1, $2)",
            )
            .bind(&envelope)
            .bind(&envelope)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(embossed)
    }
}
