/**
 * The order-status function when the replica fails: stopped, hung, or behind the primary. These tests do that
 * to a primary + replica of their own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminConnection } from '#lib/db/local-pair.ts';
import { checkSsml, voiceFor } from '#lib/speech/index.ts';
import { connectEvent, fakeLambdaContext } from '#test/factories/connect-event.ts';
import { orderStatus } from '../../functions/order-status/index.ts';
import { type PrivatePair, startPrivatePair } from './private-pair.ts';

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
  beforeAll(() => {
    process.kill(db.pair.replica.pid, 'SIGSTOP');
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
