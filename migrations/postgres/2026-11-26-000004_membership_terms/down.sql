ALTER TABLE group_memberships DROP COLUMN terms;
