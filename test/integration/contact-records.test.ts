/**
 * The contact-records function against the real IVR database: Kinesis batches of contact records, good and
 * bad, delivered at least once and out of order, as Connect's data streaming does (reference §5.1).
 *
 * Each test has contacts and a day of its own, far in the past, so that the daily roll-ups it reads hold
 * only its own calls.
 */
import { randomUUID } from 'node:crypto';
import type { KinesisStreamEvent } from 'aws-lambda';
import fc from 'fast-check';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type CallRow, callFromContactRecord } from '#lib/calls/call-record.ts';
import { storeCalls } from '#lib/calls/calls-repository.ts';
import { recordSurveyAnswer, type SurveyScore } from '#lib/calls/survey.ts';
import { parseContactRecord } from '#lib/connect/contact-record.ts';
import { resetConfig } from '#lib/db/config.ts';
import { ivrPool } from '#lib/db/pools.ts';
import { logger } from '#lib/observability/index.ts';
import { fakeLambdaContext } from '#test/factories/connect-event.ts';
import { aContactRecord, anAgent, aQueue, kinesisEvent } from '#test/factories/contact-record.ts';
import { handler } from '../../functions/contact-records/index.ts';
import { connectAs } from './databases.ts';

let db: Connection;
beforeAll(async () => {
  db = await connectAs('IVR_DB_URL');
});
afterAll(async () => {
  await db?.end();
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  resetConfig();
});

let daysTaken = 0;
/** A UTC day no other test of this file uses: `1986-01-01`, `1986-01-02`, … */
function aDayOfItsOwn(): string {
  daysTaken += 1;
  return new Date(Date.UTC(1986, 0, daysTaken)).toISOString().slice(0, 10);
}

/** A contact id no other test uses, as Connect makes them. */
function aContactId(): string {
  return randomUUID();
}

function deliver(event: KinesisStreamEvent) {
  return handler(event, fakeLambdaContext());
}

function sequenceNumbersOf(event: KinesisStreamEvent, positions: number[]): string[] {
  return positions.map((position) => event.Records[position]?.kinesis.sequenceNumber ?? 'no such record');
}

async function storedCalls(contactIds: string[]): Promise<CallRow[]> {
  const [rows] = await db.query<RowDataPacket[]>(
    'SELECT * FROM calls WHERE contact_id IN (?) ORDER BY contact_id',
    [contactIds],
  );
  // The calls as the records gave them; counted_score is the roll-ups' bookkeeping, checked through them.
  return rows.map(({ counted_score: _, ...row }) => row as CallRow);
}

async function rollUpsOf(day: string) {
  const [calls] = await db.query<RowDataPacket[]>(
    `SELECT market, language, intent, outcome, queue_name, agent_id, calls, survey_responses, score_sum,
            score_1, score_2, score_3, score_4, score_5
     FROM calls_daily WHERE day = ? ORDER BY outcome, market, language, intent, queue_name, agent_id`,
    [day],
  );
  const [durations] = await db.query<RowDataPacket[]>(
    'SELECT market, outcome, seconds, calls FROM call_durations_daily WHERE day = ? ORDER BY outcome, market, seconds',
    [day],
  );
  return { daily: calls.map((row) => ({ ...row })), durations: durations.map((row) => ({ ...row })) };
}

async function answerSurvey(contactId: string, score: number | null, answeredAt: string): Promise<void> {
  await db.query('INSERT INTO survey_answers (contact_id, score, answered_at) VALUES (?, ?, ?)', [
    contactId,
    score,
    new Date(answeredAt),
  ]);
}

/** An answer as the survey function writes it: replacing the contact's last one, waiting for the roll-ups. */
async function answerAsTheSurveyFunction(contactId: string, score: number | null): Promise<void> {
  await recordSurveyAnswer(
    ivrPool(),
    { contactId, initialContactId: null, score: score as SurveyScore | null, answeredAt: new Date() },
    Date.now() + 5000,
  );
}

