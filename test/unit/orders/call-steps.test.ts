import { describe, expect, it } from 'vitest';
import { identify, lookup, next, type StepContext, verify } from '#lib/orders/call-steps.ts';
import type { Order } from '#lib/orders/order.ts';
import type { CallerNumber } from '#lib/orders/phone.ts';
import type { OrdersRepository } from '#lib/orders/repository.ts';
import { anOrder } from '#test/factories/order.ts';
import { type ScriptedVerification, verificationAnswering } from '#test/factories/verification.ts';

const now = new Date('2026-11-23T06:00:00Z');
const AYESHA: CallerNumber = { kind: 'number', e164: '+923001234567' };
const STRANGER: CallerNumber = { kind: 'number', e164: '+923009999999' };

/** The caller's orders as the repository would give them (already only the current ones, newest first). */
function ordersOf(orders: Order[]): OrdersRepository {
  return {
    findOrderByNumber: async (orderNumber) => orders.find((order) => order.orderNumber === orderNumber),
    findCurrentOrdersByPhone: async (phone) => orders.filter((order) => order.customerPhone === phone),
  };
}

function verifications(steps: StepContext): ScriptedVerification {
  return steps.verification as ScriptedVerification;
}

function context(caller: CallerNumber, orders: Order[], overrides: Partial<StepContext> = {}): StepContext {
  return {
    contactId: 'contact-1',
    caller,
    verifiedOrderNumber: undefined,
    now,
    deadline: Date.now() + 3000,
    orders: ordersOf(orders),
    verification: verificationAnswering(),
    ...overrides,
  };
}

const ayeshas = [
  anOrder({ orderNumber: '10000003' }),
  anOrder({ orderNumber: '10000002', status: 'PACKED' }),
  anOrder({ orderNumber: '10000001', status: 'PLACED' }),
];

describe('identify', () => {
  it('gives a known caller their newest current order, named, and counts the others', async () => {
    const result = await identify(context(AYESHA, ayeshas));

    expect(result).toEqual({
      outcome: 'found',
      order: ayeshas[0],
      otherCurrentOrders: 2,
      named: true,
      greetByName: true,
      savedLanguage: null,
    });
  });

  it('gives the language the caller saved with the shop, as the person on the order', async () => {
    const savedHindi = [anOrder({ customerLanguage: 'hi-IN' })];

    expect(await identify(context(AYESHA, savedHindi))).toMatchObject({
      outcome: 'found',
      savedLanguage: 'hi-IN',
    });
  });

  it('does not name the order of a caller who has only that one', async () => {
    expect(await identify(context(AYESHA, ayeshas.slice(0, 1)))).toMatchObject({ named: false });
  });

  it('gives first the order that needs the caller, then one on its way, then one placed, then one finished', async () => {
    // Newest first, as the repository reads them.
    const orders = [
      anOrder({ orderNumber: '10000009', status: 'DELIVERED' }),
      anOrder({ orderNumber: '10000008', status: 'PLACED' }),
      anOrder({ orderNumber: '10000007', status: 'SHIPPED' }),
      anOrder({ orderNumber: '10000006', status: 'OUT_FOR_DELIVERY', amountDue: '0.00' }),
      anOrder({ orderNumber: '10000005', status: 'RETURN_REQUESTED' }),
      anOrder({ orderNumber: '10000004', status: 'OUT_FOR_DELIVERY', amountDue: '540.00' }),
      anOrder({ orderNumber: '10000003', status: 'DELIVERY_FAILED' }),
    ];
    const heard: string[] = [];

    let result: { outcome: string; order?: Order } = await identify(context(AYESHA, orders));
    while (result.order) {
      heard.push(`${result.order.orderNumber} ${result.order.status}`);
      result = await next(context(AYESHA, orders), result.order.orderNumber);
    }

    expect(heard).toEqual([
      '10000004 OUT_FOR_DELIVERY',
      '10000003 DELIVERY_FAILED',
      '10000007 SHIPPED',
      '10000006 OUT_FOR_DELIVERY',
      '10000008 PLACED',
      '10000005 RETURN_REQUESTED',
      '10000009 DELIVERED',
    ]);
  });

  it('does not identify a caller with no current orders', async () => {
    expect(await identify(context(STRANGER, ayeshas))).toEqual({
      outcome: 'not-identified',
      fromANumber: true,
    });
  });

  it.each<CallerNumber>([{ kind: 'withheld' }, { kind: 'invalid', reason: 'not a phone number' }])(
    'does not identify a caller whose number is %o',
    async (caller) => {
      expect(await identify(context(caller, ayeshas))).toEqual({
        outcome: 'not-identified',
        fromANumber: false,
      });
    },
  );
});

