/** The survey function against the real IVR database: one answer per contact, whatever Connect retries. */
import type { RowDataPacket } from 'mysql2/promise';
import { describe, expect, it } from 'vitest';
import { connectEvent } from '#test/factories/connect-event.ts';
import { survey } from '../../functions/survey/index.ts';
import { primaryAdmin, uniqueId } from './databases.ts';

function contactId(): string {
  return `survey-${uniqueId()}`;
}

async function answersOf(id: string) {
  const db = await primaryAdmin('ivr');
  try {
    const [rows] = await db.query<RowDataPacket[]>(
      'SELECT contact_id, initial_contact_id, score FROM survey_answers WHERE contact_id = ?',
      [id],
    );
    return rows.map((row) => ({ ...row }));
  } finally {
    await db.end();
  }
}

describe('the survey function', () => {
  it('records the key 1 to 5 as the score, and thanks the caller in their language', async () => {
    const id = contactId();

    const response = await survey(
      connectEvent({ contactId: id, params: { key: '4' }, attributes: { language: 'hi-IN' } }),
    );

    expect(response).toMatchObject({ outcome: 'recorded', score: '4' });
    expect(response.ssml).toContain('धन्यवाद');
    expect(await answersOf(id)).toEqual([{ contact_id: id, initial_contact_id: null, score: 4 }]);
  });

  it('counts a retried invocation once', async () => {
    const id = contactId();

    await survey(connectEvent({ contactId: id, params: { key: '5' } }));
    await survey(connectEvent({ contactId: id, params: { key: '5' } }));

    expect(await answersOf(id)).toEqual([{ contact_id: id, initial_contact_id: null, score: 5 }]);
  });

  it('keeps the last answer when the caller answers again', async () => {
    const id = contactId();

    await survey(connectEvent({ contactId: id, params: { key: 'Timeout' } }));
    await survey(connectEvent({ contactId: id, params: { key: '2' } }));

    expect(await answersOf(id)).toEqual([{ contact_id: id, initial_contact_id: null, score: 2 }]);
  });

  it.each(['Timeout', '7', '0', '*', '', '12'])(
    'keeps "%s" as offered and not answered, and asks again',
    async (key) => {
      const id = contactId();

      const response = await survey(connectEvent({ contactId: id, params: { key } }));

      expect(response.outcome).toBe('no-answer');
      expect(response.ssml).toContain('how satisfied are you with this call?');
      expect(await answersOf(id)).toEqual([{ contact_id: id, initial_contact_id: null, score: null }]);
    },
  );

  it('records a transferred call’s answer with its initial contact', async () => {
    const id = contactId();
    const event = connectEvent({ contactId: id, params: { key: '3' } });
    event.Details.ContactData.InitialContactId = 'first-segment';

    await survey(event);

    expect(await answersOf(id)).toEqual([{ contact_id: id, initial_contact_id: 'first-segment', score: 3 }]);
  });

  it('counts the answer in the day’s roll-up when the call is already stored', async () => {
    const id = contactId();
    const db = await primaryAdmin('ivr');
    await db.query(
      `INSERT INTO calls (contact_id, market, language, initiated_at, disconnected_at, outcome, record_updated_at)
       VALUES (?, 'PK', 'en-IN', '2001-01-07 10:00:00', '2001-01-07 10:00:12', 'self-served', '2001-01-07 10:00:13')`,
      [id],
    );

    await survey(connectEvent({ contactId: id, params: { key: '5' } }));

    const [rows] = await db.query<RowDataPacket[]>(
      "SELECT calls, survey_responses, score_5 FROM calls_daily WHERE day = '2001-01-07'",
    );
    await db.end();
    expect(rows.map((row) => ({ ...row }))).toEqual([{ calls: 1, survey_responses: 1, score_5: 1 }]);
  });

  it('answers unavailable, without throwing, for an event that is not a Connect event', async () => {
    expect(await survey({ Details: null })).toEqual({ outcome: 'unavailable' });
  });
});
