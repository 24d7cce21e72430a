-- Foundation: the registry (counties, lookups, schools, persons), service accounts,
-- the audit log that is also the change feed, idempotency keys, and the write gate.

CREATE TABLE counties (
    code        VARCHAR(6) PRIMARY KEY NOT NULL,
    name_zh     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    level       TEXT NOT NULL,          -- 'prefecture' | 'county'
    parent_code VARCHAR(6) REFERENCES counties(code),
    sort_order  INTEGER NOT NULL
);

CREATE TABLE school_types (
    code       TEXT PRIMARY KEY NOT NULL,
    name_zh    TEXT NOT NULL,
    name_en    TEXT NOT NULL,
    stages     TEXT NOT NULL,           -- comma-separated: preschool,primary,junior,senior
    sort_order INTEGER NOT NULL
);

CREATE TABLE urban_rural_codes (
    code       TEXT PRIMARY KEY NOT NULL,
    name_zh    TEXT NOT NULL,
    name_en    TEXT NOT NULL,
    sort_order INTEGER NOT NULL
);

CREATE TABLE subjects (
    code       TEXT PRIMARY KEY NOT NULL,
    name_zh    TEXT NOT NULL,
    name_en    TEXT NOT NULL,
    shortage   BOOLEAN NOT NULL,        -- the policy's shortage subjects (§2.4.3)
    sort_order INTEGER NOT NULL
);

CREATE TABLE titles (
    code       TEXT PRIMARY KEY NOT NULL,
    name_zh    TEXT NOT NULL,
    name_en    TEXT NOT NULL,
    grade      TEXT NOT NULL,           -- 'senior' | 'intermediate' | 'junior' (STAFF-SENIOR-BONUS)
    sort_order INTEGER NOT NULL
);

CREATE TABLE write_gate (
    id      INTEGER PRIMARY KEY NOT NULL,
    touched BIGINT NOT NULL
);
INSERT INTO write_gate (id, touched) VALUES (1, 0);

INSERT INTO counties (code, name_zh, name_en, level, parent_code, sort_order) VALUES
('522700', '黔南布依族苗族自治州', 'Qiannan Buyei and Miao Autonomous Prefecture', 'prefecture', NULL, 0),
('522701', '都匀市', 'Duyun', 'county', '522700', 1),
('522702', '福泉市', 'Fuquan', 'county', '522700', 2),
('522722', '荔波县', 'Libo', 'county', '522700', 3),
('522723', '贵定县', 'Guiding', 'county', '522700', 4),
('522725', '瓮安县', 'Weng''an', 'county', '522700', 5),
('522726', '独山县', 'Dushan', 'county', '522700', 6),
('522727', '平塘县', 'Pingtang', 'county', '522700', 7),
('522728', '罗甸县', 'Luodian', 'county', '522700', 8),
('522729', '长顺县', 'Changshun', 'county', '522700', 9),
('522730', '龙里县', 'Longli', 'county', '522700', 10),
('522731', '惠水县', 'Huishui', 'county', '522700', 11),
('522732', '三都水族自治县', 'Sandu Shui Autonomous County', 'county', '522700', 12);

INSERT INTO school_types (code, name_zh, name_en, stages, sort_order) VALUES
('111', '幼儿园', 'Kindergarten', 'preschool', 1),
('211', '小学', 'Primary school', 'primary', 2),
('218', '小学教学点', 'Primary teaching point', 'primary', 3),
('311', '初级中学', 'Junior secondary school', 'junior', 4),
('312', '九年一贯制学校', 'Nine-year school', 'primary,junior', 5),
('341', '完全中学', 'Complete secondary school', 'junior,senior', 6),
('342', '高级中学', 'Senior secondary school', 'senior', 7),
('345', '十二年一贯制学校', 'Twelve-year school', 'primary,junior,senior', 8),
('511', '视力残疾人学校', 'School for the visually impaired', 'primary,junior', 9),
('512', '听力残疾人学校', 'School for the hearing impaired', 'primary,junior', 10),
('513', '智力残疾人学校', 'School for the intellectually disabled', 'primary,junior', 11),
('514', '其他特教学校', 'Other special education school', 'primary,junior', 12);

INSERT INTO urban_rural_codes (code, name_zh, name_en, sort_order) VALUES
('111', '主城区', 'Main urban area', 1),
('112', '城乡结合区', 'Urban fringe', 2),
('121', '镇中心区', 'Town centre', 3),
('122', '镇乡结合区', 'Town fringe', 4),
('123', '特殊区域', 'Special area', 5),
('210', '乡中心区', 'Township centre', 6),
('220', '村庄', 'Village', 7);

