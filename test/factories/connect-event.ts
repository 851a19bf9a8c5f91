/** Connect events and Lambda contexts for tests, shaped as Connect sends them (reference §1.2). */
import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { lambdaContext } from '#simulator/lambda.ts';

export interface ConnectEventOptions {
  /**
   * The caller's number, as CustomerEndpoint.Address. Left out or undefined: the event has no
   * CustomerEndpoint; null: CustomerEndpoint is null; '': an endpoint with an empty address.
   */
  from?: string | null | undefined;
  /** The number dialled: the Pakistan line unless given. */
  to?: string;
  /** The block's function input parameters. */
  params?: Record<string, string>;
  /** The contact attributes set so far. */
  attributes?: Record<string, string>;
  /** A fresh UUID unless given. */
  contactId?: string;
}

/** A whole InvokeLambdaFunction event of an inbound call, with what the test cares about set. */
export function connectEvent(options: ConnectEventOptions = {}) {
  const contactId = options.contactId ?? randomUUID();
  return {
    Name: 'ContactFlowEvent',
    Details: {
      ContactData: {
        Attributes: options.attributes ?? {},
        Channel: 'VOICE',
        ContactId: contactId,
        ...customerEndpoint(options.from),
        InitialContactId: contactId,
        InitiationMethod: 'INBOUND',
        InstanceARN: 'arn:aws:connect:eu-west-2:123456789012:instance/11111111-2222-3333-4444-555555555555',
        LanguageCode: 'en-US',
        MediaStreams: { Customer: { Audio: null } },
        PreviousContactId: contactId,
        Queue: null,
        SegmentAttributes: { 'connect:Subtype': { ValueString: 'connect:Telephony' } },
        SystemEndpoint: { Address: options.to ?? '+922111000000', Type: 'TELEPHONE_NUMBER' },
      },
      Parameters: options.params ?? {},
    },
  };
}

function customerEndpoint(from: string | null | undefined) {
  if (from === undefined) return {};
  return { CustomerEndpoint: from === null ? null : { Address: from, Type: 'TELEPHONE_NUMBER' } };
}

/** A Lambda context with the time left that the test needs (Connect allows 8 s in all). */
export function fakeLambdaContext({ remainingMs = 8000 }: { remainingMs?: number } = {}): Context {
  return lambdaContext('order-status', () => remainingMs);
}
