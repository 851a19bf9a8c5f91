/**
 * The order-status function when the replica fails: stopped, hung, or behind the primary. These tests do that
 * to a primary + replica of their own.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ANSWER_MARGIN_MS, replicaShareMs } from '#lib/budget.ts';
import { CIRCUIT_OPEN_MS } from '#lib/db/circuit.ts';
import { ordersPool } from '#lib/db/pools.ts';
import { adminConnection } from '#lib/local/pair.ts';
import { logger } from '#lib/observability/index.ts';
import { checkSsml, voiceFor } from '#lib/speech/index.ts';
import { connectEvent, fakeLambdaContext } from '#test/factories/connect-event.ts';
import { lexEvent } from '#test/factories/lex-event.ts';
import { lexHook } from '../../functions/lex-hook/index.ts';
import { handler, orderStatus } from '../../functions/order-status/index.ts';
import { hang, type PrivatePair, startPrivatePair } from './private-pair.ts';

let db: PrivatePair;
beforeAll(async () => {
  db = await startPrivatePair();
});
afterAll(async () => {
  await db?.destroy();
});

/** A short budget keeps the hung-replica tests quick; the behaviour is the same at 3000 ms. */
const BUDGET = { IVR_TIME_BUDGET_MS: '1000' };

async function askFor(params: Record<string, string>, from = '+923001234567') {
  const response = await orderStatus(
    connectEvent({ from, to: '+922111000000', params }),
    fakeLambdaContext(),
  );
  // Even when the databases fail, the caller hears speech the voice's engine accepts.
  expect(() => checkSsml(response.ssml as string, voiceFor('en-IN').engine)).not.toThrow();
  return response;
}

describe('with the replica hung (SIGSTOP)', () => {
  beforeAll(async () => {
    await hang(db.pair.replica.pid);
  });
  afterAll(() => {
    process.kill(db.pair.replica.pid, 'SIGCONT');
  });

  it('reads the order from the primary within the budget', async () => {
    await db.use(BUDGET);

    expect(await askFor({ action: 'identify' })).toMatchObject({ outcome: 'found', orderNumber: '10000001' });
  });

  it('offers an agent when no fallback is configured, instead of waiting on the replica', async () => {
    await db.use({ ...BUDGET, ORDERS_DB_FALLBACK_URL: undefined });

    const response = await askFor({ action: 'identify' });

    expect(response.outcome).toBe('unavailable');
    expect(response.ssml).toMatch(/^<speak>/);
  });
});

describe('the time budget, with the replica hung in the middle of a warm container', () => {
  const budgetMs = Number(BUDGET.IVR_TIME_BUDGET_MS);

  /** The whole handler's answer and its time, once its container has read the orders with the replica well. */
  async function timedWithReplicaHung() {
    const event = () =>
      connectEvent({ from: '+923001234567', to: '+922111000000', params: { action: 'identify' } });
    await handler(event(), fakeLambdaContext());
    await hang(db.pair.replica.pid);
    try {
      const started = performance.now();
      const response = await handler(event(), fakeLambdaContext());
      return { response, ms: performance.now() - started };
    } finally {
      process.kill(db.pair.replica.pid, 'SIGCONT');
    }
  }

  it('reads the order from the primary and answers within the budget', async () => {
    await db.use(BUDGET);

    const { response, ms } = await timedWithReplicaHung();

    expect(response).toMatchObject({ outcome: 'found', orderNumber: '10000001' });
    expect(ms).toBeLessThan(budgetMs);
  });

  it('offers an agent within the budget when there is no primary to ask', async () => {
    await db.use({ ...BUDGET, ORDERS_DB_FALLBACK_URL: undefined });

    const { response, ms } = await timedWithReplicaHung();

    expect(response).toMatchObject({ outcome: 'unavailable' });
    expect(ms).toBeLessThan(budgetMs);
  });
});

