-- Code lists (reference data, not tenant-owned) and the participant registry with protection grades.

CREATE TABLE code_list (
  system text NOT NULL,
  version text NOT NULL,
  title text NOT NULL,
  source text NOT NULL,
  retrieved text NOT NULL,
  licence text NOT NULL,
  loaded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (system, version)
);

CREATE TABLE code (
  system text NOT NULL,
  version text NOT NULL,
  code text NOT NULL,
  name text NOT NULL,
  name_lang text NOT NULL DEFAULT 'sv',
  parent text,
  level integer,
  concept_id text,
  PRIMARY KEY (system, version, code),
  FOREIGN KEY (system, version) REFERENCES code_list (system, version)
);
CREATE INDEX code_name_idx ON code (system, version, lower(name));

-- A household is shared by its members, so reports count households and children once.
CREATE TABLE household (
  organisation_id uuid NOT NULL REFERENCES organisation (id),
  id uuid NOT NULL,
  children_at_home integer NOT NULL DEFAULT 0 CHECK (children_at_home >= 0),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (organisation_id, id)
);

-- Children living at home: only birth year and month, never their identity numbers.
CREATE TABLE household_child (
  organisation_id uuid NOT NULL,
  household_id uuid NOT NULL,
  id uuid NOT NULL,
  birth_year_month text NOT NULL CHECK (birth_year_month ~ '^[0-9]{4}-[0-9]{2}$'),
  PRIMARY KEY (organisation_id, household_id, id),
  FOREIGN KEY (organisation_id, household_id) REFERENCES household (organisation_id, id)
);

CREATE TABLE person (
  organisation_id uuid NOT NULL REFERENCES organisation (id),
  id uuid NOT NULL,
  -- 12 digits YYYYMMDDNNNC; the 10-digit form with - or + is presentation only.
  personnummer text NOT NULL CHECK (personnummer ~ '^[0-9]{8}[0-9A-Z][0-9]{3}$'),
  identity_kind text NOT NULL CHECK (identity_kind IN ('personnummer', 'samordningsnummer', 'interimsnummer')),
  identity_status text NOT NULL DEFAULT 'aktiv' CHECK (identity_status IN ('aktiv', 'avaktiverad', 'ersatt')),
  first_name text NOT NULL,
  last_name text NOT NULL,
  sex text NOT NULL CHECK (sex IN ('K', 'M', 'X')),
  birth_date date NOT NULL,
  protection_level text NOT NULL DEFAULT 'none'
    CHECK (protection_level IN ('none', 'sekretessmarkering', 'skyddad_folkbokforing')),
  email text,
  phone text,
  address_street text,
  address_postal_code text,
  address_city text,
  municipality_code text,
  education_level_code text,
  education_level_version text,
  driving_licences text[] NOT NULL DEFAULT '{}',
  akassa_code text,
  akassa_member_since date,
  income_source text CHECK (income_source IN ('forsorjningsstod', 'aktivitetsstod', 'ingen', 'annan')),
  adjustment_needs text,
  household_id uuid,
  responsible_unit_id uuid NOT NULL,
  team_id uuid,
  case_worker_user_id uuid,
  status text NOT NULL DEFAULT 'aktiv' CHECK (status IN ('aktiv', 'vilande', 'avslutad')),
  last_contact_at timestamptz,
  last_entry_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, household_id) REFERENCES household (organisation_id, id),
  FOREIGN KEY (organisation_id, responsible_unit_id) REFERENCES unit (organisation_id, id),
  FOREIGN KEY (organisation_id, team_id) REFERENCES team (organisation_id, id),
  FOREIGN KEY (organisation_id, case_worker_user_id) REFERENCES app_user (organisation_id, id)
);
CREATE UNIQUE INDEX person_personnummer_key ON person (organisation_id, personnummer);
CREATE INDEX person_unit_idx ON person (organisation_id, responsible_unit_id, status);
CREATE INDEX person_case_worker_idx ON person (organisation_id, case_worker_user_id);
CREATE INDEX person_name_idx ON person (organisation_id, lower(last_name), lower(first_name));

-- Earlier identity numbers (a samordningsnummer later replaced by a personnummer) keep the history.
CREATE TABLE person_identity_history (
  organisation_id uuid NOT NULL,
  person_id uuid NOT NULL,
  personnummer text NOT NULL,
  identity_kind text NOT NULL,
  valid_to timestamptz NOT NULL,
  PRIMARY KEY (organisation_id, person_id, personnummer),
  FOREIGN KEY (organisation_id, person_id) REFERENCES person (organisation_id, id)
);

CREATE TABLE person_language (
  organisation_id uuid NOT NULL,
  person_id uuid NOT NULL,
  language_code text NOT NULL CHECK (language_code ~ '^[a-z]{2,3}$'),
  needs_interpreter boolean NOT NULL DEFAULT false,
  PRIMARY KEY (organisation_id, person_id, language_code),
  FOREIGN KEY (organisation_id, person_id) REFERENCES person (organisation_id, id)
);

CREATE TABLE person_occupation (
  organisation_id uuid NOT NULL,
  person_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('intresse', 'erfarenhet')),
  ssyk_code text NOT NULL,
  ssyk_version text NOT NULL,
  PRIMARY KEY (organisation_id, person_id, kind, ssyk_code),
  FOREIGN KEY (organisation_id, person_id) REFERENCES person (organisation_id, id)
);

-- Explicit permission per protection grade; one grade does not imply another.
CREATE TABLE user_protection_permission (
  organisation_id uuid NOT NULL,
  user_id uuid NOT NULL,
  protection_level text NOT NULL CHECK (protection_level IN ('sekretessmarkering', 'skyddad_folkbokforing')),
  granted_by uuid,
  granted_at timestamptz NOT NULL,
  PRIMARY KEY (organisation_id, user_id, protection_level),
  FOREIGN KEY (organisation_id, user_id) REFERENCES app_user (organisation_id, id)
);

-- Staff named by the unit manager for a case with skyddad folkbokföring.
CREATE TABLE person_access (
  organisation_id uuid NOT NULL,
  person_id uuid NOT NULL,
  user_id uuid NOT NULL,
  granted_by uuid,
  granted_at timestamptz NOT NULL,
  PRIMARY KEY (organisation_id, person_id, user_id),
  FOREIGN KEY (organisation_id, person_id) REFERENCES person (organisation_id, id),
  FOREIGN KEY (organisation_id, user_id) REFERENCES app_user (organisation_id, id)
);

-- Every change of grade, with its date and source (population register feed or manual entry).
CREATE TABLE protection_change (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL,
  person_id uuid NOT NULL,
  from_level text NOT NULL,
  to_level text NOT NULL,
  source text NOT NULL,
  decided_on date,
  recorded_by uuid,
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, person_id) REFERENCES person (organisation_id, id)
);
