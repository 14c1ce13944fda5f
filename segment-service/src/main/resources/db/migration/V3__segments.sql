-- Built-in dimension values and custom segments alike: a rule over the customer's facts.
CREATE TABLE segment (
    id          uuid PRIMARY KEY,
    name        text        NOT NULL,
    description text,
    kind        text        NOT NULL CHECK (kind IN ('BUILT_IN', 'CUSTOM')),
    dimension   text,
    dimension_value text,
    rule        jsonb       NOT NULL,
    status      text        NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'ARCHIVED')),
    version     bigint      NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (dimension, dimension_value)
);
CREATE UNIQUE INDEX segment_active_name ON segment (lower(name)) WHERE status = 'ACTIVE';

-- Membership with history: a row per stay; the open one (exited_at IS NULL) is the current membership.
CREATE TABLE membership (
    segment_id  uuid        NOT NULL REFERENCES segment (id),
    customer_id uuid        NOT NULL,
    entered_at  timestamptz NOT NULL,
    exited_at   timestamptz,
    CHECK (exited_at IS NULL OR exited_at >= entered_at)
);
CREATE UNIQUE INDEX membership_current ON membership (segment_id, customer_id) WHERE exited_at IS NULL;
CREATE INDEX membership_customer ON membership (customer_id);
CREATE INDEX membership_history ON membership (segment_id, entered_at);

-- Daily snapshots per segment for trends.
CREATE TABLE segment_snapshot (
    day         date          NOT NULL,
    segment_id  uuid          NOT NULL REFERENCES segment (id),
    members     int           NOT NULL,
    customers   int           NOT NULL,
    revenue     numeric(18,2) NOT NULL,
    all_revenue numeric(18,2) NOT NULL,
    orders      int           NOT NULL,
    PRIMARY KEY (day, segment_id)
);

-- Time-ordered ids for events written set-based in SQL (the same layout as the kit's Java ids).
CREATE FUNCTION uuid_v7() RETURNS uuid AS $$
    SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
               PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
               FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid
$$ LANGUAGE sql VOLATILE;
