-- Idempotency-Key records: a retried create returns the first result.
CREATE TABLE idempotency_key (
    scope        text        NOT NULL,
    key          text        NOT NULL,
    request_hash text        NOT NULL,
    status       int         NOT NULL,
    resource_id  text,
    response     jsonb,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_key_resource ON idempotency_key (resource_id);
CREATE INDEX idempotency_key_created ON idempotency_key (created_at);
