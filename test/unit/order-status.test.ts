import { describe, expect, it } from 'vitest';
import { isCurrentOrder, ORDER_STATUSES } from '#lib/orders/status.ts';

const now = new Date('2026-11-23T12:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 24 * 3600 * 1000);

describe('isCurrentOrder', () => {
  it.each([
    'PLACED',
    'CONFIRMED',
    'PACKED',
    'SHIPPED',
    'OUT_FOR_DELIVERY',
    'DELIVERY_FAILED',
    'RETURN_REQUESTED',
  ] as const)('counts an order that is %s as current however old', (status) => {
    expect(isCurrentOrder({ status, statusAt: daysAgo(90) }, now)).toBe(true);
  });

  it.each(['DELIVERED', 'CANCELLED', 'RETURNED', 'REFUNDED'] as const)(
    'counts an order %s within the last 14 days as current, and not after',
    (status) => {
      expect(isCurrentOrder({ status, statusAt: daysAgo(13.9) }, now)).toBe(true);
      expect(isCurrentOrder({ status, statusAt: daysAgo(14.1) }, now)).toBe(false);
    },
  );

  it('knows the eleven statuses of the contract', () => {
    expect(ORDER_STATUSES).toHaveLength(11);
  });
});
