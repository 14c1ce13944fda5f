-- Positions are now handed out after commit, by FeedReader, instead of by an identity at insert.
-- A position taken at insert can commit after a higher one, and serving only events older than the
-- oldest transaction in flight does not close that gap: a transaction that got its id earlier (it
-- wrote something else first) can append its event, and commit, after a younger transaction took a
-- lower position that is still in flight. The younger one's event was then skipped for good.
-- Events keep their insert order in `written`; positions already handed out stay as they are.
ALTER TABLE feed_event ALTER COLUMN position DROP IDENTITY;
ALTER TABLE feed_event DROP CONSTRAINT feed_event_pkey;
ALTER TABLE feed_event ALTER COLUMN position DROP NOT NULL;
ALTER TABLE feed_event ADD COLUMN written bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY;
ALTER TABLE feed_event DROP COLUMN txid;
CREATE UNIQUE INDEX feed_event_position ON feed_event (position);
CREATE INDEX feed_event_unpositioned ON feed_event (written) WHERE position IS NULL;
