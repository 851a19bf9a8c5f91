/**
 * The post-call survey's answers: one per contact, kept idempotently. A retried invocation writes the same row
 * again; a second answer for the contact replaces the first (the last answer wins), so nothing counts twice.
 * A key other than 1 to 5, or none before the timeout, is kept as an answer without a score: the survey was
 * offered and not answered.
 */
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { dayOf, refreshDays } from './rollups.ts';

export type SurveyScore = 1 | 2 | 3 | 4 | 5;

/** The score of the key the caller pressed, or null for any other key, or none ("Timeout"). */
export function surveyScore(key: string | undefined): SurveyScore | null {
  const trimmed = (key ?? '').trim();
  return /^[1-5]$/.test(trimmed) ? (Number(trimmed) as SurveyScore) : null;
}

export interface SurveyAnswer {
  contactId: string;
  initialContactId: string | null;
  score: SurveyScore | null;
  answeredAt: Date;
}

/** Keeps the answer, and makes the roll-ups of the call's day again when the call is already stored. */
export async function recordSurveyAnswer(pool: Pool, answer: SurveyAnswer): Promise<void> {
  await pool.query(
    `INSERT INTO survey_answers (contact_id, initial_contact_id, score, answered_at) VALUES (?, ?, ?, ?)
     ON DUPLICATE KEY UPDATE initial_contact_id = VALUES(initial_contact_id), score = VALUES(score),
       answered_at = VALUES(answered_at)`,
    [answer.contactId, answer.initialContactId, answer.score, answer.answeredAt],
  );
  const [calls] = await pool.query<RowDataPacket[]>('SELECT initiated_at FROM calls WHERE contact_id = ?', [
    answer.contactId,
  ]);
  const initiatedAt = calls[0]?.initiated_at as Date | undefined;
  if (!initiatedAt) return;
  const conn = await pool.getConnection();
  try {
    await refreshDays(conn, [dayOf(initiatedAt)]);
  } finally {
    conn.release();
  }
}
