-- Days since the last purchase and tenure grow by one every day for everyone. They are computed
-- when read, so the nightly recompute rewrites only the customers whose labels really change.
ALTER TABLE customer_facts DROP COLUMN recency_days, DROP COLUMN tenure_days;

-- computed_at now says when a customer's stored facts last changed: the recompute evaluates
-- segments again only for the customers it changed.
COMMENT ON COLUMN customer_facts.computed_at IS 'when any stored value of this row last changed';

-- The thresholds version the stored labels were computed with: a change of thresholds makes the
-- next recompute aggregate everyone again.
ALTER TABLE population_cutoffs ADD COLUMN settings_version bigint;

-- Paid orders by date: the recompute finds the customers whose orders left a time window (30, 90,
-- 365 days, the tier windows) since its previous run.
CREATE INDEX customer_order_paid_at ON customer_order (ordered_at) WHERE status = 'PAID';
