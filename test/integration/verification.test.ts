/**
 * The verification rules (lib/orders/verification.ts) as an attacker and a careless network would try them:
 * bursts of guesses in parallel, keys that are not four digits, retried invocations, many orders in one call,
 * many order numbers looked up, and the hour a lockout lasts. Through the order-status function and the real
 * primary, on orders made for each test so that no lockout reaches another test.
 */
import { randomUUID } from 'node:crypto';
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, describe, expect, it } from 'vitest';
import { ivrPool, ordersFallbackPool, ordersPool } from '#lib/db/pools.ts';
import { SHOP_DATABASE } from '#lib/local/stack.ts';
import { lookup, type StepContext, verify } from '#lib/orders/call-steps.ts';
import { mysqlOrdersRepository } from '#lib/orders/repository.ts';
import { mysqlVerification, VERIFICATION_RULES } from '#lib/orders/verification.ts';
import { connectEvent, fakeLambdaContext } from '#test/factories/connect-event.ts';
import { lexEvent } from '#test/factories/lex-event.ts';
import { lexHook } from '../../functions/lex-hook/index.ts';
import { orderStatus } from '../../functions/order-status/index.ts';
import { connectAs, primaryAdmin, uniqueId } from './databases.ts';

const PAKISTAN_LINE = '+922111000000';
const HOUR_MS = 60 * 60 * 1000;

async function call(
  from: string,
  params: Record<string, string>,
  contactId: string = randomUUID(),
): Promise<Record<string, string>> {
  return orderStatus(connectEvent({ from, to: PAKISTAN_LINE, params, contactId }), fakeLambdaContext());
}

/** A number no other test calls from. */
function freshNumber(): string {
  return `+92300${String(uniqueId()).slice(-7)}`;
}

const shop = await primaryAdmin(SHOP_DATABASE);
afterAll(() => shop.end());

/** An order no other test touches, placed with `phone` by Ayesha's account; its number. */
async function freshOrder(phone = freshNumber()): Promise<{ orderNumber: string; phone: string }> {
  const id = uniqueId();
  const orderNumber = String(id);
  await shop.query(
    `INSERT INTO orders VALUES (?, ?, 1, ?, 'PK', 'CONFIRMED', UTC_TIMESTAMP(), UTC_TIMESTAMP(), NULL, NULL,
       'COD', 1, 1500.00, 'PKR', 1500.00)`,
    [id, orderNumber, phone],
  );
  await shop.query(`INSERT INTO order_items VALUES (?, 1, 'Kettle', 1, 1500.00)`, [id]);
  return { orderNumber, phone };
}

const lastFour = (phone: string) => phone.slice(-4);
/** Four digits that are not the last four of `phone`. */
const wrongFour = (phone: string, n = 0) =>
  String((Number(lastFour(phone)) + 1 + n) % 10_000).padStart(4, '0');

async function attemptsAt(orderNumber: string): Promise<RowDataPacket[]> {
  const ivr = await primaryAdmin('ivr');
  const [rows] = await ivr.query<RowDataPacket[]>(
    'SELECT * FROM verification_attempts WHERE order_number = ? ORDER BY id',
    [orderNumber],
  );
  await ivr.end();
  return rows;
}

const outcomes = (responses: Record<string, string>[]) => responses.map((response) => response.outcome);
const count = (values: (string | undefined)[], value: string) => values.filter((v) => v === value).length;

