import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectEvent } from '#test/factories/connect-event.ts';

const PAKISTAN_LINE = '+922111000000';
const DUBAI_LINE = '+97142000000';
const RETURNS_ARN = 'arn:aws:connect:eu-west-2:123456789012:instance/11111111/queue/pk-returns';
const QUEUE_ARNS = JSON.stringify({
  'PK Returns': RETURNS_ARN,
  'PK Deliveries': 'arn:aws:connect:eu-west-2:123456789012:instance/11111111/queue/pk-deliveries',
  'PK Deliveries (hi-IN)': 'arn:aws:connect:eu-west-2:123456789012:instance/11111111/queue/pk-deliveries-hi',
  'PK General': 'arn:aws:connect:eu-west-2:123456789012:instance/11111111/queue/pk-general',
});

/** The function as a fresh container loads it, with QUEUE_ARNS set as given (or not at all). */
async function escalationWith(queueArns: string | undefined) {
  vi.resetModules();
  vi.stubEnv('QUEUE_ARNS', queueArns);
  const { escalation } = await import('../../../functions/escalation/index.ts');
  return escalation;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('the queue', () => {
  it('queues a caller asking about a refund with the returns agents, by the ARN QUEUE_ARNS gives', async () => {
    const escalation = await escalationWith(QUEUE_ARNS);

    const response = await escalation(
      connectEvent({
        to: PAKISTAN_LINE,
        attributes: { intent: 'RefundStatus', handoverReason: 'caller-asked' },
      }),
    );

    expect(response).toMatchObject({ outcome: 'queued', queue: 'PK Returns', queueArn: RETURNS_ARN });
  });

  it("queues a caller who chose Hindi with the agents who speak it, and tells them the caller's language", async () => {
    const escalation = await escalationWith(QUEUE_ARNS);

    const response = await escalation(
      connectEvent({
        attributes: { language: 'hi-IN', intent: 'DeliveryDate', handoverReason: 'caller-asked' },
      }),
    );

    expect(response).toMatchObject({
      outcome: 'queued',
      queue: 'PK Deliveries (hi-IN)',
      agentLanguage: 'hi-IN',
      whisper: 'Unverified caller, asked for an agent, speaks Hindi.',
    });
  });

  it("speaks the market's language when the caller chose one the market does not offer", async () => {
    const escalation = await escalationWith(QUEUE_ARNS);

    const response = await escalation(
      connectEvent({ to: DUBAI_LINE, attributes: { language: 'hi-IN', intent: 'Complaint' } }),
    );

    expect(response).toMatchObject({ queue: 'AE General', agentLanguage: 'ar-AE' });
  });

  it('answers no-queue, still naming the queue and briefing the agent, when QUEUE_ARNS has no ARN for it', async () => {
    const escalation = await escalationWith(QUEUE_ARNS);

    const response = await escalation(
      connectEvent({ to: DUBAI_LINE, attributes: { intent: 'Complaint', handoverReason: 'complaint' } }),
    );

    expect(response).toMatchObject({
      outcome: 'no-queue',
      queue: 'AE General',
      whisper: 'Unverified caller, has a complaint, speaks Arabic.',
    });
    expect(response.queueArn).toBeUndefined();
  });

  it.each([
    ['is not JSON', 'PK Returns=arn:aws:connect:queue/pk-returns'],
    ['is JSON null', 'null'],
    ['is a JSON string', '"arn:aws:connect:queue/pk-returns"'],
    ['is a JSON list', `["${RETURNS_ARN}"]`],
    ['is empty', ''],
    ['is not set', undefined],
    ['names the queue with something not an ARN', JSON.stringify({ 'PK Returns': { arn: 'x' } })],
    ['names the queue with a number', JSON.stringify({ 'PK Returns': 7 })],
  ])('answers no-queue when QUEUE_ARNS %s', async (_, queueArns) => {
    const escalation = await escalationWith(queueArns);

    const response = await escalation(connectEvent({ attributes: { intent: 'RefundStatus' } }));

    expect(response).toMatchObject({ outcome: 'no-queue', queue: 'PK Returns' });
    expect(response.queueArn).toBeUndefined();
  });

  it('keeps the ARNs it read when the container started', async () => {
    const escalation = await escalationWith(QUEUE_ARNS);
    await escalation(connectEvent({ attributes: { intent: 'RefundStatus' } }));
    vi.stubEnv('QUEUE_ARNS', '{}');

    const response = await escalation(connectEvent({ attributes: { intent: 'RefundStatus' } }));

    expect(response).toMatchObject({ outcome: 'queued', queueArn: RETURNS_ARN });
  });
});

describe("the agent's context", () => {
  it('tells the agent the verified order, its status and what the caller wants', async () => {
    const escalation = await escalationWith(QUEUE_ARNS);

    const response = await escalation(
      connectEvent({
        attributes: {
          language: 'en-IN',
          verifiedOrderNumber: '10004821',
          orderNumber: '10004821',
          orderStatus: 'OUT_FOR_DELIVERY',
          intent: 'ChangeDelivery',
          handoverReason: 'change-address',
          lastUtterance: 'I want to change my address',
        },
      }),
    );

    expect(response).toEqual({
      outcome: 'queued',
      queue: 'PK Deliveries',
      queueArn: 'arn:aws:connect:eu-west-2:123456789012:instance/11111111/queue/pk-deliveries',
      whisper: 'Verified caller, order ending 4821, out for delivery, wants to change the address.',
      agentVerified: 'true',
      agentOrder: '10004821',
      agentOrderStatus: 'OUT_FOR_DELIVERY',
      agentIntent: 'ChangeDelivery',
      agentReason: 'change-address',
      agentLastSaid: 'I want to change my address',
      agentLanguage: 'en-IN',
    });
  });

  it('takes the verified order as the one in hand when no other was named', async () => {
    const escalation = await escalationWith(QUEUE_ARNS);

    const response = await escalation(
      connectEvent({
        attributes: {
          verifiedOrderNumber: '10004821',
          orderStatus: 'SHIPPED',
          handoverReason: 'caller-asked',
        },
      }),
    );

    expect(response).toMatchObject({
      agentVerified: 'true',
      agentOrder: '10004821',
      whisper: 'Verified caller, order ending 4821, shipped, asked for an agent.',
    });
  });

  it.each([
    ['a caller who verified no order', { orderNumber: '10000007' }],
    ['a caller who verified an empty order number', { orderNumber: '10000007', verifiedOrderNumber: '' }],
    ['a caller verified for another order', { orderNumber: '10000007', verifiedOrderNumber: '10000001' }],
  ])('never tells the status of an order in hand to %s, nor queues by it', async (_, attributes) => {
    const escalation = await escalationWith(QUEUE_ARNS);

    const response = await escalation(
      connectEvent({
        attributes: { ...attributes, orderStatus: 'REFUNDED', handoverReason: 'caller-asked' },
      }),
    );

    expect(response).toMatchObject({
      queue: 'PK General',
      agentVerified: 'false',
      agentOrder: '10000007',
      whisper: 'Unverified caller, asks about order ending 0007, asked for an agent.',
    });
    expect(response.agentOrderStatus).toBeUndefined();
    for (const value of Object.values(response)) expect(value).not.toMatch(/refunded/i);
  });

  it('keeps every value short: what the caller said last is cut to 100 characters', async () => {
    const escalation = await escalationWith(QUEUE_ARNS);
    const utterance = `I was told ${'that my parcel would come today and it did not '.repeat(10)}`;

    const response = await escalation(
      connectEvent({
        to: DUBAI_LINE,
        attributes: {
          language: 'ar-AE',
          verifiedOrderNumber: '123456789012',
          orderNumber: '123456789012',
          orderStatus: 'RETURN_REQUESTED',
          intent: 'ReturnItem',
          handoverReason: 'return-pickup',
          lastUtterance: utterance,
        },
      }),
    );

    expect(response.agentLastSaid).toBe(utterance.slice(0, 100));
    expect(response.whisper).not.toContain('parcel');
    for (const value of Object.values(response)) expect(value.length).toBeLessThanOrEqual(128);
  });

  it('leaves out what it does not know rather than sending empty values', async () => {
    const escalation = await escalationWith(QUEUE_ARNS);

    const response = await escalation(connectEvent({ attributes: { intent: '', lastUtterance: '' } }));

    expect(response).toEqual({
      outcome: 'queued',
      queue: 'PK General',
      queueArn: 'arn:aws:connect:eu-west-2:123456789012:instance/11111111/queue/pk-general',
      whisper: 'Unverified caller, the IVR could not help.',
      agentVerified: 'false',
      agentLanguage: 'en-IN',
    });
  });
});

describe('a malformed event', () => {
  /** A whole event whose contact attributes are not all strings. */
  function withAttributes(attributes: Record<string, unknown>) {
    const event = connectEvent();
    return {
      ...event,
      Details: { ...event.Details, ContactData: { ...event.Details.ContactData, Attributes: attributes } },
    };
  }

  it.each([
    ['an empty object', {}],
    ['a string', 'ContactFlowEvent'],
    ['null', null],
    ['an event without a contact id', { Name: 'ContactFlowEvent', Details: { ContactData: {} } }],
    ['attributes that are not strings', withAttributes({ intent: 42, verifiedOrderNumber: null })],
  ])('answers no-queue to %s, so the flow uses its general queue', async (_, event) => {
    const escalation = await escalationWith(QUEUE_ARNS);

    expect(await escalation(event)).toEqual({ outcome: 'no-queue' });
  });
});

describe('an unexpected failure', () => {
  it.each([['orderNumber'], ['handoverReason'], ['intent']])(
    'answers error, never throws, when the attribute %s is over 16 KB',
    async (name) => {
      const escalation = await escalationWith(QUEUE_ARNS);

      const response = await escalation(connectEvent({ attributes: { [name]: '7'.repeat(17 * 1024) } }));

      expect(response).toEqual({ outcome: 'error' });
    },
  );
});
