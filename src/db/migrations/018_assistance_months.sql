-- Långvarigt bistånd (priority group langvarigt_bistand, src/domain/programme-rules.ts) is a matter of
-- duration, not of income source: Socialstyrelsen counts bistånd received in at least 10 of the 12
-- months of a year. Income source alone says nothing about how long, so the months are recorded.
ALTER TABLE person ADD COLUMN assistance_months smallint
  CHECK (assistance_months BETWEEN 0 AND 12);
COMMENT ON COLUMN person.assistance_months IS
  'Number of months, of the last 12, in which the person received ekonomiskt bistånd (as known to the case worker or the economic-assistance system); NULL = not recorded.';
