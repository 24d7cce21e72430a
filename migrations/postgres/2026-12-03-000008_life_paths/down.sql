ALTER TABLE rectification_orders DROP COLUMN rejection_note;
ALTER TABLE rectification_orders DROP COLUMN rejected_at;
ALTER TABLE group_memberships DROP COLUMN decision_note;
ALTER TABLE group_memberships DROP COLUMN decided_by;
ALTER TABLE group_memberships DROP COLUMN decided_at;
