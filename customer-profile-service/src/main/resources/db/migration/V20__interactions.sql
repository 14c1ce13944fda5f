-- Interactions with a customer (跟进/回访) and the follow-up each may schedule.
-- summary, outcome and completion_note are free text that can hold personal data: erasure clears them.
CREATE TABLE interaction (
    id                uuid PRIMARY KEY,
    customer_id       uuid        NOT NULL REFERENCES customer (id),
    type              text        NOT NULL CHECK (type IN ('CALL', 'SMS', 'EMAIL', 'VISIT', 'WECHAT', 'NOTE', 'COMPLAINT')),
    staff_id          text        NOT NULL,
    occurred_at       timestamptz NOT NULL,
    summary           text,
    outcome           text,
    -- The business date (in fenqun.business-zone) the follow-up is due; the instant when one was given.
    follow_up_on      date,
    follow_up_at      timestamptz,
    follow_up_status  text        NOT NULL DEFAULT 'NONE' CHECK (follow_up_status IN ('NONE', 'OPEN', 'DONE')),
    completed_at      timestamptz,
    completed_by      text,
    completion_note   text,
    version           bigint      NOT NULL DEFAULT 0,
    created_at        timestamptz NOT NULL DEFAULT now(),
    erased_at         timestamptz,
    CHECK ((follow_up_status = 'NONE') = (follow_up_on IS NULL))
);
CREATE INDEX interaction_customer ON interaction (customer_id, occurred_at DESC, id DESC);
CREATE INDEX interaction_due ON interaction (follow_up_on) WHERE follow_up_status = 'OPEN';
