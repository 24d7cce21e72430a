-- The paths of a group's life that need a decision of the bureau on record (§2.1.1, §2.4.4).
--
-- A join by agreement takes effect when the bureau arranges it ("由县（市）教育行政部门安排其
-- 通过……签订协议的形式加入"): the chair records it `prospective`, and the bureau confirms or
-- declines it. Who decided, when, and the note (a refusal's reasons) stay on the membership.
ALTER TABLE group_memberships ADD COLUMN decided_at TIMESTAMP;
ALTER TABLE group_memberships ADD COLUMN decided_by TEXT;
ALTER TABLE group_memberships ADD COLUMN decision_note TEXT;

-- REVOKE asks for a school that refuses to rectify ("拒不整改"): the bureau may find a report
-- not rectified (`not_rectified`), with its reasons, which closes the order.
ALTER TABLE rectification_orders ADD COLUMN rejected_at TIMESTAMP;
ALTER TABLE rectification_orders ADD COLUMN rejection_note TEXT;
