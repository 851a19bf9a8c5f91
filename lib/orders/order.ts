/** An order as the IVR sees it: one row of the `ivr_orders` view (DESIGN.md), in plain values. */
import type { MarketCode } from '#lib/markets.ts';
import { type OrderStatus, type RefundStatus, STATUS_TRAITS } from '#lib/orders/status.ts';

export interface Order {
  orderNumber: string;
  /** E.164 */
  customerPhone: string;
  /** For the greeting; never logged. */
  customerFirstName: string | null;
  market: MarketCode;
  status: OrderStatus;
  statusAt: Date;
  placedAt: Date;
  /** The promised delivery window: a whole day, or a same-day slot. */
  promisedFrom: Date | null;
  promisedTo: Date | null;
  /** The courier's name as it should be spoken. */
  carrier: string | null;
  itemCount: number;
  /** Catalogue text: may hold `&`, `<`, quotes, Arabic script, emoji. */
  firstItemName: string;
  /** Money as exact decimal strings ("12499.00"): never floating point. */
  totalAmount: string;
  currency: string;
  /** Cash to pay on delivery; "0.00" when prepaid. */
  amountDue: string;
  refundStatus: RefundStatus | null;
  refundAmount: string | null;
  refundAt: Date | null;
  /**
   * The language the customer saved with the shop, as the shop spells it (`hi-IN`, say): the view's optional
   * column `customer_language`, given only when the order's phone is the customer's own. Null when nothing
   * was saved or the view has no such column; lib/markets.ts `localeFor` decides whether it is spoken.
   */
  customerLanguage: string | null;
}

/** Cash is to be kept ready for the courier: the order is on its way and not prepaid. */
export function hasCashToPay(order: Order): boolean {
  // The amount is an exact decimal string: any digit other than 0 means there is cash to pay.
  return STATUS_TRAITS[order.status].cashOnDelivery && /[1-9]/.test(order.amountDue);
}
