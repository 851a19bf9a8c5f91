/** `ivr connect setup`: the instance wired to the stack once, whatever state it starts from and however often. */
import { Readable } from 'node:stream';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import {
  AssociateInstanceStorageConfigCommand,
  AssociatePhoneNumberContactFlowCommand,
  ConnectClient,
  type ConnectClientConfig,
} from '@aws-sdk/client-connect';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { allQueues } from '#lib/calls/hand-over.ts';
import {
  applyConnectSetup,
  CONNECT_MAX_ATTEMPTS,
  ConnectSetupError,
  type ConnectWiring,
  inboundFlowOf,
  planConnectSetup,
  readStackWiring,
  wiringFrom,
} from '#lib/connect/setup.ts';
import {
  type ConnectInstance,
  connectInstance,
  flowArn,
  INBOUND_FLOW_ARN,
  INBOUND_FLOW_ID,
  INSTANCE_ID,
  queueArn,
  REGION,
  STREAM_ARN,
  serveInstance,
} from '#test/factories/connect-instance.ts';

const connect = new ConnectClient({ region: REGION });
const connectMock = mockClient(connect);
const cloudFormation = new CloudFormationClient({ region: REGION });
const cloudFormationMock = mockClient(cloudFormation);
beforeEach(() => {
  connectMock.reset();
  cloudFormationMock.reset();
});

const PK_LINE = { id: 'a0000000-0000-4000-8000-000000000092', e164: '+922111222333' };
const UK_LINE = { id: 'b0000000-0000-4000-8000-000000000044', e164: '+442071234567' };
const AE_LINE = { id: 'c0000000-0000-4000-8000-000000000971', e164: '+97142000000' };
const QUEUES = [
  { id: 'q-pk-deliveries', name: 'PK Deliveries' },
  { id: 'q-pk-returns', name: 'PK Returns' },
  { id: 'q-gb-general', name: 'GB General' },
  { id: 'q-general', name: 'General' },
  { id: 'q-other', name: 'Somebody else’s queue' },
];

/** The stack's wiring for the PK and UK lines, with every queue of QUEUE_ARNS in the instance. */
function wiring(overrides: Partial<ConnectWiring> = {}): ConnectWiring {
  return {
    inboundFlowArn: INBOUND_FLOW_ARN,
    phoneNumbers: [PK_LINE.e164, UK_LINE.e164],
    contactRecordsStreamArn: STREAM_ARN,
    queues: {
      'PK Deliveries': queueArn('q-pk-deliveries'),
      'PK Returns': queueArn('q-pk-returns'),
      'GB General': queueArn('q-gb-general'),
      'general queue (GeneralQueueArn)': queueArn('q-general'),
    },
    ...overrides,
  };
}

/** A fresh instance: three claimed numbers on no flow, the queues, no data streaming; lists in pages of two. */
function freshInstance(): ConnectInstance {
  const instance = connectInstance({ queues: QUEUES, numbers: [PK_LINE, UK_LINE, AE_LINE] });
  serveInstance(connectMock, instance);
  return instance;
}

/** One whole run, as the command makes it: plan, then apply; returns its progress lines and problems. */
async function setUp(wanted: ConnectWiring = wiring()) {
  const lines: string[] = [];
  const plan = await planConnectSetup(connect, wanted, (line) => lines.push(line));
  await applyConnectSetup(connect, plan, (line) => lines.push(line));
  return { lines, plan };
}

