/** Connect events and Lambda contexts for tests, shaped as Connect sends them (reference §1.2). */
import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { contactFlowEvent } from '#simulator/connect-event.ts';
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
  return contactFlowEvent({
    contactId: options.contactId ?? randomUUID(),
    from: options.from,
    to: options.to ?? '+922111000000',
    parameters: options.params,
    attributes: options.attributes,
  });
}

/** A Lambda context with the time left that the test needs (Connect allows 8 s in all). */
export function fakeLambdaContext({ remainingMs = 8000 }: { remainingMs?: number } = {}): Context {
  return lambdaContext('order-status', () => remainingMs);
}
