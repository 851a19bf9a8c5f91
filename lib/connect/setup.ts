/**
 * Wiring an Amazon Connect instance to the deployed stack where CloudFormation cannot, or should not: the
 * claimed phone numbers pointed at the inbound flow (no resource does that), contact records streamed to the
 * stack's Kinesis stream (AWS::Connect::InstanceStorageConfig would fail on an instance that already streams
 * them, and stop the streaming with the stack), and a check that every queue the escalation function may hand
 * a caller to exists.
 *
 * Every step reads the instance first and plans only what is missing; the plan is then applied write by write.
 * A run that fails halfway is finished by running it again: what was done is read back as done.
 */
import { type CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import {
  AssociateInstanceStorageConfigCommand,
  type AssociateInstanceStorageConfigCommandInput,
  AssociatePhoneNumberContactFlowCommand,
  type AssociatePhoneNumberContactFlowCommandInput,
  type ConnectClient,
  type InstanceStorageConfig,
  paginateListFlowAssociations,
  paginateListInstanceStorageConfigs,
  paginateListPhoneNumbersV2,
  paginateListQueues,
} from '@aws-sdk/client-connect';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { allQueues, parseQueueArns } from '#lib/calls/hand-over.ts';

/** A reason the setup cannot go on, worded as what to fix. */
export class ConnectSetupError extends Error {
  override name = 'ConnectSetupError';
}

/**
 * How often a call is tried before the setup gives up. Connect's administrative APIs allow a few requests a
 * second and answer more with ThrottlingException; the SDK's standard strategy retries those with exponential,
 * jittered backoff from 1 s up to 20 s, so six tries wait up to about 30 s for a busy account to calm down.
 */
export const CONNECT_MAX_ATTEMPTS = 6;

/** What the instance is wired to. */
export interface ConnectWiring {
  /** The stack's inbound flow; its ARN names the instance and the region. */
  inboundFlowArn: string;
  /** Claimed numbers to point at the inbound flow: E.164 (`+442071234567`), PhoneNumberId or phone-number ARN. */
  phoneNumbers: string[];
  /** The Kinesis stream for contact records; undefined leaves the instance's data streaming as it is. */
  contactRecordsStreamArn: string | undefined;
  /** Queue name to ARN: QUEUE_ARNS, and the flows' general queue. */
  queues: Record<string, string>;
}

/** A write the setup makes: the command's name and input, and what it is about, for a person. */
export type ConnectWrite =
  | {
      command: 'AssociatePhoneNumberContactFlow';
      input: AssociatePhoneNumberContactFlowCommandInput;
      about: string;
    }
  | {
      command: 'AssociateInstanceStorageConfig';
      input: AssociateInstanceStorageConfigCommandInput;
      about: string;
    };

/** The writes still missing, and what needs a person (a queue that does not exist, a number not claimed). */
export interface ConnectSetupPlan {
  writes: ConnectWrite[];
  problems: string[];
}

export interface InboundFlow {
  region: string;
  instanceId: string;
  flowId: string;
}

const FLOW_ARN =
  /^arn:aws[-a-z]*:connect:(?<region>[a-z0-9-]+):\d{12}:instance\/(?<instanceId>[-a-zA-Z0-9]+)\/contact-flow\/(?<flowId>[-a-zA-Z0-9]+)$/;

/** The instance, region and flow an inbound flow's ARN names. */
export function inboundFlowOf(arn: string): InboundFlow {
  const parts = FLOW_ARN.exec(arn)?.groups;
  if (!parts?.region || !parts.instanceId || !parts.flowId) {
    throw new ConnectSetupError(
      `the inbound flow must be a contact flow's ARN (arn:aws:connect:REGION:ACCOUNT:instance/ID/contact-flow/ID), got "${arn}"`,
    );
  }
  return { region: parts.region, instanceId: parts.instanceId, flowId: parts.flowId };
}

/** Reads the instance and returns what is still to be done, saying on `progress` what already is. */
export async function planConnectSetup(
  connect: ConnectClient,
  wiring: ConnectWiring,
  progress: (line: string) => void,
): Promise<ConnectSetupPlan> {
  const flow = inboundFlowOf(wiring.inboundFlowArn);
  progress(`instance ${flow.instanceId} (${flow.region}), inbound flow ${flow.flowId}`);
  const plan: ConnectSetupPlan = { writes: [], problems: [] };
  await checkQueues(connect, flow, wiring.queues, plan, progress);
  await planPhoneNumbers(connect, flow, wiring.phoneNumbers, plan, progress);
  await planContactRecordStreaming(connect, flow, wiring.contactRecordsStreamArn, plan, progress);
  return plan;
}

/** Makes the plan's writes in order, a progress line each; the first failure stops it, naming the write. */
export async function applyConnectSetup(
  connect: ConnectClient,
  plan: ConnectSetupPlan,
  progress: (line: string) => void,
): Promise<void> {
  for (const write of plan.writes) {
    await call(`${write.command} (${write.about})`, () =>
      write.command === 'AssociatePhoneNumberContactFlow'
        ? connect.send(new AssociatePhoneNumberContactFlowCommand(write.input))
        : connect.send(new AssociateInstanceStorageConfigCommand(write.input)),
    );
    progress(`${write.about}: done`);
  }
}

async function checkQueues(
  connect: ConnectClient,
  flow: InboundFlow,
  queues: Record<string, string>,
  plan: ConnectSetupPlan,
  progress: (line: string) => void,
): Promise<void> {
  const choosable = allQueues();
  const unrouted = choosable.filter((name) => !(name in queues));
  if (unrouted.length > 0) {
    const some = unrouted.slice(0, 3).join(', ');
    progress(
      `queues: ${unrouted.length} of the ${choosable.length} the escalation function may choose have no ARN in QUEUE_ARNS; their callers go to the general queue (${some}${unrouted.length > 3 ? ', …' : ''})`,
    );
  }
  const named = Object.entries(queues);
  if (named.length === 0) {
    progress('queues: none named (QUEUE_ARNS is empty), nothing to check');
    return;
  }
  const existing = await call('ListQueues', async () => {
    const found: { arn: string; name: string }[] = [];
    const pages = paginateListQueues(
      { client: connect },
      { InstanceId: flow.instanceId, QueueTypes: ['STANDARD'] },
    );
    for await (const page of pages) {
      for (const queue of page.QueueSummaryList ?? [])
        found.push({ arn: queue.Arn ?? '', name: queue.Name ?? '' });
    }
    return found;
  });
  const arns = new Set(existing.map((queue) => queue.arn));
  const missing = named.filter(([, arn]) => !arns.has(arn));
  for (const [name, arn] of missing) {
    const sameName = existing.find((queue) => queue.name === name);
    plan.problems.push(
      `queue "${name}": ${arn} is not a queue of instance ${flow.instanceId}; ${
        sameName
          ? `its queue "${name}" is ${sameName.arn}: put that ARN in its place`
          : 'create the queue, or correct its ARN'
      }`,
    );
  }
  progress(`queues: ${named.length - missing.length} of ${named.length} exist in the instance`);
}

async function planPhoneNumbers(
  connect: ConnectClient,
  flow: InboundFlow,
  wanted: string[],
  plan: ConnectSetupPlan,
  progress: (line: string) => void,
): Promise<void> {
  if (wanted.length === 0) {
    progress('phone numbers: none given (--phone-number), none associated');
    return;
  }
  const claimed = await call('ListPhoneNumbersV2', async () => {
    const found: ClaimedNumber[] = [];
    for await (const page of paginateListPhoneNumbersV2(
      { client: connect },
      { InstanceId: flow.instanceId },
    )) {
      for (const number of page.ListPhoneNumbersSummaryList ?? []) {
        if (number.PhoneNumberId && number.PhoneNumberArn && number.PhoneNumber) {
          found.push({ id: number.PhoneNumberId, arn: number.PhoneNumberArn, e164: number.PhoneNumber });
        }
      }
    }
    return found;
  });
  const flowOfNumber = await call('ListFlowAssociations', async () => {
    const found = new Map<string, string>();
    const pages = paginateListFlowAssociations(
      { client: connect },
      { InstanceId: flow.instanceId, ResourceType: 'VOICE_PHONE_NUMBER' },
    );
    for await (const page of pages) {
      for (const association of page.FlowAssociationSummaryList ?? []) {
        if (association.ResourceId && association.FlowId) {
          found.set(lastSegment(association.ResourceId), lastSegment(association.FlowId));
        }
      }
    }
    return found;
  });
  const planned = new Set<string>();
  for (const given of wanted) {
    const number = claimedNumber(given, claimed);
    if (!number) {
      plan.problems.push(
        `phone number ${given} is not claimed by instance ${flow.instanceId}: claim it (Channels, Phone numbers) or give it in E.164, as its PhoneNumberId or its ARN`,
      );
      continue;
    }
    const current = flowOfNumber.get(number.id);
    if (current === flow.flowId) {
      progress(`phone number ${number.e164}: already on the inbound flow`);
    } else if (!planned.has(number.id)) {
      planned.add(number.id);
      plan.writes.push({
        command: 'AssociatePhoneNumberContactFlow',
        input: { InstanceId: flow.instanceId, PhoneNumberId: number.id, ContactFlowId: flow.flowId },
        about: `phone number ${number.e164} to the inbound flow${current ? ` (instead of flow ${current})` : ''}`,
      });
    }
  }
}

async function planContactRecordStreaming(
  connect: ConnectClient,
  flow: InboundFlow,
  streamArn: string | undefined,
  plan: ConnectSetupPlan,
  progress: (line: string) => void,
): Promise<void> {
  if (!streamArn) {
    progress('contact records: no stream given (--stream-arn), data streaming left as it is');
    return;
  }
  const configs = await call('ListInstanceStorageConfigs', async () => {
    const found: InstanceStorageConfig[] = [];
    const pages = paginateListInstanceStorageConfigs(
      { client: connect },
      { InstanceId: flow.instanceId, ResourceType: 'CONTACT_TRACE_RECORDS' },
    );
    for await (const page of pages) found.push(...(page.StorageConfigs ?? []));
    return found;
  });
  if (configs.some((config) => config.KinesisStreamConfig?.StreamArn === streamArn)) {
    progress(`contact records: already streamed to ${streamArn}`);
    return;
  }
  const other = configs[0];
  if (other) {
    // Connect streams contact records to one destination; replacing someone's is theirs to decide.
    plan.problems.push(
      `contact records already go to ${destinationOf(other)} (association ${other.AssociationId}); Connect streams them to one place: point that at ${streamArn} in the instance's Data streaming settings, or remove it, then run this again`,
    );
    return;
  }
  plan.writes.push({
    command: 'AssociateInstanceStorageConfig',
    input: {
      InstanceId: flow.instanceId,
      ResourceType: 'CONTACT_TRACE_RECORDS',
      StorageConfig: { StorageType: 'KINESIS_STREAM', KinesisStreamConfig: { StreamArn: streamArn } },
    },
    about: `contact records to ${streamArn}`,
  });
}

interface ClaimedNumber {
  id: string;
  arn: string;
  e164: string;
}

/** The claimed number a person means: by E.164 (spaces and dashes allowed), by ARN, or by id. */
function claimedNumber(given: string, claimed: ClaimedNumber[]): ClaimedNumber | undefined {
  const text = given.trim();
  if (text.startsWith('+')) {
    const e164 = parsePhoneNumberFromString(text)?.number;
    return claimed.find((number) => number.e164 === e164);
  }
  return claimed.find((number) => number.arn === text || number.id === text);
}

function destinationOf(config: InstanceStorageConfig): string {
  return (
    config.KinesisStreamConfig?.StreamArn ??
    config.KinesisFirehoseConfig?.FirehoseArn ??
    `a destination of type ${config.StorageType}`
  );
}

/** The id at the end of an ARN (`…/contact-flow/ID`), or the id itself: Connect answers with either. */
function lastSegment(arnOrId: string): string {
  return arnOrId.slice(arnOrId.lastIndexOf('/') + 1);
}

/** What to do about the failures a person can fix, by the error's name. */
const HINTS: Record<string, string> = {
  AccessDeniedException: 'the credentials need that permission on the instance',
  CredentialsProviderError:
    'no AWS credentials found: set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY',
  ResourceNotFoundException: 'check the instance in the inbound flow ARN and the region',
  ThrottlingException:
    'Connect still throttled after retries: run this again in a minute, nothing is done twice',
  TooManyRequestsException:
    'Connect still throttled after retries: run this again in a minute, nothing is done twice',
  'Region is missing': "set AWS_REGION to the stack's region",
};

/** Runs one AWS call, turning its failure into one line that names the call and what to fix. */
async function call<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const { name, message } = error as Error;
    const hint = HINTS[name] ?? HINTS[message];
    throw new ConnectSetupError(`${what} failed: ${name}: ${message}${hint ? ` (${hint})` : ''}`, {
      cause: error,
    });
  }
}

