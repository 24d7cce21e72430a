-- An Idempotency-Key's claim is a lease held by one attempt (`claim_token`, until
-- `lease_until`); the operation's result is written in the same transaction as the operation
-- itself (`result`), so a committed write always has its answer and a rolled-back one none.
ALTER TABLE idempotency_keys ADD COLUMN claim_token TEXT;
ALTER TABLE idempotency_keys ADD COLUMN lease_until TIMESTAMP;
ALTER TABLE idempotency_keys ADD COLUMN result TEXT;
