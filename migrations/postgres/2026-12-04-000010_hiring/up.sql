-- Issue 11 point 6: two-way hiring (崗位雙向聘用, §2.4.2, HIRE-TWO-WAY).

-- A group's hiring round for a year, with its assessment method per post category: the weights
-- of ethics, ability, performance and contribution (师德、能力、业绩、贡献), as JSON.
CREATE TABLE hiring_rounds (
    id            BIGSERIAL PRIMARY KEY,
    group_id      BIGINT NOT NULL REFERENCES edu_groups(id),
    county_code   TEXT NOT NULL,
    year          INTEGER NOT NULL,
    name          TEXT NOT NULL,
    opened_on     DATE NOT NULL,
    methods_json  TEXT NOT NULL,
    status        TEXT NOT NULL,
    closed_on     DATE,
    note          TEXT,
    created_by    TEXT NOT NULL,
    version       INTEGER NOT NULL,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL
);
CREATE INDEX hiring_rounds_group ON hiring_rounds (group_id, year, id);

-- The posts a round offers at a member: within the member's `post_allocations` (STAFF-POOL).
CREATE TABLE hiring_posts (
    id          BIGSERIAL PRIMARY KEY,
    round_id    BIGINT NOT NULL REFERENCES hiring_rounds(id),
    group_id    BIGINT NOT NULL REFERENCES edu_groups(id),
    school_id   BIGINT NOT NULL REFERENCES schools(id),
    category    TEXT NOT NULL,
    level       TEXT NOT NULL,
    bonus       BOOLEAN NOT NULL,
    name        TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    created_at  TIMESTAMP NOT NULL
);
CREATE INDEX hiring_posts_round ON hiring_posts (round_id, school_id, category, level, bonus);

-- Each teacher's outcome in a round: where it stands, the post it holds (hired or reassigned)
-- and the scores of the hire. At most one per teacher and round; a post is filled at most once.
CREATE TABLE hiring_outcomes (
    id                    BIGSERIAL PRIMARY KEY,
    round_id              BIGINT NOT NULL REFERENCES hiring_rounds(id),
    group_id              BIGINT NOT NULL REFERENCES edu_groups(id),
    person_id             BIGINT NOT NULL REFERENCES persons(id),
    school_id             BIGINT NOT NULL REFERENCES schools(id),
    status                TEXT NOT NULL,
    post_id               BIGINT REFERENCES hiring_posts(id),
    ethics_score          INTEGER,
    ability_score         INTEGER,
    performance_score     INTEGER,
    contribution_score    INTEGER,
    weighted_total_centi  INTEGER,
    version               INTEGER NOT NULL,
    created_at            TIMESTAMP NOT NULL,
    updated_at            TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX hiring_outcomes_person ON hiring_outcomes (round_id, person_id);
CREATE UNIQUE INDEX hiring_outcomes_post ON hiring_outcomes (post_id) WHERE post_id IS NOT NULL;
CREATE INDEX hiring_outcomes_school ON hiring_outcomes (round_id, school_id, id);

-- Every step of an outcome, with its reason, date, deciding body and document.
CREATE TABLE hiring_steps (
    id             BIGSERIAL PRIMARY KEY,
    outcome_id     BIGINT NOT NULL REFERENCES hiring_outcomes(id),
    status         TEXT NOT NULL,
    post_id        BIGINT REFERENCES hiring_posts(id),
    reason         TEXT NOT NULL,
    decided_on     DATE NOT NULL,
    deciding_body  TEXT NOT NULL,
    document_ref   TEXT NOT NULL,
    recorded_by    TEXT NOT NULL,
    recorded_at    TIMESTAMP NOT NULL
);
CREATE INDEX hiring_steps_outcome ON hiring_steps (outcome_id, id);

-- The teacher's current post in the registry, as two-way hiring leaves it.
ALTER TABLE persons ADD COLUMN hiring_post_id BIGINT REFERENCES hiring_posts(id);
ALTER TABLE persons ADD COLUMN employment_status TEXT;