INSERT INTO subjects (code, name_zh, name_en, shortage, sort_order) VALUES
('12', '道德与法治', 'Morality and law', FALSE, 1),
('13', '语文', 'Chinese', FALSE, 2),
('14', '数学', 'Mathematics', FALSE, 3),
('15', '科学', 'Science', FALSE, 4),
('16', '物理', 'Physics', FALSE, 5),
('17', '化学', 'Chemistry', FALSE, 6),
('18', '生物', 'Biology', FALSE, 7),
('20', '地理', 'Geography', FALSE, 8),
('21', '历史', 'History', FALSE, 9),
('22', '体育与健康', 'Physical education and health', TRUE, 10),
('24', '音乐', 'Music', TRUE, 11),
('25', '美术', 'Fine arts', TRUE, 12),
('41', '英语', 'English', TRUE, 13),
('61', '信息技术', 'Information technology', TRUE, 14);

INSERT INTO titles (code, name_zh, name_en, grade, sort_order) VALUES
('zgj', '正高级教师', 'Senior teacher, professor level', 'senior', 1),
('gj', '高级教师', 'Senior teacher', 'senior', 2),
('yj', '一级教师', 'First-grade teacher', 'intermediate', 3),
('ej', '二级教师', 'Second-grade teacher', 'junior', 4),
('sj', '三级教师', 'Third-grade teacher', 'junior', 5);

CREATE TABLE schools (
    id                      BIGSERIAL PRIMARY KEY,
    code                    VARCHAR(10) NOT NULL UNIQUE,
    name                    TEXT NOT NULL,
    county_code             VARCHAR(6) NOT NULL REFERENCES counties(code),
    type_code               TEXT NOT NULL REFERENCES school_types(code),
    urban_rural_code        TEXT NOT NULL REFERENCES urban_rural_codes(code),
    location                TEXT NOT NULL,
    standing                TEXT NOT NULL,
    uscc                    VARCHAR(18) UNIQUE,
    uscc_check_ok           BOOLEAN NOT NULL,
    legal_representative_id BIGINT,
    staffing_quota          INTEGER NOT NULL,
    address                 TEXT,
    opened_on               DATE,
    version                 INTEGER NOT NULL,
    created_at              TIMESTAMP NOT NULL,
    updated_at              TIMESTAMP NOT NULL
);
CREATE INDEX schools_county ON schools (county_code);

CREATE TABLE persons (
    id          BIGSERIAL PRIMARY KEY,
    name        TEXT NOT NULL,
    id_number   VARCHAR(18) NOT NULL UNIQUE,
    school_id   BIGINT NOT NULL REFERENCES schools(id),
    county_code VARCHAR(6) NOT NULL REFERENCES counties(code),
    title_code  TEXT REFERENCES titles(code),
    is_backbone BOOLEAN NOT NULL,
    cadre_post  TEXT,
    version     INTEGER NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);
CREATE INDEX persons_school ON persons (school_id);
CREATE INDEX persons_county ON persons (county_code);

CREATE TABLE person_subjects (
    person_id    BIGINT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    subject_code TEXT NOT NULL REFERENCES subjects(code),
    PRIMARY KEY (person_id, subject_code)
);

CREATE TABLE service_clients (
    id          VARCHAR(36) PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL,
    role        TEXT NOT NULL,
    county_code VARCHAR(6) REFERENCES counties(code),
    school_id   BIGINT REFERENCES schools(id),
    secret_hash TEXT NOT NULL,
    active      BOOLEAN NOT NULL,
    created_at  TIMESTAMP NOT NULL
);

-- One row per change, written in the same transaction as the change. Writers are serialised by
-- write_gate, so seq order is commit order on both backends: the change feed reads it as is.
CREATE TABLE changes (
    seq          BIGSERIAL PRIMARY KEY,
    occurred_at  TIMESTAMP NOT NULL,
    actor_sub    TEXT NOT NULL,
    actor_role   TEXT NOT NULL,
    request_id   TEXT,
    op           TEXT NOT NULL,         -- 'created' | 'updated' | 'deleted'
    action       TEXT NOT NULL,         -- what was done, e.g. 'school.update'
    entity       TEXT NOT NULL,
    entity_id    TEXT NOT NULL,
    natural_key  TEXT,
    county_code  VARCHAR(6),
    before_json  TEXT,
    after_json   TEXT,
    published    BOOLEAN NOT NULL
);
CREATE INDEX changes_entity ON changes (entity, entity_id);

CREATE TABLE idempotency_keys (
    owner        TEXT NOT NULL,
    idem_key     TEXT NOT NULL,
    method       TEXT NOT NULL,
    path         TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status_code  INTEGER,
    response     TEXT,
    location     TEXT,
    etag         TEXT,
    created_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (owner, idem_key)
);
