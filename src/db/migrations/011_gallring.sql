-- Gallring (lawful culling): rules as data from the municipality's dokumenthanteringsplan /
-- gallringsbeslut, runs (dry run and execution, no personal data), and exception markings on persons.

CREATE TABLE gallring_rule (
  organisation_id uuid NOT NULL REFERENCES organisation (id),
  id uuid NOT NULL,
  -- One of the record types Insats knows (see features/gallring/record-types.ts).
  record_type text NOT NULL CHECK (record_type ~ '^[a-z0-9_]+$'),
  trigger text NOT NULL CHECK (trigger IN ('last_entry', 'last_contact', 'exit')),
  years integer NOT NULL CHECK (years BETWEEN 0 AND 100),
  -- Categories (gallring_exception.category) never culled automatically, e.g. SoL 12 kap. 2 §.
  exception_categories text[] NOT NULL DEFAULT '{}',
  -- Birth days of month kept for research (socialtjänstförordningen: 5, 15, 25).
  exception_birth_days integer[] NOT NULL DEFAULT '{}',
  -- The nämnd's decision the rule rests on.
  decision_reference text NOT NULL CHECK (length(trim(decision_reference)) > 0),
  decision_date date NOT NULL,
  decision_body text,
  note text,
  created_by uuid,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, created_by) REFERENCES app_user (organisation_id, id)
);
CREATE UNIQUE INDEX gallring_rule_type_key ON gallring_rule (organisation_id, record_type);

-- A dry run or an execution. Holds counts per record type and the rules' decisions, never person
-- ids: due_list_hash is a SHA-256 over the sorted due list, so the execution can re-check that it
-- removes exactly what the dry run showed.
CREATE TABLE gallring_run (
  organisation_id uuid NOT NULL REFERENCES organisation (id),
  id uuid NOT NULL,
  mode text NOT NULL CHECK (mode IN ('dry_run', 'executed')),
  dry_run_id uuid,
  as_of date NOT NULL,
  run_by uuid,
  run_by_username text,
  run_at timestamptz NOT NULL,
  total integer NOT NULL CHECK (total >= 0),
  counts jsonb NOT NULL DEFAULT '{}'::jsonb,
  decisions jsonb NOT NULL DEFAULT '[]'::jsonb,
  due_list_hash text NOT NULL,
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, dry_run_id) REFERENCES gallring_run (organisation_id, id),
  FOREIGN KEY (organisation_id, run_by) REFERENCES app_user (organisation_id, id),
  CHECK ((mode = 'executed') = (dry_run_id IS NOT NULL))
);
-- A dry run is executed at most once.
CREATE UNIQUE INDEX gallring_run_executed_key ON gallring_run (organisation_id, dry_run_id);
CREATE INDEX gallring_run_time_idx ON gallring_run (organisation_id, run_at);

-- Exception markings: a person in one of these categories is never culled automatically by a rule
-- that lists the category. Part of the person's data (registerutdrag covers it by foreign key).
CREATE TABLE gallring_exception (
  organisation_id uuid NOT NULL,
  person_id uuid NOT NULL,
  category text NOT NULL CHECK (category ~ '^[a-z0-9_]+$'),
  reason text NOT NULL CHECK (length(trim(reason)) > 0),
  created_by uuid,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (organisation_id, person_id, category),
  FOREIGN KEY (organisation_id, person_id) REFERENCES person (organisation_id, id),
  FOREIGN KEY (organisation_id, created_by) REFERENCES app_user (organisation_id, id)
);

-- Journal notes stay append-only, except that an executed gallring run may delete them: the run
-- sets the transaction-local setting insats.gallring_run to its id before deleting.
CREATE OR REPLACE FUNCTION journal_note_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'DELETE' AND coalesce(current_setting('insats.gallring_run', true), '') <> '' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'journal_note är skrivskyddad: rätta en anteckning genom att lägga till en rättelse'
    USING ERRCODE = 'insufficient_privilege';
END
$fn$;

DO $$ BEGIN
  EXECUTE format('GRANT DELETE ON journal_note TO %I', current_user);
END $$;
