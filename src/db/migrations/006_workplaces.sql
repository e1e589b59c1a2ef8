-- Workplaces (arbetsplatser) with supervisors (handledare), agreements (avtal), compliance checks and
-- slots; placements (placeringar) of enrolled participants; weekly attendance.
-- Every table leads its keys with organisation_id (Citus: distribute on it).

CREATE TABLE workplace (
  organisation_id uuid NOT NULL REFERENCES organisation (id),
  id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('kommunal', 'foretag', 'forening', 'bemanningsforetag')),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  -- Ten digits (legal entity) or the owner's 12-digit personnummer (enskild firma); src/domain/orgnr.ts.
  organisationsnummer text CHECK (organisationsnummer ~ '^([0-9]{10}|[0-9]{12})$'),
  -- SNI 2007 code with its system and version (e.g. SNI2007 / 2007 / 87.301), and/or a free sector label.
  sector_system text,
  sector_version text,
  sector_code text,
  sector_label text,
  street_address text,
  postal_code text,
  city text,
  area text,
  active boolean NOT NULL DEFAULT true,
  note text,
  created_by uuid,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (organisation_id, id),
  -- Companies, associations and staffing agencies need an organisationsnummer; municipal units may lack one.
  CHECK (kind = 'kommunal' OR organisationsnummer IS NOT NULL),
  CHECK ((sector_code IS NULL) = (sector_system IS NULL) AND (sector_code IS NULL) = (sector_version IS NULL))
);
CREATE INDEX workplace_name_idx ON workplace (organisation_id, lower(name));
CREATE INDEX workplace_orgnr_idx ON workplace (organisation_id, organisationsnummer);

-- Occupations (SSYK 2012) the workplace can offer.
CREATE TABLE workplace_occupation (
  organisation_id uuid NOT NULL,
  workplace_id uuid NOT NULL,
  ssyk_code text NOT NULL,
  ssyk_version text NOT NULL,
  PRIMARY KEY (organisation_id, workplace_id, ssyk_code),
  FOREIGN KEY (organisation_id, workplace_id) REFERENCES workplace (organisation_id, id)
);

CREATE TABLE workplace_supervisor (
  organisation_id uuid NOT NULL,
  workplace_id uuid NOT NULL,
  id uuid NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  title text,
  phone text,
  email text,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (organisation_id, id),
  -- Lets a placement name (workplace, supervisor) together, so the supervisor belongs to the workplace.
  UNIQUE (organisation_id, workplace_id, id),
  FOREIGN KEY (organisation_id, workplace_id) REFERENCES workplace (organisation_id, id)
);

CREATE TABLE workplace_agreement (
  organisation_id uuid NOT NULL,
  workplace_id uuid NOT NULL,
  id uuid NOT NULL,
  type text NOT NULL CHECK (type IN ('samverkansavtal', 'praktikavtal', 'anstallningsavtal', 'feriearbete', 'annat')),
  valid_from date NOT NULL,
  valid_to date,
  reference text,
  note text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, workplace_id) REFERENCES workplace (organisation_id, id),
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX workplace_agreement_idx ON workplace_agreement (organisation_id, workplace_id, valid_from);

-- Compliance checks are kept as history; the latest by checked_on is the one in force.
CREATE TABLE workplace_compliance_check (
  organisation_id uuid NOT NULL,
  workplace_id uuid NOT NULL,
  id uuid NOT NULL,
  checked_on date NOT NULL,
  collective_agreement boolean NOT NULL,
  criminal_record_extract_required boolean NOT NULL,
  minors_rules_acknowledged boolean NOT NULL,
  risk_assessment_on date,
  note text,
  recorded_by uuid,
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, workplace_id) REFERENCES workplace (organisation_id, id)
);
CREATE INDEX workplace_compliance_idx ON workplace_compliance_check (organisation_id, workplace_id, checked_on);

CREATE TABLE workplace_slot (
  organisation_id uuid NOT NULL,
  workplace_id uuid NOT NULL,
  id uuid NOT NULL,
  period_from date NOT NULL,
  period_to date NOT NULL,
  places integer NOT NULL CHECK (places > 0 AND places <= 1000),
  ssyk_code text,
  ssyk_version text,
  note text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (organisation_id, id),
  UNIQUE (organisation_id, workplace_id, id),
  FOREIGN KEY (organisation_id, workplace_id) REFERENCES workplace (organisation_id, id),
  CHECK (period_to >= period_from),
  CHECK ((ssyk_code IS NULL) = (ssyk_version IS NULL))
);
CREATE INDEX workplace_slot_idx ON workplace_slot (organisation_id, workplace_id, period_from);

