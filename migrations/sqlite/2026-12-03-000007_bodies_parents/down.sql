DROP INDEX meeting_demands_group;
DROP TABLE meeting_demands;
DROP INDEX internal_bodies_head;
DROP INDEX internal_bodies_group;
DROP TABLE internal_bodies;
DROP INDEX persons_school_kind;
ALTER TABLE persons DROP COLUMN pupil_class;
ALTER TABLE persons DROP COLUMN kind;
