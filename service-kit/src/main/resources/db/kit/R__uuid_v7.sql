-- Time-ordered ids (DESIGN.md section 2) for rows that SQL creates in bulk, e.g. INSERT ... SELECT.
-- PostgreSQL 17 has no uuidv7(); this is the same layout: 48-bit Unix milliseconds, version 7,
-- variant bits, the rest random. Repeatable, so every service gets it after its own migrations.
CREATE OR REPLACE FUNCTION uuid_v7() RETURNS uuid AS $$
    SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
               PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
               FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid
$$ LANGUAGE sql VOLATILE;