describe('ivr connect setup', () => {
  it('points the numbers at the inbound flow and streams contact records to the stack, on a fresh instance', async () => {
    const instance = freshInstance();

    const { lines, plan } = await setUp();

    expect(plan.problems).toEqual([]);
    expect(
      connectMock.commandCalls(AssociatePhoneNumberContactFlowCommand).map((c) => c.args[0].input),
    ).toEqual([
      { InstanceId: INSTANCE_ID, PhoneNumberId: PK_LINE.id, ContactFlowId: INBOUND_FLOW_ID },
      { InstanceId: INSTANCE_ID, PhoneNumberId: UK_LINE.id, ContactFlowId: INBOUND_FLOW_ID },
    ]);
    expect(
      connectMock.commandCalls(AssociateInstanceStorageConfigCommand).map((c) => c.args[0].input),
    ).toEqual([
      {
        InstanceId: INSTANCE_ID,
        ResourceType: 'CONTACT_TRACE_RECORDS',
        StorageConfig: { StorageType: 'KINESIS_STREAM', KinesisStreamConfig: { StreamArn: STREAM_ARN } },
      },
    ]);
    expect(instance.state.flowOfNumber).toEqual(
      new Map([
        [PK_LINE.id, INBOUND_FLOW_ID],
        [UK_LINE.id, INBOUND_FLOW_ID],
      ]),
    );
    expect(lines).toEqual([
      `instance ${INSTANCE_ID} (${REGION}), inbound flow ${INBOUND_FLOW_ID}`,
      expect.stringMatching(
        /^queues: \d+ of the \d+ the escalation function may choose have no ARN in QUEUE_ARNS/,
      ),
      'queues: 4 of 4 exist in the instance',
      'phone number +922111222333 to the inbound flow: done',
      'phone number +442071234567 to the inbound flow: done',
      `contact records to ${STREAM_ARN}: done`,
    ]);
  });

  it('changes nothing when run again on the instance it wired', async () => {
    const instance = freshInstance();
    await setUp();
    const writesAfterFirstRun = [...instance.writes];

    const { lines, plan } = await setUp();

    expect(plan.writes).toEqual([]);
    expect(instance.writes).toEqual(writesAfterFirstRun);
    expect(lines.slice(3)).toEqual([
      'phone number +922111222333: already on the inbound flow',
      'phone number +442071234567: already on the inbound flow',
      `contact records: already streamed to ${STREAM_ARN}`,
    ]);
  });

  it('plans the calls without making any write in a dry run', async () => {
    const instance = freshInstance();
    const lines: string[] = [];

    const plan = await planConnectSetup(connect, wiring(), (line) => lines.push(line));

    expect(plan.writes.map((write) => write.command)).toEqual([
      'AssociatePhoneNumberContactFlow',
      'AssociatePhoneNumberContactFlow',
      'AssociateInstanceStorageConfig',
    ]);
    expect(instance.writes).toEqual([]);
    expect(connectMock.commandCalls(AssociatePhoneNumberContactFlowCommand)).toEqual([]);
    expect(connectMock.commandCalls(AssociateInstanceStorageConfigCommand)).toEqual([]);
  });

  it('finishes the job on a second run after a failure in the middle, making each association once', async () => {
    const instance = freshInstance();
    let failNext = true;
    connectMock.on(AssociatePhoneNumberContactFlowCommand).callsFake(async (input) => {
      if (input.PhoneNumberId === UK_LINE.id && failNext) {
        failNext = false;
        throw Object.assign(new Error('Internal service error'), { name: 'InternalServiceException' });
      }
      return instance.handle('AssociatePhoneNumberContactFlow', input);
    });

    const failed = setUp();

    await expect(failed).rejects.toThrow(ConnectSetupError);
    await expect(failed).rejects.toThrow(
      'AssociatePhoneNumberContactFlow (phone number +442071234567 to the inbound flow) failed: InternalServiceException: Internal service error',
    );
    expect(instance.writes).toEqual([`AssociatePhoneNumberContactFlow ${PK_LINE.id}`]);

    const { plan } = await setUp();

    expect(plan.writes.map((write) => write.about)).toEqual([
      'phone number +442071234567 to the inbound flow',
      `contact records to ${STREAM_ARN}`,
    ]);
    expect(instance.writes).toEqual([
      `AssociatePhoneNumberContactFlow ${PK_LINE.id}`,
      `AssociatePhoneNumberContactFlow ${UK_LINE.id}`,
      `AssociateInstanceStorageConfig ${STREAM_ARN}`,
    ]);
  });

  it('reports every queue of QUEUE_ARNS the instance does not have, and the ARN of a queue of that name', async () => {
    freshInstance();

    const { plan, lines } = await setUp(
      wiring({
        queues: {
          'PK Deliveries': queueArn('q-pk-deliveries'),
          'PK Returns': queueArn('q-deleted'),
          'AE General': queueArn('q-never-made'),
        },
      }),
    );

    expect(lines).toContain('queues: 1 of 3 exist in the instance');
    expect(plan.problems).toEqual([
      `queue "PK Returns": ${queueArn('q-deleted')} is not a queue of instance ${INSTANCE_ID}; its queue "PK Returns" is ${queueArn('q-pk-returns')}: put that ARN in its place`,
      `queue "AE General": ${queueArn('q-never-made')} is not a queue of instance ${INSTANCE_ID}; create the queue, or correct its ARN`,
    ]);
  });

  it('says which queues the escalation function may choose send their callers to the general queue', async () => {
    freshInstance();
    const everyQueueButOne = Object.fromEntries(
      allQueues()
        .filter((name) => name !== 'PK Returns (hi-IN)')
        .map((name) => [name, queueArn('q-pk-deliveries')]),
    );

    const { lines } = await setUp(wiring({ queues: everyQueueButOne }));

    expect(lines).toContain(
      `queues: 1 of the ${allQueues().length} the escalation function may choose have no ARN in QUEUE_ARNS; their callers go to the general queue (PK Returns (hi-IN))`,
    );
  });

  it('finds a number given in E.164 with spaces, by its id or by its ARN, and associates it once', async () => {
    const instance = freshInstance();

    await setUp(
      wiring({
        phoneNumbers: [
          '+44 20 7123 4567',
          UK_LINE.id,
          `arn:aws:connect:${REGION}:123456789012:phone-number/${UK_LINE.id}`,
        ],
      }),
    );

    expect(instance.writes.filter((write) => write.startsWith('AssociatePhoneNumberContactFlow'))).toEqual([
      `AssociatePhoneNumberContactFlow ${UK_LINE.id}`,
    ]);
  });

  it('moves a number from another flow to the inbound flow, saying which it was on', async () => {
    const instance = connectInstance({
      queues: QUEUES,
      numbers: [PK_LINE],
      flowOfNumber: new Map([[PK_LINE.id, 'old-flow']]),
    });
    serveInstance(connectMock, instance);

    const { lines } = await setUp(wiring({ phoneNumbers: [PK_LINE.e164] }));

    expect(lines).toContain(
      'phone number +922111222333 to the inbound flow (instead of flow old-flow): done',
    );
    expect(instance.state.flowOfNumber.get(PK_LINE.id)).toBe(INBOUND_FLOW_ID);
  });

  it('reports a number the instance has not claimed, and still wires the others', async () => {
    const instance = freshInstance();

    const { plan } = await setUp(wiring({ phoneNumbers: ['+923009999999', PK_LINE.e164] }));

    expect(plan.problems).toEqual([
      `phone number +923009999999 is not claimed by instance ${INSTANCE_ID}: claim it (Channels, Phone numbers) or give it in E.164, as its PhoneNumberId or its ARN`,
    ]);
    expect(instance.state.flowOfNumber.get(PK_LINE.id)).toBe(INBOUND_FLOW_ID);
  });

  it('leaves contact records streaming elsewhere alone and says how to change it', async () => {
    const elsewhere = 'arn:aws:firehose:eu-west-2:123456789012:deliverystream/analytics';
    const instance = connectInstance({
      queues: QUEUES,
      numbers: [PK_LINE],
      contactRecordStorage: [
        {
          AssociationId: 'existing',
          StorageType: 'KINESIS_FIREHOSE',
          KinesisFirehoseConfig: { FirehoseArn: elsewhere },
        },
      ],
    });
    serveInstance(connectMock, instance);

    const { plan } = await setUp(wiring({ phoneNumbers: [PK_LINE.e164] }));

    expect(plan.writes.map((write) => write.command)).not.toContain('AssociateInstanceStorageConfig');
    expect(plan.problems).toEqual([
      `contact records already go to ${elsewhere} (association existing); Connect streams them to one place: point that at ${STREAM_ARN} in the instance's Data streaming settings, or remove it, then run this again`,
    ]);
  });

  it('leaves out the steps it is given nothing for', async () => {
    const instance = freshInstance();

    const { lines, plan } = await setUp(
      wiring({ phoneNumbers: [], contactRecordsStreamArn: undefined, queues: {} }),
    );

    expect(plan).toEqual({ writes: [], problems: [] });
    expect(instance.writes).toEqual([]);
    expect(lines.slice(2)).toEqual([
      'queues: none named (QUEUE_ARNS is empty), nothing to check',
      'phone numbers: none given (--phone-number), none associated',
      'contact records: no stream given (--stream-arn), data streaming left as it is',
    ]);
  });

  it('names the call and what to fix when the instance is not there', async () => {
    freshInstance();
    const elsewhere = `arn:aws:connect:${REGION}:123456789012:instance/99999999-0000-4000-8000-000000000000/contact-flow/x`;

    await expect(setUp(wiring({ inboundFlowArn: elsewhere }))).rejects.toThrow(
      'ListQueues failed: ResourceNotFoundException: Instance 99999999-0000-4000-8000-000000000000 not found (check the instance in the inbound flow ARN and the region)',
    );
  });
});

