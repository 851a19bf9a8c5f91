/** Reading orders through the real `ivr_orders` view on the replica, as the orders reader. */
import { describe, expect, inject, it } from 'vitest';
import { ordersFallbackPool, ordersPool } from '#lib/db/pools.ts';
import { waitForReplica } from '#lib/local/pair.ts';
import { mysqlOrdersRepository } from '#lib/orders/repository.ts';
import { primaryAdmin, uniqueId } from './databases.ts';

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
