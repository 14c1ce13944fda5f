-- Consent (PIPL/GDPR) per customer, channel and purpose. consent_change is the append-only
-- history; consent holds the current state, the latest change by changed_at (a withdrawal wins a tie).
CREATE TABLE consent_change (
    id          uuid PRIMARY KEY,
    customer_id uuid        NOT NULL REFERENCES customer (id),
    channel     text        NOT NULL CHECK (channel IN ('EMAIL', 'SMS', 'PHONE', 'WECHAT', 'APP_PUSH', 'POST')),
    purpose     text        NOT NULL CHECK (purpose IN ('MARKETING', 'SERVICE')),
    status      text        NOT NULL CHECK (status IN ('GRANTED', 'WITHDRAWN')),
    source      text        NOT NULL CHECK (source IN ('WEB_FORM', 'STORE', 'PHONE', 'IMPORT', 'API')),
    changed_at  timestamptz NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    recorded_by text        NOT NULL,
    -- How the consent can be proven (form id, call reference, IP ...): personal data, cleared on erasure.
    evidence    text
);
CREATE INDEX consent_change_customer ON consent_change (customer_id, recorded_at DESC, id DESC);

-- History is a legal record: rows are never deleted, and only merge (customer_id) and erasure
-- (evidence to null) may touch a row.
CREATE FUNCTION consent_change_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'consent history is append-only' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF (NEW.id, NEW.channel, NEW.purpose, NEW.status, NEW.source, NEW.changed_at, NEW.recorded_at, NEW.recorded_by)
            IS DISTINCT FROM
       (OLD.id, OLD.channel, OLD.purpose, OLD.status, OLD.source, OLD.changed_at, OLD.recorded_at, OLD.recorded_by)
       OR (NEW.evidence IS DISTINCT FROM OLD.evidence AND NEW.evidence IS NOT NULL) THEN
        RAISE EXCEPTION 'consent history is append-only' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER consent_change_append_only BEFORE UPDATE OR DELETE ON consent_change
    FOR EACH ROW EXECUTE FUNCTION consent_change_append_only();

CREATE TABLE consent (
    customer_id uuid        NOT NULL REFERENCES customer (id),
    channel     text        NOT NULL,
    purpose     text        NOT NULL,
    status      text        NOT NULL,
    source      text        NOT NULL,
    changed_at  timestamptz NOT NULL,
    change_id   uuid        NOT NULL REFERENCES consent_change (id),
    PRIMARY KEY (customer_id, channel, purpose)
);
CREATE INDEX consent_channel_purpose ON consent (channel, purpose, status);
