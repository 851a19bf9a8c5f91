/**
 * The daily roll-ups the reports read (migrations 0004 and 0006), kept up to date call by call.
 *
 * A stored call adds one to the `calls_daily` row of its day, market, language, intent, outcome, queue and
 * agent, with the survey score it is counted with (`calls.counted_score`), and one to the
 * `call_durations_daily` row of its length once it has ended. When a newer version of its contact record, or
 * a survey answer, changes what a call adds, what it added before is taken away and the new contribution
 * added, in the transaction that changes the call (calls-repository.ts), under the call row's lock. So each
 * call is counted once, as its stored version says, whatever order records and answers arrive in and however
 * often; and only the writer of the IVR's tables can hold a roll-up up, since only it can lock those rows.
 */
import type { Connection } from 'mysql2/promise';
import type { CallRow } from '#lib/calls/call-record.ts';
import type { TransactionConnection } from '#lib/db/transaction.ts';

/** The UTC day of an instant, as the roll-ups key it: `2026-11-23`. */
export function dayOf(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** What one call adds to the roll-ups. Unknown values are empty strings, as the roll-ups' keys hold them. */
export interface Contribution {
  /** day, market, language, intent, outcome, queue_name, agent_id: the `calls_daily` row. */
  daily: [string, string, string, string, string, string, string];
  score: number | null;
  /** day, market, outcome, seconds: the `call_durations_daily` row; null while the call goes on. */
  duration: [string, string, string, number] | null;
}

/** What `call` adds to the roll-ups when it is counted with the survey score `score`. */
export function contributionOf(call: CallRow, score: number | null): Contribution {
  const day = dayOf(call.initiated_at);
  const market = call.market ?? '';
  const outcome = call.outcome ?? '';
  return {
    daily: [
      day,
      market,
      call.language ?? '',
      call.intent ?? '',
      outcome,
      call.queue_name ?? '',
      call.agent_id ?? '',
    ],
    score,
    // Whole seconds, cut as TIMESTAMPDIFF cuts them: the migration makes the same rows from the same calls.
    duration:
      call.disconnected_at === null
        ? null
        : [
            day,
            market,
            outcome,
            Math.floor((call.disconnected_at.getTime() - call.initiated_at.getTime()) / 1000),
          ],
  };
}

/** Amounts to add to one `calls_daily` row: calls, survey responses, score sum, and each score's count. */
type DailyAmounts = [number, number, number, number, number, number, number, number];

/** Additions to the roll-ups, by row, summed over the calls of a transaction. */
export class RollupChanges {
  readonly daily = new Map<string, { key: Contribution['daily']; amounts: DailyAmounts }>();
  readonly durations = new Map<string, { key: NonNullable<Contribution['duration']>; calls: number }>();

  /** Records a call's contribution going from `before` to `after` (null: none). */
  replace(before: Contribution | null, after: Contribution | null): void {
    if (before) this.add(before, -1);
    if (after) this.add(after, 1);
  }

  private add(contribution: Contribution, sign: 1 | -1): void {
    const { daily, score, duration } = contribution;
    const dailyId = JSON.stringify(daily);
    const row = this.daily.get(dailyId) ?? { key: daily, amounts: [0, 0, 0, 0, 0, 0, 0, 0] };
    row.amounts[0] += sign;
    if (score !== null) {
      row.amounts[1] += sign;
      row.amounts[2] += sign * score;
      row.amounts[2 + score] = (row.amounts[2 + score] ?? 0) + sign;
    }
    this.daily.set(dailyId, row);
    if (duration) {
      const durationId = JSON.stringify(duration);
      const durationRow = this.durations.get(durationId) ?? { key: duration, calls: 0 };
      durationRow.calls += sign;
      this.durations.set(durationId, durationRow);
    }
  }
}

/**
 * Adds `changes` to the roll-ups, in the caller's transaction, and deletes the rows left with no call. Rows
 * are written in key order, so two writers that touch the same rows lock them in the same order.
 */
export async function applyRollupChanges(
  conn: Pick<Connection, 'query'>,
  changes: RollupChanges,
): Promise<void> {
  const daily = [...changes.daily.entries()]
    .filter(([, row]) => row.amounts.some((amount) => amount !== 0))
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([, row]) => row);
  const durations = [...changes.durations.entries()]
    .filter(([, row]) => row.calls !== 0)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([, row]) => row);
  if (daily.length > 0) {
    await conn.query(
      `INSERT INTO calls_daily
         (day, market, language, intent, outcome, queue_name, agent_id, calls, survey_responses, score_sum,
          score_1, score_2, score_3, score_4, score_5)
       VALUES ?
       ON DUPLICATE KEY UPDATE calls = calls + VALUES(calls),
         survey_responses = survey_responses + VALUES(survey_responses), score_sum = score_sum + VALUES(score_sum),
         score_1 = score_1 + VALUES(score_1), score_2 = score_2 + VALUES(score_2),
         score_3 = score_3 + VALUES(score_3), score_4 = score_4 + VALUES(score_4),
         score_5 = score_5 + VALUES(score_5)`,
      [daily.map((row) => [...row.key, ...row.amounts])],
    );
  }
  if (durations.length > 0) {
    await conn.query(
      `INSERT INTO call_durations_daily (day, market, outcome, seconds, calls) VALUES ?
       ON DUPLICATE KEY UPDATE calls = calls + VALUES(calls)`,
      [durations.map((row) => [...row.key, row.calls])],
    );
  }
  for (const row of daily.filter((row) => row.amounts[0] < 0)) {
    await conn.query(
      `DELETE FROM calls_daily WHERE day = ? AND market = ? AND language = ? AND intent = ? AND outcome = ?
         AND queue_name = ? AND agent_id = ? AND calls = 0`,
      row.key,
    );
  }
  for (const row of durations.filter((row) => row.calls < 0)) {
    await conn.query(
      'DELETE FROM call_durations_daily WHERE day = ? AND market = ? AND outcome = ? AND seconds = ? AND calls = 0',
      row.key,
    );
  }
}

