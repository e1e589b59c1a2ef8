-- Issuing a new link revokes the application's earlier links of the same purpose: without this index
-- that update scanned every token of the organisation, so a season's applications cost O(n²).
CREATE INDEX summer_access_token_application_idx
  ON summer_access_token (organisation_id, application_id, purpose);
