-- Reports (issue 7) at national scale: 1M enrolments must give the grouped outcome report in well under
-- a second, and the check for stale outcome rows must not scan every enrolment on each report read.
--
-- 1. outcome_rollup: the outcome rows counted per month of each dated fact (a start; an exit by class;
--    an exit into work or studies within the time limit; a follow-up status at exit), per programme and
--    per dimension key (total, unit, sex, age band, start cohort) and protection flag. A report for a
--    reference date R sums the rollup rows of the months before R's month and adds the few outcome
--    rows whose facts fall in R's own month up to R (read by date from enrolment_outcome), so the
--    answer is exact for any day. Statement-level triggers with transition tables keep it in step
--    with enrolment_outcome whoever writes it (the refresh, gallring, SQL by hand).
-- 2. outcome_dirty: the enrolments whose outcome row may be out of date, marked by triggers on the
--    source tables (enrolment, person, follow_up) in the writing transaction. A report read refreshes
--    exactly these instead of comparing every enrolment with its outcome row.

-- The dated facts of one outcome row, per dimension. The single definition of what the rollup counts;
-- the report query uses it too for the reference date's own month. An exit counts on the later of its
-- exit and start dates, which is exactly "started and exited on or before R". Facts that do not apply
-- (no exit yet; not within the limit) come out with a NULL date: callers keep `fact_date IS NOT NULL`.
-- Written as parallel unnest() in the select list (one ProjectSet per row once inlined): nested VALUES
-- lists cost a rescan per row and made the rebuild three times slower.
CREATE FUNCTION outcome_facts(
  p_unit_id uuid, p_sex text, p_age_at_start integer, p_start_cohort text, p_start_date date,
  p_exit_date date, p_into_work boolean, p_into_studies boolean, p_within_18_months boolean,
  p_follow_up_6 text, p_follow_up_12 text, p_follow_up_18 text
) RETURNS TABLE (dim text, key text, fact_date date, kind text)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
  SELECT
    unnest(ARRAY['total', 'total', 'total', 'total', 'total', 'total', 'unit', 'unit', 'unit',
      'sex', 'sex', 'sex', 'ageBand', 'ageBand', 'ageBand', 'cohort', 'cohort', 'cohort']),
    unnest(ARRAY['total', 'total', 'total', 'total', 'total', 'total', v.unit, v.unit, v.unit,
      p_sex, p_sex, p_sex, v.band, v.band, v.band, v.cohort, v.cohort, v.cohort]),
    unnest(ARRAY[p_start_date, v.exited, v.within, v.exited, v.exited, v.exited,
      p_start_date, v.exited, v.within, p_start_date, v.exited, v.within,
      p_start_date, v.exited, v.within, p_start_date, v.exited, v.within]),
    unnest(ARRAY['start', v.class, 'within', 'fu6:' || coalesce(p_follow_up_6, 'ingen'),
      'fu12:' || coalesce(p_follow_up_12, 'ingen'), 'fu18:' || coalesce(p_follow_up_18, 'ingen'),
      'start', v.class, 'within', 'start', v.class, 'within', 'start', v.class, 'within',
      'start', v.class, 'within'])
  FROM (SELECT
      p_unit_id::text AS unit,
      coalesce(p_start_cohort, '') AS cohort,
      CASE
        WHEN p_age_at_start < 25 THEN '16-24' WHEN p_age_at_start < 30 THEN '25-29'
        WHEN p_age_at_start < 40 THEN '30-39' WHEN p_age_at_start < 50 THEN '40-49'
        WHEN p_age_at_start < 60 THEN '50-59' ELSE '60-' END AS band,
      CASE WHEN p_exit_date IS NOT NULL THEN greatest(p_exit_date, p_start_date) END AS exited,
      CASE WHEN p_within_18_months AND p_exit_date IS NOT NULL
        THEN greatest(p_exit_date, p_start_date) END AS within,
      CASE WHEN p_into_work THEN 'work' WHEN p_into_studies THEN 'studies' ELSE 'other' END AS class
    ) v
$fn$;

