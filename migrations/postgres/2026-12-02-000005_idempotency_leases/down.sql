ALTER TABLE idempotency_keys DROP COLUMN result;
ALTER TABLE idempotency_keys DROP COLUMN lease_until;
ALTER TABLE idempotency_keys DROP COLUMN claim_token;