/** Stack statuses in which the stack's resources are all in place. */
const READY = ['CREATE_COMPLETE', 'UPDATE_COMPLETE', 'UPDATE_ROLLBACK_COMPLETE', 'IMPORT_COMPLETE'];

/** What a deployed stack says about the wiring; a value the stack does not have is undefined. */
export interface StackWiring {
  inboundFlowArn: string;
  contactRecordsStreamArn: string | undefined;
  queueArns: string | undefined;
  generalQueueArn: string | undefined;
}

/**
 * The wiring of a deployed stack of template.yaml, from its outputs (the inbound flow, the stream it made or was
 * given) and its parameters (the queues).
 */
export async function readStackWiring(
  cloudFormation: CloudFormationClient,
  stackName: string,
): Promise<StackWiring> {
  const described = await call(`DescribeStacks ${stackName}`, () =>
    cloudFormation.send(new DescribeStacksCommand({ StackName: stackName })),
  );
  const stack = described.Stacks?.[0];
  if (!stack) throw new ConnectSetupError(`no stack named ${stackName} in this region`);
  if (!READY.includes(stack.StackStatus ?? '')) {
    throw new ConnectSetupError(
      `stack ${stackName} is ${stack.StackStatus}: wait for it, or fix its deployment`,
    );
  }
  const outputs = new Map((stack.Outputs ?? []).map((o) => [o.OutputKey, o.OutputValue || undefined]));
  const parameters = new Map(
    (stack.Parameters ?? []).map((p) => [p.ParameterKey, p.ParameterValue || undefined]),
  );
  const parameter = (key: string, flag: string): string | undefined => {
    const value = parameters.get(key);
    if (value === '****')
      throw new ConnectSetupError(`stack ${stackName} hides ${key} (NoEcho): pass ${flag}`);
    return value;
  };
  const inboundFlowArn = outputs.get('OrderStatusInboundFlowArn');
  if (!inboundFlowArn) {
    throw new ConnectSetupError(
      `stack ${stackName} has no output OrderStatusInboundFlowArn: deploy template.yaml as it is, or pass --flow-arn`,
    );
  }
  return {
    inboundFlowArn,
    contactRecordsStreamArn: outputs.get('ContactRecordsStreamArnOut'),
    queueArns: parameter('QueueArns', '--queue-arns'),
    generalQueueArn: parameter('GeneralQueueArn', '--general-queue-arn'),
  };
}

