-- The change feed (DESIGN.md section 3): an outbox written in the same transaction as the change.
-- txid lets the reader hold back events whose transaction may still be followed by an earlier,
-- not yet committed position.
CREATE TABLE feed_event (
    position    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id          uuid        NOT NULL UNIQUE,
    type        text        NOT NULL,
    subject     text        NOT NULL,
    occurred_at timestamptz NOT NULL DEFAULT now(),
    data        jsonb       NOT NULL,
    txid        xid8        NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX feed_event_subject ON feed_event (subject);

-- A consumer's place in another service's feed, advanced in the transaction that applies events.
CREATE TABLE feed_cursor (
    consumer   text PRIMARY KEY,
    position   bigint      NOT NULL DEFAULT 0,
    applied_at timestamptz,
    head       bigint      NOT NULL DEFAULT 0,
    head_at    timestamptz
);

-- Events a consumer has applied, so a handler never applies the same event id twice.
CREATE TABLE feed_inbox (
    consumer text NOT NULL,
    event_id uuid NOT NULL,
    PRIMARY KEY (consumer, event_id)
);
