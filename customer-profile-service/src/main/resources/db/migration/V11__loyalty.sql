-- Time-ordered UUIDs (version 7) for rows created in set-based SQL, like the ids the services make.
CREATE FUNCTION uuid_v7() RETURNS uuid AS $$
    SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
               PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
               FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid
$$ LANGUAGE sql VOLATILE;

-- The loyalty points ledger. Positive entries are lots with `remaining` points, spent and expired
-- oldest first; the balance is the sum of all entries.
CREATE TABLE points_entry (
    id          uuid PRIMARY KEY,
    customer_id uuid        NOT NULL REFERENCES customer (id),
    kind        text        NOT NULL CHECK (kind IN ('EARN', 'REDEEM', 'EXPIRE', 'ADJUST', 'REVERSE')),
    points      bigint      NOT NULL CHECK (points <> 0),
    remaining   bigint      NOT NULL DEFAULT 0 CHECK (remaining >= 0),
    order_id    uuid REFERENCES customer_order (id),
    reason      text,
    expires_at  timestamptz,
    created_by  text,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX points_entry_one_earn_per_order ON points_entry (order_id) WHERE kind = 'EARN';
CREATE UNIQUE INDEX points_entry_one_reversal_per_order ON points_entry (order_id) WHERE kind = 'REVERSE';
CREATE INDEX points_entry_customer ON points_entry (customer_id, created_at);
CREATE INDEX points_entry_open_lots ON points_entry (expires_at) WHERE remaining > 0;
