-- A recompute reads and rewrites the current memberships of the customers it looks at. Kept as one
-- row per customer (segment ids and entry times side by side), that is one page per customer
-- instead of a dozen rows scattered over a table of every stay and three indexes; stays that end
-- are appended to a table of their own.
CREATE TABLE customer_segments (
    customer_id uuid          PRIMARY KEY,
    segment_ids uuid[]        NOT NULL,
    entered_at  timestamptz[] NOT NULL,
    CHECK (cardinality(segment_ids) = cardinality(entered_at))
) WITH (fillfactor = 80); -- room for a rewritten row on its own page
-- Members of one segment (lists, counts, exports); its pending list takes a recompute's writes in bulk.
CREATE INDEX customer_segments_segment ON customer_segments USING gin (segment_ids);

CREATE TABLE ended_membership (
    segment_id  uuid        NOT NULL REFERENCES segment (id),
    customer_id uuid        NOT NULL,
    entered_at  timestamptz NOT NULL,
    exited_at   timestamptz NOT NULL,
    CHECK (exited_at >= entered_at)
);
CREATE INDEX ended_membership_segment ON ended_membership (segment_id, exited_at);
CREATE INDEX ended_membership_customer ON ended_membership (customer_id);

INSERT INTO customer_segments (customer_id, segment_ids, entered_at)
SELECT customer_id, array_agg(segment_id ORDER BY entered_at, segment_id), array_agg(entered_at ORDER BY entered_at, segment_id)
  FROM membership WHERE exited_at IS NULL GROUP BY customer_id;
INSERT INTO ended_membership (segment_id, customer_id, entered_at, exited_at)
SELECT segment_id, customer_id, entered_at, exited_at FROM membership WHERE exited_at IS NOT NULL;
DROP TABLE membership;

-- When a customer entered one of their current segments.
CREATE FUNCTION entry_time(segment_ids uuid[], entered_at timestamptz[], segment uuid) RETURNS timestamptz AS $$
    SELECT entered_at[array_position(segment_ids, segment)]
$$ LANGUAGE sql IMMUTABLE;

-- Current memberships a row each, and every stay, current and ended, for reports and histories.
CREATE VIEW current_membership AS
SELECT m.segment_id, c.customer_id, m.entered_at
  FROM customer_segments c CROSS JOIN LATERAL unnest(c.segment_ids, c.entered_at) m(segment_id, entered_at);

CREATE VIEW membership AS
SELECT segment_id, customer_id, entered_at, NULL::timestamptz AS exited_at FROM current_membership
UNION ALL
SELECT segment_id, customer_id, entered_at, exited_at FROM ended_membership;