describe('lookup', () => {
  it("finds an order placed with the caller's own number", async () => {
    const result = await lookup(context(AYESHA, ayeshas), '1000 0002');

    expect(result).toMatchObject({ outcome: 'found', order: { orderNumber: '10000002' } });
  });

  it("does not name the caller's own order when they gave its number and have no other", async () => {
    const result = await lookup(context(AYESHA, ayeshas.slice(1, 2)), '10000002');

    expect(result).toMatchObject({ outcome: 'found', named: false });
  });

  it("names the caller's own order again when it is one of several, heard again (1, or the other language)", async () => {
    const result = await lookup(context(AYESHA, ayeshas, { callerHasOtherOrders: true }), '10000002');

    expect(result).toMatchObject({ outcome: 'found', named: true, otherCurrentOrders: 0 });
  });

  it("asks for verification, and says nothing of the order, when it is someone else's", async () => {
    const result = await lookup(context(STRANGER, ayeshas), '10000002');

    expect(result).toEqual({ outcome: 'verify', orderNumber: '10000002' });
  });

  it('finds an order the caller has already verified for in this call', async () => {
    const result = await lookup(context(STRANGER, ayeshas, { verifiedOrderNumber: '10000002' }), '10000002');

    expect(result).toMatchObject({ outcome: 'found' });
  });

  it('says not found for an order number that does not exist', async () => {
    expect(await lookup(context(STRANGER, ayeshas), '99999999')).toEqual({
      outcome: 'not-found',
      orderNumber: '99999999',
    });
  });

  it.each(['12*34', 'abc', "1' OR '1'='1", '<speak>1</speak>', '', undefined])(
    'rejects %o as an order number without looking it up',
    async (input) => {
      expect(await lookup(context(STRANGER, ayeshas), input)).toMatchObject({ outcome: 'invalid-input' });
    },
  );

  it.each(['10000002', '99999999'])(
    'answers locked for order %s, existing or not, when the lookup is judged locked',
    async (orderNumber) => {
      const steps = context(STRANGER, ayeshas, { verification: verificationAnswering({ lookUp: 'locked' }) });

      expect(await lookup(steps, orderNumber)).toEqual({ outcome: 'locked' });
    },
  );

  it("has lookups of orders not the caller's judged, with the call, the caller and the time", async () => {
    const steps = context(STRANGER, ayeshas);

    await lookup(steps, '10000002');
    await lookup(steps, '99999999');

    expect(verifications(steps).lookups).toEqual([
      { contactId: 'contact-1', caller: STRANGER, orderNumber: '10000002', at: now },
      { contactId: 'contact-1', caller: STRANGER, orderNumber: '99999999', at: now },
    ]);
  });

  it("does not count the caller's own orders, one verified in the call, or what is no order number", async () => {
    const steps = context(AYESHA, ayeshas);
    await lookup(steps, '10000002');
    await lookup({ ...steps, caller: STRANGER, verifiedOrderNumber: '10000003' }, '10000003');
    await lookup(steps, 'abc');

    expect(verifications(steps).lookups).toEqual([]);
  });
});

