CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE customer (
    id                   uuid PRIMARY KEY,
    kind                 text        NOT NULL CHECK (kind IN ('PERSON', 'COMPANY')),
    name                 text,
    gender               text CHECK (gender IN ('MALE', 'FEMALE', 'OTHER', 'UNKNOWN')),
    birth_date           date,
    phone                text,
    email                text,
    province             text,
    city                 text,
    district             text,
    address_line         text,
    area_type            text CHECK (area_type IN ('URBAN', 'SUBURBAN', 'RURAL')),
    locality             text CHECK (locality IN ('LOCAL', 'REMOTE')),
    industry             text,
    company_size         text CHECK (company_size IN ('MICRO', 'SMALL', 'MEDIUM', 'LARGE', 'ENTERPRISE')),
    needs                text[]      NOT NULL DEFAULT '{}',
    preferred_categories text[]      NOT NULL DEFAULT '{}',
    preferred_channels   text[]      NOT NULL DEFAULT '{}',
    tags                 text[]      NOT NULL DEFAULT '{}',
    owner_id             text,
    membership_tier      text,
    status               text        NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'MERGED', 'ERASED')),
    merged_into          uuid REFERENCES customer (id),
    version              bigint      NOT NULL DEFAULT 0,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    erased_at            timestamptz
);
-- Phone and email identify a customer for imports and duplicate checks; merged and erased
-- records give them up.
CREATE UNIQUE INDEX customer_phone_active ON customer (phone) WHERE status = 'ACTIVE' AND phone IS NOT NULL;
CREATE INDEX customer_email ON customer (lower(email)) WHERE email IS NOT NULL;
CREATE INDEX customer_name_trgm ON customer USING gin (name gin_trgm_ops);
CREATE INDEX customer_city ON customer (city);
CREATE INDEX customer_owner ON customer (owner_id);
CREATE INDEX customer_tags ON customer USING gin (tags);

-- Partner systems' ids: (source, external id) names one customer.
CREATE TABLE customer_external_id (
    source      text NOT NULL,
    external_id text NOT NULL,
    customer_id uuid NOT NULL REFERENCES customer (id),
    PRIMARY KEY (source, external_id)
);
CREATE INDEX customer_external_id_customer ON customer_external_id (customer_id);
