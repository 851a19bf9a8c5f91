/**
 * The least-privilege users: each may do its job and nothing more. The readers are tested on the primary,
 * where only their privileges stand between them and a write (the replica would refuse it for being read-only).
 */
import type { Connection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAs } from './databases.ts';

const DENIED = /denied/;

describe('the orders reader (ORDERS_DB_URL)', () => {
  let reader: Connection;
  beforeAll(async () => {
    reader = await connectAs('ORDERS_DB_URL', { onPrimary: true });
  });
  afterAll(() => reader.end());

  it('reads the ivr_orders view', async () => {
    const [rows] = await reader.query('SELECT order_number FROM ivr_orders LIMIT 1');
    expect(rows).toHaveLength(1);
  });

  it.each(['orders', 'customers', 'order_items', 'shipments', 'refunds'])(
    'may not read the shop table %s',
    async (table) => {
      await expect(reader.query(`SELECT * FROM shop.${table} LIMIT 1`)).rejects.toThrow(DENIED);
    },
  );

  it('may not change the view', async () => {
    await expect(reader.query("UPDATE ivr_orders SET status = 'DELIVERED'")).rejects.toThrow(DENIED);
  });

  it("may not touch the IVR's tables", async () => {
    await expect(reader.query('SELECT * FROM ivr.calls')).rejects.toThrow(DENIED);
  });
});

describe('the IVR writer (IVR_DB_URL)', () => {
  let writer: Connection;
  beforeAll(async () => {
    writer = await connectAs('IVR_DB_URL');
  });
  afterAll(() => writer.end());

  it("writes, reads and deletes in the IVR's tables", async () => {
    await writer.query(
      "INSERT INTO survey_answers (contact_id, score, answered_at) VALUES ('privileges-test', 5, UTC_TIMESTAMP(3))",
    );
    await writer.query("UPDATE survey_answers SET score = 4 WHERE contact_id = 'privileges-test'");
    const [rows] = await writer.query(
      "SELECT score FROM survey_answers WHERE contact_id = 'privileges-test'",
    );
    await writer.query("DELETE FROM survey_answers WHERE contact_id = 'privileges-test'");

    expect(rows).toEqual([{ score: 4 }]);
  });

  it.each([
    ['read the shop', 'SELECT * FROM shop.orders LIMIT 1'],
    ['read the orders view', 'SELECT * FROM shop.ivr_orders LIMIT 1'],
    ['write the shop', "UPDATE shop.orders SET status = 'CANCELLED'"],
    ['create another database', 'CREATE DATABASE writer_was_here'],
    ['create tables elsewhere', 'CREATE TABLE shop.writer_was_here (id INT)'],
    ['create tables of its own', 'CREATE TABLE ivr.writer_was_here (id INT)'],
    ['change a table', 'ALTER TABLE ivr.calls ADD COLUMN writer_was_here INT'],
    ['drop a table', 'DROP TABLE ivr.survey_answers'],
  ])('may not %s', async (_, sql) => {
    await expect(writer.query(sql)).rejects.toThrow(DENIED);
  });
});

describe('the IVR migrator (IVR_DB_MIGRATION_URL)', () => {
  let migrator: Connection;
  beforeAll(async () => {
    migrator = await connectAs('IVR_DB_MIGRATION_URL');
  });
  afterAll(() => migrator.end());

  it("changes the definitions of the IVR's tables", async () => {
    await migrator.query('CREATE TABLE ivr.migrator_was_here (id INT)');
    await migrator.query('ALTER TABLE ivr.migrator_was_here ADD COLUMN note VARCHAR(10)');
    await migrator.query('DROP TABLE ivr.migrator_was_here');
  });

  it.each([
    ['read the shop', 'SELECT * FROM shop.orders LIMIT 1'],
    ['create tables elsewhere', 'CREATE TABLE shop.migrator_was_here (id INT)'],
  ])('may not %s', async (_, sql) => {
    await expect(migrator.query(sql)).rejects.toThrow(DENIED);
  });
});

describe('the report reader (IVR_DB_READER_URL)', () => {
  let reports: Connection;
  beforeAll(async () => {
    reports = await connectAs('IVR_DB_READER_URL', { onPrimary: true });
  });
  afterAll(() => reports.end());

  it("reads the IVR's tables", async () => {
    const [rows] = await reports.query('SELECT COUNT(*) AS n FROM calls');
    expect(rows).toHaveLength(1);
  });

  it('may not write them', async () => {
    await expect(
      reports.query(
        "INSERT INTO calls (contact_id, initiated_at, record_updated_at) VALUES ('r', NOW(), NOW())",
      ),
    ).rejects.toThrow(DENIED);
  });
});
