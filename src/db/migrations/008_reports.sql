-- Reports (issue 7): a precomputed outcome row per enrolment, so report pages never scan event
-- history at request time; user-written report texts; per-organisation disclosure-control settings.

CREATE TABLE enrolment_outcome (
  organisation_id uuid NOT NULL,
  enrolment_id uuid NOT NULL,
  programme_id uuid NOT NULL,
  unit_id uuid NOT NULL,
  person_id uuid NOT NULL,
  sex text NOT NULL,
  age_at_start integer,
  -- YYYY-MM of the start date.
  start_cohort text,
  start_date date,
  exit_date date,
  exit_reason text,
  into_work boolean NOT NULL DEFAULT false,
  into_studies boolean NOT NULL DEFAULT false,
  -- exit_date − start_date in days (integer date arithmetic); NULL while the enrolment is open.
  days_in_programme integer,
  -- Exited into work or studies no later than 18 months (or the programme's maximum length) after start.
  within_18_months boolean NOT NULL DEFAULT false,
  follow_up_6 text,
  follow_up_12 text,
  follow_up_18 text,
  is_protected boolean NOT NULL DEFAULT false,
  refreshed_at timestamptz NOT NULL,
  PRIMARY KEY (organisation_id, enrolment_id),
  FOREIGN KEY (organisation_id, enrolment_id) REFERENCES enrolment (organisation_id, id)
);
CREATE INDEX enrolment_outcome_programme_idx ON enrolment_outcome (organisation_id, programme_id, start_date);

-- Free-text sections a user writes for a report (e.g. the follow-up's background and assessment).
CREATE TABLE report_text (
  organisation_id uuid NOT NULL REFERENCES organisation (id),
  report_kind text NOT NULL CHECK (report_kind IN ('uppfoljning', 'utfall')),
  programme_id uuid NOT NULL,
  reference_date date NOT NULL,
  section text NOT NULL CHECK (section ~ '^[a-z_]{1,40}$'),
  body text NOT NULL,
  updated_by uuid,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (organisation_id, report_kind, programme_id, reference_date, section),
  FOREIGN KEY (organisation_id, programme_id) REFERENCES programme (organisation_id, id)
);

-- Disclosure control per organisation: counts 1 … threshold−1 are suppressed (DOMAIN.md §8).
CREATE TABLE report_setting (
  organisation_id uuid NOT NULL REFERENCES organisation (id),
  suppression_threshold integer NOT NULL DEFAULT 5 CHECK (suppression_threshold BETWEEN 2 AND 20),
  -- SCB's substitute-number suffix for men with protected identity (unconfirmed by SCB: set from SCB's answer).
  scb_suffix_men text CHECK (scb_suffix_men ~ '^[A-Z0-9]{4}$'),
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (organisation_id)
);

-- FALLBACK until the finance area (src/features/finance/, migration 007) exposes forecast and outcome
-- per cost category: the follow-up report reads costs entered here.
CREATE TABLE report_cost_fallback (
  organisation_id uuid NOT NULL REFERENCES organisation (id),
  programme_id uuid NOT NULL,
  category text NOT NULL CHECK (category ~ '^[a-z0-9_-]{1,40}$'),
  seq integer NOT NULL,
  forecast_sek bigint NOT NULL,
  outcome_sek bigint NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (organisation_id, programme_id, category),
  FOREIGN KEY (organisation_id, programme_id) REFERENCES programme (organisation_id, id)
);
