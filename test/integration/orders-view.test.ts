/** The `ivr_orders` contract: what the demo shop offers, how it is looked up, and the check DBAs run. */
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ordersPool } from '#lib/db/pools.ts';
import { waitForReplica } from '#lib/local/pair.ts';
import { seedGeneratedOrders } from '#lib/local/seed.ts';
import { checkOrdersContract } from '#lib/orders/contract.ts';
import { primaryAdmin, replicaAdmin, uniqueDatabaseName } from './databases.ts';

interface PlanRow {
  table: string;
  type: string;
  key: string | null;
}

describe('lookups on the ivr_orders view', () => {
  let replica: Connection;
  let generated: { order_number: string; customer_phone: string };
  beforeAll(async () => {
    // Enough orders that a full scan would cost the optimiser more than an index: a plan on a handful of rows says nothing.
    const primary = await primaryAdmin('shop');
    await seedGeneratedOrders(primary, 20_000, { seed: 7 });
    await primary.query('ANALYZE TABLE orders, customers, order_items, shipments, refunds');
    await primary.end();
    await waitForReplica(inject('pair'));
    replica = await replicaAdmin('shop');
    const [[row]] = await replica.query<RowDataPacket[]>(
      'SELECT order_number, customer_phone FROM ivr_orders WHERE order_number LIKE ? LIMIT 1',
      ['2%'],
    );
    generated = row as typeof generated;
  });
  afterAll(() => replica.end());

  async function plan(where: string, value: string): Promise<PlanRow[]> {
    const [rows] = await replica.query<RowDataPacket[]>(
      `EXPLAIN SELECT * FROM ivr_orders WHERE ${where} = ?`,
      [value],
    );
    return rows.map((row) => ({ table: row.table, type: row.type, key: row.key }));
  }

  it('finds an order by order_number through the unique index, and every other table by its key', async () => {
    const rows = await plan('order_number', generated.order_number);

    expect(rows.find((row) => row.table === 'o')).toMatchObject({
      type: 'const',
      key: 'uq_orders_order_number',
    });
    expect(rows.every((row) => row.type !== 'ALL' && row.key !== null)).toBe(true);
  });

  it('finds the orders of a phone through the contact-phone index, and every other table by its key', async () => {
    const rows = await plan('customer_phone', generated.customer_phone);

    expect(rows.find((row) => row.table === 'o')).toMatchObject({
      type: 'ref',
      key: 'idx_orders_contact_phone',
    });
    expect(rows.every((row) => row.type !== 'ALL' && row.key !== null)).toBe(true);
  });
});

describe('checkOrdersContract', () => {
  let admin: Connection;
  let database: string;
  beforeAll(async () => {
    admin = await primaryAdmin();
    database = uniqueDatabaseName('contract');
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.changeUser({ database });
  });
  afterAll(async () => {
    await admin.query(`DROP DATABASE ${database}`);
    await admin.end();
  });

  it('finds nothing wrong with the demo shop view, read as the IVR reads it', async () => {
    expect(await checkOrdersContract(ordersPool())).toEqual([]);
  });

  it('accepts a plain table with the contract columns in place of the view', async () => {
    await admin.query('CREATE TABLE ivr_orders AS SELECT * FROM shop.ivr_orders WHERE 1 = 0');

    expect(await checkOrdersContract(admin)).toEqual([]);
    await admin.query('DROP TABLE ivr_orders');
  });

  it('names each missing column and each column of the wrong type', async () => {
    await admin.query('CREATE TABLE ivr_orders AS SELECT * FROM shop.ivr_orders WHERE 1 = 0');
    await admin.query('ALTER TABLE ivr_orders DROP COLUMN refund_at, MODIFY total_amount DOUBLE');

    expect(await checkOrdersContract(admin)).toEqual([
      'column total_amount is double, expected decimal',
      'column refund_at is missing',
    ]);
    await admin.query('DROP TABLE ivr_orders');
  });

  it('says so when there is no ivr_orders at all', async () => {
    expect(await checkOrdersContract(admin)).toEqual([
      'ivr_orders does not exist in this database, or this user may not read it',
    ]);
  });
});
