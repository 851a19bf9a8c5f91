/**
 * The daily roll-ups the reports read (migration 0004), made again from `calls` and `survey_answers` for the
 * days a write touched. Making a whole day again, rather than adding to it, keeps the figures right whatever
 * order contact records and survey answers arrive in, and however often. A named lock per day keeps two
 * writers from making the same day at once.
 */
import type { Connection, PoolConnection } from 'mysql2/promise';

const LOCK_WAIT_SECONDS = 10;

/** The UTC day of an instant, as the roll-ups key it: `2026-11-23`. */
export function dayOf(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** Makes the roll-ups of each of `days` (`YYYY-MM-DD`, UTC) again. */
export async function refreshDays(conn: Connection | PoolConnection, days: Iterable<string>): Promise<void> {
  for (const day of [...new Set(days)].sort()) {
    const lock = `ivr.calls_daily.${day}`;
    const [[{ locked }]] = (await conn.query('SELECT GET_LOCK(?, ?) AS locked', [
      lock,
      LOCK_WAIT_SECONDS,
    ])) as unknown as [[{ locked: number | null }]];
    if (locked !== 1) throw new Error(`could not lock the roll-ups of ${day}`);
    try {
      await conn.beginTransaction();
      await conn.query('DELETE FROM calls_daily WHERE day = ?', [day]);
      await conn.query('DELETE FROM call_durations_daily WHERE day = ?', [day]);
      await conn.query(
        `INSERT INTO calls_daily
           (day, market, language, intent, outcome, queue_name, agent_id, calls, survey_responses, score_sum,
            score_1, score_2, score_3, score_4, score_5)
         SELECT ?, COALESCE(c.market, ''), COALESCE(c.language, ''), COALESCE(c.intent, ''),
                COALESCE(c.outcome, ''), COALESCE(c.queue_name, ''), COALESCE(c.agent_id, ''),
                COUNT(*), COUNT(s.score), COALESCE(SUM(s.score), 0),
                COUNT(CASE s.score WHEN 1 THEN 1 END), COUNT(CASE s.score WHEN 2 THEN 1 END),
                COUNT(CASE s.score WHEN 3 THEN 1 END), COUNT(CASE s.score WHEN 4 THEN 1 END),
                COUNT(CASE s.score WHEN 5 THEN 1 END)
         FROM calls c LEFT JOIN survey_answers s ON s.contact_id = c.contact_id
         WHERE c.initiated_at >= ? AND c.initiated_at < ? + INTERVAL 1 DAY
         GROUP BY 2, 3, 4, 5, 6, 7`,
        [day, day, day],
      );
      await conn.query(
        `INSERT INTO call_durations_daily (day, market, outcome, seconds, calls)
         SELECT ?, COALESCE(market, ''), COALESCE(outcome, ''),
                TIMESTAMPDIFF(SECOND, initiated_at, disconnected_at), COUNT(*)
         FROM calls
         WHERE initiated_at >= ? AND initiated_at < ? + INTERVAL 1 DAY AND disconnected_at IS NOT NULL
         GROUP BY 2, 3, 4`,
        [day, day, day],
      );
      await conn.commit();
    } catch (error) {
      await conn.rollback();
      throw error;
    } finally {
      await conn.query('SELECT RELEASE_LOCK(?)', [lock]);
    }
  }
}