/** What the command is told: each value given, or undefined for the stack's. */
export interface GivenWiring {
  inboundFlowArn: string | undefined;
  phoneNumbers: string[];
  contactRecordsStreamArn: string | undefined;
  /** QUEUE_ARNS, as JSON. */
  queueArns: string | undefined;
  generalQueueArn: string | undefined;
}

/** The flows' general queue, as the queue check names it. */
const GENERAL_QUEUE = 'general queue (GeneralQueueArn)';

/** The wiring: what the command is told, and the stack's values for what it is not. */
export function wiringFrom(given: GivenWiring, stack: StackWiring | undefined): ConnectWiring {
  const inboundFlowArn = given.inboundFlowArn ?? stack?.inboundFlowArn;
  if (!inboundFlowArn)
    throw new ConnectSetupError('say which inbound flow: --flow-arn ARN, or --stack-name NAME');
  const queueArns = given.queueArns ?? stack?.queueArns;
  const queues = queueArns
    ? queueArnsFrom(queueArns, given.queueArns ? 'QUEUE_ARNS (--queue-arns)' : 'the stack’s QueueArns')
    : {};
  const generalQueueArn = given.generalQueueArn ?? stack?.generalQueueArn;
  return {
    inboundFlowArn,
    phoneNumbers: given.phoneNumbers,
    contactRecordsStreamArn: given.contactRecordsStreamArn ?? stack?.contactRecordsStreamArn,
    queues: generalQueueArn ? { ...queues, [GENERAL_QUEUE]: generalQueueArn } : queues,
  };
}

/** QUEUE_ARNS read as the escalation function reads it; here an unusable one is the user's to correct. */
function queueArnsFrom(json: string, source: string): Record<string, string> {
  const parsed = parseQueueArns(json);
  if (!parsed || parsed.ignored.length > 0) {
    throw new ConnectSetupError(
      `${source} must be a JSON object of queue name to queue ARN, such as {"PK Deliveries": "arn:aws:connect:…/queue/…"}`,
    );
  }
  return parsed.arns;
}
