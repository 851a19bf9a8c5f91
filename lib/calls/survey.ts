/**
 * The post-call survey's answers: one per contact, kept idempotently. A retried invocation writes the same row
 * again; a second answer for the contact replaces the first (the last answer wins), so nothing counts twice.
 * A key other than 1 to 5, or none before the timeout, is kept as an answer without a score: the survey was
 * offered and not answered.
 *
 * Writing an answer is one statement on one row: the roll-ups are left to the contact-records function
 * (calls-repository.ts), so that the caller never waits for them. The flow also keeps the key as the contact
 * attribute `surveyScore`, which reaches the contact record: a score the survey function could not store
 * (the primary down while the caller answered) is stored from there.
 */
import type { Pool } from 'mysql2/promise';
import type { ContactRecord } from '#lib/connect/contact-record.ts';
import { beforeDeadline } from '#lib/db/deadline.ts';

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

/**
 * Keeps the answer, by `deadline` (epoch ms) or not at all: it then rejects with DeadlineExceededError. The
 * answer is flagged for the roll-ups, which count it once its call is stored.
 */
/** What recording an answer needs of a pool: one statement. */
export type SurveyDatabase = Pick<Pool, 'query'>;

export async function recordSurveyAnswer(
  pool: SurveyDatabase,
  answer: SurveyAnswer,
  deadline: number,
): Promise<void> {
  await beforeDeadline(
    pool.query(
      `INSERT INTO survey_answers (contact_id, initial_contact_id, score, answered_at, awaiting_rollup)
       VALUES (?, ?, ?, ?, TRUE)
       ON DUPLICATE KEY UPDATE initial_contact_id = VALUES(initial_contact_id), score = VALUES(score),
         answered_at = VALUES(answered_at), awaiting_rollup = TRUE`,
      [answer.contactId, answer.initialContactId, answer.score, answer.answeredAt],
    ),
    deadline,
  );
}

/** The score a contact record carries in `surveyScore`, as an answer given when the call ended; else null. */
export function surveyAnswerFromContactRecord(record: ContactRecord): SurveyAnswer | null {
  const score = surveyScore(record.Attributes.surveyScore);
  if (score === null) return null;
  return {
    contactId: record.ContactId,
    // Cut as the call's own initial contact is: the column holds 64 characters.
    initialContactId: record.InitialContactId?.slice(0, 64) || null,
    score,
    answeredAt: record.DisconnectTimestamp ?? record.LastUpdateTimestamp,
  };
}
