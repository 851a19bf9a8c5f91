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
  /**
   * How much the order matters to a caller who rings without saying which (lower first): one on its way
   * before one only placed, both before one finished. An order out for delivery with cash to pay needs the
   * caller today, like a failed delivery (lib/orders/call-steps.ts, mostUrgentFirst).
   */
  urgency: Urgency;
}

/** What a caller with several orders hears about first: the lowest. */
export const URGENCY = { needsAction: 0, onItsWay: 1, inProgress: 2, refundMatter: 3, finished: 4 } as const;
export type Urgency = (typeof URGENCY)[keyof typeof URGENCY];

export const STATUS_TRAITS: Readonly<Record<OrderStatus, StatusTraits>> = {
  PLACED: { finished: false, refundMatter: false, cashOnDelivery: true, urgency: URGENCY.inProgress },
  CONFIRMED: { finished: false, refundMatter: false, cashOnDelivery: true, urgency: URGENCY.inProgress },
  PACKED: { finished: false, refundMatter: false, cashOnDelivery: true, urgency: URGENCY.inProgress },
  SHIPPED: { finished: false, refundMatter: false, cashOnDelivery: true, urgency: URGENCY.onItsWay },
  OUT_FOR_DELIVERY: { finished: false, refundMatter: false, cashOnDelivery: true, urgency: URGENCY.onItsWay },
  DELIVERY_FAILED: {
    finished: false,
    refundMatter: false,
    cashOnDelivery: false,
    urgency: URGENCY.needsAction,
  },
  DELIVERED: { finished: true, refundMatter: false, cashOnDelivery: false, urgency: URGENCY.finished },
  CANCELLED: { finished: true, refundMatter: true, cashOnDelivery: false, urgency: URGENCY.finished },
  RETURN_REQUESTED: {
    finished: false,
    refundMatter: true,
    cashOnDelivery: false,
    urgency: URGENCY.refundMatter,
  },
  RETURNED: { finished: true, refundMatter: true, cashOnDelivery: false, urgency: URGENCY.finished },
  REFUNDED: { finished: true, refundMatter: true, cashOnDelivery: false, urgency: URGENCY.finished },
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
