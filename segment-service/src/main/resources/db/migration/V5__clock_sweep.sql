-- A recompute evaluates rules with relative dates and day counts only for the customers whose
-- tested timestamps the calendar moved across a boundary since the previous run; these find them
-- by range.
CREATE INDEX customer_facts_last_purchase_at ON customer_facts (last_purchase_at);
CREATE INDEX customer_facts_first_purchase_at ON customer_facts (first_purchase_at);
CREATE INDEX customer_created_at ON customer (created_at);

-- The nightly recompute finds the customers whose paid orders left a time window from this index
-- alone (an index-only scan), without reading each order's row for its customer.
CREATE INDEX customer_order_paid_at_customer ON customer_order (ordered_at) INCLUDE (customer_id)
    WHERE status = 'PAID';
DROP INDEX customer_order_paid_at;