-- Every outcome row's facts, with the columns the report filters on.
CREATE VIEW outcome_fact AS
SELECT s.organisation_id, s.programme_id, s.is_protected, s.start_date, s.exit_date, f.dim, f.key,
  f.fact_date, f.kind
FROM enrolment_outcome s
CROSS JOIN LATERAL outcome_facts(s.unit_id, s.sex, s.age_at_start, s.start_cohort, s.start_date,
  s.exit_date, s.into_work, s.into_studies, s.within_18_months, s.follow_up_6, s.follow_up_12,
  s.follow_up_18) f
WHERE f.fact_date IS NOT NULL;

CREATE TABLE outcome_rollup (
  organisation_id uuid NOT NULL,
  dim text NOT NULL,
  programme_id uuid NOT NULL,
  key text NOT NULL,
  -- YYYY-MM of the fact.
  month text NOT NULL,
  kind text NOT NULL,
  is_protected boolean NOT NULL,
  n integer NOT NULL,
  PRIMARY KEY (organisation_id, dim, programme_id, key, month, kind, is_protected)
);

-- Adds the facts of the inserted outcome rows and removes those of the deleted ones. Counters are
-- sorted so that concurrent writers on PostgreSQL take their row locks in one order.
CREATE FUNCTION outcome_rollup_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  removed enrolment_outcome[];
  added enrolment_outcome[];
BEGIN
  IF current_setting('insats.outcome_rollup', true) = 'off' THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM outcome_rollup;
    RETURN NULL;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    SELECT array_agg(o) INTO removed FROM old_rows o;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    SELECT array_agg(o) INTO added FROM new_rows o;
  END IF;
  INSERT INTO outcome_rollup AS r (organisation_id, dim, programme_id, key, month, kind, is_protected, n)
  SELECT s.organisation_id, f.dim, s.programme_id, f.key, substr(f.fact_date::text, 1, 7), f.kind,
    s.is_protected, sum(s.sign)::int
  FROM (
    SELECT u.*, -1 AS sign FROM unnest(removed) u
    UNION ALL SELECT u.*, 1 AS sign FROM unnest(added) u
  ) s
  CROSS JOIN LATERAL outcome_facts(s.unit_id, s.sex, s.age_at_start, s.start_cohort, s.start_date,
    s.exit_date, s.into_work, s.into_studies, s.within_18_months, s.follow_up_6, s.follow_up_12,
    s.follow_up_18) f
  WHERE f.fact_date IS NOT NULL
  GROUP BY 1, 2, 3, 4, 5, 6, 7
  ORDER BY 1, 2, 3, 4, 5, 6, 7
  ON CONFLICT (organisation_id, dim, programme_id, key, month, kind, is_protected)
    DO UPDATE SET n = r.n + excluded.n;
  RETURN NULL;
END
$fn$;

CREATE TRIGGER enrolment_outcome_rollup_insert AFTER INSERT ON enrolment_outcome
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION outcome_rollup_change();
CREATE TRIGGER enrolment_outcome_rollup_update AFTER UPDATE ON enrolment_outcome
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION outcome_rollup_change();
CREATE TRIGGER enrolment_outcome_rollup_delete AFTER DELETE ON enrolment_outcome
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION outcome_rollup_change();
CREATE TRIGGER enrolment_outcome_rollup_truncate AFTER TRUNCATE ON enrolment_outcome
  FOR EACH STATEMENT EXECUTE FUNCTION outcome_rollup_change();

-- Rebuilds one organisation's rollup from its outcome rows (after a bulk refresh that switched the
-- triggers off with insats.outcome_rollup = 'off').
CREATE FUNCTION outcome_rollup_rebuild(org uuid) RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  -- One hash aggregate in memory instead of an external sort of every fact.
  PERFORM set_config('work_mem', '256MB', true);
  DELETE FROM outcome_rollup WHERE organisation_id = org;
  INSERT INTO outcome_rollup (organisation_id, dim, programme_id, key, month, kind, is_protected, n)
  SELECT organisation_id, dim, programme_id, key, substr(fact_date::text, 1, 7), kind, is_protected,
    count(*)::int
  FROM outcome_fact
  WHERE organisation_id = org
  GROUP BY 1, 2, 3, 4, 5, 6, 7;
