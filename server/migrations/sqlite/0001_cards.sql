-- Cards, their events (the outbox), idempotency records, and reissue reasons.
CREATE TABLE cards (
    id BIGINT PRIMARY KEY,
    version BIGINT NOT NULL,
    customer_id BIGINT NOT NULL,
    account_id BIGINT NOT NULL,
    reissued_card_id BIGINT,
    deadline BIGINT,
    row_json TEXT NOT NULL
);
CREATE INDEX cards_deadline ON cards (deadline);
CREATE INDEX cards_customer ON cards (customer_id);
CREATE INDEX cards_reissued ON cards (reissued_card_id);

CREATE TABLE events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    -- NULL for a run's "Embossing summary received", which belongs to no card's stream.
    card_id BIGINT,
    version BIGINT,
    record_json TEXT NOT NULL,
    envelope_json TEXT,
    -- 1 once the relay published it. A flag per row, not a position: on PostgreSQL a row may
    -- commit after a row with a larger seq, and a position would pass it over.
    published BIGINT NOT NULL DEFAULT 0,
    UNIQUE (card_id, version)
);
CREATE INDEX events_unpublished ON events (published, seq);

CREATE TABLE idempotency (
    customer_id BIGINT NOT NULL,
    idempotency_key TEXT NOT NULL,
    card_id BIGINT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (customer_id, idempotency_key)
);

CREATE TABLE reasons (
    reason_id BIGINT PRIMARY KEY,
    must_block BIGINT NOT NULL
);
