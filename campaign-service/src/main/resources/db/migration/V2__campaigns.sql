-- Campaigns: the definition as the API took it, plus the columns the planner and the triggers search by.
CREATE TABLE campaign (
    id            uuid PRIMARY KEY,
    name          text        NOT NULL,
    status        text        NOT NULL CHECK (status IN ('DRAFT', 'SCHEDULED', 'RUNNING', 'PAUSED', 'FINISHED')),
    channel       text        NOT NULL,
    schedule_kind text        NOT NULL,
    trigger_event text,
    definition    jsonb       NOT NULL,
    next_run_at   timestamptz,
    runs          integer     NOT NULL DEFAULT 0,
    version       bigint      NOT NULL DEFAULT 1,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX campaign_due ON campaign (next_run_at) WHERE status IN ('SCHEDULED', 'RUNNING');
CREATE INDEX campaign_trigger ON campaign (trigger_event) WHERE status = 'RUNNING';

-- One message to one customer (no address: contact details are fetched at send time). Its unique key makes planning idempotent: a run or a triggering
-- event plans each recipient once however often it is repeated.
CREATE TABLE delivery (
    id                  uuid PRIMARY KEY,
    campaign_id         uuid        NOT NULL REFERENCES campaign (id),
    occurrence          text        NOT NULL,
    customer_id         uuid        NOT NULL,
    segment_id          uuid,
    channel             text        NOT NULL,
    variant             text        NOT NULL,
    status              text        NOT NULL CHECK (status IN ('HOLDOUT', 'PENDING', 'SENDING', 'SENT', 'DELIVERED',
                                                               'FAILED', 'EXCLUDED', 'IN_DOUBT')),
    -- why it was excluded, deferred or failed
    reason              text,
    attempts            integer     NOT NULL DEFAULT 0,
    next_attempt_at     timestamptz NOT NULL,
    claimed_by          text,
    lease_until         timestamptz,
    cap_counted         boolean     NOT NULL DEFAULT false,
    handed_at           timestamptz,
    provider_message_id text,
    planned_at          timestamptz NOT NULL,
    sent_at             timestamptz,
    delivered_at        timestamptz,
    opened_at           timestamptz,
    clicked_at          timestamptz,
    unsubscribed_at     timestamptz,
    converted_at        timestamptz,
    conversion_order_id uuid,
    conversion_revenue  numeric(14, 2),
    UNIQUE (campaign_id, occurrence, customer_id)
);
CREATE INDEX delivery_due ON delivery (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX delivery_leased ON delivery (lease_until) WHERE status = 'SENDING';
CREATE INDEX delivery_customer ON delivery (customer_id, planned_at);
CREATE INDEX delivery_provider_message ON delivery (provider_message_id) WHERE provider_message_id IS NOT NULL;

-- Marketing messages sent per customer, channel and business day, for the frequency caps.
CREATE TABLE contact_count (
    customer_id uuid    NOT NULL,
    channel     text    NOT NULL,
    day         date    NOT NULL,
    sent        integer NOT NULL,
    PRIMARY KEY (customer_id, channel, day)
);

CREATE TABLE do_not_contact (
    customer_id uuid PRIMARY KEY,
    reason      text        NOT NULL,
    added_by    text        NOT NULL,
    added_at    timestamptz NOT NULL
);

-- An unsubscribe link stops marketing on its channel.
CREATE TABLE unsubscription (
    customer_id uuid        NOT NULL,
    channel     text        NOT NULL,
    campaign_id uuid,
    at          timestamptz NOT NULL,
    PRIMARY KEY (customer_id, channel)
);

-- The contact policy (caps, quiet hours): one row, changed through the API.
CREATE TABLE contact_policy (
    id         smallint PRIMARY KEY CHECK (id = 1),
    settings   jsonb       NOT NULL,
    version    bigint      NOT NULL DEFAULT 1,
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- One unique code per recipient; redeemed by an order.recorded event carrying it.
CREATE TABLE coupon (
    code        text PRIMARY KEY,
    campaign_id uuid        NOT NULL REFERENCES campaign (id),
    delivery_id uuid        NOT NULL UNIQUE REFERENCES delivery (id),
    customer_id uuid        NOT NULL,
    valid_from  timestamptz NOT NULL,
    valid_until timestamptz NOT NULL,
    redeemed_at timestamptz,
    order_id    uuid
);
CREATE INDEX coupon_customer ON coupon (customer_id);