END
$fn$;

-- The reference date's own month is read from the outcome rows by date.
CREATE INDEX enrolment_outcome_start_idx ON enrolment_outcome (organisation_id, start_date);
CREATE INDEX enrolment_outcome_exit_idx ON enrolment_outcome (organisation_id, exit_date);

CREATE TABLE outcome_dirty (
  organisation_id uuid NOT NULL,
  enrolment_id uuid NOT NULL,
  PRIMARY KEY (organisation_id, enrolment_id)
);

-- Marks the enrolments a statement touched. "DO UPDATE" (not DO NOTHING) takes the row lock, so a
-- report that deletes the mark while this transaction is open waits for it and then sees its change.
-- The generator sets insats.bulk_load = 'on' and rebuilds every outcome row itself.
CREATE FUNCTION mark_outcome_dirty() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  orgs uuid[];
  ids uuid[];
BEGIN
  IF current_setting('insats.bulk_load', true) = 'on' THEN
    RETURN NULL;
  END IF;
  IF TG_TABLE_NAME = 'person' THEN
    SELECT array_agg(e.organisation_id), array_agg(e.id) INTO orgs, ids
    FROM new_rows n JOIN enrolment e ON e.organisation_id = n.organisation_id AND e.person_id = n.id;
  ELSIF TG_TABLE_NAME = 'enrolment' AND TG_OP = 'DELETE' THEN
    SELECT array_agg(organisation_id), array_agg(id) INTO orgs, ids FROM old_rows;
  ELSIF TG_TABLE_NAME = 'enrolment' THEN
    SELECT array_agg(organisation_id), array_agg(id) INTO orgs, ids FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(organisation_id), array_agg(enrolment_id) INTO orgs, ids FROM old_rows;
  ELSIF TG_OP = 'INSERT' THEN
    SELECT array_agg(organisation_id), array_agg(enrolment_id) INTO orgs, ids FROM new_rows;
  ELSE
    SELECT array_agg(organisation_id), array_agg(enrolment_id) INTO orgs, ids
    FROM (SELECT organisation_id, enrolment_id FROM old_rows
          UNION ALL SELECT organisation_id, enrolment_id FROM new_rows) t;
  END IF;
  INSERT INTO outcome_dirty AS d (organisation_id, enrolment_id)
  SELECT DISTINCT u.o, u.i FROM unnest(orgs, ids) AS u(o, i) ORDER BY 1, 2
  ON CONFLICT (organisation_id, enrolment_id) DO UPDATE SET enrolment_id = excluded.enrolment_id;
  RETURN NULL;
END
$fn$;

CREATE TRIGGER enrolment_outcome_dirty_insert AFTER INSERT ON enrolment
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION mark_outcome_dirty();
CREATE TRIGGER enrolment_outcome_dirty_update AFTER UPDATE ON enrolment
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION mark_outcome_dirty();
CREATE TRIGGER enrolment_outcome_dirty_delete AFTER DELETE ON enrolment
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION mark_outcome_dirty();
CREATE TRIGGER follow_up_outcome_dirty_insert AFTER INSERT ON follow_up
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION mark_outcome_dirty();
CREATE TRIGGER follow_up_outcome_dirty_update AFTER UPDATE ON follow_up
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION mark_outcome_dirty();
CREATE TRIGGER follow_up_outcome_dirty_delete AFTER DELETE ON follow_up
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION mark_outcome_dirty();
CREATE TRIGGER person_outcome_dirty_update AFTER UPDATE ON person
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION mark_outcome_dirty();

-- Outcome rows and marks that exist at upgrade: the rollup is built from them, and every started
-- enrolment is marked so the first report read brings old rows up to date.
SELECT outcome_rollup_rebuild(id) FROM organisation;
INSERT INTO outcome_dirty (organisation_id, enrolment_id) SELECT organisation_id, id FROM enrolment;
