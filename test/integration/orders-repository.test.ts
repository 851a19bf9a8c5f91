/** Reading orders through the real `ivr_orders` view on the replica, as the orders reader. */
import type { Connection } from 'mysql2/promise';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { ordersFallbackPool, ordersPool } from '#lib/db/pools.ts';
import { waitForReplica } from '#lib/local/pair.ts';
import { type FallbackReason, mysqlOrdersRepository } from '#lib/orders/repository.ts';
import { primaryAdmin, replicaAdmin, uniqueDatabaseName, uniqueId } from './databases.ts';

const soon = () => Date.now() + 3000;

describe('the orders repository on the real view', () => {
  const orders = mysqlOrdersRepository({ replica: ordersPool(), fallback: ordersFallbackPool() });

  it('reads a whole order by its number, money as exact decimals and times as UTC instants', async () => {
    const order = await orders.findOrderByNumber('10000001', soon());

    expect(order).toMatchObject({
      orderNumber: '10000001',
      customerPhone: '+923001234567',
      customerFirstName: 'Ayesha',
      market: 'PK',
      status: 'OUT_FOR_DELIVERY',
      carrier: 'TCS',
      itemCount: 1,
      firstItemName: 'Samsung Galaxy A15 (128 GB)',
      totalAmount: '12499.00',
      currency: 'PKR',
      amountDue: '12499.00',
      refundStatus: null,
    });
    expect(order?.statusAt).toBeInstanceOf(Date);
  });

  it("lists a caller's current orders newest first, leaving out those finished over 14 days ago", async () => {
    const current = await orders.findCurrentOrdersByPhone('+923211234567', new Date(), soon());

    expect(current.map((order) => order.orderNumber)).toEqual([
      '10000004',
      '10000003',
      '10000002',
      '10000005',
    ]);
  });

  it('keeps an order finished exactly 14 days ago current, and not one finished a second earlier', async () => {
    const now = new Date('2026-11-23T12:00:00Z');
    const phone = `+92333${String(uniqueId()).slice(-7)}`;
    const primary = await primaryAdmin('shop');
    const placed = async (status: string, statusAt: string) => {
      const id = uniqueId();
      await primary.query(
        `INSERT INTO customers VALUES (?, ?, 'Bilal', 'PK', NULL, ?);
         INSERT INTO orders VALUES (?, ?, ?, ?, 'PK', ?, ?, ?, NULL, NULL, 'PREPAID', 1, 10.00, 'PKR', 0.00);
         INSERT INTO order_items VALUES (?, 1, 'Pen', 1, 10.00)`,
        [id, phone, statusAt, id, String(id), id, phone, status, statusAt, statusAt, id],
      );
      return String(id);
    };
    const deliveredOnTheBoundary = await placed('DELIVERED', '2026-11-09 12:00:00');
    await placed('REFUNDED', '2026-11-09 11:59:59');
    await placed('CANCELLED', '2026-11-01 09:00:00');
    const shippedLongAgo = await placed('SHIPPED', '2026-10-01 08:00:00');
    await primary.end();
    await waitForReplica(inject('pair'));

    const current = await orders.findCurrentOrdersByPhone(phone, now, soon());

    expect(current.map((order) => order.orderNumber)).toEqual([deliveredOnTheBoundary, shippedLongAgo]);
  });

  it('finds nothing for a number with no orders', async () => {
    expect(await orders.findCurrentOrdersByPhone('+923009999999', new Date(), soon())).toEqual([]);
  });

  it('reads an order with NULL in every nullable column', async () => {
    const id = uniqueId();
    const primary = await primaryAdmin('shop');
    await primary.query(
      `INSERT INTO customers VALUES (?, '+923001110001', NULL, 'PK', NULL, UTC_TIMESTAMP());
       INSERT INTO orders VALUES (?, ?, ?, '+923001110001', 'PK', 'PLACED', UTC_TIMESTAMP(), UTC_TIMESTAMP(),
         NULL, NULL, 'PREPAID', 1, 10.00, 'PKR', 0.00);
       INSERT INTO order_items VALUES (?, 1, 'Pen', 1, 10.00)`,
      [id, id, `N${id}`, id, id],
    );
    await primary.end();
    await waitForReplica(inject('pair'));

    expect(await orders.findOrderByNumber(`N${id}`, soon())).toMatchObject({
      customerFirstName: null,
      promisedFrom: null,
      promisedTo: null,
      carrier: null,
      refundStatus: null,
      refundAmount: null,
      refundAt: null,
    });
  });
});