async function storedScores(contactIds: string[]): Promise<Record<string, number | null>> {
  const [rows] = await db.query<RowDataPacket[]>(
    'SELECT contact_id, score FROM survey_answers WHERE contact_id IN (?)',
    [contactIds],
  );
  return Object.fromEntries(rows.map((row) => [row.contact_id, row.score]));
}

/** The roll-ups of `day` as a full count of the stored calls and answers makes them: what the reports must read. */
async function countedFromScratch(day: string) {
  const [calls] = await db.query<RowDataPacket[]>(
    `SELECT COALESCE(c.market, '') AS market, COALESCE(c.language, '') AS language, COALESCE(c.intent, '') AS intent,
            COALESCE(c.outcome, '') AS outcome, COALESCE(c.queue_name, '') AS queue_name,
            COALESCE(c.agent_id, '') AS agent_id, COUNT(*) AS calls, COUNT(s.score) AS survey_responses,
            CAST(COALESCE(SUM(s.score), 0) AS INT) AS score_sum,
            COUNT(CASE s.score WHEN 1 THEN 1 END) AS score_1, COUNT(CASE s.score WHEN 2 THEN 1 END) AS score_2,
            COUNT(CASE s.score WHEN 3 THEN 1 END) AS score_3, COUNT(CASE s.score WHEN 4 THEN 1 END) AS score_4,
            COUNT(CASE s.score WHEN 5 THEN 1 END) AS score_5
     FROM calls c LEFT JOIN survey_answers s ON s.contact_id = c.contact_id
     WHERE c.initiated_at >= ? AND c.initiated_at < ? + INTERVAL 1 DAY
     GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY outcome, market, language, intent, queue_name, agent_id`,
    [day, day],
  );
  const [durations] = await db.query<RowDataPacket[]>(
    `SELECT COALESCE(market, '') AS market, COALESCE(outcome, '') AS outcome,
            TIMESTAMPDIFF(SECOND, initiated_at, disconnected_at) AS seconds, COUNT(*) AS calls
     FROM calls WHERE initiated_at >= ? AND initiated_at < ? + INTERVAL 1 DAY AND disconnected_at IS NOT NULL
     GROUP BY 1, 2, 3 ORDER BY outcome, market, seconds`,
    [day, day],
  );
  const plain = (rows: RowDataPacket[]) =>
    rows.map((row) =>
      Object.fromEntries(
        Object.entries(row).map(([key, value]) => [
          key,
          typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value,
        ]),
      ),
    );
  return { daily: plain(calls), durations: plain(durations) };
}

/** A call the IVR finished alone, on the Pakistan line, lasting `seconds` from `startedAt`. */
function selfServed(
  contactId: string,
  startedAt: string,
  seconds: number,
  overrides: Record<string, unknown> = {},
) {
  return aContactRecord({
    ContactId: contactId,
    InitiationTimestamp: startedAt,
    DisconnectTimestamp: plus(startedAt, seconds),
    LastUpdateTimestamp: plus(startedAt, seconds + 1),
    ...overrides,
  });
}

/** A call handed to an agent in 40 s, queued 25 s, spoken with for 180 s: 245 s in all from `startedAt`. */
function handedOver(contactId: string, startedAt: string, overrides: Record<string, unknown> = {}) {
  return aContactRecord({
    ContactId: contactId,
    Attributes: {
      market: 'PK',
      language: 'hi-IN',
      callOutcome: 'transferred',
      intent: 'CancelOrder',
      handoverReason: 'action-intent',
    },
    InitiationTimestamp: startedAt,
    Queue: aQueue(plus(startedAt, 40), 25, 'PK Deliveries (hi-IN)'),
    Agent: anAgent(plus(startedAt, 65), 180, 'ayesha.khan'),
    DisconnectTimestamp: plus(startedAt, 245),
    DisconnectReason: 'AGENT_DISCONNECT',
    // After-contact work ended 20 s after the caller left: the record's final version.
    LastUpdateTimestamp: plus(startedAt, 265),
    ...overrides,
  });
}

