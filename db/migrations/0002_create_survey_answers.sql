-- The post-call survey: one answer per contact, the last one wins. A NULL score is a survey offered and not
-- answered (timeout or a key other than 1 to 5).
CREATE TABLE survey_answers (
  contact_id VARCHAR(64) NOT NULL PRIMARY KEY,
  initial_contact_id VARCHAR(64) NULL,
  score TINYINT NULL,
  answered_at DATETIME(3) NOT NULL COMMENT 'UTC',
  CONSTRAINT chk_survey_answers_score CHECK (score BETWEEN 1 AND 5),
  KEY idx_survey_answers_initial_contact (initial_contact_id)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