/** Connect's HTTP answers, in order, at the SDK's network edge: the client's own retry strategy runs. */
function network(answers: { status: number; body: object; errorType?: string }[]) {
  const requests: string[] = [];
  const requestHandler: ConnectClientConfig['requestHandler'] = {
    handle: async (request: { method: string; path: string }) => {
      requests.push(`${request.method} ${request.path}`);
      const answer = answers.shift();
      if (!answer) throw new Error('no more answers');
      return {
        response: {
          statusCode: answer.status,
          headers: {
            'content-type': 'application/json',
            ...(answer.errorType ? { 'x-amzn-errortype': answer.errorType } : {}),
          },
          body: Readable.from([Buffer.from(JSON.stringify(answer.body))]),
        },
      };
    },
  } as ConnectClientConfig['requestHandler'];
  return { requests, requestHandler };
}

describe('ivr connect setup under throttling', () => {
  // The SDK waits a jittered second or more between tries; the test lets that time pass at once.
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout'] }));
  afterEach(() => vi.useRealTimers());

  const THROTTLED = { status: 429, errorType: 'ThrottlingException', body: { Message: 'Rate exceeded' } };
  const TOO_MANY = {
    status: 429,
    errorType: 'TooManyRequestsException',
    body: { Message: 'Too many requests' },
  };
  const QUEUES_PAGE = {
    status: 200,
    body: { QueueSummaryList: [{ Id: 'q-general', Arn: queueArn('q-general'), Name: 'General' }] },
  };

  /** The queue check alone, through a client configured as the command configures it. */
  async function checkQueuesThrough(requestHandler: ConnectClientConfig['requestHandler']) {
    const throttled = new ConnectClient({
      region: REGION,
      maxAttempts: CONNECT_MAX_ATTEMPTS,
      requestHandler,
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    });
    const lines: string[] = [];
    const planned = planConnectSetup(
      throttled,
      wiring({
        phoneNumbers: [],
        contactRecordsStreamArn: undefined,
        queues: { General: queueArn('q-general') },
      }),
      (line) => lines.push(line),
    );
    planned.catch(() => {});
    await vi.runAllTimersAsync();
    return { plan: await planned, lines };
  }

  it('retries ThrottlingException and TooManyRequestsException with backoff until Connect answers', async () => {
    const answers = [THROTTLED, TOO_MANY, THROTTLED, TOO_MANY, QUEUES_PAGE];
    const { requests, requestHandler } = network(answers);

    const { plan, lines } = await checkQueuesThrough(requestHandler);

    expect(requests).toEqual(Array(5).fill(`GET /queues-summary/${INSTANCE_ID}`));
    expect(plan.problems).toEqual([]);
    expect(lines).toContain('queues: 1 of 1 exist in the instance');
  });

  it('gives up after CONNECT_MAX_ATTEMPTS tries, saying to run it again', async () => {
    const { requests, requestHandler } = network(Array(10).fill(THROTTLED));

    await expect(checkQueuesThrough(requestHandler)).rejects.toThrow(
      'ListQueues failed: ThrottlingException: Rate exceeded (Connect still throttled after retries: run this again in a minute, nothing is done twice)',
    );
    expect(requests).toHaveLength(CONNECT_MAX_ATTEMPTS);
  });
});

