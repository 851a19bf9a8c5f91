-- Verification judged atomically, and no caller's number kept whole (lib/orders/verification.ts).
--
-- One row per thing a judgement is about: an order, a caller's number, a call. A judgement takes the rows of
-- its subjects FOR UPDATE (an INSERT ... ON DUPLICATE KEY UPDATE on the primary key) before it counts and
-- records, so judgements about the same order, number or call run one after the other; a burst of guesses
-- gets no more judged than a caller keying them one by one. The subject is a SHA-256 of `order:<number>`,
-- `number:<digest>` or `call:<contact id>`, so that any contact id fits.
CREATE TABLE verification_locks (
  subject BINARY(32) NOT NULL PRIMARY KEY,
  used_at DATETIME(3) NOT NULL COMMENT 'UTC; a row unused for an hour guards nothing and may be deleted'
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The caller's number becomes an HMAC-SHA256 of it (lib/orders/phone-digest.ts). The numbers kept so far
-- cannot be hashed here (the key is not the database's), and attempts are only an hour's worth of state: they
-- are dropped, and the attempts' orders and calls still count for the hour they have left. `attempt_key`
-- (an HMAC of contact, order and digits) makes a retried invocation count once; attempts from before it have
-- none, and NULLs do not collide in a unique key.
ALTER TABLE verification_attempts
  DROP KEY idx_verification_attempts_caller,
  DROP COLUMN caller_phone,
  ADD COLUMN caller_digest BINARY(32) NULL COMMENT 'HMAC-SHA256 of the E.164 number; NULL when withheld' AFTER contact_id,
  ADD COLUMN attempt_key BINARY(32) NULL COMMENT 'HMAC-SHA256 of contact id, order number and digits' AFTER caller_digest,
  ADD UNIQUE KEY uq_verification_attempts_attempt (attempt_key),
  ADD KEY idx_verification_attempts_caller (caller_digest, attempted_at),
  ADD KEY idx_verification_attempts_call (contact_id, attempted_at);

-- Each order a call named that was not its caller's (someone else's, or none at all): lookups are limited per
-- call and per number, so that the IVR is no oracle of which order numbers exist. One row per call and order:
-- the same order named again in the call, or a retried invocation, counts once.
CREATE TABLE order_lookups (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  contact_id VARCHAR(64) NOT NULL,
  caller_digest BINARY(32) NULL COMMENT 'HMAC-SHA256 of the E.164 number; NULL when withheld',
  order_number VARCHAR(32) NOT NULL,
  looked_up_at DATETIME(3) NOT NULL COMMENT 'UTC',
  UNIQUE KEY uq_order_lookups_call_order (contact_id, order_number),
  KEY idx_order_lookups_caller (caller_digest, looked_up_at)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
