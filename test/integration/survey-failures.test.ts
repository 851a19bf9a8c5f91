/**
 * The survey when the primary fails: the caller's score must survive a primary that hangs while they answer.
 * These tests hang the primary of a pair of their own.
 */
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminConnection } from '#lib/local/pair.ts';
import { connectEvent, fakeLambdaContext } from '#test/factories/connect-event.ts';
import { aContactRecord, kinesisEvent } from '#test/factories/contact-record.ts';
import { handler as contactRecords } from '../../functions/contact-records/index.ts';
import { survey } from '../../functions/survey/index.ts';
import { hang, type PrivatePair, startPrivatePair } from './private-pair.ts';

let db: PrivatePair;
beforeAll(async () => {
  db = await startPrivatePair();
});
afterAll(async () => {
  await db?.destroy();
});

const BUDGET_MS = 1000;

describe('with the primary hung (SIGSTOP) while the caller answers', () => {
  it('answers unavailable within the time budget, and the score reaches the reports by the contact record', async () => {
    // Prepare
    await db.use({ IVR_TIME_BUDGET_MS: String(BUDGET_MS) });
    const contactId = 'survey-hung-primary-1';
    // A warm container: its pool holds a connection made before the primary hung.
    await survey(
      connectEvent({ contactId: 'survey-hung-primary-0', params: { key: '5' } }),
      fakeLambdaContext(),
    );
    await hang(db.pair.primary.pid);
    // The primary comes back by itself, long after the budget, should the function wait for it.
    const resume = setTimeout(() => process.kill(db.pair.primary.pid, 'SIGCONT'), 3 * BUDGET_MS);
    let response: Record<string, string>;
    let tookMs: number;
    try {
      // Act
      const started = performance.now();
      response = await survey(connectEvent({ contactId, params: { key: '4' } }), fakeLambdaContext());
      tookMs = performance.now() - started;
    } finally {
      clearTimeout(resume);
      process.kill(db.pair.primary.pid, 'SIGCONT');
    }
    // The flow kept the key as `surveyScore`; Connect streams the record once the contact ends.
    const delivered = await contactRecords(
      kinesisEvent([
        aContactRecord({
          ContactId: contactId,
          Attributes: { market: 'PK', language: 'en-IN', callOutcome: 'self-served', surveyScore: '4' },
          InitiationTimestamp: '2003-05-06T09:00:00Z',
          DisconnectTimestamp: '2003-05-06T09:00:40Z',
          LastUpdateTimestamp: '2003-05-06T09:00:41Z',
        }),
      ]),
      fakeLambdaContext(),
    );

    // Assess
    expect(response).toMatchObject({ outcome: 'unavailable' });
    expect(tookMs).toBeLessThan(BUDGET_MS);
    expect(delivered.batchItemFailures).toEqual([]);
    const admin = await adminConnection(db.pair.primary.port, 'ivr');
    try {
      const [answers] = await admin.query<RowDataPacket[]>(
        'SELECT score FROM survey_answers WHERE contact_id = ?',
        [contactId],
      );
      const [rollUps] = await admin.query<RowDataPacket[]>(
        "SELECT calls, survey_responses, score_4 FROM calls_daily WHERE day = '2003-05-06'",
      );
      expect(answers.map((row) => ({ ...row }))).toEqual([{ score: 4 }]);
      expect(rollUps.map((row) => ({ ...row }))).toEqual([{ calls: 1, survey_responses: 1, score_4: 1 }]);
    } finally {
      await admin.end();
    }
  });

  it('answers the next callers at once while the primary is still hung, without waiting for it', async () => {
    // Prepare: a warm container whose pool met the hung primary once.
    await db.use({ IVR_TIME_BUDGET_MS: String(BUDGET_MS) });
    await survey(connectEvent({ contactId: 'survey-circuit-0', params: { key: '5' } }), fakeLambdaContext());
    await hang(db.pair.primary.pid);
    const resume = setTimeout(() => process.kill(db.pair.primary.pid, 'SIGCONT'), 6 * BUDGET_MS);
    const laterMs: number[] = [];
    let first: Record<string, string>;
    try {
      first = await survey(
        connectEvent({ contactId: 'survey-circuit-1', params: { key: '4' } }),
        fakeLambdaContext(),
      );
      // Act: three more callers answer while it is still hung.
      for (const contactId of ['survey-circuit-2', 'survey-circuit-3', 'survey-circuit-4']) {
        const started = performance.now();
        const response = await survey(connectEvent({ contactId, params: { key: '3' } }), fakeLambdaContext());
        laterMs.push(performance.now() - started);
        expect(response).toMatchObject({ outcome: 'unavailable' });
      }
    } finally {
      clearTimeout(resume);
      process.kill(db.pair.primary.pid, 'SIGCONT');
    }

    // Assess: the first waited its budget; the others did not wait for the primary at all.
    expect(first).toMatchObject({ outcome: 'unavailable' });
    expect(Math.max(...laterMs)).toBeLessThan(BUDGET_MS / 4);
  });
});
