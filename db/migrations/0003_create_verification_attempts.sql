-- Each answer to the verification challenge (the last four digits of the order's phone). Lockouts count the
-- failures of the last hour per caller number and per order, so both are indexed with the time.
CREATE TABLE verification_attempts (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  contact_id VARCHAR(64) NOT NULL,
  caller_phone VARCHAR(20) NULL COMMENT 'E.164; NULL for a withheld number',
  order_number VARCHAR(32) NOT NULL,
  succeeded BOOLEAN NOT NULL,
  attempted_at DATETIME(3) NOT NULL COMMENT 'UTC',
  KEY idx_verification_attempts_caller (caller_phone, attempted_at),
  KEY idx_verification_attempts_order (order_number, attempted_at)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
