/**
 * Contact records and the Kinesis events that deliver them, shaped as Connect streams them (reference §5.1,
 * §5.2, and the simulator's records in simulator/contact-record.ts).
 */
import { randomUUID } from 'node:crypto';
import type { KinesisStreamEvent } from 'aws-lambda';
import { kinesisStreamRecord } from '#simulator/contact-record.ts';

const INSTANCE_ARN = 'arn:aws:connect:eu-west-2:123456789012:instance/11111111-2222-3333-4444-555555555555';
const QUEUE_ARN = `${INSTANCE_ARN}/queue/66666666-7777-8888-9999-000000000000`;
const AGENT_ARN = `${INSTANCE_ARN}/agent/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee`;

/** A contact record of a call the IVR finished alone; `overrides` replace whole top-level fields. */
export function aContactRecord(overrides: Record<string, unknown> = {}) {
  return {
    AWSAccountId: '123456789012',
    AWSContactTraceRecordFormatVersion: '2017-03-10',
    Agent: null,
    AgentConnectionAttempts: 0,
    Attributes: { market: 'PK', language: 'en-IN', callOutcome: 'self-served', intent: 'CheckOrderStatus' },
    Channel: 'VOICE',
    ConnectedToSystemTimestamp: '2026-11-23T09:00:00Z',
    ContactId: randomUUID(),
    CustomerEndpoint: { Address: '+923001234567', Type: 'TELEPHONE_NUMBER' },
    DisconnectReason: 'CUSTOMER_DISCONNECT',
    DisconnectTimestamp: '2026-11-23T09:00:15Z',
    InitialContactId: null,
    InitiationMethod: 'INBOUND',
    InitiationTimestamp: '2026-11-23T09:00:00Z',
    InstanceARN: INSTANCE_ARN,
    LastUpdateTimestamp: '2026-11-23T09:00:16Z',
    MediaStreams: [{ Type: 'AUDIO' }],
    NextContactId: null,
    PreviousContactId: null,
    Queue: null,
    Recording: null,
    Recordings: [],
    References: [],
    SystemEndpoint: { Address: '+922111000000', Type: 'TELEPHONE_NUMBER' },
    TransferCompletedTimestamp: null,
    TransferredToEndpoint: null,
    VoiceIdResult: null,
    ...overrides,
  };
}

/** The `Queue` of a record whose caller waited `seconds` for an agent from `enqueuedAt`. */
export function aQueue(enqueuedAt: string, seconds: number, name = 'PK Deliveries') {
  return {
    ARN: QUEUE_ARN,
    Name: name,
    EnqueueTimestamp: enqueuedAt,
    DequeueTimestamp: plusSeconds(enqueuedAt, seconds),
    Duration: seconds,
  };
}

/** The `Agent` of a record whose caller spoke `seconds` with `username` from `connectedAt`. */
export function anAgent(connectedAt: string, seconds: number, username = 'ayesha.khan') {
  const leftAt = plusSeconds(connectedAt, seconds);
  return {
    ARN: AGENT_ARN,
    Username: username,
    ConnectedToAgentTimestamp: connectedAt,
    AgentInteractionDuration: seconds,
    CustomerHoldDuration: 0,
    LongestHoldDuration: 0,
    NumberOfHolds: 0,
    AfterContactWorkStartTimestamp: leftAt,
    AfterContactWorkEndTimestamp: plusSeconds(leftAt, 20),
    AfterContactWorkDuration: 20,
    RoutingProfile: { ARN: `${INSTANCE_ARN}/routing-profile/1`, Name: 'Basic Routing Profile' },
    HierarchyGroups: null,
  };
}

/** `yyyy-mm-ddThh:mm:ssZ`, `seconds` after `timestamp`, as contact records write time. */
export function plusSeconds(timestamp: string, seconds: number): string {
  return `${new Date(Date.parse(timestamp) + seconds * 1000).toISOString().slice(0, 19)}Z`;
}

let sequence = 0;

/**
 * A Kinesis event delivering `records` in order: an object as its JSON, a string as its UTF-8 bytes (to send
 * text that is not JSON), a Buffer as it is (to send bytes that are not UTF-8). Each record gets a sequence
 * number and an event id no other record of the test run has.
 */
export function kinesisEvent(records: (object | string | Buffer)[]): KinesisStreamEvent {
  return {
    Records: records.map((record) => {
      sequence += 1;
      const sequenceNumber = `49656${String(process.pid).padStart(7, '0')}${String(sequence).padStart(44, '0')}`;
      return kinesisStreamRecord(bytesOf(record), partitionKeyOf(record), sequenceNumber, Date.now() / 1000);
    }),
  };
}

function bytesOf(record: object | string | Buffer): Buffer {
  if (Buffer.isBuffer(record)) return record;
  return Buffer.from(typeof record === 'string' ? record : JSON.stringify(record), 'utf8');
}

/** Connect partitions by contact; anything else goes to a key of its own. */
function partitionKeyOf(record: object | string | Buffer): string {
  if (Buffer.isBuffer(record) || typeof record === 'string' || !('ContactId' in record)) return randomUUID();
  return String(record.ContactId);
}