describe('a burst of answers', () => {
  it('judges three of 25 wrong answers given at once to one order from 25 numbers, and locks the rest out', async () => {
    const order = await freshOrder();

    const responses = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        call(freshNumber(), {
          action: 'verify',
          orderNumber: order.orderNumber,
          digits: wrongFour(order.phone, i),
        }),
      ),
    );

    expect(count(outcomes(responses), 'verify-failed')).toBe(2);
    expect(count(outcomes(responses), 'locked')).toBe(23);
    expect(await attemptsAt(order.orderNumber)).toHaveLength(3);
  });

  it('does not let the right digits through when they come sixth in a burst of ten from one number', async () => {
    const order = await freshOrder();
    const from = freshNumber();
    const digits = Array.from({ length: 10 }, (_, i) =>
      i === 5 ? lastFour(order.phone) : wrongFour(order.phone, i),
    );

    const responses = await Promise.all(
      digits.map((d) => call(from, { action: 'verify', orderNumber: order.orderNumber, digits: d })),
    );

    // Judged in turn under the lock: the right digits pass only when fewer than three failures came first.
    const judged = (await attemptsAt(order.orderNumber)).map((row) => Boolean(row.succeeded));
    const failuresBeforeSuccess = judged.indexOf(true) === -1 ? judged.length : judged.indexOf(true);
    expect(judged.filter((succeeded) => !succeeded).length).toBeLessThanOrEqual(3);
    expect(count(outcomes(responses), 'found') === 1).toBe(failuresBeforeSuccess < 3);
    expect(count(outcomes(responses), 'locked')).toBeGreaterThanOrEqual(6);
  });

  it('judges three answers of one call at once, whatever orders they were about', async () => {
    const orders = await Promise.all(Array.from({ length: 10 }, () => freshOrder()));
    const contactId = randomUUID();

    const responses = await Promise.all(
      orders.map((order) =>
        call(
          'anonymous',
          { action: 'verify', orderNumber: order.orderNumber, digits: wrongFour(order.phone) },
          contactId,
        ),
      ),
    );

    expect(count(outcomes(responses), 'locked')).toBe(8);
    const ivr = await primaryAdmin('ivr');
    const [rows] = await ivr.query<RowDataPacket[]>(
      'SELECT 1 FROM verification_attempts WHERE contact_id = ?',
      [contactId],
    );
    await ivr.end();
    expect(rows).toHaveLength(3);
  });
});

describe('keys that are not four digits', () => {
  it.each(['', '*', '1', '12345', '#', '12#4', '١٢٣٤'])(
    'answers %o as invalid input and does not count it',
    async (digits) => {
      const order = await freshOrder();

      const response = await call(freshNumber(), {
        action: 'verify',
        orderNumber: order.orderNumber,
        digits,
      });

      expect(response.outcome).toBe('invalid-input');
      expect(await attemptsAt(order.orderNumber)).toEqual([]);
    },
  );

  it("do not lock the order's own customer out, however many strangers key them", async () => {
    const order = await freshOrder();
    for (const digits of ['', '*', '1', '12345', '#']) {
      await call(freshNumber(), { action: 'verify', orderNumber: order.orderNumber, digits });
    }

    const response = await call(freshNumber(), {
      action: 'verify',
      orderNumber: order.orderNumber,
      digits: lastFour(order.phone),
    });

    expect(response).toMatchObject({ outcome: 'found', orderNumber: order.orderNumber });
  });
});

describe('a retried invocation', () => {
  it('counts once: Connect retrying the same answer of the same contact does not use up a try', async () => {
    const order = await freshOrder();
    const from = freshNumber();
    const contactId = randomUUID();
    const params = { action: 'verify', orderNumber: order.orderNumber, digits: wrongFour(order.phone) };

    const first = await call(from, params, contactId);
    const retried = await call(from, params, contactId);
    const next = await call(from, { ...params, digits: wrongFour(order.phone, 1) }, contactId);

    expect(first).toMatchObject({ outcome: 'verify-failed', attemptsLeft: '2' });
    expect(retried).toMatchObject({ outcome: 'verify-failed', attemptsLeft: '2' });
    expect(next).toMatchObject({ outcome: 'verify-failed', attemptsLeft: '1' });
    expect(await attemptsAt(order.orderNumber)).toHaveLength(2);
  });

  it('of the right answer is answered as the first was', async () => {
    const order = await freshOrder();
    const from = freshNumber();
    const contactId = randomUUID();
    const params = { action: 'verify', orderNumber: order.orderNumber, digits: lastFour(order.phone) };

    await call(from, params, contactId);

    expect(await call(from, params, contactId)).toMatchObject({ outcome: 'found' });
    expect(await attemptsAt(order.orderNumber)).toHaveLength(1);
  });
});

