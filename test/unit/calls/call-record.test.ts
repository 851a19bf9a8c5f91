import { describe, expect, it } from 'vitest';
import { type CallRow, callFromContactRecord, newestPerContact } from '#lib/calls/call-record.ts';
import { parseContactRecord } from '#lib/connect/contact-record.ts';
import { aContactRecord, anAgent, aQueue } from '#test/factories/contact-record.ts';

/** The call a contact record stands for, through the schema as the function reads it. */
function callOf(raw: object): CallRow {
  const parsed = parseContactRecord(JSON.parse(JSON.stringify(raw)));
  if (!parsed.ok) throw new Error(`the test's record is malformed: ${parsed.reason}`);
  return callFromContactRecord(parsed.record);
}

/** A record without the flows' attributes: what Connect recorded decides. */
function unmarked(overrides: Record<string, unknown> = {}) {
  return aContactRecord({ Attributes: {}, ...overrides });
}

describe('callFromContactRecord', () => {
  it('makes the row of a call the IVR finished alone', () => {
    // Prepare
    const record = aContactRecord({
      ContactId: 'c0ffee00-0000-4000-8000-000000000001',
      Attributes: {
        market: 'PK',
        language: 'en-IN',
        callOutcome: 'self-served',
        intent: 'CheckOrderStatus',
        customerFirstName: 'Ayesha',
      },
      InitiationTimestamp: '2026-11-23T09:00:00Z',
      DisconnectTimestamp: '2026-11-23T09:00:15Z',
      LastUpdateTimestamp: '2026-11-23T09:00:16Z',
    });

    // Act
    const call = callOf(record);

    // Assess
    expect(call).toEqual({
      contact_id: 'c0ffee00-0000-4000-8000-000000000001',
      initial_contact_id: null,
      market: 'PK',
      language: 'en-IN',
      initiated_at: new Date('2026-11-23T09:00:00Z'),
      disconnected_at: new Date('2026-11-23T09:00:15Z'),
      ivr_seconds: 15,
      queue_seconds: null,
      agent_seconds: null,
      queue_name: null,
      agent_id: null,
      outcome: 'self-served',
      intent: 'CheckOrderStatus',
      handover_reason: null,
      disconnect_reason: 'CUSTOMER_DISCONNECT',
      record_updated_at: new Date('2026-11-23T09:00:16Z'),
    } satisfies CallRow);
  });

  it('makes the row of a call handed to an agent, with its time in the IVR, in the queue and with the agent', () => {
    const record = aContactRecord({
      InitialContactId: 'c0ffee00-0000-4000-8000-00000000000a',
      Attributes: {
        market: 'PK',
        language: 'hi-IN',
        callOutcome: 'transferred',
        intent: 'CancelOrder',
        handoverReason: 'action-intent',
      },
      InitiationTimestamp: '2026-11-23T09:00:00Z',
      Queue: aQueue('2026-11-23T09:00:40Z', 25, 'PK Deliveries (hi-IN)'),
      Agent: anAgent('2026-11-23T09:01:05Z', 180, 'ayesha.khan'),
      DisconnectTimestamp: '2026-11-23T09:04:05Z',
      DisconnectReason: 'AGENT_DISCONNECT',
    });

    expect(callOf(record)).toMatchObject({
      initial_contact_id: 'c0ffee00-0000-4000-8000-00000000000a',
      language: 'hi-IN',
      ivr_seconds: 40,
      queue_seconds: 25,
      agent_seconds: 180,
      queue_name: 'PK Deliveries (hi-IN)',
      agent_id: 'ayesha.khan',
      outcome: 'transferred',
      intent: 'CancelOrder',
      handover_reason: 'action-intent',
      disconnect_reason: 'AGENT_DISCONNECT',
    });
  });

  describe('outcome', () => {
    const queue = aQueue('2026-11-23T09:00:40Z', 25);
    const agent = anAgent('2026-11-23T09:01:05Z', 180);
    /** The Agent of a record whose contact was offered to an agent and never connected. */
    const neverConnected = { ...agent, ConnectedToAgentTimestamp: null, AgentInteractionDuration: 0 };

    it.each([
      ['self-served', 'the flow marked it self-served', { callOutcome: 'self-served' }, {}],
      [
        'transferred',
        'a queue took it and an agent answered, though the flow marked it self-served before',
        { callOutcome: 'self-served' },
        { Queue: queue, Agent: agent },
      ],
      [
        'transferred',
        'a queue took it, an agent answered and the flow marked nothing',
        {},
        { Queue: queue, Agent: agent },
      ],
      ['transferred', 'an agent answered without a queue and the flow marked nothing', {}, { Agent: agent }],
      [
        'abandoned',
        'a queue took it and the caller hung up before an agent answered, after hearing their answer',
        { callOutcome: 'self-served', botRequest: 'closed' },
        { Queue: queue },
      ],
      [
        'abandoned',
        'a queue took it and no agent answered, though an older queue flow marked it transferred',
        { callOutcome: 'transferred' },
        { Queue: queue },
      ],
      [
        'abandoned',
        'the record names an agent the call was never connected to',
        { callOutcome: 'transferred' },
        { Queue: queue, Agent: neverConnected },
      ],
      [
        'transferred',
        'the caller booked a call back instead of waiting',
        { callOutcome: 'transferred', callback: 'queued' },
        {},
      ],
      [
        'self-served',
        'the bot answered what the caller asked after the status',
        { callOutcome: 'self-served', botRequest: 'closed' },
        {},
      ],
      [
        'abandoned',
        'the caller hung up on the bot after an answer, with a request it had not answered',
        { callOutcome: 'self-served', botRequest: 'open' },
        {},
      ],
      [
        'transferred',
        'an agent answered the request the bot had not answered',
        { callOutcome: 'self-served', botRequest: 'open' },
        { Queue: queue, Agent: agent },
      ],
      ['abandoned', 'the flow marked nothing and no queue took it', {}, {}],
      [
        'abandoned',
        'the flow marked it transferred but no agent and no call back took it',
        { callOutcome: 'transferred' },
        {},
      ],
      ['abandoned', 'the flow marked an error and no queue took it', { callOutcome: 'error' }, {}],
      ['abandoned', 'the mark is one the flows never set', { callOutcome: 'SELF-SERVED' }, {}],
    ])('is %s when %s', (outcome, _, attributes, parts) => {
      expect(callOf(aContactRecord({ Attributes: attributes, ...parts })).outcome).toBe(outcome);
    });
  });

  describe('market', () => {
    it('is the one the flow set, whichever line was dialled', () => {
      const record = aContactRecord({
        Attributes: { market: 'AE' },
        SystemEndpoint: { Address: '+922111000000', Type: 'TELEPHONE_NUMBER' },
      });

      expect(callOf(record).market).toBe('AE');
    });

    it.each([
      ['+97143000000', 'AE'],
      ['+442071000000', 'GB'],
      ['+8809610000000', 'BD'],
      ['+15551234567', 'PK'],
    ])('is that of the line dialled, %s, when the flow set none: %s', (line, market) => {
      const record = unmarked({ SystemEndpoint: { Address: line, Type: 'TELEPHONE_NUMBER' } });

      expect(callOf(record).market).toBe(market);
    });

    it('is that of the line dialled when the flow set one that is not ours', () => {
      const record = aContactRecord({
        Attributes: { market: 'pk; DROP TABLE calls' },
        SystemEndpoint: { Address: '+94112000000', Type: 'TELEPHONE_NUMBER' },
      });

      expect(callOf(record).market).toBe('LK');
    });

    it('is the first support line when neither the flow nor the record says', () => {
      expect(callOf(unmarked({ SystemEndpoint: null })).market).toBe('PK');
    });
  });

  describe('seconds', () => {
    it('counts the IVR from arrival to the end when the caller never queued', () => {
      const record = unmarked({
        InitiationTimestamp: '2026-11-23T23:59:50Z',
        DisconnectTimestamp: '2026-11-24T00:00:32Z',
        LastUpdateTimestamp: '2026-11-24T00:00:33Z',
      });

      expect(callOf(record)).toMatchObject({ ivr_seconds: 42, queue_seconds: null, agent_seconds: null });
    });

    it('counts the IVR from arrival to the queue, not to the end, when the caller queued and left', () => {
      const record = unmarked({
        InitiationTimestamp: '2026-11-23T09:00:00Z',
        Queue: aQueue('2026-11-23T09:00:30Z', 90),
        DisconnectTimestamp: '2026-11-23T09:02:00Z',
        LastUpdateTimestamp: '2026-11-23T09:02:01Z',
      });

      expect(callOf(record)).toMatchObject({ ivr_seconds: 30, queue_seconds: 90, agent_seconds: null });
    });

    it('knows no IVR time when the record has no end and no queue', () => {
      const record = unmarked({ DisconnectTimestamp: null });

      expect(callOf(record)).toMatchObject({ disconnected_at: null, ivr_seconds: null });
    });

    it('refuses a record whose disconnect comes before its initiation: no real call did that', () => {
      const parsed = parseContactRecord(
        unmarked({
          InitiationTimestamp: '2026-11-23T09:00:10Z',
          DisconnectTimestamp: '2026-11-23T09:00:09Z',
        }),
      );

      expect(parsed).toEqual({ ok: false, reason: 'DisconnectTimestamp: before InitiationTimestamp' });
    });
  });

  it('leaves out what a record without its optional fields does not say', () => {
    const record = {
      ContactId: 'c0ffee00-0000-4000-8000-000000000002',
      InitiationTimestamp: '2026-11-23T09:00:00Z',
      LastUpdateTimestamp: '2026-11-23T09:00:05Z',
    };

    expect(callOf(record)).toEqual({
      contact_id: 'c0ffee00-0000-4000-8000-000000000002',
      initial_contact_id: null,
      market: 'PK',
      language: null,
      initiated_at: new Date('2026-11-23T09:00:00Z'),
      disconnected_at: null,
      ivr_seconds: null,
      queue_seconds: null,
      agent_seconds: null,
      queue_name: null,
      agent_id: null,
      outcome: 'abandoned',
      intent: null,
      handover_reason: null,
      disconnect_reason: null,
      record_updated_at: new Date('2026-11-23T09:00:05Z'),
    } satisfies CallRow);
  });

  it('keeps no language that is not one the IVR speaks, nor empty attributes', () => {
    const record = aContactRecord({ Attributes: { language: 'ur-PK', intent: '', handoverReason: '' } });

    expect(callOf(record)).toMatchObject({ language: null, intent: null, handover_reason: null });
  });

  it('cuts long values to the sizes of their columns', () => {
    const record = aContactRecord({
      Attributes: { intent: 'I'.repeat(60), handoverReason: 'R'.repeat(41) },
      Queue: aQueue('2026-11-23T09:00:30Z', 10, 'Q'.repeat(150)),
      Agent: anAgent('2026-11-23T09:00:40Z', 10, 'a'.repeat(101)),
      DisconnectReason: 'D'.repeat(200),
      InitialContactId: '0'.repeat(65),
    });

    expect(callOf(record)).toMatchObject({
      intent: 'I'.repeat(40),
      handover_reason: 'R'.repeat(40),
      queue_name: 'Q'.repeat(100),
      agent_id: 'a'.repeat(100),
      disconnect_reason: 'D'.repeat(40),
      initial_contact_id: '0'.repeat(64),
    });
  });

  it('cuts by characters as the database counts them, never through the middle of one', () => {
    const record = aContactRecord({
      Attributes: { intent: '📦'.repeat(45), handoverReason: 'شكوى'.repeat(12) },
    });

    expect(callOf(record)).toMatchObject({ intent: '📦'.repeat(40), handover_reason: 'شكوى'.repeat(10) });
  });

  it('replaces text that cannot be UTF-8 (lone surrogates) instead of failing', () => {
    // As JSON.parse makes them from the escapes "\ud83d" and "\udce6" on their own.
    const record = aContactRecord({
      Attributes: { intent: 'Refund\ud83d', handoverReason: '\udce6complaint' },
      Queue: aQueue('2026-11-23T09:00:30Z', 10, 'PK\ud800 Returns'),
    });

    expect(callOf(record)).toMatchObject({
      intent: 'Refund\uFFFD',
      handover_reason: '\uFFFDcomplaint',
      queue_name: 'PK\uFFFD Returns',
    });
  });
});

