-- The daily roll-ups kept up to date call by call (lib/calls/rollups.ts) instead of a whole day made again per
-- write. Each call remembers the survey score it is counted with, so that a newer version of its contact
-- record, or a later answer, takes away exactly what it added before. An answer written after its call was
-- stored waits, flagged, until contact-records counts it: the survey function never touches the roll-ups.
ALTER TABLE calls
  ADD COLUMN counted_score TINYINT NULL COMMENT 'the survey score this call adds to calls_daily';

ALTER TABLE survey_answers
  ADD COLUMN awaiting_rollup BOOLEAN NOT NULL DEFAULT FALSE COMMENT 'written after its call: not yet in calls_daily',
  ADD KEY idx_survey_answers_awaiting (awaiting_rollup);

UPDATE calls c JOIN survey_answers s ON s.contact_id = c.contact_id SET c.counted_score = s.score;

-- The roll-ups made again once from the calls as they stand, so that they and counted_score agree.
DELETE FROM calls_daily;

DELETE FROM call_durations_daily;

INSERT INTO calls_daily
  (day, market, language, intent, outcome, queue_name, agent_id, calls, survey_responses, score_sum,
   score_1, score_2, score_3, score_4, score_5)
SELECT DATE(initiated_at), COALESCE(market, ''), COALESCE(language, ''), COALESCE(intent, ''),
       COALESCE(outcome, ''), COALESCE(queue_name, ''), COALESCE(agent_id, ''),
       COUNT(*), COUNT(counted_score), COALESCE(SUM(counted_score), 0),
       COUNT(CASE counted_score WHEN 1 THEN 1 END), COUNT(CASE counted_score WHEN 2 THEN 1 END),
       COUNT(CASE counted_score WHEN 3 THEN 1 END), COUNT(CASE counted_score WHEN 4 THEN 1 END),
       COUNT(CASE counted_score WHEN 5 THEN 1 END)
FROM calls
GROUP BY 1, 2, 3, 4, 5, 6, 7;

INSERT INTO call_durations_daily (day, market, outcome, seconds, calls)
SELECT DATE(initiated_at), COALESCE(market, ''), COALESCE(outcome, ''),
       TIMESTAMPDIFF(SECOND, initiated_at, disconnected_at), COUNT(*)
FROM calls
WHERE disconnected_at IS NOT NULL
GROUP BY 1, 2, 3, 4;