describe('the stack wiring', () => {
  const STACK = 'order-status-ivr';

  /** A deployed stack of template.yaml with these parameters and outputs. */
  function stackWith(parameters: Record<string, string>, outputs: Record<string, string>) {
    cloudFormationMock.on(DescribeStacksCommand, { StackName: STACK }).resolves({
      Stacks: [
        {
          StackName: STACK,
          StackStatus: 'UPDATE_COMPLETE',
          CreationTime: new Date(),
          Parameters: Object.entries(parameters).map(([ParameterKey, ParameterValue]) => ({
            ParameterKey,
            ParameterValue,
          })),
          Outputs: Object.entries(outputs).map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue })),
        },
      ],
    });
  }

  it('reads the inbound flow and the stream the stack made from its outputs, the queues from its parameters', async () => {
    stackWith(
      {
        ContactRecordsStreamArn: '',
        QueueArns: '{"General":"arn:q"}',
        GeneralQueueArn: queueArn('q-general'),
      },
      { OrderStatusInboundFlowArn: INBOUND_FLOW_ARN, ContactRecordsStreamArnOut: STREAM_ARN },
    );

    const stack = await readStackWiring(cloudFormation, STACK);

    expect(stack).toEqual({
      inboundFlowArn: INBOUND_FLOW_ARN,
      contactRecordsStreamArn: STREAM_ARN,
      queueArns: '{"General":"arn:q"}',
      generalQueueArn: queueArn('q-general'),
    });
  });

  it('says to pass --flow-arn when the stack has no inbound flow output', async () => {
    stackWith({ QueueArns: '{}' }, {});

    await expect(readStackWiring(cloudFormation, STACK)).rejects.toThrow(
      'stack order-status-ivr has no output OrderStatusInboundFlowArn: deploy template.yaml as it is, or pass --flow-arn',
    );
  });

  it('refuses a stack that is not deployed', async () => {
    cloudFormationMock.on(DescribeStacksCommand).resolves({
      Stacks: [{ StackName: STACK, StackStatus: 'ROLLBACK_COMPLETE', CreationTime: new Date() }],
    });

    await expect(readStackWiring(cloudFormation, STACK)).rejects.toThrow(
      'stack order-status-ivr is ROLLBACK_COMPLETE: wait for it, or fix its deployment',
    );
  });
});