describe('newestPerContact', () => {
  const version = (contactId: string, updatedAt: string, intent: string) =>
    callOf(aContactRecord({ ContactId: contactId, LastUpdateTimestamp: updatedAt, Attributes: { intent } }));

  it('keeps the newest version of a contact when an older one comes after it', () => {
    const calls = [
      version('a', '2026-11-23T09:05:00Z', 'newest'),
      version('b', '2026-11-23T09:00:00Z', 'only'),
      version('a', '2026-11-23T09:01:00Z', 'older'),
    ];

    expect(newestPerContact(calls).map((call) => [call.contact_id, call.intent])).toEqual([
      ['a', 'newest'],
      ['b', 'only'],
    ]);
  });

  it('keeps the later of two equally new versions, as the database does', () => {
    const calls = [
      version('a', '2026-11-23T09:05:00Z', 'first'),
      version('a', '2026-11-23T09:05:00Z', 'second'),
    ];

    expect(newestPerContact(calls).map((call) => call.intent)).toEqual(['second']);
  });
});

describe('parseContactRecord', () => {
  it('lets through fields it does not know, as Connect adds fields over time', () => {
    const parsed = parseContactRecord({
      ...aContactRecord(),
      QualityMetrics: { Agent: {} },
      Tags: { a: 'b' },
    });

    expect(parsed.ok).toBe(true);
  });

  it.each([
    ['without a ContactId', { ContactId: undefined }, 'ContactId'],
    ['with an empty ContactId', { ContactId: '' }, 'ContactId'],
    ['with a ContactId longer than the calls table keeps', { ContactId: 'c'.repeat(65) }, 'ContactId'],
    ['without a LastUpdateTimestamp', { LastUpdateTimestamp: undefined }, 'LastUpdateTimestamp'],
    [
      'with an InitiationTimestamp that is no time',
      { InitiationTimestamp: 'yesterday' },
      'InitiationTimestamp',
    ],
    ['with attributes that are not strings', { Attributes: { market: 92 } }, 'Attributes.market'],
    ['with a queue that waited minus seconds', { Queue: { Duration: -1 } }, 'Queue.Duration'],
  ])('refuses a record %s, naming the field', (_, overrides, field) => {
    const parsed = parseContactRecord(aContactRecord(overrides));

    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.reason).toContain(field);
  });

  it('refuses what is not a record at all', () => {
    for (const raw of [null, 'a string', 42, []]) expect(parseContactRecord(raw).ok).toBe(false);
  });

  it('never repeats a value in its reason, since records hold callers’ numbers', () => {
    const parsed = parseContactRecord(
      aContactRecord({ CustomerEndpoint: { Address: 923001234567 }, InitiationTimestamp: '+923001234567' }),
    );

    expect(parsed.ok ? '' : parsed.reason).not.toMatch(/923001234567/);
  });
});
