-- How far into the file an import has read, for a progress percentage (CSV and JSON Lines).
ALTER TABLE import_job ADD COLUMN bytes_read bigint NOT NULL DEFAULT 0;
