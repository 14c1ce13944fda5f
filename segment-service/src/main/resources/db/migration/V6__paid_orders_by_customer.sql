-- A customer's paid orders with everything the features count (time and total) in the index
-- itself: the nightly recompute re-counts the windows of the customers an order aged out for by
-- index-only scans instead of visiting each order's scattered row (measured: 3.6 s of 5.3 s for
-- 32,000 customers out of a million).
CREATE INDEX customer_order_paid_by_customer ON customer_order (customer_id, ordered_at) INCLUDE (total)
    WHERE status = 'PAID';
