-- Cached reads on PostgreSQL (src/db/read-cache.ts, change-feed.ts): every write statement on every
-- table notifies `insats_data_changed`, whoever writes (any app instance, the CLI, SQL by hand). The
-- notification is sent at commit, once per transaction (equal notifications are merged), and never for
-- a rolled-back one. Statement-level, so a COPY of a million rows costs one call.
-- A table added by a later migration needs the same trigger; a test checks that every table has it.
CREATE FUNCTION notify_data_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('insats_data_changed', '');
  RETURN NULL;
END $$;

DO $$
DECLARE t record;
BEGIN
  FOR t IN
    SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
     ORDER BY c.relname
  LOOP
    EXECUTE format(
      'CREATE TRIGGER data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I
         FOR EACH STATEMENT EXECUTE FUNCTION notify_data_changed()', t.relname);
  END LOOP;
END $$;