CREATE TABLE placement (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL,
  enrolment_id uuid NOT NULL,
  -- The enrolment's person, kept here so overlap checks and person-scoped reads need no join.
  person_id uuid NOT NULL,
  workplace_id uuid NOT NULL,
  slot_id uuid,
  supervisor_id uuid,
  start_date date NOT NULL,
  end_date date,
  status text NOT NULL DEFAULT 'aktiv' CHECK (status IN ('aktiv', 'avbruten')),
  -- Whether the workplace may see the participant's name. Defaults to true for persons without
  -- protection, false for protected persons; for a protected person the name is shown only when the
  -- case worker has recorded consent (name_consent_recorded_at), even if the flag was true before
  -- the person became protected.
  share_name_with_workplace boolean NOT NULL,
  name_consent_recorded_at timestamptz,
  name_consent_recorded_by uuid,
  employment_form text
    CHECK (employment_form IN ('tidsbegransad', 'sarskild_visstid', 'vikariat', 'sasong', 'provanstallning', 'tillsvidare')),
  hours_per_week numeric(4, 1) CHECK (hours_per_week > 0 AND hours_per_week <= 80),
  monthly_salary_sek integer CHECK (monthly_salary_sek >= 0),
  employer_cost_factor numeric(6, 4) CHECK (employer_cost_factor >= 1 AND employer_cost_factor < 3),
  subsidy_kind text
    CHECK (subsidy_kind IN ('nystartsjobb', 'introduktionsjobb', 'extratjanst', 'lonebidrag', 'trygghetsanstallning', 'annat')),
  subsidy_decision_id text,
  subsidy_monthly_sek integer CHECK (subsidy_monthly_sek >= 0),
  subsidy_from date,
  subsidy_to date,
  note text,
  created_by uuid,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, enrolment_id) REFERENCES enrolment (organisation_id, id),
  FOREIGN KEY (organisation_id, person_id) REFERENCES person (organisation_id, id),
  FOREIGN KEY (organisation_id, workplace_id) REFERENCES workplace (organisation_id, id),
  -- A slot and a supervisor must belong to the placement's workplace.
  FOREIGN KEY (organisation_id, workplace_id, slot_id) REFERENCES workplace_slot (organisation_id, workplace_id, id),
  FOREIGN KEY (organisation_id, workplace_id, supervisor_id)
    REFERENCES workplace_supervisor (organisation_id, workplace_id, id),
  CHECK (end_date IS NULL OR end_date >= start_date),
  CHECK (subsidy_to IS NULL OR subsidy_from IS NULL OR subsidy_to >= subsidy_from)
);
CREATE INDEX placement_person_idx ON placement (organisation_id, person_id, start_date);
CREATE INDEX placement_enrolment_idx ON placement (organisation_id, enrolment_id);
CREATE INDEX placement_workplace_idx ON placement (organisation_id, workplace_id, start_date);

-- Weekly attendance per placement (ISO week), with absence hours per reason.
CREATE TABLE placement_attendance (
  organisation_id uuid NOT NULL,
  placement_id uuid NOT NULL,
  iso_week text NOT NULL CHECK (iso_week ~ '^[0-9]{4}-W[0-9]{2}$'),
  week_start date NOT NULL,
  hours_present numeric(5, 2) NOT NULL CHECK (hours_present >= 0 AND hours_present <= 168),
  recorded_by uuid,
  recorded_at timestamptz NOT NULL,
  source text NOT NULL DEFAULT 'manuell' CHECK (source IN ('manuell', 'import')),
  PRIMARY KEY (organisation_id, placement_id, iso_week),
  FOREIGN KEY (organisation_id, placement_id) REFERENCES placement (organisation_id, id)
);
CREATE INDEX placement_attendance_week_idx ON placement_attendance (organisation_id, week_start);

CREATE TABLE placement_absence (
  organisation_id uuid NOT NULL,
  placement_id uuid NOT NULL,
  iso_week text NOT NULL,
  reason text NOT NULL CHECK (reason IN ('sjuk', 'vab', 'ledig', 'ogiltig', 'annat')),
  hours numeric(5, 2) NOT NULL CHECK (hours > 0 AND hours <= 168),
  PRIMARY KEY (organisation_id, placement_id, iso_week, reason),
  FOREIGN KEY (organisation_id, placement_id, iso_week)
    REFERENCES placement_attendance (organisation_id, placement_id, iso_week) ON DELETE CASCADE
);