/**
 * Makes the roll-ups of each of `days` (`YYYY-MM-DD`, UTC) again from the calls and survey answers stored: for
 * calls written in bulk, around the contact-records function (`ivr bench --report`, test data). The day's
 * calls are locked first, as every incremental writer locks a call before its roll-ups.
 */
export async function rebuildDays(conn: TransactionConnection, days: Iterable<string>): Promise<void> {
  for (const day of [...new Set(days)].sort()) {
    const range = [day, day];
    await conn.beginTransaction();
    try {
      await conn.query(
        `UPDATE calls c LEFT JOIN survey_answers s ON s.contact_id = c.contact_id
         SET c.counted_score = s.score, s.awaiting_rollup = FALSE
         WHERE c.initiated_at >= ? AND c.initiated_at < ? + INTERVAL 1 DAY`,
        range,
      );
      await conn.query('DELETE FROM calls_daily WHERE day = ?', [day]);
      await conn.query('DELETE FROM call_durations_daily WHERE day = ?', [day]);
      await conn.query(
        `INSERT INTO calls_daily
           (day, market, language, intent, outcome, queue_name, agent_id, calls, survey_responses, score_sum,
            score_1, score_2, score_3, score_4, score_5)
         SELECT ?, COALESCE(market, ''), COALESCE(language, ''), COALESCE(intent, ''), COALESCE(outcome, ''),
                COALESCE(queue_name, ''), COALESCE(agent_id, ''), COUNT(*), COUNT(counted_score),
                COALESCE(SUM(counted_score), 0),
                COUNT(CASE counted_score WHEN 1 THEN 1 END), COUNT(CASE counted_score WHEN 2 THEN 1 END),
                COUNT(CASE counted_score WHEN 3 THEN 1 END), COUNT(CASE counted_score WHEN 4 THEN 1 END),
                COUNT(CASE counted_score WHEN 5 THEN 1 END)
         FROM calls
         WHERE initiated_at >= ? AND initiated_at < ? + INTERVAL 1 DAY
         GROUP BY 2, 3, 4, 5, 6, 7`,
        [day, ...range],
      );
      await conn.query(
        `INSERT INTO call_durations_daily (day, market, outcome, seconds, calls)
         SELECT ?, COALESCE(market, ''), COALESCE(outcome, ''),
                TIMESTAMPDIFF(SECOND, initiated_at, disconnected_at), COUNT(*)
         FROM calls
         WHERE initiated_at >= ? AND initiated_at < ? + INTERVAL 1 DAY AND disconnected_at IS NOT NULL
         GROUP BY 2, 3, 4`,
        [day, ...range],
      );
      await conn.commit();
    } catch (error) {
      await conn.rollback();
      throw error;
    }
  }
}
