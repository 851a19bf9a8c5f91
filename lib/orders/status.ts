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

/** What a status means for what the IVR says and does: one row per status, the one place these are decided. */
export interface StatusTraits {
  /**
   * Nothing more happens to the order unless the customer acts. A finished order stays current for
   * RECENTLY_FINISHED_DAYS after it finished (recentlyFinishedSince).
   */
  finished: boolean;
  /**
   * A returns and refunds matter: the order's refund is told with its status (a refund of an order still on
   * its way, of a missing item say, is the refund question, not status), and a hand-over about it goes to the
   * Returns agents, whatever the caller pressed.
   */
  refundMatter: boolean;
  /**
   * Cash on delivery is to be kept ready: while the order is on its way. After a failed attempt the next
   * attempt matters more, and the caller has heard about the cash before.
   */
  cashOnDelivery: boolean;
}

export const STATUS_TRAITS: Readonly<Record<OrderStatus, StatusTraits>> = {
  PLACED: { finished: false, refundMatter: false, cashOnDelivery: true },
  CONFIRMED: { finished: false, refundMatter: false, cashOnDelivery: true },
  PACKED: { finished: false, refundMatter: false, cashOnDelivery: true },
  SHIPPED: { finished: false, refundMatter: false, cashOnDelivery: true },
  OUT_FOR_DELIVERY: { finished: false, refundMatter: false, cashOnDelivery: true },
  DELIVERY_FAILED: { finished: false, refundMatter: false, cashOnDelivery: false },
  DELIVERED: { finished: true, refundMatter: false, cashOnDelivery: false },
  CANCELLED: { finished: true, refundMatter: true, cashOnDelivery: false },
  RETURN_REQUESTED: { finished: false, refundMatter: true, cashOnDelivery: false },
  RETURNED: { finished: true, refundMatter: true, cashOnDelivery: false },
  REFUNDED: { finished: true, refundMatter: true, cashOnDelivery: false },
};

/** The statuses after which nothing more happens unless the customer acts (for the repository's query). */
export const FINISHED_STATUSES: readonly OrderStatus[] = ORDER_STATUSES.filter(
  (status) => STATUS_TRAITS[status].finished,
);

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
