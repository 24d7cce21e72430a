-- Issue 13: the annual assessment (§2.4.4, §3.4). ASSESS-FRAMEWORK, ASSESS-STATE,
-- ASSESS-RECUSAL, PAY-POOL, GROWTH-3Y, and inspections by education supervision.

-- A framework of weighted indicators for a county's year (county_code NULL: a prefecture
-- template counties copy). `edition` numbers the frameworks of one county and year; `locked`
-- once an assessment under it opens.
CREATE TABLE assessment_frameworks (
    id               BIGSERIAL PRIMARY KEY,
    county_code      TEXT,
    year             INTEGER NOT NULL,
    edition          INTEGER NOT NULL,
    title            TEXT NOT NULL,
    status           TEXT NOT NULL,
    dimensions_json  TEXT NOT NULL,
    based_on_id      BIGINT REFERENCES assessment_frameworks(id),
    created_by       TEXT NOT NULL,
    locked_at        TIMESTAMP,
    version          INTEGER NOT NULL,
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX assessment_frameworks_edition ON assessment_frameworks (county_code, year, edition);
CREATE INDEX assessment_frameworks_year ON assessment_frameworks (year, county_code);

-- One assessment per group and year. `units_json`: the schools assessed (core and members at
-- opening); `results_json`: the totals and grades fixed at finalisation.
CREATE TABLE assessments (
    id                BIGSERIAL PRIMARY KEY,
    group_id          BIGINT NOT NULL REFERENCES edu_groups(id),
    county_code       TEXT NOT NULL,
    year              INTEGER NOT NULL,
    framework_id      BIGINT NOT NULL REFERENCES assessment_frameworks(id),
    status            TEXT NOT NULL,
    units_json        TEXT NOT NULL,
    self_submitted_at TIMESTAMP,
    self_submitted_by TEXT,
    self_note         TEXT,
    finalised_at      TIMESTAMP,
    finalised_by      TEXT,
    published_at      TIMESTAMP,
    results_json      TEXT,
    total             DOUBLE PRECISION,
    grade             TEXT,
    version           INTEGER NOT NULL,
    created_at        TIMESTAMP NOT NULL,
    updated_at        TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX assessments_group_year ON assessments (group_id, year);
CREATE INDEX assessments_county_year ON assessments (county_code, year, status);

-- A score of one indicator for one school (NULL: the group level). The self-assessment and the
-- assessor's score sit side by side; a computed score keeps its inputs as they were.
CREATE TABLE assessment_scores (
    id              BIGSERIAL PRIMARY KEY,
    assessment_id   BIGINT NOT NULL REFERENCES assessments(id),
    indicator_code  TEXT NOT NULL,
    school_id       BIGINT REFERENCES schools(id),
    self_tenths     INTEGER,
    self_comment    TEXT,
    score_tenths    INTEGER,
    evidence        TEXT,
    comment         TEXT,
    inputs_json     TEXT,
    scored_by       TEXT,
    scored_at       TIMESTAMP
);
CREATE INDEX assessment_scores_assessment ON assessment_scores (assessment_id, indicator_code);

-- ASSESS-STATE: each reopening of a finalised assessment, with its reasons.
CREATE TABLE assessment_reopenings (
    id             BIGSERIAL PRIMARY KEY,
    assessment_id  BIGINT NOT NULL REFERENCES assessments(id),
    reason         TEXT NOT NULL,
    reopened_by    TEXT NOT NULL,
    reopened_at    TIMESTAMP NOT NULL,
    results_json   TEXT
);
CREATE INDEX assessment_reopenings_assessment ON assessment_reopenings (assessment_id);

-- PAY-POOL: a county's pool for a year and its allocation across groups.
CREATE TABLE pay_pools (
    id               BIGSERIAL PRIMARY KEY,
    county_code      TEXT NOT NULL REFERENCES counties(code),
    year             INTEGER NOT NULL,
    base_yuan        BIGINT NOT NULL,
    pool_percent     INTEGER NOT NULL,
    pool_yuan        BIGINT NOT NULL,
    allocations_json TEXT NOT NULL,
    note             TEXT,
    version          INTEGER NOT NULL,
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX pay_pools_county_year ON pay_pools (county_code, year);

-- PAY-POOL: the core's distribution plan of its group's allocation among its schools.
CREATE TABLE pay_plans (
    id                BIGSERIAL PRIMARY KEY,
    group_id          BIGINT NOT NULL REFERENCES edu_groups(id),
    county_code       TEXT NOT NULL,
    year              INTEGER NOT NULL,
    lines_json        TEXT NOT NULL,
    note              TEXT,
    status            TEXT NOT NULL,
    motion_id         BIGINT REFERENCES motions(id),
    office_decided_at TIMESTAMP,
    decided_by        TEXT,
    decided_at        TIMESTAMP,
    decision_note     TEXT,
    version           INTEGER NOT NULL,
    created_at        TIMESTAMP NOT NULL,
    updated_at        TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX pay_plans_group_year ON pay_plans (group_id, year);
CREATE INDEX pay_plans_motion ON pay_plans (motion_id);

-- GROWTH-3Y: a growth review of a new or weak member on a published assessment's evidence.
CREATE TABLE growth_reviews (
    id              BIGSERIAL PRIMARY KEY,
    assessment_id   BIGINT NOT NULL REFERENCES assessments(id),
    group_id        BIGINT NOT NULL REFERENCES edu_groups(id),
    county_code     TEXT NOT NULL,
    school_id       BIGINT NOT NULL REFERENCES schools(id),
    membership_id   BIGINT NOT NULL REFERENCES group_memberships(id),
    decision        TEXT NOT NULL,
    reason          TEXT NOT NULL,
    extend_years    INTEGER,
    evidence_json   TEXT NOT NULL,
    application_id  BIGINT REFERENCES applications(id),
    status          TEXT NOT NULL,
    created_by      TEXT NOT NULL,
    decided_by      TEXT,
    decided_at      TIMESTAMP,
    decision_note   TEXT,
    version         INTEGER NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);
CREATE INDEX growth_reviews_group ON growth_reviews (group_id, school_id);
CREATE INDEX growth_reviews_assessment ON growth_reviews (assessment_id);

-- An inspection by education supervision (督导评估, §3.4) of a group or one of its schools.
CREATE TABLE inspections (
    id             BIGSERIAL PRIMARY KEY,
    county_code    TEXT NOT NULL,
    group_id       BIGINT NOT NULL REFERENCES edu_groups(id),
    school_id      BIGINT REFERENCES schools(id),
    kind           TEXT NOT NULL,
    inspected_on   DATE NOT NULL,
    year           INTEGER NOT NULL,
    rating         TEXT NOT NULL,
    summary        TEXT NOT NULL,
    findings_json  TEXT NOT NULL,
    inspector      TEXT NOT NULL,
    created_at     TIMESTAMP NOT NULL
);
CREATE INDEX inspections_group ON inspections (group_id, year);
CREATE INDEX inspections_county ON inspections (county_code, year);

-- A rectification order may come from an inspection's finding.
ALTER TABLE rectification_orders ADD COLUMN inspection_id BIGINT REFERENCES inspections(id);
CREATE INDEX rectification_orders_inspection ON rectification_orders (inspection_id);