describe('verify', () => {
  it('tells the order when the answer passes, without greeting the caller by its name', async () => {
    const steps = context(STRANGER, ayeshas, {
      verification: verificationAnswering({ attempt: { verdict: 'passed' } }),
    });

    const result = await verify(steps, '10000002', '4567');

    expect(result).toMatchObject({
      outcome: 'found',
      order: { orderNumber: '10000002' },
      greetByName: false,
    });
    expect(verifications(steps).attempts).toEqual([
      {
        contactId: 'contact-1',
        caller: STRANGER,
        orderNumber: '10000002',
        at: now,
        digits: '4567',
        orderPhone: '+923001234567',
      },
    ]);
  });

  it('does not give the saved language of the person on the order to a caller who passed the challenge', async () => {
    const steps = context(STRANGER, [anOrder({ orderNumber: '10000002', customerLanguage: 'hi-IN' })], {
      verification: verificationAnswering({ attempt: { verdict: 'passed' } }),
    });

    expect(await verify(steps, '10000002', '4567')).toMatchObject({ outcome: 'found', savedLanguage: null });
  });

  it('offers another try after a wrong answer, saying how many are left', async () => {
    const steps = context(STRANGER, ayeshas, {
      verification: verificationAnswering({ attempt: { verdict: 'failed', attemptsLeft: 1 } }),
    });

    expect(await verify(steps, '10000002', '1111')).toEqual({
      outcome: 'verify-failed',
      orderNumber: '10000002',
      attemptsLeft: 1,
    });
  });

  it('answers locked when the answer is judged locked', async () => {
    const steps = context(STRANGER, ayeshas, {
      verification: verificationAnswering({ attempt: { verdict: 'locked' } }),
    });

    expect(await verify(steps, '10000002', '4567')).toEqual({ outcome: 'locked' });
  });

  it('answers locked, without judging the answer, when the lookup of the order is judged locked', async () => {
    const steps = context(STRANGER, ayeshas, { verification: verificationAnswering({ lookUp: 'locked' }) });

    expect(await verify(steps, '10000002', '4567')).toEqual({ outcome: 'locked' });
    expect(verifications(steps).attempts).toEqual([]);
  });

  it.each(['', '*', '#', '1', '45', '12345', '12#4', '4567#', ' 4567', '١٢٣٤', undefined])(
    'answers %o as invalid input, neither judged nor counted',
    async (digits) => {
      const steps = context(STRANGER, ayeshas);

      expect(await verify(steps, '10000002', digits)).toMatchObject({ outcome: 'invalid-input' });
      expect(verifications(steps).lookups).toEqual([]);
      expect(verifications(steps).attempts).toEqual([]);
    },
  );

  it('greets the caller by name for their own order, without a challenge', async () => {
    const steps = context(AYESHA, ayeshas);

    expect(await verify(steps, '10000002', '1111')).toMatchObject({ outcome: 'found', greetByName: true });
    expect(verifications(steps).attempts).toEqual([]);
  });
});

describe('next', () => {
  it("gives the caller's next current order after the one in hand", async () => {
    const result = await next(context(AYESHA, ayeshas), '10000003');

    expect(result).toMatchObject({
      outcome: 'found',
      order: { orderNumber: '10000002' },
      otherCurrentOrders: 1,
    });
  });

  it('says there are no more after the last', async () => {
    expect(await next(context(AYESHA, ayeshas), '10000001')).toEqual({ outcome: 'no-more-orders' });
  });

  it("starts at the newest when the order in hand is not the caller's own", async () => {
    const result = await next(context(AYESHA, ayeshas), '55555555');

    expect(result).toMatchObject({
      outcome: 'found',
      order: { orderNumber: '10000003' },
      otherCurrentOrders: 2,
    });
  });

  it('has nothing to offer a withheld number', async () => {
    expect(await next(context({ kind: 'withheld' }, ayeshas), '10000003')).toEqual({
      outcome: 'no-more-orders',
    });
  });
});
