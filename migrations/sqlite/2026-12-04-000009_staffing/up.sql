-- Issue 11: staffing allocation (§2.4.1, §2.4.2). STAFF-COUNTY-TOTAL, STAFF-POOL,
-- STAFF-SENIOR-BONUS, STAFF-ADJUST.

-- A county's totals for a year, set by its bureau: the teaching-staff quota (教职工编制总量),
-- the senior and intermediate professional-technical posts (高级、中级专业技术岗位总量), and the
-- share of extra senior and intermediate posts a group's core may get (at most 10).
CREATE TABLE staffing_totals (
    id                    INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    county_code           TEXT NOT NULL REFERENCES counties(code),
    year                  INTEGER NOT NULL,
    staff_quota           INTEGER NOT NULL,
    senior_posts          INTEGER NOT NULL,
    intermediate_posts    INTEGER NOT NULL,
    senior_bonus_percent  INTEGER NOT NULL,
    note                  TEXT,
    version               INTEGER NOT NULL,
    created_at            TIMESTAMP NOT NULL,
    updated_at            TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX staffing_totals_county_year ON staffing_totals (county_code, year);

-- A group's special development quota or headcount for a year (集团发展专项编制或员额), with
-- its purposes.
CREATE TABLE special_quotas (
    id             INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    group_id       BIGINT NOT NULL REFERENCES edu_groups(id),
    county_code    TEXT NOT NULL,
    year           INTEGER NOT NULL,
    kind           TEXT NOT NULL,
    amount         INTEGER NOT NULL,
    purposes_json  TEXT NOT NULL,
    note           TEXT,
    version        INTEGER NOT NULL,
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX special_quotas_group_year ON special_quotas (group_id, year);
CREATE INDEX special_quotas_county_year ON special_quotas (county_code, year);

-- What a member that does not pool its whole quota pools, by its agreement: a number of its
-- quota, or a share (percent) of it.
ALTER TABLE group_memberships ADD COLUMN pooled_quota INTEGER;
ALTER TABLE group_memberships ADD COLUMN pooled_share INTEGER;

-- Proposals to change a group's post allocations for a year (编制调整方案): the office meeting
-- passes them, the bureau approves them, and only then do they change `post_allocations`;
-- approved ones are filed with the staffing office (`staffing_filings`).
CREATE TABLE staffing_filings (
    id            INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    county_code   TEXT NOT NULL REFERENCES counties(code),
    period        TEXT NOT NULL,
    filed_on      DATE NOT NULL,
    filing_ref    TEXT NOT NULL,
    filed_by      TEXT NOT NULL,
    note          TEXT,
    created_at    TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX staffing_filings_county_period ON staffing_filings (county_code, period);

CREATE TABLE staffing_adjustments (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    group_id           BIGINT NOT NULL REFERENCES edu_groups(id),
    county_code        TEXT NOT NULL,
    year               INTEGER NOT NULL,
    title              TEXT NOT NULL,
    status             TEXT NOT NULL,
    lines_json         TEXT NOT NULL,
    note               TEXT,
    motion_id          BIGINT REFERENCES motions(id),
    proposed_by        TEXT NOT NULL,
    proposed_at        TIMESTAMP NOT NULL,
    office_decided_at  TIMESTAMP,
    decided_by         TEXT,
    decided_on         DATE,
    decision_ref       TEXT,
    decision_note      TEXT,
    superseded_by      BIGINT REFERENCES staffing_adjustments(id),
    filing_id          BIGINT REFERENCES staffing_filings(id),
    version            INTEGER NOT NULL,
    created_at         TIMESTAMP NOT NULL,
    updated_at         TIMESTAMP NOT NULL
);
CREATE INDEX staffing_adjustments_group ON staffing_adjustments (group_id, year, status);
CREATE INDEX staffing_adjustments_county ON staffing_adjustments (county_code, status, filing_id);
CREATE INDEX staffing_adjustments_motion ON staffing_adjustments (motion_id);

-- The posts in effect: per group, year, member, category, level, and whether they are the
-- core's bonus posts (STAFF-SENIOR-BONUS). Written only when an adjustment is approved.
CREATE TABLE post_allocations (
    id             INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    group_id       BIGINT NOT NULL REFERENCES edu_groups(id),
    county_code    TEXT NOT NULL,
    year           INTEGER NOT NULL,
    school_id      BIGINT NOT NULL REFERENCES schools(id),
    category       TEXT NOT NULL,
    level          TEXT NOT NULL,
    bonus          BOOLEAN NOT NULL,
    posts          INTEGER NOT NULL,
    reason         TEXT NOT NULL,
    adjustment_id  BIGINT NOT NULL REFERENCES staffing_adjustments(id),
    version        INTEGER NOT NULL,
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX post_allocations_key ON post_allocations (group_id, year, school_id, category, level, bonus);
CREATE INDEX post_allocations_county ON post_allocations (county_code, year);
