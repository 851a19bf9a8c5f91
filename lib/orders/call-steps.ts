/**
 * The steps of an order-status call, as plain functions of plain values: who is calling, which order, may we
 * speak of it. Speech and Connect's response shape are decided elsewhere; these decide what happened.
 *
 * The rule that holds everywhere: nothing about an order is said to a caller not verified for it. A caller is
 * verified for an order when it was placed with the number they call from, or when they passed the challenge
 * for it earlier in the call (the flow carries that order number back to us). Lookups of orders not the
 * caller's and answers to the challenge are judged by the rules of lib/orders/verification.ts.
 */
import { hasCashToPay, type Order } from '#lib/orders/order.ts';
import { normalizeOrderNumber } from '#lib/orders/order-number.ts';
import type { CallerNumber } from '#lib/orders/phone.ts';
import type { OrdersRepository } from '#lib/orders/repository.ts';
import { STATUS_TRAITS, URGENCY, type Urgency } from '#lib/orders/status.ts';
import {
  callersOwnOrders,
  isCallersOwnOrder,
  isFourDigits,
  type LookupRequest,
  passedChallenge,
  type Verification,
  type VerifiedOrder,
  verifiedFor,
} from '#lib/orders/verification.ts';

export interface StepContext {
  contactId: string;
  /** The caller's number as the call presents it, already normalised. */
  caller: CallerNumber;
  /** The order this caller passed the challenge for earlier in the call, if any. */
  verifiedOrderNumber: string | undefined;
  now: Date;
  /** When the database work must be done by (epoch ms). */
  deadline: number;
  orders: OrdersRepository;
  verification: Verification;
  /**
   * Whether the caller has other current orders than the one in hand, as identify found at the start of the
   * call: an order heard again (1 at the menu, or in the other language) is then named again.
   */
  callerHasOtherOrders?: boolean;
}

export type StepResult =
  /**
   * An order the caller may hear about, and how many other current orders they have after it; `named` when
   * it is to be named by what was bought: one of the caller's several current orders (told apart from the
   * others), or one not theirs that the caller gave the number of (what they hear is about the order they
   * meant);
   * `greetByName` when the caller is the person on the order (they call from its phone), not merely verified
   * for it; `savedLanguage`, the language that person saved with the shop, only then (lib/markets.ts
   * localeFor decides whether it is spoken).
   */
  | {
      outcome: 'found';
      order: VerifiedOrder;
      otherCurrentOrders: number;
      named: boolean;
      greetByName: boolean;
      savedLanguage: string | null;
    }
  /**
   * A withheld number, or one with no current orders: ask for an order number. `fromANumber` when the
   * caller's number came with the call (and found no order): only then is it worth saying so.
   */
  | { outcome: 'not-identified'; fromANumber: boolean }
  | { outcome: 'not-found'; orderNumber: string }
  /** The order is not the caller's: ask for the last four digits of its phone. */
  | { outcome: 'verify'; orderNumber: string }
  | { outcome: 'verify-failed'; orderNumber: string; attemptsLeft: number }
  /** Too many failed answers, or lookups of orders not the caller's (lib/orders/verification.ts). */
  | { outcome: 'locked' }
  | { outcome: 'no-more-orders' }
  /** What the caller keyed or said is not an order number, or the digits are not four digits. */
  | { outcome: 'invalid-input'; reason: string };

/** What identifying the caller can come to. */
export type IdentifyResult = Extract<StepResult, { outcome: 'found' | 'not-identified' }>;

/** What a lookup can come to. */
export type LookupResult = Extract<
  StepResult,
  { outcome: 'found' | 'not-found' | 'verify' | 'locked' | 'invalid-input' }
>;

/** What an answer to the challenge can come to. */
export type VerifyResult = Extract<
  StepResult,
  { outcome: 'found' | 'not-found' | 'verify-failed' | 'locked' | 'invalid-input' }
>;

/** What asking for the caller's next order can come to. */
export type NextResult = Extract<StepResult, { outcome: 'found' | 'no-more-orders' }>;

/** The caller's number → the current order that matters most to them, and how many others they have. */
export async function identify(context: StepContext): Promise<IdentifyResult> {
  const orders = await currentOrdersOfCaller(context);
  const [first] = orders;
  if (!first) return { outcome: 'not-identified', fromANumber: context.caller.kind === 'number' };
  return found(context, first, orders.length - 1, orders.length > 1);
}

/** An order number the caller keyed or said → the order, if the caller may hear about it. */
export async function lookup(
  context: StepContext,
  orderNumberInput: string | undefined,
): Promise<LookupResult> {
  const named = await orderNamed(context, orderNumberInput);
  if ('settled' in named) return named.settled;
  return { outcome: 'verify', orderNumber: named.order.orderNumber };
}

