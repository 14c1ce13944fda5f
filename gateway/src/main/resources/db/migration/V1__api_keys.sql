-- Partner API keys. Only a SHA-256 of each key is kept: keys are 256-bit random secrets, so a fast
-- hash is enough (no dictionary to guess from) and lets every request look its key up by index.
CREATE TABLE api_key (
    id                    uuid PRIMARY KEY,
    name                  text        NOT NULL,
    key_prefix            text        NOT NULL,
    key_hash              text        NOT NULL UNIQUE,
    partner_source        text        NOT NULL,
    scopes                text[]      NOT NULL,
    rate_limit_per_minute integer     NOT NULL CHECK (rate_limit_per_minute > 0),
    created_at            timestamptz NOT NULL DEFAULT now(),
    created_by            text        NOT NULL,
    revoked_at            timestamptz,
    revoked_by            text
);

-- Results of partner batch upserts by Idempotency-Key, per caller, so a retried batch answers
-- the first result. A row without a response is a batch still running.
CREATE TABLE batch_result (
    caller          text        NOT NULL,
    kind            text        NOT NULL,
    idempotency_key text        NOT NULL,
    request_hash    text        NOT NULL,
    response        jsonb,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (caller, kind, idempotency_key)
);