describe('a call', () => {
  it('is locked after three failures, whatever orders they were about, from a withheld number', async () => {
    const orders = await Promise.all(Array.from({ length: 5 }, () => freshOrder()));
    const contactId = randomUUID();

    const answers = [];
    for (const order of orders) {
      answers.push(
        (
          await call(
            'anonymous',
            { action: 'verify', orderNumber: order.orderNumber, digits: wrongFour(order.phone) },
            contactId,
          )
        ).outcome,
      );
    }

    expect(answers).toEqual(['verify-failed', 'verify-failed', 'locked', 'locked', 'locked']);
  });

  it('once locked, is told locked for a lookup of another order too', async () => {
    const orders = await Promise.all(Array.from({ length: 4 }, () => freshOrder()));
    const contactId = randomUUID();
    for (const order of orders.slice(0, 3)) {
      await call(
        'anonymous',
        { action: 'verify', orderNumber: order.orderNumber, digits: wrongFour(order.phone) },
        contactId,
      );
    }

    const response = await call(
      'anonymous',
      { action: 'lookup', orderNumber: orders[3]?.orderNumber ?? '' },
      contactId,
    );

    expect(response.outcome).toBe('locked');
  });
});

describe("lookups of orders that are not the caller's", () => {
  const limit = VERIFICATION_RULES.maxLookups;

  it(`answers ${limit} in a call, then locked, whether the orders exist or not`, async () => {
    const contactId = randomUUID();
    const existing = await freshOrder();
    const numbers = [existing.orderNumber, ...Array.from({ length: limit }, () => String(uniqueId()))];

    const answers = [];
    for (const orderNumber of numbers) {
      answers.push((await call('anonymous', { action: 'lookup', orderNumber }, contactId)).outcome);
    }

    expect(answers).toEqual(['verify', ...Array(limit - 1).fill('not-found'), 'locked']);
  });

  it(`answers ${limit} from one number in an hour across calls, then locked`, async () => {
    const from = freshNumber();
    const answers = [];
    for (let i = 0; i <= limit; i += 1) {
      answers.push((await call(from, { action: 'lookup', orderNumber: String(uniqueId()) })).outcome);
    }

    expect(answers).toEqual([...Array(limit).fill('not-found'), 'locked']);
  });

  it('counts the same order looked up again in the call, and then verified, once', async () => {
    const contactId = randomUUID();
    const order = await freshOrder();
    const from = freshNumber();
    for (let i = 0; i < limit + 2; i += 1) {
      await call(from, { action: 'lookup', orderNumber: order.orderNumber }, contactId);
    }

    const response = await call(
      from,
      { action: 'verify', orderNumber: order.orderNumber, digits: lastFour(order.phone) },
      contactId,
    );

    expect(response.outcome).toBe('found');
  });

  it('counts what the bot was asked about in the same call: it goes through the same lookup step', async () => {
    const contactId = randomUUID();
    const from = freshNumber();
    const asked = async (orderNumber: string) => {
      const response = await lexHook(
        lexEvent({
          contactId,
          from,
          to: PAKISTAN_LINE,
          intent: 'RefundStatus',
          transcript: 'where is my refund',
          slots: { OrderNumber: orderNumber },
        }),
        fakeLambdaContext(),
      );
      return response.sessionState.sessionAttributes;
    };
    for (let i = 0; i < limit - 1; i += 1) {
      await call(from, { action: 'lookup', orderNumber: String(uniqueId()) }, contactId);
    }

    expect(await asked(String(uniqueId()))).not.toHaveProperty('handOver');
    expect(await asked(String(uniqueId()))).toMatchObject({ handOver: 'true', handoverReason: 'locked' });
  });

  it("does not count the caller's own orders", async () => {
    const from = freshNumber();
    const own = await freshOrder(from);
    const contactId = randomUUID();

    const answers = [];
    for (let i = 0; i <= limit + 1; i += 1) {
      answers.push((await call(from, { action: 'lookup', orderNumber: own.orderNumber }, contactId)).outcome);
    }

    expect(new Set(answers)).toEqual(new Set(['found']));
  });
});

