-- A recompute reads its candidates' current memberships from the customer index alone (an
-- index-only scan) instead of visiting each membership's scattered row. It replaces the plain
-- customer index, so writing a membership updates no more indexes than before.
CREATE INDEX membership_by_customer ON membership (customer_id) INCLUDE (segment_id, exited_at);
DROP INDEX membership_customer;
