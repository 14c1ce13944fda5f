-- segment-service's own copy of what it needs from the profile feed. No names, phones, emails or
-- address lines: classification does not need them, and campaign-service fetches contact details
-- from the profile service at send time.
CREATE TABLE customer (
    id                   uuid PRIMARY KEY,
    kind                 text        NOT NULL,
    gender               text,
    birth_date           date,
    province             text,
    city                 text,
    area_type            text,
    locality             text,
    industry             text,
    company_size         text,
    needs                text[]      NOT NULL DEFAULT '{}',
    preferred_categories text[]      NOT NULL DEFAULT '{}',
    preferred_channels   text[]      NOT NULL DEFAULT '{}',
    tags                 text[]      NOT NULL DEFAULT '{}',
    owner_id             text,
    membership_tier      text,
    points_balance       bigint      NOT NULL DEFAULT 0,
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL
);

-- Orders stay after their customer is erased (customer_id NULL): anonymous facts for totals.
CREATE TABLE customer_order (
    id          uuid PRIMARY KEY,
    customer_id uuid,
    ordered_at  timestamptz   NOT NULL,
    channel     text,
    store       text,
    currency    text          NOT NULL,
    total       numeric(14,2) NOT NULL,
    status      text          NOT NULL,
    coupon_code text
);
CREATE INDEX customer_order_customer ON customer_order (customer_id, ordered_at);

CREATE TABLE order_item (
    order_id   uuid          NOT NULL REFERENCES customer_order (id) ON DELETE CASCADE,
    line       int           NOT NULL,
    sku        text,
    name       text,
    category   text,
    quantity   int           NOT NULL,
    unit_price numeric(14,2) NOT NULL,
    PRIMARY KEY (order_id, line)
);

CREATE TABLE consent (
    customer_id uuid        NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    channel     text        NOT NULL,
    purpose     text        NOT NULL,
    status      text        NOT NULL,
    changed_at  timestamptz NOT NULL,
    PRIMARY KEY (customer_id, channel, purpose)
);