describe("the view's optional column, customer_language", () => {
  /** What the repository reported: reads from the primary, and that the view has no language column. */
  function reporting() {
    const reported = { fallbacks: [] as FallbackReason[], noLanguageColumn: 0 };
    return {
      reported,
      onFallback: (reason: FallbackReason) => reported.fallbacks.push(reason),
      onNoLanguageColumn: () => {
        reported.noLanguageColumn += 1;
      },
    };
  }

  it('reads the language the customer saved, only for an order placed with their own phone', async () => {
    const { reported, ...callbacks } = reporting();
    const orders = mysqlOrdersRepository({
      replica: ordersPool(),
      fallback: ordersFallbackPool(),
      ...callbacks,
    });

    const sitas = await orders.findOrderByNumber('60000001', soon());
    const placedWithBilalsBrothersPhone = await orders.findOrderByNumber('10000007', soon());

    expect(sitas).toMatchObject({ customerFirstName: 'Sita', customerLanguage: 'hi-IN' });
    expect(placedWithBilalsBrothersPhone).toMatchObject({ customerFirstName: null, customerLanguage: null });
    expect(reported).toEqual({ fallbacks: [], noLanguageColumn: 0 });
  });

  describe('on a shop whose view has only the columns of the contract', () => {
    let database: string;
    let primary: Connection;
    let replica: Connection;
    const viewWith = (columns: string) =>
      `CREATE OR REPLACE VIEW ivr_orders AS SELECT ${columns} FROM shop.ivr_orders`;
    const CONTRACT = `order_number, customer_phone, customer_first_name, market, status, status_at, placed_at,
      promised_from, promised_to, carrier, item_count, first_item_name, total_amount, currency, amount_due,
      refund_status, refund_amount, refund_at`;

    beforeAll(async () => {
      database = uniqueDatabaseName('no_language');
      primary = await primaryAdmin();
      await primary.query(`CREATE DATABASE ${database}`);
      await primary.changeUser({ database });
      await waitForReplica(inject('pair'));
      replica = await replicaAdmin(database);
    });
    beforeEach(async () => {
      await primary.query(viewWith(CONTRACT));
      await waitForReplica(inject('pair'));
    });
    afterAll(async () => {
      await replica.end();
      await primary.query(`DROP DATABASE ${database}`);
      await primary.end();
    });

    it('reads every order without it, says so once, and takes the refusal for no failure of the replica', async () => {
      const { reported, ...callbacks } = reporting();
      const orders = mysqlOrdersRepository({ replica, fallback: primary, ...callbacks });

      const sitas = await orders.findOrderByNumber('60000001', soon());
      const bilals = await orders.findCurrentOrdersByPhone('+923211234567', new Date(), soon());

      expect(sitas).toMatchObject({ orderNumber: '60000001', status: 'RETURNED', customerLanguage: null });
      expect(bilals.map((order) => order.orderNumber)).toEqual([
        '10000004',
        '10000003',
        '10000002',
        '10000005',
      ]);
      expect(reported).toEqual({ fallbacks: [], noLanguageColumn: 1 });
    });

    it('reads them from a replica with no primary to fall back on, too', async () => {
      const orders = mysqlOrdersRepository({ replica });

      expect(await orders.findOrderByNumber('60000001', soon())).toMatchObject({ customerLanguage: null });
    });

    it("leaves the column out for the rest of the container's life once it found none; the next container reads it", async () => {
      const orders = mysqlOrdersRepository({ replica, fallback: primary });
      await orders.findOrderByNumber('60000001', soon());

      await primary.query(viewWith(`${CONTRACT}, customer_language`));
      await waitForReplica(inject('pair'));

      expect(await orders.findOrderByNumber('60000001', soon())).toMatchObject({ customerLanguage: null });
      expect(
        await mysqlOrdersRepository({ replica, fallback: primary }).findOrderByNumber('60000001', soon()),
      ).toMatchObject({ customerLanguage: 'hi-IN' });
    });
  });
});
