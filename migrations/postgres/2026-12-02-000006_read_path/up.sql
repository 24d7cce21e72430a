-- The read path: an index for every list filter and sort, and the name-search index.
--
-- County-scoped lists (every county role) filter on county_code first, so each filter and each
-- sort has a (county_code, <filter or sort>, id) index: equality on both leading columns, then
-- the rows come in keyset order without a sort. Prefecture-wide lists sort by name or code
-- through (name, id) and the code's unique index, and filter through (<filter>, id).

DROP INDEX schools_county;
CREATE INDEX schools_county ON schools (county_code, id);
CREATE INDEX schools_county_name ON schools (county_code, name, id);
CREATE INDEX schools_county_code ON schools (county_code, code);
CREATE INDEX schools_county_type ON schools (county_code, type_code, id);
CREATE INDEX schools_county_location ON schools (county_code, location, id);
CREATE INDEX schools_county_standing ON schools (county_code, standing, id);
CREATE INDEX schools_county_urban_rural ON schools (county_code, urban_rural_code, id);
CREATE INDEX schools_name ON schools (name, id);
CREATE INDEX schools_type ON schools (type_code, id);
CREATE INDEX schools_location ON schools (location, id);
CREATE INDEX schools_standing ON schools (standing, id);
CREATE INDEX schools_urban_rural ON schools (urban_rural_code, id);

DROP INDEX persons_county;
DROP INDEX persons_school;
CREATE INDEX persons_county ON persons (county_code, id);
CREATE INDEX persons_county_name ON persons (county_code, name, id);
CREATE INDEX persons_county_title ON persons (county_code, title_code, id);
CREATE INDEX persons_county_backbone ON persons (county_code, is_backbone, id);
CREATE INDEX persons_county_cadre ON persons (county_code, cadre_post, id);
CREATE INDEX persons_school ON persons (school_id, id);
CREATE INDEX persons_name ON persons (name, id);
CREATE INDEX persons_title ON persons (title_code, id);
CREATE INDEX persons_cadre ON persons (cadre_post, id);
-- subject_code= lists the persons who teach a subject: from the subject to its persons.
CREATE INDEX person_subjects_subject ON person_subjects (subject_code, person_id);

DROP INDEX edu_groups_county;
CREATE INDEX edu_groups_county ON edu_groups (county_code, id);
CREATE INDEX edu_groups_county_name ON edu_groups (county_code, name, id);
CREATE INDEX edu_groups_county_code ON edu_groups (county_code, code);
CREATE INDEX edu_groups_county_status ON edu_groups (county_code, status, id);
CREATE INDEX edu_groups_county_kind ON edu_groups (county_code, kind, id);
CREATE INDEX edu_groups_name ON edu_groups (name, id);
CREATE INDEX edu_groups_status ON edu_groups (status, id);
-- A group read counts its active seats and finds its chair per body.
DROP INDEX seats_group;
CREATE INDEX seats_group ON seats (group_id, body, active);

-- The change feed filtered by county or entity reads from a position onwards.
CREATE INDEX changes_county_seq ON changes (county_code, seq);

-- Name search (q=): every 1- and 2-character piece ("gram") of a name, ASCII letters in lower
-- case, points at the rows whose names hold it. A search looks up its grams here and checks
-- the candidates with LIKE, so its cost follows the matches, not the table. Chinese names are
-- two to four characters, too short for trigram indexes (FTS5's trigram tokenizer, pg_trgm).
-- Filled by the service from the names (see repo::search), on both backends alike.
CREATE TABLE name_grams (
    entity    TEXT NOT NULL,
    gram      TEXT NOT NULL,
    entity_id BIGINT NOT NULL,
    PRIMARY KEY (entity, gram, entity_id)
);
-- Forgetting or renaming a row finds its grams.
CREATE INDEX name_grams_row ON name_grams (entity, entity_id);
