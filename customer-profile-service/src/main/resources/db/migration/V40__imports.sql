-- Import jobs and their per-row error reports. Reasons never quote cell values, so the report
-- holds no personal data.
CREATE TABLE import_job (
    id              uuid PRIMARY KEY,
    kind            text        NOT NULL CHECK (kind IN ('CUSTOMERS', 'ORDERS')),
    format          text        NOT NULL CHECK (format IN ('CSV', 'XLSX', 'JSONL')),
    source          text        NOT NULL,
    dry_run         boolean     NOT NULL,
    status          text        NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    file_name       text,
    file_bytes      bigint      NOT NULL DEFAULT 0,
    charset         text,
    rows_read       bigint      NOT NULL DEFAULT 0,
    rows_valid      bigint      NOT NULL DEFAULT 0,
    rows_invalid    bigint      NOT NULL DEFAULT 0,
    created_count   bigint      NOT NULL DEFAULT 0,
    updated_count   bigint      NOT NULL DEFAULT 0,
    unchanged_count bigint      NOT NULL DEFAULT 0,
    failure         text,
    created_by      text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    started_at      timestamptz,
    finished_at     timestamptz
);

CREATE TABLE import_error (
    job_id     uuid   NOT NULL REFERENCES import_job (id) ON DELETE CASCADE,
    row_number bigint NOT NULL,
    column_name text  NOT NULL,
    reason     text   NOT NULL,
    PRIMARY KEY (job_id, row_number, column_name)
);
