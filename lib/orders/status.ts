/** The order statuses of the `ivr_orders` contract (DESIGN.md), in the order an order usually moves through them. */
export const ORDER_STATUSES = [
  'PLACED',
  'CONFIRMED',
  'PACKED',
  'SHIPPED',
  'OUT_FOR_DELIVERY',
  'DELIVERY_FAILED',
  'DELIVERED',
  'CANCELLED',
  'RETURN_REQUESTED',
  'RETURNED',
  'REFUNDED',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const REFUND_STATUSES = ['PENDING', 'APPROVED', 'PAID'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

/** Statuses after which nothing more happens to the order unless the customer acts. */
export const FINISHED_STATUSES: readonly OrderStatus[] = ['DELIVERED', 'CANCELLED', 'RETURNED', 'REFUNDED'];

/**
 * A finished order stays "current" this long after it finished: callers ring about a delivery they did not
 * receive or a refund they have not seen.
 */
const RECENTLY_FINISHED_DAYS = 14;

export function isOrderStatus(value: string): value is OrderStatus {
  return (ORDER_STATUSES as readonly string[]).includes(value);
}

/**
 * An order is "current" (what a caller asking "where is my order" would mean) while it is not finished, or
 * finished at or after this instant. The repository's query applies the rule.
 */
export function recentlyFinishedSince(now: Date): Date {
  return new Date(now.getTime() - RECENTLY_FINISHED_DAYS * 24 * 60 * 60 * 1000);
}
