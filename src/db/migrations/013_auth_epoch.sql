-- A counter that moves whenever anything a signed-in actor is built from changes: users, their roles,
-- units (the unit tree decides a role's scope) and organisations. The session lookup reads it in the
-- same query as the session row, so the server can keep built actors in memory and still see a new
-- role, a removed role or a deactivated user on the very next request — including changes made by
-- another process or by hand in SQL, because triggers, not the application, move the counter.
CREATE TABLE auth_epoch (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  n bigint NOT NULL
);
INSERT INTO auth_epoch (id, n) VALUES (true, 0);

CREATE FUNCTION bump_auth_epoch() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  UPDATE auth_epoch SET n = n + 1;
  RETURN NULL;
END
$fn$;

CREATE TRIGGER app_user_auth_epoch AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON app_user
  FOR EACH STATEMENT EXECUTE FUNCTION bump_auth_epoch();
CREATE TRIGGER user_role_auth_epoch AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON user_role
  FOR EACH STATEMENT EXECUTE FUNCTION bump_auth_epoch();
CREATE TRIGGER unit_auth_epoch AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON unit
  FOR EACH STATEMENT EXECUTE FUNCTION bump_auth_epoch();
CREATE TRIGGER organisation_auth_epoch AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON organisation
  FOR EACH STATEMENT EXECUTE FUNCTION bump_auth_epoch();
