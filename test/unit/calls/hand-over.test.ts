import { describe, expect, it } from 'vitest';
import { allQueues, type HandOverContext, queueFor, whisperFor } from '#lib/calls/hand-over.ts';
import { loadBot } from '#lib/lex/bot.ts';
import { MARKET_CODES, MARKETS } from '#lib/markets.ts';
import { ORDER_STATUSES } from '#lib/orders/status.ts';

describe('queueFor', () => {
  it.each([
    ['PK', 'en-IN', 'RefundStatus', undefined, 'PK Returns'],
    ['PK', 'en-IN', 'ReturnItem', 'DELIVERED', 'PK Returns'],
    ['PK', 'en-IN', 'CheckOrderStatus', undefined, 'PK Deliveries'],
    ['PK', 'hi-IN', 'DeliveryDate', undefined, 'PK Deliveries (hi-IN)'],
    ['PK', 'hi-IN', 'ChangeDelivery', 'SHIPPED', 'PK Deliveries (hi-IN)'],
    ['NP', 'hi-IN', 'CancelOrder', undefined, 'NP Deliveries (hi-IN)'],
    ['AE', 'ar-AE', 'Complaint', undefined, 'AE General'],
    ['AE', 'en-GB', 'SpeakToAgent', undefined, 'AE General (en-GB)'],
    ['PK', 'en-IN', 'SpeakToAgent', 'OUT_FOR_DELIVERY', 'PK Deliveries'],
    ['PK', 'en-IN', 'SpeakToAgent', 'REFUNDED', 'PK Returns'],
    ['SA', 'en-GB', 'RefundStatus', undefined, 'SA Returns (en-GB)'],
    ['GB', 'en-GB', 'DeliveryDate', undefined, 'GB Deliveries'],
  ] as const)(
    'sends a %s caller speaking %s who asked %s (order %s) to %s',
    (market, locale, intent, status, queue) => {
      expect(queueFor(market, locale, intent, status)).toBe(queue);
    },
  );

  it.each([
    ['REFUNDED', 'PK Returns'],
    ['CANCELLED', 'PK Returns'],
    ['RETURN_REQUESTED', 'PK Returns'],
    ['RETURNED', 'PK Returns'],
    ['OUT_FOR_DELIVERY', 'PK Deliveries'],
    ['DELIVERY_FAILED', 'PK Deliveries'],
    ['DELIVERED', 'PK Deliveries'],
  ])('sends a caller who asked the bot nothing, with an order %s, to %s', (status, queue) => {
    expect(queueFor('PK', 'en-IN', undefined, status)).toBe(queue);
  });

  it('goes by the order when the bot understood nothing it routes by', () => {
    expect(queueFor('LK', 'en-IN', 'FallbackIntent', 'REFUNDED')).toBe('LK Returns');
  });

  it('lets what the caller asked decide over the order status', () => {
    expect(queueFor('PK', 'en-IN', 'ChangeDelivery', 'REFUNDED')).toBe('PK Deliveries');
  });

  it('sends a caller with no question and no order to the general queue', () => {
    expect(queueFor('BD', 'en-IN', undefined, undefined)).toBe('BD General');
  });
});

describe('allQueues', () => {
  it('names every queue queueFor can choose, in every market and its languages', () => {
    const intents = [...loadBot().intents.map((intent) => intent.name), 'OrderPizza', undefined];
    const statuses = [...ORDER_STATUSES, undefined];
    const queues = new Set(allQueues());

    const chosen = MARKET_CODES.flatMap((market) =>
      MARKETS[market].locales.flatMap((locale) =>
        intents.flatMap((intent) => statuses.map((status) => queueFor(market, locale, intent, status))),
      ),
    );

    expect(chosen.filter((queue) => !queues.has(queue))).toEqual([]);
  });

  it('names each queue once, three to each language of each market', () => {
    const queues = allQueues();
    const languages = MARKET_CODES.reduce((count, market) => count + MARKETS[market].locales.length, 0);

    expect(new Set(queues).size).toBe(queues.length);
    expect(queues).toHaveLength(languages * 3);
  });
});

describe('whisperFor', () => {
  const context = (overrides: Partial<HandOverContext>): HandOverContext => ({
    verifiedOrderNumber: undefined,
    statedOrderNumber: undefined,
    orderStatus: undefined,
    intent: undefined,
    reason: undefined,
    locale: 'en-IN',
    ...overrides,
  });

  it('tells the agent the verified order, its status and what the caller wants', () => {
    const whisper = whisperFor(
      context({
        verifiedOrderNumber: '10004821',
        orderStatus: 'OUT_FOR_DELIVERY',
        intent: 'ChangeDelivery',
        reason: 'change-address',
      }),
    );

    expect(whisper).toBe(
      'Verified caller, order ending 4821, out for delivery, wants to change the address.',
    );
  });

  it('tells only the last four digits of an order an unverified caller asked about', () => {
    const whisper = whisperFor(context({ statedOrderNumber: '10000007', reason: 'cancel-order' }));

    expect(whisper).toBe('Unverified caller, asks about order ending 0007, wants to cancel.');
  });

  it('leaves out the status of an order the caller is not verified for, even when it is given', () => {
    const whisper = whisperFor(
      context({ statedOrderNumber: '10000007', orderStatus: 'CONFIRMED', reason: 'caller-asked' }),
    );

    expect(whisper).toBe('Unverified caller, asks about order ending 0007, asked for an agent.');
  });

  it('says nothing of an order when the caller named none', () => {
    expect(whisperFor(context({ reason: 'caller-asked' }))).toBe('Unverified caller, asked for an agent.');
  });

  it.each([
    ['hi-IN', 'speaks Hindi'],
    ['ar-AE', 'speaks Arabic'],
  ] as const)('tells the agent a caller speaking %s %s', (locale, language) => {
    const whisper = whisperFor(context({ verifiedOrderNumber: '10004821', reason: 'complaint', locale }));

    expect(whisper).toBe(`Verified caller, order ending 4821, has a complaint, ${language}.`);
  });

  it('does not mention English', () => {
    expect(whisperFor(context({ reason: 'complaint', locale: 'en-GB' }))).toBe(
      'Unverified caller, has a complaint.',
    );
  });

  it('says the IVR could not help when there is no reason it knows', () => {
    expect(whisperFor(context({ reason: 'teleport' }))).toBe('Unverified caller, the IVR could not help.');
    expect(whisperFor(context({}))).toBe('Unverified caller, the IVR could not help.');
  });

  it.each([
    'caller-asked',
    'complaint',
    'cancel-order',
    'change-address',
    'change-date',
    'change-delivery',
    'return-pickup',
    'locked',
    'unavailable',
    'order-not-found',
    'not-understood',
    'no-input',
    'no-valid-choice',
  ])('whispers a sentence short enough to say in a few seconds for %s', (reason) => {
    const whisper = whisperFor(
      context({
        verifiedOrderNumber: '123456789012',
        orderStatus: 'RETURN_REQUESTED',
        reason,
        locale: 'ar-AE',
      }),
    );

    expect(whisper).not.toContain('the IVR could not help');
    expect(whisper.split(' ').length).toBeLessThanOrEqual(20);
  });
});
