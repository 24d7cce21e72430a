-- Education groups: rule settings, groups and their formation history, memberships, charters,
-- council and office seats, meetings, motions, votes and resolutions.

-- Rule limits a county may change (DOMAIN.md *default*); the prefecture's row ('522700') holds
-- the prefecture-wide defaults. JSON of the domain's SettingsPatch.
CREATE TABLE county_settings (
    county_code   VARCHAR(6) PRIMARY KEY NOT NULL REFERENCES counties(code),
    settings_json TEXT NOT NULL,
    version       INTEGER NOT NULL,
    updated_at    TIMESTAMP NOT NULL
);

CREATE TABLE edu_groups (
    id                  BIGSERIAL PRIMARY KEY,
    code                TEXT NOT NULL UNIQUE,
    name                TEXT NOT NULL,
    county_code         VARCHAR(6) NOT NULL REFERENCES counties(code),
    kind                TEXT NOT NULL,
    pattern             TEXT NOT NULL,
    core_school_id      BIGINT NOT NULL REFERENCES schools(id),
    status              TEXT NOT NULL,
    plan_text           TEXT,
    -- Members at establishment: after it, a tight group takes one in for one out (GRP-TIGHT-SIZE).
    member_cap          INTEGER,
    council_elected_at  TIMESTAMP,
    established_on      DATE,
    version             INTEGER NOT NULL,
    created_at          TIMESTAMP NOT NULL,
    updated_at          TIMESTAMP NOT NULL
);
CREATE INDEX edu_groups_county ON edu_groups (county_code);
CREATE INDEX edu_groups_core ON edu_groups (core_school_id);

CREATE TABLE group_transitions (
    id          BIGSERIAL PRIMARY KEY,
    group_id    BIGINT NOT NULL REFERENCES edu_groups(id),
    from_status TEXT,
    to_status   TEXT NOT NULL,
    action      TEXT NOT NULL,
    actor_sub   TEXT NOT NULL,
    actor_role  TEXT NOT NULL,
    reason      TEXT,
    at          TIMESTAMP NOT NULL
);
CREATE INDEX group_transitions_group ON group_transitions (group_id);

CREATE TABLE group_memberships (
    id                     BIGSERIAL PRIMARY KEY,
    group_id               BIGINT NOT NULL REFERENCES edu_groups(id),
    school_id              BIGINT NOT NULL REFERENCES schools(id),
    basis                  TEXT NOT NULL,
    agreement_ref          TEXT,
    signed_on              DATE,
    executive_principal_id BIGINT REFERENCES persons(id),
    status                 TEXT NOT NULL,
    joined_on              DATE NOT NULL,
    left_on                DATE,
    exit_reason            TEXT,
    growth_until           DATE,
    version                INTEGER NOT NULL,
    created_at             TIMESTAMP NOT NULL,
    updated_at             TIMESTAMP NOT NULL
);
CREATE INDEX group_memberships_group ON group_memberships (group_id);
CREATE INDEX group_memberships_school ON group_memberships (school_id);

CREATE TABLE charters (
    id                    BIGSERIAL PRIMARY KEY,
    group_id              BIGINT NOT NULL REFERENCES edu_groups(id),
    version_no            INTEGER NOT NULL,
    status                TEXT NOT NULL,
    sections_json         TEXT NOT NULL,
    procedure_json        TEXT NOT NULL,
    adopted_resolution_id BIGINT,
    version               INTEGER NOT NULL,
    created_at            TIMESTAMP NOT NULL,
    updated_at            TIMESTAMP NOT NULL,
    UNIQUE (group_id, version_no)
);

-- Seats of the council ('council') and of the chair's office meeting ('office').
CREATE TABLE seats (
    id         BIGSERIAL PRIMARY KEY,
    group_id   BIGINT NOT NULL REFERENCES edu_groups(id),
    body       TEXT NOT NULL,
    person_id  BIGINT NOT NULL REFERENCES persons(id),
    school_id  BIGINT NOT NULL REFERENCES schools(id),
    category   TEXT NOT NULL,
    is_chair   BOOLEAN NOT NULL,
    active     BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX seats_group ON seats (group_id, body);
CREATE INDEX seats_person ON seats (person_id);

CREATE TABLE meetings (
    id            BIGSERIAL PRIMARY KEY,
    group_id      BIGINT NOT NULL REFERENCES edu_groups(id),
    body          TEXT NOT NULL,
    kind          TEXT NOT NULL,
    scheduled_at  TIMESTAMP NOT NULL,
    agenda        TEXT NOT NULL,
    status        TEXT NOT NULL,
    convened_by   TEXT NOT NULL,
    demanded_by   TEXT,
    version       INTEGER NOT NULL,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL
);
CREATE INDEX meetings_group ON meetings (group_id);

CREATE TABLE attendance (
    meeting_id    BIGINT NOT NULL REFERENCES meetings(id),
    seat_id       BIGINT NOT NULL REFERENCES seats(id),
    status        TEXT NOT NULL,
    proxy_seat_id BIGINT REFERENCES seats(id),
    PRIMARY KEY (meeting_id, seat_id)
);

CREATE TABLE motions (
    id                 BIGSERIAL PRIMARY KEY,
    meeting_id         BIGINT NOT NULL REFERENCES meetings(id),
    group_id           BIGINT NOT NULL REFERENCES edu_groups(id),
    position           INTEGER NOT NULL,
    title              TEXT NOT NULL,
    motion_type        TEXT NOT NULL,
    ballot             TEXT NOT NULL,
    concerns_school_id BIGINT REFERENCES schools(id),
    threshold_json     TEXT NOT NULL,
    quorum_json        TEXT NOT NULL,
    status             TEXT NOT NULL,
    outcome            TEXT,
    seats_count        INTEGER,
    present_count      INTEGER,
    recused_count      INTEGER,
    votes_for          INTEGER,
    votes_against      INTEGER,
    votes_abstain      INTEGER,
    required_votes     INTEGER,
    quorum_required    INTEGER,
    closed_at          TIMESTAMP,
    version            INTEGER NOT NULL,
    created_at         TIMESTAMP NOT NULL,
    updated_at         TIMESTAMP NOT NULL
);
CREATE INDEX motions_meeting ON motions (meeting_id);

CREATE TABLE recusals (
    motion_id BIGINT NOT NULL REFERENCES motions(id),
    seat_id   BIGINT NOT NULL REFERENCES seats(id),
    PRIMARY KEY (motion_id, seat_id)
);

-- One row per seat while a motion is open; a secret ballot's rows lose their choice when it
-- closes (only the tally is kept).
CREATE TABLE votes (
    motion_id  BIGINT NOT NULL REFERENCES motions(id),
    seat_id    BIGINT NOT NULL REFERENCES seats(id),
    choice     TEXT,
    cast_by    BIGINT NOT NULL REFERENCES persons(id),
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (motion_id, seat_id)
);

CREATE TABLE resolutions (
    id         BIGSERIAL PRIMARY KEY,
    group_id   BIGINT NOT NULL REFERENCES edu_groups(id),
    motion_id  BIGINT NOT NULL UNIQUE REFERENCES motions(id),
    number     TEXT NOT NULL UNIQUE,
    year       INTEGER NOT NULL,
    sequence   INTEGER NOT NULL,
    title      TEXT NOT NULL,
    motion_type TEXT NOT NULL,
    issued_at  TIMESTAMP NOT NULL
);
CREATE INDEX resolutions_group ON resolutions (group_id);
