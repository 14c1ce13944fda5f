-- What the profile and segment feeds tell this service. No names, phones or emails: contact details
-- are fetched from the profile service at send time.

-- Current members of the segments campaigns may target (segment.entered / segment.exited).
CREATE TABLE audience_member (
    segment_id  uuid        NOT NULL,
    customer_id uuid        NOT NULL,
    entered_at  timestamptz NOT NULL,
    PRIMARY KEY (segment_id, customer_id)
);
CREATE INDEX audience_member_customer ON audience_member (customer_id);

-- Consent per channel and purpose (consent.changed), checked when each message is sent.
CREATE TABLE customer_consent (
    customer_id uuid        NOT NULL,
    channel     text        NOT NULL,
    purpose     text        NOT NULL,
    granted     boolean     NOT NULL,
    changed_at  timestamptz NOT NULL,
    PRIMARY KEY (customer_id, channel, purpose)
);

-- What time-based triggers and the preferred send day need, per customer.
CREATE TABLE customer_signal (
    customer_id      uuid PRIMARY KEY,
    birthday_month   smallint,
    birthday_day     smallint,
    first_order_at   timestamptz,
    last_order_at    timestamptz,
    weekend_orders   integer NOT NULL DEFAULT 0,
    weekday_orders   integer NOT NULL DEFAULT 0
);
CREATE INDEX customer_signal_birthday ON customer_signal (birthday_month, birthday_day);
CREATE INDEX customer_signal_last_order ON customer_signal (last_order_at);
