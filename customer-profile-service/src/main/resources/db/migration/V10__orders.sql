-- Orders and their line items. Erasure keeps these rows: they hold no personal data, and the
-- customer row they point to is anonymised instead.
CREATE TABLE customer_order (
    id              uuid PRIMARY KEY,
    customer_id     uuid           NOT NULL REFERENCES customer (id),
    external_source text,
    external_id     text,
    ordered_at      timestamptz    NOT NULL,
    channel         text,
    store           text,
    currency        char(3)        NOT NULL DEFAULT 'CNY',
    total           numeric(14, 2) NOT NULL CHECK (total >= 0),
    status          text           NOT NULL CHECK (status IN ('PAID', 'REFUNDED', 'CANCELLED')),
    coupon_code     text,
    version         bigint         NOT NULL DEFAULT 0,
    created_at      timestamptz    NOT NULL DEFAULT now(),
    updated_at      timestamptz    NOT NULL DEFAULT now(),
    CONSTRAINT customer_order_external UNIQUE (external_source, external_id)
);
CREATE INDEX customer_order_customer ON customer_order (customer_id, ordered_at);

CREATE TABLE order_item (
    order_id   uuid           NOT NULL REFERENCES customer_order (id) ON DELETE CASCADE,
    line_no    int            NOT NULL,
    sku        text           NOT NULL,
    name       text,
    category   text,
    quantity   numeric(12, 3) NOT NULL CHECK (quantity > 0),
    unit_price numeric(14, 2) NOT NULL CHECK (unit_price >= 0),
    PRIMARY KEY (order_id, line_no)
);
