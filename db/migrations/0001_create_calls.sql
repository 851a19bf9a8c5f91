-- One row per Connect contact, upserted from contact records (the newest LastUpdateTimestamp wins).
CREATE TABLE calls (
  contact_id VARCHAR(64) NOT NULL PRIMARY KEY,
  initial_contact_id VARCHAR(64) NULL COMMENT 'the first contact of a transferred call',
  market CHAR(2) NULL,
  language VARCHAR(8) NULL,
  initiated_at DATETIME(3) NOT NULL COMMENT 'UTC',
  disconnected_at DATETIME(3) NULL COMMENT 'UTC',
  ivr_seconds INT NULL,
  queue_seconds INT NULL,
  agent_seconds INT NULL,
  queue_name VARCHAR(100) NULL,
  agent_id VARCHAR(100) NULL,
  outcome VARCHAR(16) NULL COMMENT 'self-served, transferred, abandoned or error',
  intent VARCHAR(40) NULL,
  handover_reason VARCHAR(40) NULL,
  disconnect_reason VARCHAR(40) NULL,
  record_updated_at DATETIME(3) NOT NULL COMMENT 'LastUpdateTimestamp of the contact record stored',
  KEY idx_calls_initiated (initiated_at),
  KEY idx_calls_market_initiated (market, initiated_at)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
