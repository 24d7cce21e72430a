-- Issue 10: parents in the registry (COUNCIL-COMPOSITION), the group's internal bodies
-- (INTERNAL-BODIES, OFFICE-COMPOSITION) and demands for an extraordinary meeting (MEETING-CONVENE).

-- A person is staff (school_id holds the personnel record) or a parent (school_id is where the
-- pupil is enrolled, pupil_class names the class).
ALTER TABLE persons ADD COLUMN kind TEXT NOT NULL DEFAULT 'staff';
ALTER TABLE persons ADD COLUMN pupil_class TEXT;
CREATE INDEX persons_school_kind ON persons (school_id, kind);

-- A group's internal bodies (学生发展中心、教师发展中心、质量监控中心…), founded by a council
-- resolution on the core's own internal bodies; the head sits in the office meeting.
CREATE TABLE internal_bodies (
    id                      INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    group_id                BIGINT NOT NULL REFERENCES edu_groups(id),
    kind                    TEXT NOT NULL,
    name                    TEXT NOT NULL,
    head_person_id          BIGINT NOT NULL REFERENCES persons(id),
    founding_resolution_id  BIGINT NOT NULL REFERENCES resolutions(id),
    status                  TEXT NOT NULL,
    closing_resolution_id   BIGINT REFERENCES resolutions(id),
    version                 INTEGER NOT NULL,
    created_at              TIMESTAMP NOT NULL,
    updated_at              TIMESTAMP NOT NULL
);
CREATE INDEX internal_bodies_group ON internal_bodies (group_id, status);
CREATE INDEX internal_bodies_head ON internal_bodies (head_person_id);

-- A third of the council's seats demands an extraordinary meeting; the chair convenes it, or
-- the demand shows as overdue after the charter's deadline.
CREATE TABLE meeting_demands (
    id            INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    group_id      BIGINT NOT NULL REFERENCES edu_groups(id),
    seats_json    TEXT NOT NULL,
    seats_count   INTEGER NOT NULL,
    agenda        TEXT NOT NULL,
    status        TEXT NOT NULL,
    demanded_by   TEXT NOT NULL,
    demanded_at   TIMESTAMP NOT NULL,
    due_on        DATE NOT NULL,
    meeting_id    BIGINT REFERENCES meetings(id),
    version       INTEGER NOT NULL,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL
);
CREATE INDEX meeting_demands_group ON meeting_demands (group_id, status);