/** The last four digits of the order's phone, keyed by the caller → the order, or another try, or a lockout. */
export async function verify(
  context: StepContext,
  orderNumberInput: string | undefined,
  digits: string | undefined,
): Promise<VerifyResult> {
  if (!isFourDigits(digits)) return { outcome: 'invalid-input', reason: 'not four digits' };
  const named = await orderNamed(context, orderNumberInput);
  if ('settled' in named) return named.settled;
  const { order } = named;
  const judged = await context.verification.attempt(
    { ...asked(context, order.orderNumber), digits, orderPhone: order.customerPhone },
    context.deadline,
  );
  switch (judged.verdict) {
    case 'passed':
      return found(context, passedChallenge(order, judged), 0, true);
    case 'failed':
      return { outcome: 'verify-failed', orderNumber: order.orderNumber, attemptsLeft: judged.attemptsLeft };
    case 'locked':
      return { outcome: 'locked' };
  }
}

/** The caller's current order after the one in hand (by their number), in the order of mostUrgentFirst. */
export async function next(context: StepContext, orderNumberInput: string | undefined): Promise<NextResult> {
  const parsed = normalizeOrderNumber(orderNumberInput);
  const orders = await currentOrdersOfCaller(context);
  // An order in hand that is not among the caller's own (one they verified for) leaves their list to start.
  const position = parsed.ok ? orders.findIndex((order) => order.orderNumber === parsed.orderNumber) : -1;
  const following = orders[position + 1];
  if (!following) return { outcome: 'no-more-orders' };
  return found(context, following, orders.length - position - 2, true);
}

/**
 * The order the caller names, when it is someone else's and the challenge decides what comes next; or the
 * step's result when it is settled before that: not an order number, an order the caller may already hear
 * about, too many lookups of orders not theirs, or no such order.
 */
async function orderNamed(
  context: StepContext,
  orderNumberInput: string | undefined,
): Promise<{ order: Order } | { settled: Exclude<LookupResult, { outcome: 'verify' }> }> {
  const parsed = normalizeOrderNumber(orderNumberInput);
  if (!parsed.ok) return { settled: { outcome: 'invalid-input', reason: parsed.reason } };
  const order = await context.orders.findOrderByNumber(parsed.orderNumber, context.deadline);
  const verified = order && verifiedFor(order, context.caller, context.verifiedOrderNumber);
  // A caller's own order is named only where it is one of several (identify, next, or heard again): not
  // when they gave its number and have no other.
  if (verified) {
    const named = !isCallersOwnOrder(verified, context.caller) || context.callerHasOtherOrders === true;
    return { settled: found(context, verified, 0, named) };
  }
  const verdict = await context.verification.lookUp(asked(context, parsed.orderNumber), context.deadline);
  if (verdict === 'locked') return { settled: { outcome: 'locked' } };
  if (!order) return { settled: { outcome: 'not-found', orderNumber: parsed.orderNumber } };
  return { order };
}

/** The caller's current orders by their number, most urgent first; none for a withheld or invalid number. */
async function currentOrdersOfCaller(context: StepContext): Promise<VerifiedOrder[]> {
  if (context.caller.kind !== 'number') return [];
  const orders = await context.orders.findCurrentOrdersByPhone(
    context.caller.e164,
    context.now,
    context.deadline,
  );
  return mostUrgentFirst(callersOwnOrders(orders, context.caller));
}

/**
 * A caller who rings without naming an order hears first about the one that matters most to them: one that
 * needs them (a failed delivery, cash to keep ready for a courier on the way today), then one on its way,
 * then one being prepared, then a return, then one finished; among equals the newest (the repository's
 * order, kept by a stable sort).
 */
export function mostUrgentFirst<T extends Order>(orders: readonly T[]): T[] {
  return [...orders].sort((a, b) => urgencyOf(a) - urgencyOf(b));
}

function urgencyOf(order: Order): Urgency {
  if (order.status === 'OUT_FOR_DELIVERY' && hasCashToPay(order)) return URGENCY.needsAction;
  return STATUS_TRAITS[order.status].urgency;
}

function found(
  context: StepContext,
  order: VerifiedOrder,
  otherCurrentOrders: number,
  named: boolean,
): Extract<StepResult, { outcome: 'found' }> {
  const callersOwn = isCallersOwnOrder(order, context.caller);
  return {
    outcome: 'found',
    order,
    otherCurrentOrders,
    named,
    greetByName: callersOwn,
    savedLanguage: callersOwn ? order.customerLanguage : null,
  };
}

function asked(context: StepContext, orderNumber: string): LookupRequest {
  return { contactId: context.contactId, caller: context.caller, orderNumber, at: context.now };
}
