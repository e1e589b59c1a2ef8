-- Gallring of summer-job applications (record type ansokan_feriearbete, features/gallring/record-types.ts):
-- a rule may be triggered by the end of the application's season (its last period's last day).
ALTER TABLE gallring_rule DROP CONSTRAINT gallring_rule_trigger_check;
ALTER TABLE gallring_rule ADD CONSTRAINT gallring_rule_trigger_check
  CHECK (trigger IN ('last_entry', 'last_contact', 'exit', 'season_end'));

-- The registerutdrag for a youth outside the participant register, and the exception lookup of the
-- gallring run, find applications by personnummer across seasons.
CREATE INDEX summer_application_personnummer_idx ON summer_application (organisation_id, personnummer);
