-- Finance (issue 8): budget per programme, category and period; cost outcome (entered or imported from the
-- finance system's ledger through an account + cost-centre mapping); socio-economic parameters as data.
-- Money is stored as whole öre in bigint columns: never floating point.

-- A budgeted (forecast) amount for a programme, category and period. A row may cover one month or any
-- longer period (e.g. the programme's whole period); monthly views spread it evenly over its months.
CREATE TABLE finance_budget_line (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL,
  -- Entry order: categories are reported in the order they were first entered.
  seq bigserial NOT NULL,
  programme_id uuid NOT NULL,
  category text NOT NULL
    CHECK (category IN ('anstallning', 'utbildning', 'handledning', 'administration', 'ovrigt')),
  period_from date NOT NULL,
  period_to date NOT NULL,
  amount_ore bigint NOT NULL,
  note text,
  entered_by uuid,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, programme_id) REFERENCES programme (organisation_id, id),
  CHECK (period_to >= period_from)
);
CREATE INDEX finance_budget_line_programme_idx ON finance_budget_line (organisation_id, programme_id, period_from);

-- Finance-system account + cost centre → programme + category. Ledger rows are imported only through it.
CREATE TABLE finance_account_mapping (
  organisation_id uuid NOT NULL,
  account text NOT NULL,
  cost_centre text NOT NULL,
  programme_id uuid NOT NULL,
  category text NOT NULL
    CHECK (category IN ('anstallning', 'utbildning', 'handledning', 'administration', 'ovrigt')),
  entered_by uuid,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (organisation_id, account, cost_centre),
  FOREIGN KEY (organisation_id, programme_id) REFERENCES programme (organisation_id, id)
);

-- One ledger file import (all rows or none).
CREATE TABLE finance_ledger_import (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL,
  filename text NOT NULL,
  encoding text,
  row_count integer NOT NULL,
  total_ore bigint NOT NULL,
  imported_by uuid,
  imported_at timestamptz NOT NULL,
  PRIMARY KEY (organisation_id, id)
);

-- A cost outcome: entered by hand for a period (e.g. a category total) or one imported ledger row.
CREATE TABLE finance_cost_outcome (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL,
  seq bigserial NOT NULL,
  programme_id uuid NOT NULL,
  category text NOT NULL
    CHECK (category IN ('anstallning', 'utbildning', 'handledning', 'administration', 'ovrigt')),
  period_from date NOT NULL,
  period_to date NOT NULL,
  amount_ore bigint NOT NULL,
  source text NOT NULL CHECK (source IN ('manuell', 'ekonomisystem', 'import')),
  import_id uuid,
  import_line integer,
  account text,
  cost_centre text,
  text text,
  entered_by uuid,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, programme_id) REFERENCES programme (organisation_id, id),
  FOREIGN KEY (organisation_id, import_id) REFERENCES finance_ledger_import (organisation_id, id),
  CHECK (period_to >= period_from)
);
CREATE INDEX finance_cost_outcome_programme_idx ON finance_cost_outcome (organisation_id, programme_id, period_from);

-- Socio-economic parameters, one row per version: the value in force for (year, key) is the latest row.
-- Never constants in code (DOMAIN §7.3). Rates are shares (0.3232), amounts whole SEK.
CREATE TABLE socioeconomic_parameter (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL,
  seq bigserial NOT NULL,
  year integer NOT NULL CHECK (year BETWEEN 1990 AND 2100),
  key text NOT NULL CHECK (key ~ '^[a-z0-9_]{1,60}$'),
  value numeric(16, 6) NOT NULL,
  unit text NOT NULL,
  source text NOT NULL,
  entered_by uuid,
  entered_by_name text,
  entered_at timestamptz NOT NULL,
  PRIMARY KEY (organisation_id, id)
);
CREATE INDEX socioeconomic_parameter_key_idx ON socioeconomic_parameter (organisation_id, year, key, seq);
