-- Two indexes held a row for every enrolment and follow-up although every query that uses them asks
-- for a subset: enrolments of an intake (most enrolments have none) and follow-ups still planned (most
-- are done or not reached after their due date). Partial indexes hold only that subset, so they are
-- smaller, cheaper to keep up on every write, and quicker to rebuild after a bulk load (insats generate).
-- The queries (programmes/repo.ts, read-programmes.ts, due-follow-ups.ts) filter on intake_id = $1 and
-- status = 'planerad', which imply the index predicates.
DROP INDEX enrolment_intake_idx;
CREATE INDEX enrolment_intake_idx ON enrolment (organisation_id, intake_id, status)
  WHERE intake_id IS NOT NULL;

DROP INDEX follow_up_due_idx;
CREATE INDEX follow_up_planned_due_idx ON follow_up (organisation_id, due_on)
  WHERE status = 'planerad';
