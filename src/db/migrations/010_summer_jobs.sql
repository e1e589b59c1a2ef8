-- Summer jobs (ferieverksamhet): seasons with periods and rules, slots at workplaces of the register,
-- public applications with up to k ranked choices, allocation runs, offers, hours and an outbox for
-- mail. Every tenant-owned table leads its keys with organisation_id (Citus: distribute on it).

-- Workplace supervisors (handledare) who sign in to see and act on their own workplace only.
ALTER TABLE user_role DROP CONSTRAINT user_role_role_check;
ALTER TABLE user_role ADD CONSTRAINT user_role_role_check
  CHECK (role IN ('handlaggare', 'jobbmaklare', 'studie_yrkesvagledare', 'enhetschef', 'analytiker',
                  'administrator', 'granskare', 'handledare'));

CREATE TABLE summer_season (
  organisation_id uuid NOT NULL REFERENCES organisation (id),
  id uuid NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  birth_year_from integer NOT NULL,
  birth_year_to integer NOT NULL,
  -- Kommunkod the applicant must be folkbokförd in; NULL = any.
  municipality_code text CHECK (municipality_code ~ '^[0-9]{4}$'),
  hours_per_day numeric(4, 2) NOT NULL CHECK (hours_per_day > 0 AND hours_per_day <= 8),
  hourly_pay_sek numeric(8, 2) NOT NULL CHECK (hourly_pay_sek >= 0),
  opens_at timestamptz NOT NULL,
  closes_at timestamptz NOT NULL,
  max_choices integer NOT NULL CHECK (max_choices BETWEEN 1 AND 10),
  mechanism text NOT NULL CHECK (mechanism IN ('optimal', 'lottery')),
  priority_first_time boolean NOT NULL,
  priority_social boolean NOT NULL,
  offer_days integer NOT NULL CHECK (offer_days BETWEEN 1 AND 30),
  published_run_id uuid,
  published_at timestamptz,
  created_by uuid,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (organisation_id, id),
  CHECK (birth_year_to >= birth_year_from),
  CHECK (closes_at > opens_at)
);

CREATE TABLE summer_period (
  organisation_id uuid NOT NULL,
  season_id uuid NOT NULL,
  id uuid NOT NULL,
  code text NOT NULL CHECK (length(code) BETWEEN 1 AND 40),
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  PRIMARY KEY (organisation_id, id),
  UNIQUE (organisation_id, season_id, id),
  UNIQUE (organisation_id, season_id, code),
  FOREIGN KEY (organisation_id, season_id) REFERENCES summer_season (organisation_id, id),
  CHECK (ends_on >= starts_on)
);

-- Places at one workplace of the register in one period.
CREATE TABLE summer_slot (
  organisation_id uuid NOT NULL,
  season_id uuid NOT NULL,
  id uuid NOT NULL,
  workplace_id uuid NOT NULL,
  period_id uuid NOT NULL,
  area text NOT NULL CHECK (length(area) BETWEEN 1 AND 100),
  places integer NOT NULL CHECK (places > 0 AND places <= 1000),
  min_age integer CHECK (min_age BETWEEN 13 AND 25),
  requirements text,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (organisation_id, id),
  UNIQUE (organisation_id, season_id, workplace_id, period_id),
  FOREIGN KEY (organisation_id, workplace_id) REFERENCES workplace (organisation_id, id),
  FOREIGN KEY (organisation_id, season_id, period_id) REFERENCES summer_period (organisation_id, season_id, id)
);
CREATE INDEX summer_slot_workplace_idx ON summer_slot (organisation_id, workplace_id);

-- Which signed-in supervisors (role handledare) act for which workplace.
CREATE TABLE summer_workplace_user (
  organisation_id uuid NOT NULL,
  workplace_id uuid NOT NULL,
  user_id uuid NOT NULL,
  PRIMARY KEY (organisation_id, workplace_id, user_id),
  FOREIGN KEY (organisation_id, workplace_id) REFERENCES workplace (organisation_id, id),
  FOREIGN KEY (organisation_id, user_id) REFERENCES app_user (organisation_id, id)
);
CREATE INDEX summer_workplace_user_idx ON summer_workplace_user (organisation_id, user_id);

