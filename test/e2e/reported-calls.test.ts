/** Simulated calls reach the managers' reports as real ones do: through their contact records and the survey. */
import type { RowDataPacket } from 'mysql2/promise';
import { describe, expect, inject, it } from 'vitest';
import { ivrReportPool } from '#lib/db/pools.ts';
import { waitForReplica } from '#lib/local/pair.ts';
import { buildReport } from '#lib/reports/query.ts';
import { parseReportPeriod } from '#lib/reports/report.ts';
import { heard } from '#simulator/call.ts';
import { fakeLambdaContext } from '#test/factories/connect-event.ts';
import { kinesisEvent } from '#test/factories/contact-record.ts';
import { handler as contactRecordsFunction } from '../../functions/contact-records/index.ts';
import enIN from '../../prompts/en-IN.json' with { type: 'json' };
import { primaryAdmin } from '../integration/databases.ts';
import { call } from './calls.ts';

const AYESHA = '+923001234567';

type ContactRecord = Awaited<ReturnType<typeof call>>['contactRecord'];

/** A day no other end-to-end test's calls fall on: the report of it does not depend on when the test runs. */
const DAY = '2004-06-15';

/** `record` as Connect would have streamed it had the call begun at 09:00 UTC on `day`: each time moved alike. */
function onDay(record: ContactRecord, day: string): ContactRecord {
  const shift = Date.parse(`${day}T09:00:00Z`) - Date.parse(record.InitiationTimestamp);
  return JSON.parse(JSON.stringify(record), (key, value) =>
    key.endsWith('Timestamp') && typeof value === 'string'
      ? `${new Date(Date.parse(value) + shift).toISOString().slice(0, 19)}Z`
      : value,
  );
}

async function storedCall(contactId: string) {
  const db = await primaryAdmin('ivr');
  try {
    const [rows] = await db.query<RowDataPacket[]>(
      `SELECT c.outcome, c.market, c.language, c.queue_name, c.agent_id, c.handover_reason, s.score
       FROM calls c LEFT JOIN survey_answers s ON s.contact_id = c.contact_id WHERE c.contact_id = ?`,
      [contactId],
    );
    return rows.map((row) => ({ ...row }));
  } finally {
    await db.end();
  }
}

describe('a simulated call', () => {
  it('of a caller an agent answered is stored transferred, with the survey answer it was given', async () => {
    const result = await call(AYESHA, ['0', 'after-agent', '2']);

    expect(result.contactRecordStored).toBe(true);
    expect(await storedCall(result.contact.contactId)).toEqual([
      {
        outcome: 'transferred',
        market: 'PK',
        language: 'en-IN',
        queue_name: 'PK Deliveries',
        agent_id: 'simulated-agent',
        handover_reason: 'caller-asked',
        score: 2,
      },
    ]);
  });

  it('of a caller who asked for an agent and hung up in the queue before one answered is stored abandoned', async () => {
    // Told the wait is about 4 minutes, Ayesha holds for a minute and hangs up; the agent would have answered at 4.
    const result = await call(AYESHA, ['0', 'hangup:60'], {
      queue: { contactsInQueue: 3, oldestContactSeconds: 150, agentsAvailable: 0 },
      agent: { answersAfterSeconds: 240, talksForSeconds: 60 },
    });

    expect(heard(result).slice(-2)).toEqual([
      `The waiting time for our executive is about 4 minutes. ${enIN.recordingNotice}`,
      enIN.holding,
    ]);
    expect(result.events.map((event) => event.type)).not.toContain('agent');
    // She had heard her order's status before she asked for an agent: the flow marked that answer.
    expect(result.contact.attributes.callOutcome).toBe('self-served');
    expect(result).toMatchObject({ outcome: 'abandoned', queue: 'PK Deliveries', endedBy: 'caller' });
    expect(result.contactRecord).toMatchObject({
      Queue: { Name: 'PK Deliveries' },
      Agent: null,
      DisconnectReason: 'CUSTOMER_DISCONNECT',
    });
    expect(result.contactRecordStored).toBe(true);
    expect(await storedCall(result.contact.contactId)).toEqual([
      {
        outcome: 'abandoned',
        market: 'PK',
        language: 'en-IN',
        queue_name: 'PK Deliveries',
        agent_id: null,
        handover_reason: 'caller-asked',
        score: null,
      },
    ]);
  });

  it('of a caller who booked a call back instead of waiting is stored transferred', async () => {
    // Twelve callers ahead, the oldest waiting ten minutes: a call back is offered, and Ayesha takes it.
    const result = await call(AYESHA, ['0', '1'], {
      queue: { contactsInQueue: 12, oldestContactSeconds: 600, agentsAvailable: 0 },
    });

    expect(heard(result).at(-1)).toContain('Our executive will call you back');
    expect(result.contactRecordStored).toBe(true);
    expect(await storedCall(result.contact.contactId)).toEqual([
      {
        outcome: 'transferred',
        market: 'PK',
        language: 'en-IN',
        queue_name: null,
        agent_id: null,
        handover_reason: 'caller-asked',
        score: null,
      },
    ]);
  });

  it('counts in the report of its day, and a low score is listed for follow-up', async () => {
    // The report reads the replica: each reading waits until it has what the primary had.
    const report = async () => {
      await waitForReplica(inject('pair'));
      // No other end-to-end test calls the Sri Lanka line: the day's figures there move by this call alone.
      return buildReport(ivrReportPool(), parseReportPeriod({ from: DAY, to: DAY, market: 'LK' }));
    };
    const before = await report();
    const result = await call('+94771234567', ['silence', 'silence', '1'], {
      to: '+94112000000',
      storeContactRecord: false,
    });

    const stored = await contactRecordsFunction(
      kinesisEvent([onDay(result.contactRecord, DAY)]),
      fakeLambdaContext(),
    );

    expect(stored.batchItemFailures).toEqual([]);
    const after = await report();
    expect(after.calls - before.calls).toBe(1);
    expect(after.selfServed - before.selfServed).toBe(1);
    expect(after.surveys.distribution['1'] - before.surveys.distribution['1']).toBe(1);
    expect(after.lowScores.map((low) => low.contactId)).toContain(result.contact.contactId);
  });
});
