/**
 * An Amazon Connect instance for tests of `ivr connect setup`: its queues, claimed numbers, flow associations
 * and contact-record storage, answered as Connect answers the calls the setup makes (lists in pages, flow
 * associations by ARN), and changed by the writes, which it logs. Tests serve it through aws-sdk-client-mock
 * or over HTTP, at the SDK's network edge.
 */
import {
  AssociateInstanceStorageConfigCommand,
  type AssociateInstanceStorageConfigCommandInput,
  AssociatePhoneNumberContactFlowCommand,
  type AssociatePhoneNumberContactFlowCommandInput,
  type ConnectClient,
  type InstanceStorageConfig,
  ListFlowAssociationsCommand,
  ListInstanceStorageConfigsCommand,
  ListPhoneNumbersV2Command,
  ListQueuesCommand,
} from '@aws-sdk/client-connect';
import type { AwsClientStub } from 'aws-sdk-client-mock';

export const REGION = 'eu-west-2';
export const ACCOUNT = '123456789012';
export const INSTANCE_ID = '11111111-2222-4333-8444-555555555555';
export const INSTANCE_ARN = `arn:aws:connect:${REGION}:${ACCOUNT}:instance/${INSTANCE_ID}`;
export const INBOUND_FLOW_ID = 'f1000000-0000-4000-8000-000000000001';
export const INBOUND_FLOW_ARN = `${INSTANCE_ARN}/contact-flow/${INBOUND_FLOW_ID}`;
export const STREAM_ARN = `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/ivr-contact-records`;

export const queueArn = (id: string) => `${INSTANCE_ARN}/queue/${id}`;
export const flowArn = (id: string) => `${INSTANCE_ARN}/contact-flow/${id}`;
export const phoneNumberArn = (id: string) => `arn:aws:connect:${REGION}:${ACCOUNT}:phone-number/${id}`;

export interface Queue {
  id: string;
  name: string;
}

export interface ClaimedNumber {
  id: string;
  e164: string;
}

export interface InstanceState {
  queues: Queue[];
  numbers: ClaimedNumber[];
  /** Phone number id to the id of the flow it is associated with. */
  flowOfNumber: Map<string, string>;
  contactRecordStorage: InstanceStorageConfig[];
}

/** Connect's operations the setup uses, by name. */
export type Operation =
  | 'ListQueues'
  | 'ListPhoneNumbersV2'
  | 'ListFlowAssociations'
  | 'ListInstanceStorageConfigs'
  | 'AssociatePhoneNumberContactFlow'
  | 'AssociateInstanceStorageConfig';

/** An instance with the given state (nothing unless given), answering lists `pageSize` items a page. */
export function connectInstance(state: Partial<InstanceState> = {}, pageSize = 2) {
  const instance: InstanceState = {
    queues: state.queues ?? [],
    numbers: state.numbers ?? [],
    flowOfNumber: state.flowOfNumber ?? new Map(),
    contactRecordStorage: state.contactRecordStorage ?? [],
  };
  /** Every write that changed the instance, as `Operation target`. */
  const writes: string[] = [];

  function page<T>(items: T[], nextToken: string | undefined) {
    const start = Number(nextToken ?? 0);
    const end = start + pageSize;
    return { items: items.slice(start, end), NextToken: end < items.length ? String(end) : undefined };
  }

  function ownInstance(instanceId: string | undefined): void {
    if (instanceId !== INSTANCE_ID) {
      throw Object.assign(new Error(`Instance ${instanceId} not found`), {
        name: 'ResourceNotFoundException',
      });
    }
  }

  // biome-ignore lint/suspicious/noExplicitAny: each operation reads its own input, as Connect does.
  function handle(operation: Operation, input: any): object {
    ownInstance(input.InstanceId);
    switch (operation) {
      case 'ListQueues': {
        const { items, NextToken } = page(instance.queues, input.NextToken);
        const QueueSummaryList = items.map((q) => ({
          Id: q.id,
          Arn: queueArn(q.id),
          Name: q.name,
          QueueType: 'STANDARD',
        }));
        return { QueueSummaryList, NextToken };
      }
      case 'ListPhoneNumbersV2': {
        const { items, NextToken } = page(instance.numbers, input.NextToken);
        const ListPhoneNumbersSummaryList = items.map((n) => ({
          PhoneNumberId: n.id,
          PhoneNumberArn: phoneNumberArn(n.id),
          PhoneNumber: n.e164,
          PhoneNumberType: 'DID',
          TargetArn: INSTANCE_ARN,
          InstanceId: INSTANCE_ID,
        }));
        return { ListPhoneNumbersSummaryList, NextToken };
      }
      case 'ListFlowAssociations': {
        const { items, NextToken } = page([...instance.flowOfNumber], input.NextToken);
        const FlowAssociationSummaryList = items.map(([numberId, flowId]) => ({
          ResourceId: phoneNumberArn(numberId),
          FlowId: flowArn(flowId),
          ResourceType: 'VOICE_PHONE_NUMBER',
        }));
        return { FlowAssociationSummaryList, NextToken };
      }
      case 'ListInstanceStorageConfigs': {
        const { items, NextToken } = page(instance.contactRecordStorage, input.NextToken);
        return { StorageConfigs: items, NextToken };
      }
      case 'AssociatePhoneNumberContactFlow': {
        const { PhoneNumberId, ContactFlowId } = input as AssociatePhoneNumberContactFlowCommandInput;
        if (!instance.numbers.some((n) => n.id === PhoneNumberId)) {
          throw Object.assign(new Error('Phone number not found'), { name: 'ResourceNotFoundException' });
        }
        instance.flowOfNumber.set(PhoneNumberId ?? '', ContactFlowId ?? '');
        writes.push(`${operation} ${PhoneNumberId}`);
        return {};
      }
      case 'AssociateInstanceStorageConfig': {
        const { StorageConfig } = input as AssociateInstanceStorageConfigCommandInput;
        const AssociationId = `association-${instance.contactRecordStorage.length + 1}`;
        instance.contactRecordStorage.push({ ...StorageConfig, AssociationId } as InstanceStorageConfig);
        writes.push(`${operation} ${StorageConfig?.KinesisStreamConfig?.StreamArn}`);
        return { AssociationId };
      }
    }
  }

  return { state: instance, writes, handle };
}

export type ConnectInstance = ReturnType<typeof connectInstance>;

/** Answers the mocked client's calls from the instance. */
export function serveInstance(mock: AwsClientStub<ConnectClient>, instance: ConnectInstance): void {
  mock.on(ListQueuesCommand).callsFake(async (input) => instance.handle('ListQueues', input));
  mock.on(ListPhoneNumbersV2Command).callsFake(async (input) => instance.handle('ListPhoneNumbersV2', input));
  mock
    .on(ListFlowAssociationsCommand)
    .callsFake(async (input) => instance.handle('ListFlowAssociations', input));
  mock
    .on(ListInstanceStorageConfigsCommand)
    .callsFake(async (input) => instance.handle('ListInstanceStorageConfigs', input));
  mock
    .on(AssociatePhoneNumberContactFlowCommand)
    .callsFake(async (input) => instance.handle('AssociatePhoneNumberContactFlow', input));
  mock
    .on(AssociateInstanceStorageConfigCommand)
    .callsFake(async (input) => instance.handle('AssociateInstanceStorageConfig', input));
}
