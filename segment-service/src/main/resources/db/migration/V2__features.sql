-- One row per customer: computed features and built-in dimension labels. Kept current for one
-- customer on each feed event, and for everyone by the set-based recompute.
CREATE TABLE customer_facts (
    customer_id          uuid PRIMARY KEY REFERENCES customer (id) ON DELETE CASCADE,
    first_purchase_at    timestamptz,
    last_purchase_at     timestamptz,
    recency_days         int,
    orders_total         int           NOT NULL DEFAULT 0,
    orders_30d           int           NOT NULL DEFAULT 0,
    orders_90d           int           NOT NULL DEFAULT 0,
    orders_365d          int           NOT NULL DEFAULT 0,
    spend_total          numeric(16,2) NOT NULL DEFAULT 0,
    spend_365d           numeric(16,2) NOT NULL DEFAULT 0,
    average_order_value  numeric(14,2),
    tenure_days          int           NOT NULL DEFAULT 0,
    weekend_share        numeric(5,4),
    favourite_hour       int,
    top_category         text,
    frequency_tier       text          NOT NULL DEFAULT 'low',
    spend_tier           text          NOT NULL DEFAULT 'low',
    r_score              int,
    f_score              int,
    m_score              int,
    rfm_segment          text,
    lifecycle            text          NOT NULL DEFAULT 'potential',
    value_tier           text          NOT NULL DEFAULT 'C',
    computed_at          timestamptz   NOT NULL DEFAULT now()
);

-- Cut points of the scores that depend on the whole population, from the latest recompute; the
-- per-event update scores one customer against them.
CREATE TABLE population_cutoffs (
    singleton    boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    recency      int[]         NOT NULL DEFAULT '{}',
    frequency    int[]         NOT NULL DEFAULT '{}',
    monetary     numeric[]     NOT NULL DEFAULT '{}',
    value_a_min  numeric(16,2),
    value_b_min  numeric(16,2),
    computed_at  timestamptz
);
INSERT INTO population_cutoffs DEFAULT VALUES;

-- Thresholds of the built-in dimensions (a preset per business type, editable through the API).
CREATE TABLE segment_settings (
    singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    thresholds jsonb       NOT NULL,
    version    bigint      NOT NULL DEFAULT 1,
    updated_at timestamptz NOT NULL DEFAULT now()
);
