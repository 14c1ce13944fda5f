-- When a customer's oldest open loyalty points expire (points.changed), for reminders before they do.
ALTER TABLE customer_signal ADD COLUMN points_next_expiry timestamptz;
CREATE INDEX customer_signal_points_expiry ON customer_signal (points_next_expiry);
