-- Participants, extra columns for the registry (issue 3).

-- Swedish sort order without ICU: the application computes a key whose byte order equals
-- Intl.Collator('sv') (src/domain/swedish-sort.ts); the database compares it with COLLATE "C" only,
-- which PGlite and every PostgreSQL have. Written on every insert and name change.
ALTER TABLE person ADD COLUMN sort_key text COLLATE "C" NOT NULL DEFAULT '';
-- Names folded for search (lower case, no diacritics, punctuation as spaces: normalizeForSearch),
-- so a prefix query is case- and diacritic-insensitive without unaccent or ICU.
ALTER TABLE person ADD COLUMN search_name text COLLATE "C" NOT NULL DEFAULT '';
-- Couples taking part together: both rows point at each other and share one household.
ALTER TABLE person ADD COLUMN partner_person_id uuid;
ALTER TABLE person ADD CONSTRAINT person_partner_fk
  FOREIGN KEY (organisation_id, partner_person_id) REFERENCES person (organisation_id, id);
-- JobTech codes are stored with the taxonomy version they came from (DOMAIN.md §3.4).
ALTER TABLE person ADD COLUMN akassa_version text;
-- Who entered the protection grade and from which source is in protection_change; this is the
-- current grade's source for display without a join.
ALTER TABLE person ADD COLUMN protection_source text
  CHECK (protection_source IN ('folkbokforing', 'manuell'));

CREATE INDEX person_unit_sort_idx ON person (organisation_id, responsible_unit_id, sort_key, id);
CREATE INDEX person_org_sort_idx ON person (organisation_id, sort_key, id);
CREATE INDEX person_household_idx ON person (organisation_id, household_id) WHERE household_id IS NOT NULL;
CREATE INDEX person_identity_history_number_idx ON person_identity_history (organisation_id, personnummer);
