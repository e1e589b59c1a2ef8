-- Dashboard (issue 7 item 5): monthly statistics imported from outside Insats and the goals the
-- user draws as lines. These are aggregate counts published by others (the social services'
-- applications for försörjningsstöd, Arbetsförmedlingen's registered unemployed), never persons.
-- A month is 'YYYY-MM'. Re-importing a month replaces it.

CREATE TABLE dashboard_social_assistance_month (
  organisation_id uuid NOT NULL REFERENCES organisation (id),
  month text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  applications integer NOT NULL CHECK (applications >= 0),
  import_id uuid NOT NULL,
  imported_by uuid,
  imported_at timestamptz NOT NULL,
  PRIMARY KEY (organisation_id, month)
);

-- Arbetsförmedlingen's monthly statistics per age group: registered unemployed (inskrivna
-- arbetslösa) and/or their share of the population in percent.
CREATE TABLE dashboard_unemployment_month (
  organisation_id uuid NOT NULL REFERENCES organisation (id),
  month text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  age_group text NOT NULL CHECK (age_group ~ '^([0-9]{2}-[0-9]{2}|totalt)$'),
  registered integer CHECK (registered >= 0),
  share_percent double precision CHECK (share_percent BETWEEN 0 AND 100),
  import_id uuid NOT NULL,
  imported_by uuid,
  imported_at timestamptz NOT NULL,
  PRIMARY KEY (organisation_id, month, age_group),
  CHECK (registered IS NOT NULL OR share_percent IS NOT NULL)
);

-- One goal per metric, drawn as a line on its chart (e.g. unemployment share under 10 %).
CREATE TABLE dashboard_goal (
  organisation_id uuid NOT NULL REFERENCES organisation (id),
  metric text NOT NULL CHECK (metric IN ('unemployment_share', 'social_assistance_applications')),
  target double precision NOT NULL CHECK (target >= 0),
  label text CHECK (length(label) <= 200),
  updated_by uuid,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (organisation_id, metric)
);

-- The dashboard's monthly counts scan a period of dates per organisation.
CREATE INDEX referral_date_idx ON referral (organisation_id, referral_date);
CREATE INDEX enrolment_start_idx ON enrolment (organisation_id, start_date);
CREATE INDEX enrolment_exit_idx ON enrolment (organisation_id, exit_date) WHERE exit_date IS NOT NULL;
