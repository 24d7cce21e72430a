ALTER TABLE edu_groups DROP COLUMN dissolution_note;
ALTER TABLE edu_groups DROP COLUMN dissolved_on;
ALTER TABLE charters DROP COLUMN decision_note;
ALTER TABLE charters DROP COLUMN decided_by;
ALTER TABLE charters DROP COLUMN decided_at;
ALTER TABLE charters DROP COLUMN submitted_at;
DROP TABLE cadre_nominations;
DROP TABLE rectification_orders;
DROP TABLE applications;
