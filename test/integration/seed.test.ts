/** The demo set and the generated orders, read back through the `ivr_orders` view as the IVR reads them. */
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo, seedGeneratedOrders } from '#lib/local/seed.ts';
import { createDemoShopSchema } from '#lib/local/stack.ts';
import { MARKET_CODES } from '#lib/markets.ts';
import { ORDER_STATUSES, REFUND_STATUSES } from '#lib/orders/status.ts';
import { primaryAdmin, uniqueDatabaseName } from './databases.ts';

/** A fresh, empty demo shop of its own for each use, so counts are exact. */
async function freshShop(admin: Connection): Promise<string> {
  const database = uniqueDatabaseName('shop');
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.changeUser({ database });
  await createDemoShopSchema(admin);
  return database;
}

async function rows(conn: Connection, sql: string): Promise<RowDataPacket[]> {
  const [result] = await conn.query<RowDataPacket[]>(sql);
  return result;
}

describe('the demo set', () => {
  let admin: Connection;
  let database: string;
  const now = new Date('2026-11-23T06:00:00Z');
  beforeAll(async () => {
    admin = await primaryAdmin();
    database = await freshShop(admin);
    await seedDemo(admin, now);
  });
  afterAll(async () => {
    await admin.query(`DROP DATABASE ${database}`);
    await admin.end();
  });

  it('has an order in every status, in every market, and refunds in every state', async () => {
    const statuses = await rows(admin, 'SELECT DISTINCT status FROM ivr_orders');
    const markets = await rows(admin, 'SELECT DISTINCT market FROM ivr_orders');
    const refunds = await rows(
      admin,
      'SELECT DISTINCT refund_status FROM ivr_orders WHERE refund_status IS NOT NULL',
    );

    expect(statuses.map((r) => r.status).sort()).toEqual([...ORDER_STATUSES].sort());
    expect(markets.map((r) => r.market).sort()).toEqual([...MARKET_CODES].sort());
    expect(refunds.map((r) => r.refund_status).sort()).toEqual([...REFUND_STATUSES].sort());
  });

  it('has cash-on-delivery orders with an amount due and prepaid ones with none', async () => {
    const due = await rows(
      admin,
      "SELECT order_number FROM ivr_orders WHERE amount_due > 0 AND status = 'OUT_FOR_DELIVERY'",
    );
    const prepaid = await rows(admin, "SELECT amount_due FROM ivr_orders WHERE order_number = '10000002'");

    expect(due.map((r) => r.order_number)).toEqual(['10000001']);
    expect(prepaid).toEqual([{ amount_due: '0.00' }]);
  });

  it('keeps awkward item names exactly: ampersand, angle brackets, quotes, Arabic and emoji', async () => {
    const names = await rows(
      admin,
      "SELECT order_number, first_item_name FROM ivr_orders WHERE order_number IN ('30000001', '20000001', '40000001') ORDER BY order_number",
    );

    expect(names).toEqual([
      { order_number: '20000001', first_item_name: 'عطر العود الملكي ١٠٠ مل' },
      {
        order_number: '30000001',
        first_item_name: `Fish & Chips <Deluxe> "Large" serving plate, 'Ocean' range`,
      },
      { order_number: '40000001', first_item_name: 'Hilsa curry spice mix 🐟🌶️' },
    ]);
  });

  it('has a customer with several current orders and an order placed with another phone', async () => {
    const bilal = await rows(
      admin,
      "SELECT COUNT(*) AS n FROM ivr_orders WHERE customer_phone = '+923211234567'",
    );
    const otherPhone = await rows(
      admin,
      'SELECT o.contact_phone, c.phone FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.contact_phone <> c.phone',
    );

    expect(Number(bilal[0]?.n)).toBeGreaterThanOrEqual(4);
    expect(otherPhone).toEqual([{ contact_phone: '+923337654321', phone: '+923211234567' }]);
  });

  it("promises whole local days in UTC: Dubai's today runs from 20:00 UTC the day before", async () => {
    const [slot] = await rows(
      admin,
      "SELECT promised_from, promised_to FROM ivr_orders WHERE order_number = '10000001'",
    );

    // Karachi is UTC+5: 23 November local runs from 22 November 19:00 UTC to 23 November 18:59:59 UTC.
    expect(slot).toEqual({
      promised_from: new Date('2026-11-22T19:00:00Z'),
      promised_to: new Date('2026-11-23T18:59:59Z'),
    });
  });

  it('replaces itself when seeded again instead of adding a second copy', async () => {
    await seedDemo(admin, now);

    expect(await rows(admin, 'SELECT COUNT(*) AS n FROM orders')).toEqual([{ n: 16 }]);
  });
});

describe('generated orders', () => {
  let admin: Connection;
  const databases: string[] = [];
  beforeAll(async () => {
    admin = await primaryAdmin();
  });
  afterAll(async () => {
    for (const database of databases) await admin.query(`DROP DATABASE ${database}`);
    await admin.end();
  });

  async function generate(count: number, seed: number): Promise<string> {
    const database = await freshShop(admin);
    databases.push(database);
    await seedGeneratedOrders(admin, count, { seed, now: new Date('2026-11-23T06:00:00Z') });
    return database;
  }

  it('adds exactly the orders asked for, each readable through the view with its items counted', async () => {
    const progress: number[] = [];
    const database = await freshShop(admin);
    databases.push(database);

    const result = await seedGeneratedOrders(admin, 120_000, { onProgress: (done) => progress.push(done) });

    expect(result.orders).toBe(120_000);
    expect(progress).toEqual([50_000, 100_000, 120_000]);
    expect(await rows(admin, 'SELECT COUNT(*) AS n FROM ivr_orders')).toEqual([{ n: 120_000 }]);
    const mismatched = await rows(
      admin,
      `SELECT COUNT(*) AS n FROM orders o
        WHERE o.item_count <> (SELECT COUNT(*) FROM order_items i WHERE i.order_id = o.id)`,
    );
    expect(mismatched).toEqual([{ n: 0 }]);
  });

  it('spreads orders over every status and market, with phones that are possible numbers of their market', async () => {
    await generate(5_000, 3);

    const statuses = await rows(admin, 'SELECT DISTINCT status FROM ivr_orders');
    const markets = await rows(admin, 'SELECT DISTINCT market FROM ivr_orders');
    const phones = await rows(admin, 'SELECT DISTINCT customer_phone, market FROM ivr_orders');

    expect(statuses).toHaveLength(ORDER_STATUSES.length);
    expect(markets).toHaveLength(MARKET_CODES.length);
    const impossible = phones.filter((p) => !parsePhoneNumberFromString(p.customer_phone)?.isPossible());
    expect(impossible).toEqual([]);
  });

  it('makes the same orders from the same seed', async () => {
    const first = await generate(3_000, 42);
    const second = await generate(3_000, 42);

    const checksum = async (database: string) =>
      (await rows(admin, `CHECKSUM TABLE ${database}.orders, ${database}.order_items`)).map(
        (r) => r.Checksum,
      );
    expect(await checksum(first)).toEqual(await checksum(second));
  });
});
