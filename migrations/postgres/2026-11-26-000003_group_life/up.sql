-- Group life after establishment: applications (exits, graduation, conversion, spin-off),
-- rectification orders, cadre nominations, charter approval and dissolution.

-- What a group or member asks the bureau to approve; the bureau's inbox.
CREATE TABLE applications (
    id            BIGSERIAL PRIMARY KEY,
    group_id      BIGINT NOT NULL REFERENCES edu_groups(id),
    school_id     BIGINT NOT NULL REFERENCES schools(id),
    membership_id BIGINT REFERENCES group_memberships(id),
    kind          TEXT NOT NULL,
    status        TEXT NOT NULL,
    reason        TEXT NOT NULL,
    payload_json  TEXT,
    submitted_by  TEXT NOT NULL,
    submitted_at  TIMESTAMP NOT NULL,
    decided_by    TEXT,
    decided_at    TIMESTAMP,
    decision_note TEXT,
    new_group_id  BIGINT REFERENCES edu_groups(id),
    county_code   VARCHAR(6) NOT NULL REFERENCES counties(code),
    version       INTEGER NOT NULL,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL
);
CREATE INDEX applications_status ON applications (county_code, status);
CREATE INDEX applications_group ON applications (group_id);

CREATE TABLE rectification_orders (
    id            BIGSERIAL PRIMARY KEY,
    group_id      BIGINT NOT NULL REFERENCES edu_groups(id),
    school_id     BIGINT NOT NULL REFERENCES schools(id),
    membership_id BIGINT REFERENCES group_memberships(id),
    violation     TEXT NOT NULL,
    deadline      DATE NOT NULL,
    status        TEXT NOT NULL,
    response      TEXT,
    responded_at  TIMESTAMP,
    resolved_at   TIMESTAMP,
    resolution_note TEXT,
    issued_by     TEXT NOT NULL,
    version       INTEGER NOT NULL,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL
);
CREATE INDEX rectification_orders_group ON rectification_orders (group_id, school_id);

-- A cadre appointment's path (CADRE-VP, CADRE-MIDDLE): nomination → office meeting → appointment
-- (→ filing for vice principals); the person's post changes only at the end.
CREATE TABLE cadre_nominations (
    id               BIGSERIAL PRIMARY KEY,
    group_id         BIGINT NOT NULL REFERENCES edu_groups(id),
    person_id        BIGINT NOT NULL REFERENCES persons(id),
    school_id        BIGINT NOT NULL REFERENCES schools(id),
    post             TEXT NOT NULL,
    status           TEXT NOT NULL,
    motion_id        BIGINT REFERENCES motions(id),
    nominated_by     TEXT NOT NULL,
    nominated_at     TIMESTAMP NOT NULL,
    office_decided_at TIMESTAMP,
    appointed_by     TEXT,
    appointed_at     TIMESTAMP,
    appointment_ref  TEXT,
    filed_at         TIMESTAMP,
    filing_ref       TEXT,
    note             TEXT,
    version          INTEGER NOT NULL,
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL
);
CREATE INDEX cadre_nominations_group ON cadre_nominations (group_id);

ALTER TABLE charters ADD COLUMN submitted_at TIMESTAMP;
ALTER TABLE charters ADD COLUMN decided_at TIMESTAMP;
ALTER TABLE charters ADD COLUMN decided_by TEXT;
ALTER TABLE charters ADD COLUMN decision_note TEXT;

ALTER TABLE edu_groups ADD COLUMN dissolved_on DATE;
ALTER TABLE edu_groups ADD COLUMN dissolution_note TEXT;
