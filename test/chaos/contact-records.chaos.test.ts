/**
 * The contact-records function under garbage: in any batch, every record that can be stored is stored, and
 * every one that cannot is reported alone for Kinesis to retry, never failing the batch.
 */
import { randomUUID } from 'node:crypto';
import type { KinesisStreamEvent } from 'aws-lambda';
import fc from 'fast-check';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeLambdaContext } from '#test/factories/connect-event.ts';
import { aContactRecord, kinesisEvent, plusSeconds } from '#test/factories/contact-record.ts';
import { connectAs } from '#test/integration/databases.ts';
import { handler } from '../../functions/contact-records/index.ts';
import { aString, aValue, LogCapture, RUNS, TIMEOUT_MS } from './chaos.ts';

/** A record to put in a batch, and whether it can be stored. */
interface BatchItem {
  good: boolean;
  contactId: string;
  payload: object | string | Buffer;
  /** Kinesis data that is not base64 at all, in place of the payload's. */
  rawData?: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** A whole call of 1 to 600 s, begun at some second from 2000 to yesterday (a call from the future is refused). */
const aGoodRecord: fc.Arbitrary<BatchItem> = fc
  .record({
    startedAt: fc.date({
      min: new Date('2000-01-01T00:00:00Z'),
      max: new Date(Date.now() - DAY_MS),
      noInvalidDate: true,
    }),
    seconds: fc.integer({ min: 1, max: 600 }),
  })
  .map(({ startedAt, seconds }) => {
    const at = `${startedAt.toISOString().slice(0, 19)}Z`;
    const contactId = randomUUID();
    return {
      good: true,
      contactId,
      payload: aContactRecord({
        ContactId: contactId,
        InitiationTimestamp: at,
        ConnectedToSystemTimestamp: at,
        DisconnectTimestamp: plusSeconds(at, seconds),
        LastUpdateTimestamp: plusSeconds(at, seconds + 1),
      }),
    };
  });

/** Records that can never be stored: not base64, not JSON, not a record, impossible times, huge garbage. */
const aBadRecord: fc.Arbitrary<BatchItem> = fc
  .record({
    kind: fc.constantFrom(
      'not-base64',
      'not-json',
      'json-not-a-record',
      'disconnect-in-9999',
      'begun-in-1000',
      'disconnect-before-start',
      'no-contact-id',
      'huge-garbage',
    ),
    text: aString,
    value: aValue,
  })
  .map(({ kind, text, value }) => {
    const contactId = randomUUID();
    const base = aContactRecord({ ContactId: contactId, InitiationTimestamp: '2026-11-23T09:00:00Z' });
    const payloads: Record<string, object | string> = {
      'not-base64': '',
      'not-json': `{${text}`,
      'json-not-a-record': JSON.stringify(value ?? null) ?? 'null',
      'disconnect-in-9999': { ...base, DisconnectTimestamp: '9999-12-31T23:59:59Z' },
      'begun-in-1000': { ...base, InitiationTimestamp: '1000-01-01T00:00:00Z' },
      'disconnect-before-start': { ...base, DisconnectTimestamp: '2026-11-23T08:59:00Z' },
      'no-contact-id': { ...base, ContactId: undefined },
      'huge-garbage': `${'\u0000'.repeat(10)}${'x'.repeat(200_000)}`,
    };
    return {
      good: false,
      contactId,
      payload: payloads[kind] ?? '',
      rawData: kind === 'not-base64' ? `%%% ${text} not base64 %%%` : undefined,
    };
  });

const aBatch = fc.array(fc.oneof(aGoodRecord, aBadRecord), { minLength: 1, maxLength: 10 });

function batchOf(items: BatchItem[]): KinesisStreamEvent {
  const event = kinesisEvent(items.map((item) => item.payload));
  items.forEach((item, position) => {
    const record = event.Records[position];
    if (item.rawData !== undefined && record) record.kinesis.data = item.rawData;
  });
  return event;
}

let db: Connection;
let logs: LogCapture;
beforeAll(async () => {
  db = await connectAs('IVR_DB_URL');
  logs = new LogCapture();
});
afterAll(async () => {
  logs.restore();
  await db?.end();
});

async function storedContactIds(contactIds: string[]): Promise<string[]> {
  const [rows] = await db.query<RowDataPacket[]>('SELECT contact_id FROM calls WHERE contact_id IN (?)', [
    contactIds,
  ]);
  return rows.map((row) => String(row.contact_id)).sort();
}

describe('the contact-records function under garbage', () => {
  it(
    `stores every good record and reports every bad one alone, in ${RUNS} mixed batches`,
    async () => {
      await fc.assert(
        fc.asyncProperty(aBatch, async (items) => {
          const event = batchOf(items);

          const response = await handler(event, fakeLambdaContext());

          const failed = new Set(response.batchItemFailures.map((failure) => failure.itemIdentifier));
          const expectedFailures = event.Records.filter((_, position) => !items[position]?.good).map(
            (record) => record.kinesis.sequenceNumber,
          );
          expect([...failed].sort()).toEqual(expectedFailures.sort());
          const good = items.filter((item) => item.good).map((item) => item.contactId);
          if (good.length > 0) expect(await storedContactIds(good)).toEqual(good.sort());
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT_MS,
  );

  it('logged no caller number and no customer name', () => {
    expect(logs.lines.length).toBeGreaterThan(0);
    logs.expectNothingPersonal();
  });
});
