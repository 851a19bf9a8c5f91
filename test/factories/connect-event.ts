/** Connect events and Lambda contexts for tests, shaped as Connect sends them (reference §1.2). */
import type { Context } from 'aws-lambda';

export interface ConnectEventOptions {
  /** The caller's number; undefined leaves CustomerEndpoint out, as for a call with no caller ID. */
  from?: string | undefined;
  to?: string;
  params?: Record<string, string>;
  attributes?: Record<string, string>;
  contactId?: string;
}

let contacts = 0;

export function connectEvent(options: ConnectEventOptions = {}): unknown {
  contacts += 1;
  const contactId = options.contactId ?? `00000000-0000-4000-8000-${String(contacts).padStart(12, '0')}`;
  return {
    Name: 'ContactFlowEvent',
    Details: {
      ContactData: {
        Attributes: options.attributes ?? {},
        Channel: 'VOICE',
        ContactId: contactId,
        InitialContactId: contactId,
        PreviousContactId: contactId,
        InitiationMethod: 'INBOUND',
        InstanceARN: 'arn:aws:connect:eu-west-2:123456789012:instance/11111111-2222-3333-4444-555555555555',
        LanguageCode: 'en-US',
        MediaStreams: { Customer: { Audio: null } },
        Queue: null,
        SystemEndpoint: { Address: options.to ?? '+922111000000', Type: 'TELEPHONE_NUMBER' },
        ...(options.from === undefined
          ? {}
          : { CustomerEndpoint: { Address: options.from, Type: 'TELEPHONE_NUMBER' } }),
      },
      Parameters: options.params ?? {},
    },
  };
}

export function fakeLambdaContext({ remainingMs = 8000 }: { remainingMs?: number } = {}): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'order-status',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-2:123456789012:function:order-status',
    memoryLimitInMB: '512',
    awsRequestId: 'test-request',
    logGroupName: '/aws/lambda/order-status',
    logStreamName: 'test',
    getRemainingTimeInMillis: () => remainingMs,
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}
