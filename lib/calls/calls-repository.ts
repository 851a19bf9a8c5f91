/**
 * Writes calls to `calls`, and keeps the daily roll-ups in step with them (rollups.ts). Contact records arrive
 * at least once and out of order (reference §5.1), so a write keeps, per contact, the version with the newest
 * LastUpdateTimestamp, whatever order the versions come in and however often.
 *
 * Each contact is settled under the lock of its `calls` row (SELECT … FOR UPDATE): the stored version and the
 * score it is counted with are read, the winning version and the contact's survey answer decide what it adds
 * now, and the roll-ups get the difference, all in one transaction. Two writers of the same contact wait for
 * each other; two of different contacts only meet on the roll-up rows, which they lock in the same order.
 */
import type { RowDataPacket } from 'mysql2/promise';
import { type CallRow, newestPerContact } from '#lib/calls/call-record.ts';
import { applyRollupChanges, contributionOf, RollupChanges } from '#lib/calls/rollups.ts';
import type { SurveyAnswer } from '#lib/calls/survey.ts';
import type { TransactionConnection } from '#lib/db/transaction.ts';

/** The columns written, in this order. */
const COLUMNS = Object.keys({
  contact_id: true,
  initial_contact_id: true,
  market: true,
  language: true,
  initiated_at: true,
  disconnected_at: true,
  ivr_seconds: true,
  queue_seconds: true,
  agent_seconds: true,
  queue_name: true,
  agent_id: true,
  outcome: true,
  intent: true,
  handover_reason: true,
  disconnect_reason: true,
  record_updated_at: true,
} satisfies Record<keyof CallRow, true>) as (keyof CallRow)[];

/** The settling of one contact happens under its row's lock, so the new values are written as they are. */
const WRITE_CALLS = `INSERT INTO calls (${COLUMNS.join(', ')}, counted_score) VALUES ?
  ON DUPLICATE KEY UPDATE ${[...COLUMNS.filter((column) => column !== 'contact_id'), 'counted_score']
    .map((column) => `${column} = VALUES(${column})`)
    .join(', ')}`;

/**
 * A score the contact record carries (the flow keeps the caller's key as a contact attribute): stored when the
 * contact has no answer, or one without a score, and never over a score already stored. The columns are
 * assigned left to right, reading those already assigned, so `score` comes last.
 */
const KEEP_RECORDED_SCORES = `INSERT INTO survey_answers
    (contact_id, initial_contact_id, score, answered_at, awaiting_rollup) VALUES ?
  ON DUPLICATE KEY UPDATE
    initial_contact_id = IF(score IS NULL, VALUES(initial_contact_id), initial_contact_id),
    answered_at = IF(score IS NULL, VALUES(answered_at), answered_at),
    awaiting_rollup = IF(score IS NULL, TRUE, awaiting_rollup),
    score = IF(score IS NULL, VALUES(score), score)`;

/** Contacts per transaction: a Kinesis batch may hold 10,000 records; a statement must fit max_allowed_packet. */
const CONTACTS_PER_TRANSACTION = 500;
/** A transaction chosen as a deadlock's victim is tried again, this many times in all. */
const DEADLOCK_ATTEMPTS = 5;
const ER_LOCK_DEADLOCK = 1213;

/**
 * Stores `calls` (of several versions of a contact, the newest), each replacing the stored row of its contact
 * only when it is at least as new, and `recordedScores`, the survey scores their records carry, where the
 * contact has none yet; the roll-ups follow.
 */
export async function storeCalls(
  conn: TransactionConnection,
  calls: readonly CallRow[],
  recordedScores: readonly SurveyAnswer[] = [],
): Promise<void> {
  const sorted = newestPerContact(calls).sort((a, b) => (a.contact_id < b.contact_id ? -1 : 1));
  for (let start = 0; start < sorted.length; start += CONTACTS_PER_TRANSACTION) {
    const chunk = sorted.slice(start, start + CONTACTS_PER_TRANSACTION);
    const ids = new Set(chunk.map((call) => call.contact_id));
    const scores = recordedScores.filter((answer) => ids.has(answer.contactId));
    await settleContacts(conn, chunk, scores, []);
  }
}

