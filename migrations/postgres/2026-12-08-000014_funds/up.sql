-- Issue 14: group funds and pooled resources (§2.3.3, §3.3). FUNDS-PURPOSE,
-- ACCOUNTS-INDEPENDENT.

-- The county's allocation to a group for a year, by purpose (`lines_json`: read and written
-- whole, never queried).
CREATE TABLE group_funds (
    id               BIGSERIAL PRIMARY KEY,
    group_id         BIGINT NOT NULL REFERENCES edu_groups(id),
    county_code      TEXT NOT NULL,
    year             INTEGER NOT NULL,
    lines_json       TEXT NOT NULL,
    note             TEXT,
    version          INTEGER NOT NULL,
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX group_funds_group_year ON group_funds (group_id, year);
CREATE INDEX group_funds_county_year ON group_funds (county_code, year);

-- A pooled use of a member's people, goods or money, against the member whose account bears
-- it. Append-only: a correction is a reversing entry (`reverses_id`, at most one per entry).
-- `quantity_centi`: hundredths of `unit`.
CREATE TABLE fund_entries (
    id                     BIGSERIAL PRIMARY KEY,
    group_id               BIGINT NOT NULL REFERENCES edu_groups(id),
    county_code            TEXT NOT NULL,
    year                   INTEGER NOT NULL,
    kind                   TEXT NOT NULL,
    source                 TEXT NOT NULL,
    purpose                TEXT NOT NULL,
    bearer_school_id       BIGINT NOT NULL REFERENCES schools(id),
    beneficiary_school_id  BIGINT REFERENCES schools(id),
    resolution_id          BIGINT REFERENCES resolutions(id),
    amount_yuan            BIGINT,
    quantity_centi         BIGINT,
    unit                   TEXT,
    starts_on              DATE NOT NULL,
    ends_on                DATE,
    description            TEXT NOT NULL,
    reverses_id            BIGINT REFERENCES fund_entries(id),
    created_by             TEXT NOT NULL,
    created_at             TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX fund_entries_reverses ON fund_entries (reverses_id);
CREATE INDEX fund_entries_group_year ON fund_entries (group_id, year);
CREATE INDEX fund_entries_county_year ON fund_entries (county_code, year);