CREATE TABLE summer_application (
  organisation_id uuid NOT NULL,
  season_id uuid NOT NULL,
  id uuid NOT NULL,
  reference text NOT NULL,
  personnummer text NOT NULL CHECK (personnummer ~ '^[0-9]{12}$'),
  first_name text NOT NULL,
  last_name text NOT NULL,
  sex text NOT NULL CHECK (sex IN ('K', 'M', 'X')),
  birth_date date NOT NULL,
  municipality_code text NOT NULL,
  email text NOT NULL,
  phone text,
  guardian_name text,
  guardian_email text,
  guardian_phone text,
  guardian_consent_at timestamptz,
  protected_identity boolean NOT NULL DEFAULT false,
  first_time boolean NOT NULL,
  social_priority boolean NOT NULL DEFAULT false,
  -- Period ids the applicant can work.
  available_period_ids text[] NOT NULL,
  status text NOT NULL DEFAULT 'aktiv' CHECK (status IN ('aktiv', 'reserv', 'placerad', 'aterkallad')),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (organisation_id, id),
  UNIQUE (organisation_id, season_id, id),
  -- One application per person and season.
  UNIQUE (organisation_id, season_id, personnummer),
  UNIQUE (organisation_id, season_id, reference),
  FOREIGN KEY (organisation_id, season_id) REFERENCES summer_season (organisation_id, id)
);

CREATE TABLE summer_choice (
  organisation_id uuid NOT NULL,
  application_id uuid NOT NULL,
  rank integer NOT NULL CHECK (rank BETWEEN 1 AND 10),
  slot_id uuid NOT NULL,
  PRIMARY KEY (organisation_id, application_id, rank),
  UNIQUE (organisation_id, application_id, slot_id),
  FOREIGN KEY (organisation_id, application_id) REFERENCES summer_application (organisation_id, id)
    ON DELETE CASCADE,
  FOREIGN KEY (organisation_id, slot_id) REFERENCES summer_slot (organisation_id, id)
);

-- Links that let an applicant see and change their application: only a SHA-256 of the token is kept.
CREATE TABLE summer_access_token (
  organisation_id uuid NOT NULL,
  token_hash text NOT NULL,
  application_id uuid NOT NULL,
  -- 'application': see and change until the window closes; 'offer': answer the current offer.
  purpose text NOT NULL CHECK (purpose IN ('application', 'offer')),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  PRIMARY KEY (organisation_id, token_hash),
  FOREIGN KEY (organisation_id, application_id) REFERENCES summer_application (organisation_id, id)
);

-- Mail that the system would send; the default sender only writes here (never real mail).
CREATE TABLE outbox (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL,
  recipient text NOT NULL,
  subject text NOT NULL,
  body text NOT NULL,
  kind text NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (organisation_id, id)
);
CREATE INDEX outbox_time_idx ON outbox (organisation_id, created_at);

-- Requests to the public e-service per key (client address, personnummer), for its rate limit.
CREATE TABLE summer_public_attempt (
  key text NOT NULL,
  attempted_at timestamptz NOT NULL
);
CREATE INDEX summer_public_attempt_idx ON summer_public_attempt (key, attempted_at);

CREATE TABLE summer_run (
  organisation_id uuid NOT NULL,
  season_id uuid NOT NULL,
  id uuid NOT NULL,
  mode text NOT NULL CHECK (mode IN ('optimal', 'lottery')),
  seed bigint,
  -- The engine input (applicants, slots, choices) and result exactly as used, so the run can be redone.
  input jsonb NOT NULL,
  result jsonb NOT NULL,
  report jsonb NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (organisation_id, id),
  UNIQUE (organisation_id, season_id, id),
  FOREIGN KEY (organisation_id, season_id) REFERENCES summer_season (organisation_id, id)
);

CREATE TABLE summer_offer (
  organisation_id uuid NOT NULL,
  season_id uuid NOT NULL,
  id uuid NOT NULL,
  application_id uuid NOT NULL,
  slot_id uuid NOT NULL,
  run_id uuid NOT NULL,
  status text NOT NULL CHECK (status IN ('erbjuden', 'accepterad', 'avbojd', 'utgangen')),
  offered_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  answered_at timestamptz,
  hours numeric(6, 2) CHECK (hours >= 0 AND hours <= 400),
  hours_reported_by uuid,
  hours_reported_at timestamptz,
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, season_id) REFERENCES summer_season (organisation_id, id),
  FOREIGN KEY (organisation_id, application_id) REFERENCES summer_application (organisation_id, id),
  FOREIGN KEY (organisation_id, slot_id) REFERENCES summer_slot (organisation_id, id),
  FOREIGN KEY (organisation_id, season_id, run_id) REFERENCES summer_run (organisation_id, season_id, id)
);
CREATE INDEX summer_offer_application_idx ON summer_offer (organisation_id, application_id);
CREATE INDEX summer_offer_slot_idx ON summer_offer (organisation_id, slot_id, status);
CREATE INDEX summer_offer_expiry_idx ON summer_offer (organisation_id, status, expires_at);
