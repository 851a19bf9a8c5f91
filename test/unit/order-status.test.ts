import { describe, expect, it } from 'vitest';
import { FINISHED_STATUSES, ORDER_STATUSES, recentlyFinishedSince } from '#lib/orders/status.ts';

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