describe('the hour a lockout lasts', () => {
  const context = (now: Date, contactId: string, e164: string): StepContext => ({
    contactId,
    caller: { kind: 'number', e164 },
    verifiedOrderNumber: undefined,
    now,
    deadline: Date.now() + 3000,
    orders: mysqlOrdersRepository({ replica: ordersPool(), fallback: ordersFallbackPool() }),
    verification: mysqlVerification(ivrPool()),
  });

  it('locks a number out until an hour after its first failure, not a millisecond less', async () => {
    const order = await freshOrder();
    const from = freshNumber();
    // Its own hour, far from the other tests' clocks.
    const firstFailure = new Date(Date.UTC(2001, 0, 1) + (uniqueId() % 10_000) * 2 * HOUR_MS);
    for (let i = 0; i < 3; i += 1) {
      await verify(
        context(new Date(firstFailure.getTime() + i * 1000), randomUUID(), from),
        order.orderNumber,
        wrongFour(order.phone, i),
      );
    }
    const other = await freshOrder();
    const lookUpAt = (msAfterFirstFailure: number) =>
      lookup(
        context(new Date(firstFailure.getTime() + msAfterFirstFailure), randomUUID(), from),
        other.orderNumber,
      );

    expect(await lookUpAt(HOUR_MS - 1)).toEqual({ outcome: 'locked' });
    expect(await lookUpAt(HOUR_MS)).toEqual({ outcome: 'verify', orderNumber: other.orderNumber });
    expect(
      await verify(
        context(new Date(firstFailure.getTime() + HOUR_MS), randomUUID(), from),
        other.orderNumber,
        lastFour(other.phone),
      ),
    ).toMatchObject({ outcome: 'found' });
  });

  it('locks an order out until an hour after its first failure, then lets the right digits through', async () => {
    const order = await freshOrder();
    // Its own hour, far from the other tests' clocks; three strangers, each in a call of their own.
    const firstFailure = new Date(Date.UTC(2003, 0, 1) + (uniqueId() % 10_000) * 2 * HOUR_MS);
    for (let i = 0; i < VERIFICATION_RULES.maxFailures; i += 1) {
      await verify(
        context(new Date(firstFailure.getTime() + i * 1000), randomUUID(), freshNumber()),
        order.orderNumber,
        wrongFour(order.phone, i),
      );
    }
    const rightDigitsAt = (msAfterFirstFailure: number) =>
      verify(
        context(new Date(firstFailure.getTime() + msAfterFirstFailure), randomUUID(), freshNumber()),
        order.orderNumber,
        lastFour(order.phone),
      );

    expect(await rightDigitsAt(HOUR_MS - 1)).toEqual({ outcome: 'locked' });
    expect(await rightDigitsAt(HOUR_MS)).toMatchObject({
      outcome: 'found',
      order: { orderNumber: order.orderNumber },
    });
  });

  it(`lets a number look up ${VERIFICATION_RULES.maxLookups} more orders an hour after its first lookup`, async () => {
    const from = freshNumber();
    const start = new Date(Date.UTC(2002, 0, 1) + (uniqueId() % 10_000) * 2 * HOUR_MS);
    for (let i = 0; i < VERIFICATION_RULES.maxLookups; i += 1) {
      await lookup(context(new Date(start.getTime() + i), randomUUID(), from), String(uniqueId()));
    }
    const lookUpAt = (ms: number) =>
      lookup(context(new Date(start.getTime() + ms), randomUUID(), from), '12345678');

    expect(await lookUpAt(HOUR_MS - 1)).toEqual({ outcome: 'locked' });
    expect(await lookUpAt(HOUR_MS)).toMatchObject({ outcome: 'not-found' });
  });
});

describe("the caller's number", () => {
  it('is not stored whole: the report reader sees no number in the attempts or lookups', async () => {
    const order = await freshOrder();
    const from = freshNumber();
    const contactId = randomUUID();
    await call(from, { action: 'lookup', orderNumber: order.orderNumber }, contactId);
    await call(
      from,
      { action: 'verify', orderNumber: order.orderNumber, digits: wrongFour(order.phone) },
      contactId,
    );

    const reports = await connectAs('IVR_DB_READER_URL', { onPrimary: true });
    const [tables] = await reports.query<RowDataPacket[]>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'ivr'",
    );
    const seen: string[] = [];
    for (const { name } of tables) {
      const [rows] = await reports.query<RowDataPacket[]>(`SELECT * FROM \`${name}\``);
      for (const row of rows) {
        for (const value of Object.values(row)) {
          seen.push(Buffer.isBuffer(value) ? value.toString('latin1') : String(value));
        }
      }
    }
    await reports.end();

    expect(seen).toContain(contactId);
    expect(seen.filter((value) => value.includes(from.slice(-9)))).toEqual([]);
  });
});
