/**
 * The contact record Connect would stream for a simulated call (reference §5.2): the same fields, PascalCase,
 * timestamps in whole seconds of UTC, durations in whole seconds. The call's simulated seconds are laid on the
 * real clock from the moment it started.
 */
import { type EndedCall, INSTANCE_ARN } from '#simulator/model.ts';

/** The account id of records the simulator makes: no real account has it. */
const SIMULATED_ACCOUNT = '000000000000';
const SIMULATED_AGENT = { username: 'simulated-agent', id: '00000000-0000-4000-8000-00000000a9e7' };

export function contactRecord(call: EndedCall) {
  const at = (seconds: number) => timestamp(new Date(call.startedAt.getTime() + seconds * 1000));
  const { contact, timeline } = call;
  const queueArn = contact.queue?.arn ?? null;
  const wholeSeconds = (from: number, to: number) => Math.round(to - from);
  return {
    AWSAccountId: SIMULATED_ACCOUNT,
    AWSContactTraceRecordFormatVersion: '2017-03-10',
    Agent:
      timeline.agentAt === null || timeline.agentLeftAt === null
        ? null
        : {
            ARN: `${INSTANCE_ARN}/agent/${SIMULATED_AGENT.id}`,
            Username: SIMULATED_AGENT.username,
            ConnectedToAgentTimestamp: at(timeline.agentAt),
            AgentInteractionDuration: wholeSeconds(timeline.agentAt, timeline.agentLeftAt),
            CustomerHoldDuration: 0,
            LongestHoldDuration: 0,
            NumberOfHolds: 0,
            AfterContactWorkStartTimestamp: at(timeline.agentLeftAt),
            AfterContactWorkEndTimestamp: at(timeline.agentLeftAt),
            AfterContactWorkDuration: 0,
            RoutingProfile: null,
            HierarchyGroups: null,
          },
    AgentConnectionAttempts: timeline.agentAt === null ? 0 : 1,
    Attributes: { ...contact.attributes },
    Channel: 'VOICE',
    ConnectedToSystemTimestamp: at(0),
    ContactId: contact.contactId,
    CustomerEndpoint: contact.callerNumber
      ? { Address: contact.callerNumber, Type: 'TELEPHONE_NUMBER' }
      : null,
    DisconnectReason: DISCONNECT_REASONS[call.endedBy],
    DisconnectTimestamp: at(timeline.endedAt),
    InitialContactId: null,
    InitiationMethod: 'INBOUND',
    InitiationTimestamp: at(0),
    InstanceARN: INSTANCE_ARN,
    LastUpdateTimestamp: at(timeline.endedAt),
    MediaStreams: [{ Type: 'AUDIO' }],
    NextContactId: null,
    PreviousContactId: null,
    Queue:
      timeline.queuedAt === null || !queueArn
        ? null
        : {
            ARN: queueArn,
            Name: contact.queue?.name ?? null,
            EnqueueTimestamp: at(timeline.queuedAt),
            DequeueTimestamp: at(timeline.agentAt ?? timeline.endedAt),
            Duration: wholeSeconds(timeline.queuedAt, timeline.agentAt ?? timeline.endedAt),
          },
    Recording: null,
    Recordings: [],
    References: [],
    SystemEndpoint: { Address: contact.dialledNumber, Type: 'TELEPHONE_NUMBER' },
    TransferCompletedTimestamp: null,
    TransferredToEndpoint: null,
  };
}

export type StreamedContactRecord = ReturnType<typeof contactRecord>;

const DISCONNECT_REASONS: Record<EndedCall['endedBy'], string> = {
  caller: 'CUSTOMER_DISCONNECT',
  flow: 'CONTACT_FLOW_DISCONNECT',
  agent: 'AGENT_DISCONNECT',
  error: 'OTHER',
};

/**
 * The Kinesis event in which Connect's data streaming would deliver `record` to the contact-records function
 * (reference §5.1): one stream record whose data is the record's JSON in base64.
 */
export function kinesisEventOf(record: StreamedContactRecord) {
  const arrival = Date.parse(record.LastUpdateTimestamp) / 1000;
  const data = Buffer.from(JSON.stringify(record), 'utf8');
  return { Records: [kinesisStreamRecord(data, record.ContactId, `${Math.round(arrival)}`, arrival)] };
}

/** One record of a Kinesis event as Lambda receives it, holding `data`. */
export function kinesisStreamRecord(
  data: Buffer,
  partitionKey: string,
  sequenceNumber: string,
  arrival: number,
) {
  return {
    kinesis: {
      kinesisSchemaVersion: '1.0',
      partitionKey,
      sequenceNumber,
      data: data.toString('base64'),
      approximateArrivalTimestamp: arrival,
    },
    eventSource: 'aws:kinesis',
    eventVersion: '1.0',
    eventID: `shardId-000000000000:${sequenceNumber}`,
    eventName: 'aws:kinesis:record',
    invokeIdentityArn: 'arn:aws:iam::000000000000:role/contact-records',
    awsRegion: 'eu-west-2',
    eventSourceARN: 'arn:aws:kinesis:eu-west-2:000000000000:stream/connect-contact-records',
  };
}

/** `yyyy-mm-ddThh:mm:ssZ`, as contact records write time. */
function timestamp(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}
