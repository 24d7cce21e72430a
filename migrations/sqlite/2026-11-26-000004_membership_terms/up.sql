-- The terms a school is a member on (§2.4.4): a grown member of a tight group may stay in it as
-- a collaborative member ("作为协作型集团成员继续保留在集团内发展"), so a membership's terms are
-- no longer always its group's kind. Existing memberships are on their group's kind.
ALTER TABLE group_memberships ADD COLUMN terms TEXT NOT NULL DEFAULT 'tight';
UPDATE group_memberships SET terms = 'collaborative'
    WHERE group_id IN (SELECT id FROM edu_groups WHERE kind = 'collaborative');
