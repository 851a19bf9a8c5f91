/**
 * Whole calls on a bad day, through flows/ and the real functions: the replica hung, dead, restarted in the
 * middle of a call or lagging behind, the primary hung while the caller answers the survey. The file has a primary + replica of its own, since it hangs and kills them.
 */
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { adminConnection, startPair, waitForReplica } from '#lib/local/pair.ts';
import { heard } from '#simulator/call.ts';
import { kinesisEventOf } from '#simulator/contact-record.ts';
import { fakeLambdaContext } from '#test/factories/connect-event.ts';
import { handler as contactRecords } from '../../functions/contact-records/index.ts';
import { hang, type PrivatePair, startPrivatePair } from '../integration/private-pair.ts';
import { addOrder, call, functionOutcomes, newCallerNumber } from './calls.ts';

const AYESHA = '+923001234567';
const HER_STATUS = /TCS is delivering your order today/;

let db: PrivatePair;
beforeAll(async () => {
  db = await startPrivatePair();
}, 180_000);
// Each test a fresh container: pools, and so the servers' circuits, start anew.
beforeEach(async () => {
  await db.use({ IVR_TIME_BUDGET_MS: '1500' });
});
afterAll(async () => {
  await db?.destroy();
});

/** Runs `work` with `server` stopped (SIGSTOP), continued after `resumeAfterMs` at the latest. */
async function whileHung<T>(server: 'primary' | 'replica', resumeAfterMs: number, work: () => Promise<T>) {
  const pid = db.pair[server].pid;
  await hang(pid);
  const resume = setTimeout(() => process.kill(pid, 'SIGCONT'), resumeAfterMs);
  try {
    return await work();
  } finally {
    clearTimeout(resume);
    process.kill(pid, 'SIGCONT');
  }
}

describe('a known caller', () => {
  it('hears the status with the replica hung, read from the primary, and never the error branch', async () => {
    const result = await whileHung('replica', 20_000, () => call(AYESHA, ['hangup']));

    expect(result.outcome).toBe('self-served');
    expect(heard(result).join(' ')).toMatch(HER_STATUS);
    expect(functionOutcomes(result)).toContain('order-status:found');
    expect(heard(result).join(' ')).not.toMatch(/something went wrong/);
  });

  it('keeps the survey score when the primary hangs while they answer: the contact record carries it', async () => {
    const result = await whileHung('primary', 8_000, () => call(AYESHA, ['silence', 'silence', '4']));

    expect(functionOutcomes(result), heard(result).join(' | ')).toContain('survey:unavailable');
    expect(result.contactRecord.Attributes.surveyScore).toBe('4');
    // The record could not be stored while the primary hung; Kinesis delivers it again, and now it is.
    const redelivered = await contactRecords(kinesisEventOf(result.contactRecord), fakeLambdaContext());
    expect(redelivered.batchItemFailures).toEqual([]);
    const primary = await adminConnection(db.pair.primary.port, 'ivr');
    try {
      const [answers] = await primary.query<RowDataPacket[]>(
        'SELECT score FROM survey_answers WHERE contact_id = ?',
        [result.contact.contactId],
      );
      expect(answers.map((row) => row.score)).toEqual([4]);
    } finally {
      await primary.end();
    }
  });

  it('hears the status through a replica killed and restarted in the middle of the call', async () => {
    let restarted: Promise<unknown> | undefined;
    const result = await call(null, ['dtmf:10000001#', 'dtmf:4567', 'hangup'], {
      // Killed as the first lookup answers; back (replicating again) while the call goes on.
      onEvent: (event) => {
        if (restarted || event.type !== 'lambda' || event.function !== 'order-status') return;
        process.kill(db.pair.replica.pid, 'SIGKILL');
        restarted = startPair(db.pair.dir, { detached: false, bufferPoolMb: 64 });
      },
    });
    const pair = (await restarted) as typeof db.pair;
    db.pair.replica = pair.replica;

    expect(functionOutcomes(result)).toEqual(
      expect.arrayContaining(['order-status:verify', 'order-status:found']),
    );
    expect(heard(result).join(' ')).toMatch(HER_STATUS);
    expect(result.outcome).toBe('self-served');
    await waitForReplica(db.pair);
  });

  it('hears about an order the lagging replica has not seen yet, read from the primary', async () => {
    const from = newCallerNumber();
    const replica = await adminConnection(db.pair.replica.port);
    try {
      await replica.query('STOP SLAVE');
      const orderNumber = await addOrder(from, 'PACKED', { pair: db.pair, replicated: false });

      const result = await call(from, [`dtmf:${orderNumber}#`, 'hangup']);

      expect(functionOutcomes(result)).toContain('order-status:found');
      expect(heard(result).join(' ')).toMatch(/packed|Kettle/i);
    } finally {
      await replica.query('START SLAVE');
      await replica.end();
    }
  });

  it('hears the status with the replica dead (killed)', async () => {
    process.kill(db.pair.replica.pid, 'SIGKILL');

    const result = await call(AYESHA, ['hangup']);

    expect(result.outcome).toBe('self-served');
    expect(heard(result).join(' ')).toMatch(HER_STATUS);
  });
});