/**
 * Counts, in the roll-ups, survey answers written after their call was stored (the survey function only
 * writes the answer, so that the caller never waits for the roll-ups). Returns how many it counted.
 */
export async function countWaitingAnswers(conn: TransactionConnection, limit = 500): Promise<number> {
  const [rows] = await conn.query<RowDataPacket[]>(
    `SELECT s.contact_id FROM survey_answers s JOIN calls c ON c.contact_id = s.contact_id
     WHERE s.awaiting_rollup = TRUE ORDER BY s.contact_id LIMIT ?`,
    [limit],
  );
  const ids = rows.map((row) => String(row.contact_id));
  if (ids.length > 0) await settleContacts(conn, [], [], ids);
  return ids.length;
}

/**
 * One transaction: the contacts of `incoming` (new versions) and `stored` (ids whose stored version stands)
 * settled as the module header says. A deadlock's victim is tried again from the start.
 */
async function settleContacts(
  conn: TransactionConnection,
  incoming: readonly CallRow[],
  recordedScores: readonly SurveyAnswer[],
  stored: readonly string[],
): Promise<void> {
  const ids = [...new Set([...incoming.map((call) => call.contact_id), ...stored])].sort();
  for (let attempt = 1; ; attempt += 1) {
    await conn.beginTransaction();
    try {
      await settleInTransaction(conn, ids, incoming, recordedScores);
      await conn.commit();
      return;
    } catch (error) {
      await conn.rollback();
      if ((error as { errno?: number }).errno !== ER_LOCK_DEADLOCK || attempt >= DEADLOCK_ATTEMPTS)
        throw error;
    }
  }
}

async function settleInTransaction(
  conn: TransactionConnection,
  ids: readonly string[],
  incoming: readonly CallRow[],
  recordedScores: readonly SurveyAnswer[],
): Promise<void> {
  const [storedRows] = await conn.query<RowDataPacket[]>(
    `SELECT ${COLUMNS.join(', ')}, counted_score FROM calls WHERE contact_id IN (?) ORDER BY contact_id FOR UPDATE`,
    [ids],
  );
  const storedCalls = new Map(
    storedRows.map((row) => [String(row.contact_id), row as CallRow & CountedScore]),
  );
  if (recordedScores.length > 0) {
    await conn.query(KEEP_RECORDED_SCORES, [
      recordedScores.map((answer) => [
        answer.contactId,
        answer.initialContactId,
        answer.score,
        answer.answeredAt,
        true,
      ]),
    ]);
  }
  const [answerRows] = await conn.query<RowDataPacket[]>(
    'SELECT contact_id, score, awaiting_rollup FROM survey_answers WHERE contact_id IN (?)',
    [ids],
  );
  const answers = new Map(answerRows.map((row) => [String(row.contact_id), row]));
  const newVersions = new Map(incoming.map((call) => [call.contact_id, call]));

  const changes = new RollupChanges();
  const writes: unknown[][] = [];
  const counted: [string, number | null][] = [];
  for (const id of ids) {
    const before = storedCalls.get(id);
    const offered = newVersions.get(id);
    const call =
      offered && (!before || offered.record_updated_at >= before.record_updated_at) ? offered : before;
    if (!call) continue;
    const answer = answers.get(id);
    const score = answer?.score === null || answer?.score === undefined ? null : Number(answer.score);
    if (answer?.awaiting_rollup) counted.push([id, score]);
    if (call === before && score === before.counted_score) continue;
    changes.replace(
      before ? contributionOf(before, before.counted_score) : null,
      contributionOf(call, score),
    );
    writes.push([...COLUMNS.map((column) => call[column]), score]);
  }
  if (writes.length > 0) await conn.query(WRITE_CALLS, [writes]);
  await applyRollupChanges(conn, changes);
  // An answer changed since it was read stays waiting: the condition on the score no longer holds.
  for (const [id, score] of counted) {
    await conn.query(
      'UPDATE survey_answers SET awaiting_rollup = FALSE WHERE contact_id = ? AND score <=> ?',
      [id, score],
    );
  }
}

interface CountedScore {
  counted_score: number | null;
}
