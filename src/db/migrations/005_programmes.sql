-- Programme catalogue (as data), intakes, enrolments with phases, pauses, exits and follow-ups.

CREATE TABLE programme (
  organisation_id uuid NOT NULL REFERENCES organisation (id),
  id uuid NOT NULL,
  code text NOT NULL,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('anstallning', 'aktivitet', 'utbildning')),
  unit_id uuid NOT NULL,
  max_length_months integer CHECK (max_length_months > 0),
  -- 'annual': places started per calendar year; 'concurrent': places in use at once; NULL: no cap.
  capacity_mode text CHECK (capacity_mode IN ('annual', 'concurrent')),
  -- Eligibility and priority rules as data, evaluated by src/domain/eligibility.ts.
  eligibility jsonb NOT NULL DEFAULT '{}'::jsonb,
  priority_groups jsonb NOT NULL DEFAULT '[]'::jsonb,
  responsible_committee text,
  -- Follow-up tasks are created this many months after each exit.
  follow_up_months integer[] NOT NULL DEFAULT '{6,12,18}',
  description text,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, unit_id) REFERENCES unit (organisation_id, id)
);
CREATE UNIQUE INDEX programme_code_key ON programme (organisation_id, code);

CREATE TABLE programme_phase (
  organisation_id uuid NOT NULL,
  programme_id uuid NOT NULL,
  seq integer NOT NULL,
  code text NOT NULL,
  name text NOT NULL,
  planned_weeks integer CHECK (planned_weeks > 0),
  planned_months integer CHECK (planned_months > 0),
  PRIMARY KEY (organisation_id, programme_id, seq),
  FOREIGN KEY (organisation_id, programme_id) REFERENCES programme (organisation_id, id),
  CHECK (planned_weeks IS NULL OR planned_months IS NULL)
);

-- Capacity is a dated value: the cap in force on a date is the row with the latest valid_from on or before it.
CREATE TABLE programme_capacity (
  organisation_id uuid NOT NULL,
  programme_id uuid NOT NULL,
  valid_from date NOT NULL,
  places integer NOT NULL CHECK (places >= 0),
  decided_by text,
  PRIMARY KEY (organisation_id, programme_id, valid_from),
  FOREIGN KEY (organisation_id, programme_id) REFERENCES programme (organisation_id, id)
);

CREATE TABLE programme_track (
  organisation_id uuid NOT NULL,
  programme_id uuid NOT NULL,
  id uuid NOT NULL,
  code text NOT NULL,
  name text NOT NULL,
  ssyk_codes text[] NOT NULL DEFAULT '{}',
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, programme_id) REFERENCES programme (organisation_id, id)
);
CREATE UNIQUE INDEX programme_track_code_key ON programme_track (organisation_id, programme_id, code);

CREATE TABLE intake (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL,
  programme_id uuid NOT NULL,
  name text NOT NULL,
  starts_on date NOT NULL,
  applications_open date,
  applications_close date,
  -- Optional cap for this intake on top of the programme's cap.
  places integer CHECK (places >= 0),
  created_at timestamptz NOT NULL,
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, programme_id) REFERENCES programme (organisation_id, id)
);
CREATE UNIQUE INDEX intake_start_key ON intake (organisation_id, programme_id, starts_on);

CREATE TABLE enrolment (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL,
  person_id uuid NOT NULL,
  programme_id uuid NOT NULL,
  intake_id uuid,
  track_id uuid,
  unit_id uuid NOT NULL,
  status text NOT NULL CHECK (status IN ('waitlisted', 'enrolled', 'paused', 'exited', 'withdrawn')),
  referred_on date,
  priority_rank integer NOT NULL DEFAULT 100,
  start_date date,
  planned_end_date date,
  exit_date date,
  exit_reason text CHECK (exit_reason IN ('arbete', 'studier', 'annan_insats', 'flytt', 'sjukdom', 'avbrott', 'annat')),
  exit_employment_form text,
  income_source_at_exit text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, person_id) REFERENCES person (organisation_id, id),
  FOREIGN KEY (organisation_id, programme_id) REFERENCES programme (organisation_id, id),
  FOREIGN KEY (organisation_id, intake_id) REFERENCES intake (organisation_id, id),
  FOREIGN KEY (organisation_id, track_id) REFERENCES programme_track (organisation_id, id),
  FOREIGN KEY (organisation_id, unit_id) REFERENCES unit (organisation_id, id),
  CHECK (exit_date IS NULL OR start_date IS NULL OR exit_date >= start_date)
);
-- One open enrolment per programme and person.
CREATE UNIQUE INDEX enrolment_one_open_key ON enrolment (organisation_id, person_id, programme_id)
  WHERE status IN ('waitlisted', 'enrolled', 'paused');
CREATE INDEX enrolment_programme_idx ON enrolment (organisation_id, programme_id, status);
CREATE INDEX enrolment_intake_idx ON enrolment (organisation_id, intake_id, status);
CREATE INDEX enrolment_person_idx ON enrolment (organisation_id, person_id);

CREATE TABLE enrolment_phase (
  organisation_id uuid NOT NULL,
  enrolment_id uuid NOT NULL,
  seq integer NOT NULL,
  phase_code text NOT NULL,
  started_on date NOT NULL,
  ended_on date,
  PRIMARY KEY (organisation_id, enrolment_id, seq),
  FOREIGN KEY (organisation_id, enrolment_id) REFERENCES enrolment (organisation_id, id)
);

-- Pauses (sickness, parental leave) and extensions move the planned end; each is kept.
CREATE TABLE enrolment_adjustment (
  organisation_id uuid NOT NULL,
  enrolment_id uuid NOT NULL,
  id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('sjukdom', 'foraldraledighet', 'forlangning', 'annat')),
  from_date date NOT NULL,
  to_date date,
  days integer NOT NULL CHECK (days >= 0),
  reason text,
  previous_planned_end date,
  new_planned_end date,
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (organisation_id, enrolment_id, id),
  FOREIGN KEY (organisation_id, enrolment_id) REFERENCES enrolment (organisation_id, id)
);

CREATE TABLE follow_up (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL,
  enrolment_id uuid NOT NULL,
  person_id uuid NOT NULL,
  months_after_exit integer NOT NULL,
  due_on date NOT NULL,
  status text NOT NULL DEFAULT 'planerad' CHECK (status IN ('planerad', 'genomford', 'ej_nadd')),
  outcome text CHECK (outcome IN ('arbete', 'studier', 'arbetssokande', 'annan_insats', 'sjukdom', 'forsorjningsstod', 'annat', 'okand')),
  income_source text,
  recorded_at timestamptz,
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, enrolment_id) REFERENCES enrolment (organisation_id, id),
  FOREIGN KEY (organisation_id, person_id) REFERENCES person (organisation_id, id)
);
CREATE UNIQUE INDEX follow_up_key ON follow_up (organisation_id, enrolment_id, months_after_exit);
CREATE INDEX follow_up_due_idx ON follow_up (organisation_id, status, due_on);
