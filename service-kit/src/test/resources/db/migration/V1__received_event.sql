-- What the test feed handlers received, in the order they received it.
CREATE TABLE received_event (
    received bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    consumer text   NOT NULL,
    event_id uuid   NOT NULL,
    position bigint NOT NULL
);
