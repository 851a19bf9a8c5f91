/** Orders for tests: a complete, plausible order, with what the test cares about overridden. */
import type { Order } from '#lib/orders/order.ts';
import { type VerifiedOrder, verifiedFor } from '#lib/orders/verification.ts';

export function anOrder(overrides: Partial<Order> = {}): Order {
  return {
    orderNumber: '10000001',
    customerPhone: '+923001234567',
    customerFirstName: 'Ayesha',
    market: 'PK',
    status: 'OUT_FOR_DELIVERY',
    statusAt: new Date('2026-11-23T04:00:00Z'),
    placedAt: new Date('2026-11-20T05:00:00Z'),
    promisedFrom: new Date('2026-11-22T19:00:00Z'),
    promisedTo: new Date('2026-11-23T18:59:59Z'),
    carrier: 'TCS',
    itemCount: 1,
    firstItemName: 'Samsung Galaxy A15 (128 GB)',
    totalAmount: '12499.00',
    currency: 'PKR',
    amountDue: '12499.00',
    refundStatus: null,
    refundAmount: null,
    refundAt: null,
    customerLanguage: null,
    ...overrides,
  };
}

/** An order as speech takes it: verified by the rule, for a caller who calls from the order's phone. */
export function aVerifiedOrder(overrides: Partial<Order> = {}): VerifiedOrder {
  const order = anOrder(overrides);
  const verified = verifiedFor(order, { kind: 'number', e164: order.customerPhone }, undefined);
  if (!verified) throw new Error('an order is verified for a caller who calls from its phone');
  return verified;
}
