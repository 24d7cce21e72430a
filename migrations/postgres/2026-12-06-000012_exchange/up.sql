-- Issue 12: teacher exchange (§2.4.2, §2.4.3). EXCH-OVERLAP, EXCH-SCOPE, EXCH-PLAN, and the
-- records the compliance figures (EXCH-GROUP-10, EXCH-BACKBONE-40, EXCH-CORE-10,
-- EXCH-NEW-SCHOOL-SUBJECT, EXCH-WEAK-SUBJECT) and the treatments (EXCH-TREATMENT) come from.

-- A group's annual exchange plan (年度交流计划), drafted by its teacher development centre and
-- passed by the chair's office meeting (motion type `exchange_plan`). Lines: kind, from, to and
-- how many teachers.
CREATE TABLE exchange_plans (
    id                 BIGSERIAL PRIMARY KEY,
    group_id           BIGINT NOT NULL REFERENCES edu_groups(id),
    county_code        TEXT NOT NULL,
    year               INTEGER NOT NULL,
    title              TEXT NOT NULL,
    drafted_by         TEXT NOT NULL,
    status             TEXT NOT NULL,
    lines_json         TEXT NOT NULL,
    note               TEXT,
    motion_id          BIGINT REFERENCES motions(id),
    office_decided_at  TIMESTAMP,
    version            INTEGER NOT NULL,
    created_at         TIMESTAMP NOT NULL,
    updated_at         TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX exchange_plans_group_year ON exchange_plans (group_id, year);
CREATE INDEX exchange_plans_motion ON exchange_plans (motion_id);

-- One teacher movement. `group_id` is the group whose records it is in: the group of the
-- sending school (a cross-school teaching exchange may go to a school outside it).
CREATE TABLE exchanges (
    id              BIGSERIAL PRIMARY KEY,
    group_id        BIGINT NOT NULL REFERENCES edu_groups(id),
    county_code     TEXT NOT NULL,
    person_id       BIGINT NOT NULL REFERENCES persons(id),
    kind            TEXT NOT NULL,
    from_school_id  BIGINT NOT NULL REFERENCES schools(id),
    to_school_id    BIGINT NOT NULL REFERENCES schools(id),
    subjects_json   TEXT NOT NULL,
    share_percent   INTEGER NOT NULL,
    relation        TEXT NOT NULL,
    voluntary       BOOLEAN NOT NULL,
    -- The receiving school was the core or a member of the group when the exchange was
    -- recorded (a cross-school teaching exchange may go outside it, EXCH-SCOPE).
    within_group    BOOLEAN NOT NULL,
    status          TEXT NOT NULL,
    starts_on       DATE NOT NULL,
    ends_on         DATE,
    plan_id         BIGINT REFERENCES exchange_plans(id),
    note            TEXT,
    status_note     TEXT,
    version         INTEGER NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);
CREATE INDEX exchanges_person ON exchanges (person_id, status);
CREATE INDEX exchanges_group ON exchanges (group_id, starts_on);
CREATE INDEX exchanges_county ON exchanges (county_code, starts_on);
CREATE INDEX exchanges_to_school ON exchanges (to_school_id, status);
CREATE INDEX exchanges_plan ON exchanges (plan_id);

-- The subjects a school teaches in a year, and which of them are weak (薄弱学科), as the
-- bureau or the school records them. Where a year has none, the figures take the subjects the
-- school's teachers teach.
CREATE TABLE school_subjects (
    school_id     BIGINT NOT NULL REFERENCES schools(id),
    year          INTEGER NOT NULL,
    subject_code  TEXT NOT NULL REFERENCES subjects(code),
    weak          BOOLEAN NOT NULL,
    -- The version of the school's set for the year (every row of a set has it).
    version       INTEGER NOT NULL,
    PRIMARY KEY (school_id, year, subject_code)
);