/** A caller of the Dubai line who left before any answer. */
function abandoned(contactId: string, startedAt: string, seconds: number) {
  return aContactRecord({
    ContactId: contactId,
    Attributes: { market: 'AE', language: 'ar-AE' },
    SystemEndpoint: { Address: '+97143000000', Type: 'TELEPHONE_NUMBER' },
    InitiationTimestamp: startedAt,
    DisconnectTimestamp: plus(startedAt, seconds),
    LastUpdateTimestamp: plus(startedAt, seconds),
  });
}

function plus(timestamp: string, seconds: number): string {
  return `${new Date(Date.parse(timestamp) + seconds * 1000).toISOString().slice(0, 19)}Z`;
}

describe('a batch of good and bad contact records', () => {
  it('stores every good record and names exactly the bad ones, whatever is wrong with them', async () => {
    // Prepare
    const day = aDayOfItsOwn();
    const [served, handed, left] = [aContactId(), aContactId(), aContactId()];
    const final = handedOver(handed, `${day}T10:00:00Z`);
    const beforeAfterContactWork = handedOver(handed, `${day}T10:00:00Z`, {
      Agent: { ...anAgent(`${day}T10:01:05Z`, 170, 'ayesha.khan'), AfterContactWorkDuration: null },
      LastUpdateTimestamp: `${day}T10:04:05Z`,
    });
    const event = kinesisEvent([
      selfServed(served, `${day}T09:00:00Z`, 15),
      selfServed(served, `${day}T09:00:00Z`, 15),
      final,
      beforeAfterContactWork,
      JSON.stringify(selfServed(aContactId(), `${day}T09:30:00Z`, 15)).slice(0, 120),
      '{"ContactId": "ctr-1", oops}',
      Buffer.concat([Buffer.from('{"ContactId":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]),
      { ...selfServed(aContactId(), `${day}T09:45:00Z`, 15), ContactId: undefined },
      abandoned(left, `${day}T11:00:00Z`, 7),
    ]);

    // Act
    const response = await deliver(event);

    // Assess
    expect(response.batchItemFailures.map((failure) => failure.itemIdentifier)).toEqual(
      sequenceNumbersOf(event, [4, 5, 6, 7]),
    );
    const calls = await storedCalls([served, handed, left]);
    expect(calls).toEqual(
      [
        {
          contact_id: served,
          initial_contact_id: null,
          market: 'PK',
          language: 'en-IN',
          initiated_at: new Date(`${day}T09:00:00Z`),
          disconnected_at: new Date(`${day}T09:00:15Z`),
          ivr_seconds: 15,
          queue_seconds: null,
          agent_seconds: null,
          queue_name: null,
          agent_id: null,
          outcome: 'self-served',
          intent: 'CheckOrderStatus',
          handover_reason: null,
          disconnect_reason: 'CUSTOMER_DISCONNECT',
          record_updated_at: new Date(`${day}T09:00:16Z`),
        },
        {
          contact_id: handed,
          initial_contact_id: null,
          market: 'PK',
          language: 'hi-IN',
          initiated_at: new Date(`${day}T10:00:00Z`),
          disconnected_at: new Date(`${day}T10:04:05Z`),
          ivr_seconds: 40,
          queue_seconds: 25,
          agent_seconds: 180,
          queue_name: 'PK Deliveries (hi-IN)',
          agent_id: 'ayesha.khan',
          outcome: 'transferred',
          intent: 'CancelOrder',
          handover_reason: 'action-intent',
          disconnect_reason: 'AGENT_DISCONNECT',
          record_updated_at: new Date(`${day}T10:04:25Z`),
        },
        {
          contact_id: left,
          initial_contact_id: null,
          market: 'AE',
          language: 'ar-AE',
          initiated_at: new Date(`${day}T11:00:00Z`),
          disconnected_at: new Date(`${day}T11:00:07Z`),
          ivr_seconds: 7,
          queue_seconds: null,
          agent_seconds: null,
          queue_name: null,
          agent_id: null,
          outcome: 'abandoned',
          intent: null,
          handover_reason: null,
          disconnect_reason: 'CUSTOMER_DISCONNECT',
          record_updated_at: new Date(`${day}T11:00:07Z`),
        },
      ].sort((a, b) => a.contact_id.localeCompare(b.contact_id)),
    );
  });

  it('reports a batch of nothing but bad records record by record, storing nothing', async () => {
    const contactId = aContactId();
    const event = kinesisEvent(['', 'null', '[]', { ContactId: contactId, LastUpdateTimestamp: 'soon' }]);

    const response = await deliver(event);

    expect(response.batchItemFailures.map((failure) => failure.itemIdentifier)).toEqual(
      sequenceNumbersOf(event, [0, 1, 2, 3]),
    );
    expect(await storedCalls([contactId])).toEqual([]);
  });

  it('stores attribute values too long for their columns, cut, and ones that are not UTF-8, replaced', async () => {
    const contactId = aContactId();
    const record = selfServed(contactId, `${aDayOfItsOwn()}T09:00:00Z`, 15, {
      Attributes: { callOutcome: 'self-served', intent: '📦'.repeat(50), handoverReason: 'x\ud800y' },
    });

    const response = await deliver(kinesisEvent([record]));

    expect(response.batchItemFailures).toEqual([]);
    expect(await storedCalls([contactId])).toMatchObject([
      { intent: '📦'.repeat(40), handover_reason: 'x\uFFFDy' },
    ]);
  });
});

describe('versions of a contact out of order', () => {
  it('keeps the newest version of a contact when an older one arrives in a later batch', async () => {
    // Prepare
    const day = aDayOfItsOwn();
    const contactId = aContactId();
    const startedAt = `${day}T12:00:00Z`;
    await deliver(kinesisEvent([handedOver(contactId, startedAt)]));
    const before = await storedCalls([contactId]);
    const rollUpsBefore = await rollUpsOf(day);

    // Act
    const older = handedOver(contactId, startedAt, {
      Agent: null,
      Attributes: { market: 'PK', language: 'hi-IN', callOutcome: 'transferred' },
      LastUpdateTimestamp: plus(startedAt, 100),
    });
    const response = await deliver(kinesisEvent([older]));

    // Assess
    expect(response.batchItemFailures).toEqual([]);
    expect(await storedCalls([contactId])).toEqual(before);
    expect(before).toMatchObject([{ agent_id: 'ayesha.khan', intent: 'CancelOrder' }]);
    expect(await rollUpsOf(day)).toEqual(rollUpsBefore);
    expect(rollUpsBefore.durations).toEqual([
      { market: 'PK', outcome: 'transferred', seconds: 245, calls: 1 },
    ]);
  });

  it('replaces a stored version with a newer one from a later batch, and counts the call again by it', async () => {
    const day = aDayOfItsOwn();
    const contactId = aContactId();
    const startedAt = `${day}T12:00:00Z`;
    await deliver(kinesisEvent([selfServed(contactId, startedAt, 15)]));

    await deliver(kinesisEvent([handedOver(contactId, startedAt)]));

    expect(await storedCalls([contactId])).toMatchObject([
      { outcome: 'transferred', agent_id: 'ayesha.khan', record_updated_at: new Date(plus(startedAt, 265)) },
    ]);
    expect((await rollUpsOf(day)).durations).toEqual([
      { market: 'PK', outcome: 'transferred', seconds: 245, calls: 1 },
    ]);
  });

  it('keeps the newest of two versions of a contact written in one statement, whichever comes first', async () => {
    const contactId = aContactId();
    const startedAt = `${aDayOfItsOwn()}T12:00:00Z`;
    const newer = callOf(handedOver(contactId, startedAt));
    const older = callOf(
      handedOver(contactId, startedAt, { Agent: null, LastUpdateTimestamp: plus(startedAt, 50) }),
    );

    await storeCalls(db, [newer, older]);

    expect(await storedCalls([contactId])).toEqual([newer]);
  });
});

describe('the daily roll-ups', () => {
  it('count the stored calls of the day with the survey answers given before their records arrived', async () => {
    // Prepare
    const day = aDayOfItsOwn();
    const [first, second, handed, left, unended] = [
      aContactId(),
      aContactId(),
      aContactId(),
      aContactId(),
      aContactId(),
    ];
    await answerSurvey(first, 5, `${day}T09:00:20Z`);
    await answerSurvey(second, 4, `${day}T09:10:20Z`);
    await answerSurvey(handed, 2, `${day}T10:05:00Z`);
    await answerSurvey(left, null, `${day}T11:00:10Z`);
    await answerSurvey(aContactId(), 1, `${day}T12:00:00Z`);

    // Act
    await deliver(
      kinesisEvent([
        selfServed(first, `${day}T09:00:00Z`, 15),
        selfServed(second, `${day}T09:10:00Z`, 15),
        handedOver(handed, `${day}T10:00:00Z`),
        abandoned(left, `${day}T11:00:00Z`, 7),
        selfServed(unended, `${day}T23:59:50Z`, 15, { DisconnectTimestamp: null }),
      ]),
    );

    // Assess
    const counts = { score_1: 0, score_2: 0, score_3: 0, score_4: 0, score_5: 0 };
    expect(await rollUpsOf(day)).toEqual({
      daily: [
        {
          market: 'AE',
          language: 'ar-AE',
          intent: '',
          outcome: 'abandoned',
          queue_name: '',
          agent_id: '',
          calls: 1,
          survey_responses: 0,
          score_sum: 0,
          ...counts,
        },
        {
          market: 'PK',
          language: 'en-IN',
          intent: 'CheckOrderStatus',
          outcome: 'self-served',
          queue_name: '',
          agent_id: '',
          calls: 3,
          survey_responses: 2,
          score_sum: 9,
          ...counts,
          score_4: 1,
          score_5: 1,
        },
        {
          market: 'PK',
          language: 'hi-IN',
          intent: 'CancelOrder',
          outcome: 'transferred',
          queue_name: 'PK Deliveries (hi-IN)',
          agent_id: 'ayesha.khan',
          calls: 1,
          survey_responses: 1,
          score_sum: 2,
          ...counts,
          score_2: 1,
        },
      ],
      durations: [
        { market: 'AE', outcome: 'abandoned', seconds: 7, calls: 1 },
        { market: 'PK', outcome: 'self-served', seconds: 15, calls: 2 },
        { market: 'PK', outcome: 'transferred', seconds: 245, calls: 1 },
      ],
    });
  });

  it('change nothing, nor do the calls, when the same batch is delivered again', async () => {
    // Prepare
    const day = aDayOfItsOwn();
    const contactIds = [aContactId(), aContactId(), aContactId()];
    const [served, handed, left] = contactIds as [string, string, string];
    await answerSurvey(served, 3, `${day}T09:00:20Z`);
    const event = kinesisEvent([
      selfServed(served, `${day}T09:00:00Z`, 15),
      handedOver(handed, `${day}T10:00:00Z`),
      'not a record',
      handedOver(handed, `${day}T10:00:00Z`, { Agent: null, LastUpdateTimestamp: `${day}T10:01:00Z` }),
      abandoned(left, `${day}T11:00:00Z`, 7),
    ]);
    const firstResponse = await deliver(event);
    const callsAfterFirst = await storedCalls(contactIds);
    const rollUpsAfterFirst = await rollUpsOf(day);

    // Act
    const secondResponse = await deliver(event);

    // Assess
    expect(secondResponse).toEqual(firstResponse);
    expect(firstResponse.batchItemFailures.map((failure) => failure.itemIdentifier)).toEqual(
      sequenceNumbersOf(event, [2]),
    );
    expect(await storedCalls(contactIds)).toEqual(callsAfterFirst);
    expect(callsAfterFirst).toHaveLength(3);
    expect(await rollUpsOf(day)).toEqual(rollUpsAfterFirst);
    expect(rollUpsAfterFirst.daily.map((row) => [row.outcome, row.calls, row.survey_responses])).toEqual([
      ['abandoned', 1, 0],
      ['self-served', 1, 1],
      ['transferred', 1, 0],
    ]);
  });
});

describe('when the database cannot be written', () => {
  it('fails the whole batch, so that Kinesis delivers it again', async () => {
    // Prepare: a server that refuses connections.
    vi.stubEnv('IVR_DB_URL', 'mysql://ivr_writer:wrong@127.0.0.1:1/ivr');
    resetConfig();
    const contactId = aContactId();

    // Act
    const delivery = deliver(kinesisEvent([selfServed(contactId, `${aDayOfItsOwn()}T09:00:00Z`, 15), 'bad']));

    // Assess
    await expect(delivery).rejects.toThrow(/ECONNREFUSED/);
    vi.unstubAllEnvs();
    resetConfig();
    expect(await storedCalls([contactId])).toEqual([]);
  });
});

describe('metrics', () => {
  it('publishes each call’s duration and the outcomes, by market, as CloudWatch EMF', async () => {
    // Prepare
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
    const printed: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed.push(String(chunk));
      return true;
    });
    const day = aDayOfItsOwn();

    // Act
    await deliver(
      kinesisEvent([
        selfServed(aContactId(), `${day}T09:00:00Z`, 15),
        selfServed(aContactId(), `${day}T09:10:00Z`, 12),
        handedOver(aContactId(), `${day}T10:00:00Z`),
        abandoned(aContactId(), `${day}T11:00:00Z`, 7),
      ]),
    );

    // Assess
    vi.mocked(process.stdout.write).mockRestore();
    const published = printed
      .flatMap((text) => text.split('\n'))
      .filter((line) => line.includes('"_aws"'))
      .map((line) => JSON.parse(line) as Record<string, unknown> & { _aws: EmfMetadata })
      .flatMap((document) =>
        document._aws.CloudWatchMetrics.flatMap(({ Dimensions, Metrics }) =>
          Metrics.map(({ Name, Unit }) => ({
            market: document.market,
            dimensions: Dimensions,
            name: Name,
            unit: Unit,
            value: document[Name],
          })),
        ),
      );
    expect(published).toEqual(
      expect.arrayContaining([
        {
          market: 'PK',
          dimensions: [['service', 'market']],
          name: 'CallDuration',
          unit: 'Seconds',
          value: 15,
        },
        {
          market: 'PK',
          dimensions: [['service', 'market']],
          name: 'CallDuration',
          unit: 'Seconds',
          value: 12,
        },
        {
          market: 'PK',
          dimensions: [['service', 'market']],
          name: 'CallDuration',
          unit: 'Seconds',
          value: 245,
        },
        {
          market: 'AE',
          dimensions: [['service', 'market']],
          name: 'CallDuration',
          unit: 'Seconds',
          value: 7,
        },
        { market: 'PK', dimensions: [['service', 'market']], name: 'SelfServed', unit: 'Count', value: 2 },
        { market: 'PK', dimensions: [['service', 'market']], name: 'HandedOver', unit: 'Count', value: 1 },
        { market: 'AE', dimensions: [['service', 'market']], name: 'Abandoned', unit: 'Count', value: 1 },
      ]),
    );
    expect(published.filter((metric) => metric.dimensions.flat().includes('market'))).toHaveLength(7);
  });
});

interface EmfMetadata {
  CloudWatchMetrics: { Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[];
}

function callOf(raw: object): CallRow {
  const parsed = parseContactRecord(JSON.parse(JSON.stringify(raw)));
  if (!parsed.ok) throw new Error(`the test's record is malformed: ${parsed.reason}`);
  return callFromContactRecord(parsed.record);
}

describe('a contact record that could never be stored', () => {
  it.each<[string, (startedAt: string) => Record<string, unknown>, string]>([
    [
      'a disconnect in the year 9999',
      () => ({ DisconnectTimestamp: '9999-12-31T23:59:59Z' }),
      'DisconnectTimestamp',
    ],
    [
      'an update in the year 9999',
      () => ({ LastUpdateTimestamp: '9999-12-31T23:59:59Z' }),
      'LastUpdateTimestamp',
    ],
    [
      'a call begun in the year 1000',
      () => ({ InitiationTimestamp: '1000-01-01T00:00:00Z' }),
      'InitiationTimestamp',
    ],
    [
      'a disconnect before the call began',
      (at) => ({ DisconnectTimestamp: plus(at, -60) }),
      'DisconnectTimestamp',
    ],
    [
      'a queue entered before the call began',
      (at) => ({ Queue: aQueue(plus(at, -60), 5) }),
      'Queue.EnqueueTimestamp',
    ],
    [
      'a queue wait of a century',
      (at) => ({ Queue: { ...aQueue(plus(at, 5), 5), Duration: 3_155_760_000 } }),
      'Queue.Duration',
    ],
  ])(
    'reports %s alone, logs what was wrong but not the record, and holds up no other call of its day',
    async (_, fault, field) => {
      // Prepare
      const day = aDayOfItsOwn();
      const startedAt = `${day}T10:00:00Z`;
      const bad = selfServed(aContactId(), startedAt, 15, fault(startedAt));
      const [first, second, later] = [aContactId(), aContactId(), aContactId()];
      const warned = vi.spyOn(logger, 'warn');
      const event = kinesisEvent([
        selfServed(first, `${day}T09:00:00Z`, 15),
        bad,
        selfServed(second, `${day}T11:00:00Z`, 15),
      ]);

      // Act
      const response = await deliver(event);
      const laterResponse = await deliver(kinesisEvent([selfServed(later, `${day}T12:00:00Z`, 15)]));

      // Assess
      expect(response.batchItemFailures.map((failure) => failure.itemIdentifier)).toEqual(
        sequenceNumbersOf(event, [1]),
      );
      expect(laterResponse.batchItemFailures).toEqual([]);
      expect(
        (await storedCalls([first, second, later, bad.ContactId])).map((call) => call.contact_id),
      ).toEqual([first, second, later].sort());
      expect((await rollUpsOf(day)).durations).toEqual([
        { market: 'PK', outcome: 'self-served', seconds: 15, calls: 3 },
      ]);
      const rejection = warned.mock.calls.find(([message]) => message === 'rejected a contact record');
      expect(rejection?.[1]).toMatchObject({
        sequenceNumber: event.Records[1]?.kinesis.sequenceNumber,
        reason: expect.stringContaining(field),
      });
      expect(JSON.stringify(warned.mock.calls)).not.toMatch(/\+923001234567|9999-12-31|1000-01-01/);
    },
  );
});

describe('survey scores the contact record carries', () => {
  it('stores the score the survey function could not, and counts it in the roll-ups', async () => {
    const day = aDayOfItsOwn();
    const contactId = aContactId();

    await deliver(
      kinesisEvent([
        selfServed(contactId, `${day}T09:00:00Z`, 15, {
          Attributes: { market: 'PK', language: 'en-IN', callOutcome: 'self-served', surveyScore: '4' },
        }),
      ]),
    );

    expect(await storedScores([contactId])).toEqual({ [contactId]: 4 });
    expect((await rollUpsOf(day)).daily).toMatchObject([
      { calls: 1, survey_responses: 1, score_sum: 4, score_4: 1 },
    ]);
  });

  it('never replaces a score already stored, and completes an answer stored without one', async () => {
    const day = aDayOfItsOwn();
    const [answered, unanswered] = [aContactId(), aContactId()];
    await answerAsTheSurveyFunction(answered, 2);
    await answerAsTheSurveyFunction(unanswered, null);
    const carrying = (contactId: string, at: string) =>
      selfServed(contactId, at, 15, {
        Attributes: { market: 'PK', language: 'en-IN', callOutcome: 'self-served', surveyScore: '5' },
      });

    const event = kinesisEvent([
      carrying(answered, `${day}T09:00:00Z`),
      carrying(unanswered, `${day}T10:00:00Z`),
    ]);
    await deliver(event);
    await deliver(event);

    expect(await storedScores([answered, unanswered])).toEqual({ [answered]: 2, [unanswered]: 5 });
    expect((await rollUpsOf(day)).daily).toMatchObject([
      { calls: 2, survey_responses: 2, score_sum: 7, score_2: 1, score_5: 1 },
    ]);
  });
});

describe('the roll-ups, kept call by call', () => {
  it('count an answer given after its call was stored with the next batch, whatever calls it holds', async () => {
    const day = aDayOfItsOwn();
    const contactId = aContactId();
    await deliver(kinesisEvent([selfServed(contactId, `${day}T09:00:00Z`, 15)]));

    await answerAsTheSurveyFunction(contactId, 3);
    await deliver(kinesisEvent([selfServed(aContactId(), `${aDayOfItsOwn()}T09:00:00Z`, 15)]));

    expect((await rollUpsOf(day)).daily).toMatchObject([
      { calls: 1, survey_responses: 1, score_sum: 3, score_3: 1 },
    ]);
  });

  it('take no named lock: a reader holding the old lock names holds nothing up', async () => {
    const day = aDayOfItsOwn();
    const reader = await connectAs('ORDERS_DB_URL', { onPrimary: true });
    await reader.query('SELECT GET_LOCK(?, 0)', [`ivr.calls_daily.${day}`]);
    try {
      const response = await deliver(kinesisEvent([selfServed(aContactId(), `${day}T09:00:00Z`, 15)]));

      expect(response.batchItemFailures).toEqual([]);
      expect((await rollUpsOf(day)).daily).toMatchObject([{ calls: 1 }]);
    } finally {
      await reader.end();
    }
  });

  it('equal a count from scratch after any order of versions, repeats and answers', async () => {
    const versions = (contactId: string, day: string) => [
      selfServed(contactId, `${day}T09:00:00Z`, 15, { LastUpdateTimestamp: `${day}T09:00:16Z` }),
      handedOver(contactId, `${day}T09:00:00Z`, { LastUpdateTimestamp: `${day}T09:05:00Z` }),
      abandoned(contactId, `${day}T09:00:00Z`, 30),
    ];
    const step = fc.oneof(
      fc.record({ kind: fc.constant('record' as const), contact: fc.nat(3), version: fc.nat(2) }),
      fc.record({
        kind: fc.constant('answer' as const),
        contact: fc.nat(3),
        score: fc.option(fc.integer({ min: 1, max: 5 })),
      }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(step, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }),
        async (batches) => {
          const day = aDayOfItsOwn();
          const contacts = [aContactId(), aContactId(), aContactId(), aContactId()];
          for (const batch of batches) {
            const records = batch.flatMap((step) =>
              step.kind === 'record'
                ? versions(contacts[step.contact] as string, day).slice(step.version, step.version + 1)
                : [],
            );
            for (const step of batch) {
              if (step.kind === 'answer')
                await answerAsTheSurveyFunction(contacts[step.contact] as string, step.score);
            }
            if (records.length > 0) await deliver(kinesisEvent(records));
          }
          await deliver(kinesisEvent([]));

          expect(await rollUpsOf(day)).toEqual(await countedFromScratch(day));
        },
      ),
      { numRuns: 25 },
    );
  });
});