describe('with the replica hung, the calls a warm container takes after the first', () => {
  beforeAll(async () => {
    await hang(db.pair.replica.pid);
  });
  afterAll(() => {
    process.kill(db.pair.replica.pid, 'SIGCONT');
    vi.restoreAllMocks();
  });

  /** What the function did to answer: its time, the fallback reasons it logged, and the replica's queries. */
  async function watched(action: () => Promise<Record<string, string>>) {
    const warn = vi.spyOn(logger, 'warn');
    const replicaQueries = vi.spyOn(ordersPool(), 'execute');
    const started = performance.now();
    const response = await action();
    const ms = performance.now() - started;
    const reasons = warn.mock.calls.flatMap(([message, extra]) =>
      message === 'read the orders from the primary' ? [(extra as { reason: string }).reason] : [],
    );
    const replicaQueryCount = replicaQueries.mock.calls.length;
    warn.mockRestore();
    replicaQueries.mockRestore();
    return { response, ms, reasons, replicaQueryCount };
  }

  it('go straight to the primary, without waiting for the replica again', async () => {
    await db.use(BUDGET);
    const first = await watched(() => askFor({ action: 'identify' }));

    const later = [];
    for (let i = 0; i < 3; i += 1) later.push(await watched(() => askFor({ action: 'identify' })));

    expect(first.reasons).toEqual(['replica-timeout']);
    // A call that waits for the replica waits for its share of the budget (lib/orders/repository.ts).
    const replicaWaitMs = replicaShareMs(Number(BUDGET.IVR_TIME_BUDGET_MS) - ANSWER_MARGIN_MS);
    for (const call of later) {
      expect(call.response).toMatchObject({ outcome: 'found', orderNumber: '10000001' });
      expect(call.reasons).toEqual(['replica-circuit-open']);
      expect(call.replicaQueryCount).toBe(0);
      expect(call.ms).toBeLessThan(replicaWaitMs);
    }
  });

  it('try the replica once more when the circuit has been open for a while, and close it when it answers', async () => {
    await db.use(BUDGET);
    await askFor({ action: 'identify' });
    const realNow = Date.now.bind(Date);
    const later = (ms: number) => vi.spyOn(Date, 'now').mockImplementation(() => realNow() + ms);

    later(CIRCUIT_OPEN_MS);
    const probe = await watched(() => askFor({ action: 'identify' }));
    const afterProbe = await watched(() => askFor({ action: 'identify' }));
    process.kill(db.pair.replica.pid, 'SIGCONT');
    later(2 * CIRCUIT_OPEN_MS);
    const recovered = await watched(() => askFor({ action: 'identify' }));
    const closed = await watched(() => askFor({ action: 'identify' }));
    await hang(db.pair.replica.pid);

    expect(probe).toMatchObject({ reasons: ['replica-timeout'], replicaQueryCount: 1 });
    expect(afterProbe).toMatchObject({ reasons: ['replica-circuit-open'], replicaQueryCount: 0 });
    expect(recovered).toMatchObject({ reasons: [], replicaQueryCount: 1 });
    expect(closed).toMatchObject({ reasons: [], replicaQueryCount: 1 });
    expect(closed.response).toMatchObject({ outcome: 'found', orderNumber: '10000001' });
  });

  it("also cut the bot's code hook short, which reports its reads from the primary as order-status does", async () => {
    await db.use(BUDGET);
    const ask = () =>
      lexHook(
        lexEvent({ from: '+923001234567', to: '+922111000000', intent: 'DeliveryDate', transcript: 'when' }),
        fakeLambdaContext(),
      ) as unknown as Promise<Record<string, string>>;

    const first = await watched(ask);
    const second = await watched(ask);

    expect(first.reasons).toEqual(['replica-timeout']);
    expect(second).toMatchObject({ reasons: ['replica-circuit-open'], replicaQueryCount: 0 });
  });
});

describe('with replication stopped and a fresh order only on the primary', () => {
  beforeAll(async () => {
    const replica = await adminConnection(db.pair.replica.port);
    await replica.query('STOP SLAVE');
    await replica.end();
    const primary = await adminConnection(db.pair.primary.port, 'shop');
    await primary.query(
      `INSERT INTO orders VALUES (500, '10000500', 1, '+923005550500', 'PK', 'PLACED', UTC_TIMESTAMP(), UTC_TIMESTAMP(),
         NULL, NULL, 'COD', 1, 2500.00, 'PKR', 2500.00);
       INSERT INTO order_items VALUES (500, 1, 'Thermos', 1, 2500.00)`,
    );
    await primary.end();
  });
  afterAll(async () => {
    const replica = await adminConnection(db.pair.replica.port);
    await replica.query('START SLAVE');
    await replica.end();
  });

  it('finds the order the caller keys in on the primary', async () => {
    await db.use();

    expect(await askFor({ action: 'lookup', orderNumber: '10000500' }, '+923005550500')).toMatchObject({
      outcome: 'found',
      orderStatus: 'PLACED',
    });
  });

  it('says not found when there is no fallback to ask', async () => {
    await db.use({ ORDERS_DB_FALLBACK_URL: undefined });

    expect(await askFor({ action: 'lookup', orderNumber: '10000500' })).toMatchObject({
      outcome: 'not-found',
    });
  });
});

describe('with the replica stopped', () => {
  beforeAll(async () => {
    process.kill(db.pair.replica.pid, 'SIGKILL');
  });

  it('reads the order from the primary', async () => {
    await db.use(BUDGET);

    expect(await askFor({ action: 'identify' })).toMatchObject({ outcome: 'found', orderNumber: '10000001' });
  });

  it('offers an agent when there is no fallback', async () => {
    await db.use({ ...BUDGET, ORDERS_DB_FALLBACK_URL: undefined });

    expect(await askFor({ action: 'identify' })).toMatchObject({ outcome: 'unavailable' });
  });
});
