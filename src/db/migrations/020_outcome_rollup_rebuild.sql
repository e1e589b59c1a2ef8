-- The full outcome refresh (issue 7) spent more time on PGlite rebuilding the rollup than building the
-- outcome rows. Migration 015's rebuild expanded every outcome row into its facts through outcome_facts
-- (up to 18 per row, each with its month formatted from its date) and grouped all of them in one hash
-- table. Measured on 612k outcome rows (9.2M facts), without parallel workers: PGlite 20.8–22.2 s,
-- PostgreSQL 13.2–13.8 s; expanding the facts alone took 9.1 s and 5.6 s.
--
-- The rebuild below counts the same facts from far fewer intermediate rows: each outcome row gives at
-- most three dated events (its start, its exit by class, its exit within the limit), with the two months
-- formatted once per row, and one hashed GROUPING SETS pass counts them per programme for every
-- dimension at once; the follow-up statuses (dimension total only) are counted per exit month. Same
-- rows: 13.6–14.1 s on PGlite, 9.2–10.3 s on PostgreSQL, and the rollup is identical.
--
-- outcome_facts stays the definition the rollup trigger and the report's reference-month read use. The
-- two must count the same facts: outcome-rollup.test.ts compares the rollup kept by the trigger with
-- this rebuild, on generated data and on hand-made edge rows.
--
-- Its settings are function-level SET clauses, restored when it returns; migration 015's
-- set_config(…, true) kept work_mem at 256MB for the rest of the caller's transaction.
CREATE OR REPLACE FUNCTION outcome_rollup_rebuild(org uuid) RETURNS void LANGUAGE plpgsql
SET work_mem = '256MB' AS $fn$
BEGIN
  DELETE FROM outcome_rollup WHERE organisation_id = org;
  INSERT INTO outcome_rollup (organisation_id, dim, programme_id, key, month, kind, is_protected, n)
  WITH o AS (
    SELECT programme_id, is_protected, unit_id::text AS unit, sex,
      CASE
        WHEN age_at_start < 25 THEN '16-24' WHEN age_at_start < 30 THEN '25-29'
        WHEN age_at_start < 40 THEN '30-39' WHEN age_at_start < 50 THEN '40-49'
        WHEN age_at_start < 60 THEN '50-59' ELSE '60-' END AS band,
      coalesce(start_cohort, '') AS cohort,
      substr(start_date::text, 1, 7) AS start_month,
      CASE WHEN exit_date IS NOT NULL
        THEN substr(greatest(exit_date, start_date)::text, 1, 7) END AS exit_month,
      CASE WHEN within_18_months AND exit_date IS NOT NULL
        THEN substr(greatest(exit_date, start_date)::text, 1, 7) END AS within_month,
      CASE WHEN into_work THEN 'work' WHEN into_studies THEN 'studies' ELSE 'other' END AS class,
      follow_up_6, follow_up_12, follow_up_18
    FROM enrolment_outcome
    WHERE organisation_id = org
  )
  SELECT org,
    CASE GROUPING(unit, sex, band, cohort)
      WHEN 15 THEN 'total' WHEN 7 THEN 'unit' WHEN 11 THEN 'sex' WHEN 13 THEN 'ageBand' ELSE 'cohort' END,
    programme_id,
    CASE GROUPING(unit, sex, band, cohort)
      WHEN 15 THEN 'total' WHEN 7 THEN unit WHEN 11 THEN sex WHEN 13 THEN band ELSE cohort END,
    month, kind, is_protected, count(*)::int
  FROM (
    SELECT o.programme_id, o.is_protected, o.unit, o.sex, o.band, o.cohort,
      unnest(ARRAY[o.start_month, o.exit_month, o.within_month]) AS month,
      unnest(ARRAY['start', o.class, 'within']) AS kind
    FROM o
  ) e
  WHERE month IS NOT NULL
  GROUP BY GROUPING SETS (
    (programme_id, is_protected, month, kind),
    (programme_id, is_protected, month, kind, unit),
    (programme_id, is_protected, month, kind, sex),
    (programme_id, is_protected, month, kind, band),
    (programme_id, is_protected, month, kind, cohort)
  )
  UNION ALL
  SELECT org, 'total', programme_id, 'total', exit_month, kind, is_protected, count(*)::int
  FROM (
    SELECT o.programme_id, o.is_protected, o.exit_month,
      unnest(ARRAY['fu6:' || coalesce(o.follow_up_6, 'ingen'), 'fu12:' || coalesce(o.follow_up_12, 'ingen'),
        'fu18:' || coalesce(o.follow_up_18, 'ingen')]) AS kind
    FROM o
    WHERE o.exit_month IS NOT NULL
  ) f
  GROUP BY programme_id, is_protected, exit_month, kind;
END
$fn$;
