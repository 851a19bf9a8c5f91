-- What the managers' reports read: figures per UTC day, made again from calls and survey_answers for each day
-- a write touches (lib/calls/rollups.ts), so that a month of a busy shop reports from thousands of rows, not
-- millions. Empty strings stand for unknown market, language, intent, queue or agent, so they can be keys.
CREATE TABLE calls_daily (
  day DATE NOT NULL,
  market CHAR(2) NOT NULL DEFAULT '',
  language VARCHAR(8) NOT NULL DEFAULT '',
  intent VARCHAR(40) NOT NULL DEFAULT '',
  outcome VARCHAR(16) NOT NULL DEFAULT '',
  queue_name VARCHAR(100) NOT NULL DEFAULT '',
  agent_id VARCHAR(100) NOT NULL DEFAULT '',
  calls INT NOT NULL,
  survey_responses INT NOT NULL COMMENT 'answers with a score',
  score_sum INT NOT NULL,
  score_1 INT NOT NULL,
  score_2 INT NOT NULL,
  score_3 INT NOT NULL,
  score_4 INT NOT NULL,
  score_5 INT NOT NULL,
  PRIMARY KEY (day, market, language, intent, outcome, queue_name, agent_id)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Call lengths in whole seconds (contact records count whole seconds), so medians and percentiles are exact.
CREATE TABLE call_durations_daily (
  day DATE NOT NULL,
  market CHAR(2) NOT NULL DEFAULT '',
  outcome VARCHAR(16) NOT NULL DEFAULT '',
  seconds INT NOT NULL,
  calls INT NOT NULL,
  PRIMARY KEY (day, market, outcome, seconds)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The low scores of a period, without reading every answer.
CREATE INDEX idx_survey_answers_score ON survey_answers (score, answered_at);
