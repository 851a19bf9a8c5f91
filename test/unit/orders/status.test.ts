import { describe, expect, it } from 'vitest';
import {
  FINISHED_STATUSES,
  ORDER_STATUSES,
  recentlyFinishedSince,
  STATUS_TRAITS,
} from '#lib/orders/status.ts';

describe('the current-order rule', () => {
  it('keeps an order finished within the last 14 days current', () => {
    expect(recentlyFinishedSince(new Date('2026-11-23T12:00:00Z'))).toEqual(new Date('2026-11-09T12:00:00Z'));
  });

  it('counts delivered, cancelled, returned and refunded orders as finished, and nothing else', () => {
    expect([...FINISHED_STATUSES].sort()).toEqual(['CANCELLED', 'DELIVERED', 'REFUNDED', 'RETURNED']);
  });

  it('knows the eleven statuses of the contract', () => {
    expect(ORDER_STATUSES).toHaveLength(11);
  });
});

describe('the traits of each status', () => {
  const having = (trait: keyof (typeof STATUS_TRAITS)[keyof typeof STATUS_TRAITS]) =>
    ORDER_STATUSES.filter((status) => STATUS_TRAITS[status][trait]);

  it('makes cancelled, return-requested, returned and refunded orders a returns and refunds matter', () => {
    expect(having('refundMatter')).toEqual(['CANCELLED', 'RETURN_REQUESTED', 'RETURNED', 'REFUNDED']);
  });

  it('asks for cash on delivery only while the order is on its way, not after a failed attempt', () => {
    expect(having('cashOnDelivery')).toEqual([
      'PLACED',
      'CONFIRMED',
      'PACKED',
      'SHIPPED',
      'OUT_FOR_DELIVERY',
    ]);
  });
});
