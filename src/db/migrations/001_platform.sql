-- Platform: organisations, units, teams, users and roles, sessions, login attempts, audit log.
-- Every tenant-owned table leads its keys with organisation_id (Citus: distribute on it).

CREATE TABLE organisation (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  municipality_code text,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Events that belong to no municipality (e.g. a failed login for an unknown user name) go to this one.
INSERT INTO organisation (id, name) VALUES ('00000000-0000-0000-0000-000000000000', 'System');

CREATE TABLE unit (
  organisation_id uuid NOT NULL REFERENCES organisation (id),
  id uuid NOT NULL,
  parent_id uuid,
  name text NOT NULL,
  kind text NOT NULL DEFAULT 'enhet',
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, parent_id) REFERENCES unit (organisation_id, id)
);

CREATE TABLE team (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL,
  unit_id uuid NOT NULL,
  name text NOT NULL,
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, unit_id) REFERENCES unit (organisation_id, id)
);

CREATE TABLE app_user (
  organisation_id uuid NOT NULL REFERENCES organisation (id),
  id uuid NOT NULL,
  username text NOT NULL,
  display_name text NOT NULL,
  email text,
  password_hash text,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, id)
);
-- User names are unique per installation, because login does not ask for the municipality.
CREATE UNIQUE INDEX app_user_username_key ON app_user (lower(username));

CREATE TABLE user_role (
  organisation_id uuid NOT NULL,
  user_id uuid NOT NULL,
  role text NOT NULL CHECK (role IN ('handlaggare', 'jobbmaklare', 'studie_yrkesvagledare', 'enhetschef',
                                     'analytiker', 'administrator', 'granskare')),
  unit_id uuid NOT NULL,
  granted_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, user_id, role, unit_id),
  FOREIGN KEY (organisation_id, user_id) REFERENCES app_user (organisation_id, id),
  FOREIGN KEY (organisation_id, unit_id) REFERENCES unit (organisation_id, id)
);

CREATE TABLE team_member (
  organisation_id uuid NOT NULL,
  team_id uuid NOT NULL,
  user_id uuid NOT NULL,
  PRIMARY KEY (organisation_id, team_id, user_id),
  FOREIGN KEY (organisation_id, team_id) REFERENCES team (organisation_id, id),
  FOREIGN KEY (organisation_id, user_id) REFERENCES app_user (organisation_id, id)
);

-- External (OIDC) identities linked to local users.
CREATE TABLE user_identity (
  organisation_id uuid NOT NULL,
  user_id uuid NOT NULL,
  issuer text NOT NULL,
  subject text NOT NULL,
  PRIMARY KEY (organisation_id, issuer, subject),
  FOREIGN KEY (organisation_id, user_id) REFERENCES app_user (organisation_id, id)
);
CREATE UNIQUE INDEX user_identity_issuer_subject_key ON user_identity (issuer, subject);

-- Server-side sessions. Only a SHA-256 of the cookie value is stored.
CREATE TABLE session (
  id_hash text PRIMARY KEY,
  organisation_id uuid NOT NULL,
  user_id uuid NOT NULL,
  csrf_token text NOT NULL,
  auth_method text NOT NULL,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  ended_at timestamptz,
  end_reason text,
  client_address text,
  FOREIGN KEY (organisation_id, user_id) REFERENCES app_user (organisation_id, id)
);
CREATE INDEX session_user_idx ON session (organisation_id, user_id);

-- Failed and successful logins per account and per client address, for the rate limit.
CREATE TABLE login_attempt (
  key text NOT NULL,
  attempted_at timestamptz NOT NULL,
  succeeded boolean NOT NULL
);
CREATE INDEX login_attempt_key_idx ON login_attempt (key, attempted_at);

-- Append-only audit log with one hash chain per organisation:
-- hash_n = SHA-256(hash_{n-1} || canonical(event_n)), hash_0 = 64 zeros.
CREATE TABLE audit_chain_head (
  organisation_id uuid PRIMARY KEY REFERENCES organisation (id),
  seq bigint NOT NULL,
  hash text NOT NULL
);

CREATE TABLE audit_event (
  organisation_id uuid NOT NULL REFERENCES organisation (id),
  seq bigint NOT NULL,
  occurred_at timestamptz NOT NULL,
  actor_user_id uuid,
  actor_username text,
  role text,
  unit_id uuid,
  subject_person_id uuid,
  object_type text,
  object_id text,
  action text NOT NULL CHECK (action IN ('read', 'create', 'update', 'delete', 'export', 'print', 'import',
                                         'login', 'logout', 'deny')),
  outcome text NOT NULL CHECK (outcome IN ('success', 'failure', 'denied')),
  severity text NOT NULL DEFAULT 'normal' CHECK (severity IN ('normal', 'raised')),
  request_id text,
  client_address text,
  purpose text,
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  PRIMARY KEY (organisation_id, seq)
);
CREATE INDEX audit_event_subject_idx ON audit_event (organisation_id, subject_person_id, occurred_at)
  WHERE subject_person_id IS NOT NULL;
CREATE INDEX audit_event_actor_idx ON audit_event (organisation_id, actor_user_id, occurred_at);
CREATE INDEX audit_event_time_idx ON audit_event (organisation_id, occurred_at);

CREATE FUNCTION audit_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'audit_event är skrivskyddad: händelser kan inte ändras eller tas bort'
    USING ERRCODE = 'insufficient_privilege';
END
$fn$;

CREATE TRIGGER audit_event_no_update BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only();

-- On PostgreSQL the application role also loses the privileges (the trigger covers superusers).
REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM PUBLIC;
DO $$ BEGIN
  EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM %I', current_user);
END $$;

-- OIDC logins in flight: state, nonce and PKCE verifier between the redirect and the callback.
CREATE TABLE oidc_login (
  state text PRIMARY KEY,
  nonce text NOT NULL,
  code_verifier text NOT NULL,
  return_to text NOT NULL,
  created_at timestamptz NOT NULL
);
