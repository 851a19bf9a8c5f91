/** The survey function against the real IVR database: one answer per contact, whatever Connect retries. */
import { randomUUID } from 'node:crypto';
import type { RowDataPacket } from 'mysql2/promise';
import { describe, expect, it } from 'vitest';
import { connectEvent, fakeLambdaContext } from '#test/factories/connect-event.ts';
import { survey as surveyFunction } from '../../functions/survey/index.ts';
import { primaryAdmin } from './databases.ts';

/** The function as Connect's block invokes it, with the time Lambda gives it. */
function survey(event: unknown) {
  return surveyFunction(event, fakeLambdaContext());
}

/** A contact id no other test uses, as Connect makes them. */
function contactId(): string {
  return randomUUID();
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
    expect(response.ssml).toContain('शुक्रिया');
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

  it('leaves the roll-ups to contact-records: the answer waits, flagged, and the day is not touched', async () => {
    const id = contactId();
    const db = await primaryAdmin('ivr');
    await db.query(
      `INSERT INTO calls (contact_id, market, language, initiated_at, disconnected_at, outcome, record_updated_at)
       VALUES (?, 'PK', 'en-IN', '2001-01-07 10:00:00', '2001-01-07 10:00:12', 'self-served', '2001-01-07 10:00:13')`,
      [id],
    );

    await survey(connectEvent({ contactId: id, params: { key: '5' } }));

    const [answers] = await db.query<RowDataPacket[]>(
      'SELECT score, awaiting_rollup FROM survey_answers WHERE contact_id = ?',
      [id],
    );
    const [rollUps] = await db.query<RowDataPacket[]>(
      "SELECT calls FROM calls_daily WHERE day = '2001-01-07'",
    );
    await db.query('DELETE FROM survey_answers WHERE contact_id = ?', [id]);
    await db.query('DELETE FROM calls WHERE contact_id = ?', [id]);
    await db.end();
    expect(answers.map((row) => ({ ...row }))).toEqual([{ score: 5, awaiting_rollup: 1 }]);
    expect(rollUps).toEqual([]);
  });

  it('answers unavailable, without throwing, for an event that is not a Connect event', async () => {
    expect(await survey({ Details: null })).toEqual({ outcome: 'unavailable' });
  });
});
