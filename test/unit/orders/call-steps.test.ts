import { describe, expect, it } from 'vitest';
import { type Caller, identify, lookup, next, type StepContext, verify } from '#lib/orders/call-steps.ts';
import type { Order } from '#lib/orders/order.ts';
import type { OrdersRepository } from '#lib/orders/repository.ts';
import type { VerificationAttempt, VerificationAttempts } from '#lib/orders/verification.ts';
import { anOrder } from '#test/factories/order.ts';

const now = new Date('2026-11-23T06:00:00Z');
const AYESHA: Caller = { kind: 'number', e164: '+923001234567' };
const STRANGER: Caller = { kind: 'number', e164: '+923009999999' };

/** The caller's orders as the repository would give them (already only the current ones, newest first). */
function ordersOf(orders: Order[]): OrdersRepository {
  return {
    findOrderByNumber: async (orderNumber) => orders.find((order) => order.orderNumber === orderNumber),
    findCurrentOrdersByPhone: async (phone) => orders.filter((order) => order.customerPhone === phone),
  };
}

/** Attempts kept in a list, counted as the SQL counts them. */
function attemptsLog(): VerificationAttempts & { log: VerificationAttempt[] } {
  const log: VerificationAttempt[] = [];
  return {
    log,
    recentFailures: async (callerPhone, orderNumber) => ({
      byCaller: log.filter((a) => !a.succeeded && callerPhone !== null && a.callerPhone === callerPhone)
        .length,
      byOrder: log.filter((a) => !a.succeeded && a.orderNumber === orderNumber).length,
    }),
    record: async (attempt) => {
      log.push(attempt);
    },
  };
}

function context(caller: Caller, orders: Order[], overrides: Partial<StepContext> = {}): StepContext {
  return {
    contactId: 'contact-1',
    caller,
    verifiedOrderNumber: undefined,
    now,
    deadline: Date.now() + 3000,
    orders: ordersOf(orders),
    attempts: attemptsLog(),
    ...overrides,
  };
}

const ayeshas = [
  anOrder({ orderNumber: '10000003' }),
  anOrder({ orderNumber: '10000002', status: 'PACKED' }),
  anOrder({ orderNumber: '10000001', status: 'PLACED' }),
];

describe('identify', () => {
  it('gives a known caller their newest current order and counts the others', async () => {
    const result = await identify(context(AYESHA, ayeshas));

    expect(result).toEqual({ outcome: 'found', order: ayeshas[0], otherCurrentOrders: 2 });
  });

  it('does not identify a caller with no current orders', async () => {
    expect(await identify(context(STRANGER, ayeshas))).toEqual({ outcome: 'not-identified' });
  });

  it.each<Caller>([{ kind: 'withheld' }, { kind: 'invalid', reason: 'not a phone number' }])(
    'does not identify a caller whose number is %o',
    async (caller) => {
      expect(await identify(context(caller, ayeshas))).toEqual({ outcome: 'not-identified' });
    },
  );
});

describe('lookup', () => {
  it("finds an order placed with the caller's own number", async () => {
    const result = await lookup(context(AYESHA, ayeshas), '1000 0002');

    expect(result).toMatchObject({ outcome: 'found', order: { orderNumber: '10000002' } });
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

  it('reports a locked-out caller as locked instead of asking again', async () => {
    const steps = context(STRANGER, ayeshas);
    for (let i = 0; i < 3; i += 1) await verify(steps, '10000002', '0000');

    expect(await lookup(steps, '10000002')).toEqual({ outcome: 'locked' });
  });
});

describe('verify', () => {
  it('tells the order once the last four digits of its phone are right, and records the success', async () => {
    const steps = context(STRANGER, ayeshas);

    const result = await verify(steps, '10000002', '4567');

    expect(result).toMatchObject({ outcome: 'found', order: { orderNumber: '10000002' } });
    expect((steps.attempts as ReturnType<typeof attemptsLog>).log).toMatchObject([
      { contactId: 'contact-1', callerPhone: '+923009999999', orderNumber: '10000002', succeeded: true },
    ]);
  });

  it('offers another try after a wrong answer, saying how many are left', async () => {
    const steps = context(STRANGER, ayeshas);

    expect(await verify(steps, '10000002', '1111')).toEqual({
      outcome: 'verify-failed',
      orderNumber: '10000002',
      attemptsLeft: 2,
    });
    expect(await verify(steps, '10000002', '2222')).toEqual({
      outcome: 'verify-failed',
      orderNumber: '10000002',
      attemptsLeft: 1,
    });
  });

  it('locks the caller out on the third wrong answer, and then even the right one does not pass', async () => {
    const steps = context(STRANGER, ayeshas);
    await verify(steps, '10000002', '1111');
    await verify(steps, '10000002', '2222');

    expect(await verify(steps, '10000002', '3333')).toEqual({ outcome: 'locked' });
    expect(await verify(steps, '10000002', '4567')).toEqual({ outcome: 'locked' });
  });

  it('locks out by caller number across different orders', async () => {
    const steps = context(STRANGER, ayeshas);
    await verify(steps, '10000001', '1111');
    await verify(steps, '10000002', '1111');

    expect(await verify(steps, '10000003', '1111')).toEqual({ outcome: 'locked' });
  });

  it('locks an order out across callers, withheld numbers included', async () => {
    const attempts = attemptsLog();
    await verify(context({ kind: 'withheld' }, ayeshas, { attempts }), '10000002', '1111');
    await verify(context(STRANGER, ayeshas, { attempts }), '10000002', '1111');

    expect(await verify(context({ kind: 'withheld' }, ayeshas, { attempts }), '10000002', '1111')).toEqual({
      outcome: 'locked',
    });
  });

  it('counts digits that are not four digits as a wrong answer', async () => {
    expect(await verify(context(STRANGER, ayeshas), '10000002', '45')).toMatchObject({
      outcome: 'verify-failed',
    });
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