describe('what the command is given', () => {
  it('reads the instance and region from the inbound flow ARN', () => {
    expect(inboundFlowOf(flowArn('abc'))).toEqual({ region: REGION, instanceId: INSTANCE_ID, flowId: 'abc' });
  });

  it('refuses an ARN that is not a contact flow', () => {
    expect(() => inboundFlowOf(queueArn('q-general'))).toThrow(/must be a contact flow's ARN/);
  });

  const NOTHING_GIVEN = {
    inboundFlowArn: undefined,
    phoneNumbers: [],
    contactRecordsStreamArn: undefined,
    queueArns: undefined,
    generalQueueArn: undefined,
  };
  const STACK = {
    inboundFlowArn: INBOUND_FLOW_ARN,
    contactRecordsStreamArn: STREAM_ARN,
    queueArns: JSON.stringify({ 'PK Deliveries': queueArn('q-pk-deliveries') }),
    generalQueueArn: queueArn('q-general'),
  };

  it('takes the stack’s values for what it is not told, with the general queue among the queues to check', () => {
    expect(wiringFrom({ ...NOTHING_GIVEN, phoneNumbers: [PK_LINE.e164] }, STACK)).toEqual({
      inboundFlowArn: INBOUND_FLOW_ARN,
      phoneNumbers: [PK_LINE.e164],
      contactRecordsStreamArn: STREAM_ARN,
      queues: {
        'PK Deliveries': queueArn('q-pk-deliveries'),
        'general queue (GeneralQueueArn)': queueArn('q-general'),
      },
    });
  });

  it('prefers what it is told to the stack’s values', () => {
    const given = {
      inboundFlowArn: flowArn('other-flow'),
      phoneNumbers: [],
      contactRecordsStreamArn: 'arn:aws:kinesis:eu-west-2:123456789012:stream/other',
      queueArns: '{}',
      generalQueueArn: queueArn('q-other'),
    };

    expect(wiringFrom(given, STACK)).toEqual({
      inboundFlowArn: flowArn('other-flow'),
      phoneNumbers: [],
      contactRecordsStreamArn: 'arn:aws:kinesis:eu-west-2:123456789012:stream/other',
      queues: { 'general queue (GeneralQueueArn)': queueArn('q-other') },
    });
  });

  it('asks for the inbound flow when neither a flag nor a stack names it', () => {
    expect(() => wiringFrom(NOTHING_GIVEN, undefined)).toThrow(
      'say which inbound flow: --flow-arn ARN, or --stack-name NAME',
    );
  });

  it('reads QUEUE_ARNS as the escalation function does, and names it when it is not a JSON object', () => {
    const withQueues = (queueArns: string) => wiringFrom({ ...NOTHING_GIVEN, queueArns }, STACK).queues;

    expect(withQueues('{"PK Deliveries":"arn:x"}')).toEqual({
      'PK Deliveries': 'arn:x',
      'general queue (GeneralQueueArn)': queueArn('q-general'),
    });
    expect(() => withQueues('["arn:x"]')).toThrow(
      /^QUEUE_ARNS \(--queue-arns\) must be a JSON object of queue name to queue ARN/,
    );
  });
});
