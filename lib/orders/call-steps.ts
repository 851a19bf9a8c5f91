/**
 * The steps of an order-status call, as plain functions of plain values: who is calling, which order, may we
 * speak of it. Speech and Connect's response shape are decided elsewhere; these decide what happened.
 *
 * The rule that holds everywhere: nothing about an order is said to a caller not verified for it. A caller is
 * verified for an order when it was placed with the number they call from, or when they passed the challenge
 * for it earlier in the call (the flow carries that order number back to us).
 */
import type { Order } from './order.ts';
import { normalizeOrderNumber } from './order-number.ts';
import type { CallerNumber } from './phone.ts';
import type { OrdersRepository } from './repository.ts';
import {
  digitsMatch,
  isLockedOut,
  isVerifiedFor,
  MAX_FAILURES,
  type VerificationAttempts,
} from './verification.ts';

/** The caller's number as the call presents it, already normalised. */
export type Caller = CallerNumber;

export interface StepContext {
  contactId: string;
  caller: Caller;
  /** The order this caller passed the challenge for earlier in the call, if any. */
  verifiedOrderNumber: string | undefined;
  now: Date;
  /** When the database work must be done by (epoch ms). */
  deadline: number;
  orders: OrdersRepository;
  attempts: VerificationAttempts;
}

export type StepResult =
  /** An order the caller may hear about, and how many other current orders they have. */
  | { outcome: 'found'; order: Order; otherCurrentOrders: number }
  /** A withheld number, or one with no current orders: ask for an order number. */
  | { outcome: 'not-identified' }
  | { outcome: 'not-found'; orderNumber: string }
  /** The order is not the caller's: ask for the last four digits of its phone. */
  | { outcome: 'verify'; orderNumber: string }
  | { outcome: 'verify-failed'; orderNumber: string; attemptsLeft: number }
  | { outcome: 'locked' }
  | { outcome: 'no-more-orders' }
  /** What the caller keyed or said is not an order number, or the digits are not four digits. */
  | { outcome: 'invalid-input'; reason: string };

/** The caller's number → their newest current order, and how many others they have. */
export async function identify(context: StepContext): Promise<StepResult> {
  if (context.caller.kind !== 'number') return { outcome: 'not-identified' };
  const orders = await context.orders.findCurrentOrdersByPhone(
    context.caller.e164,
    context.now,
    context.deadline,
  );
  const [newest] = orders;
  if (!newest) return { outcome: 'not-identified' };
  return { outcome: 'found', order: newest, otherCurrentOrders: orders.length - 1 };
}

/** An order number the caller keyed or said → the order, if the caller may hear about it. */
export async function lookup(
  context: StepContext,
  orderNumberInput: string | undefined,
): Promise<StepResult> {
  const named = await orderNamed(context, orderNumberInput);
  if ('settled' in named) return named.settled;
  const { order } = named;
  const failures = await context.attempts.recentFailures(
    callerPhone(context),
    order.orderNumber,
    context.now,
    context.deadline,
  );
  if (isLockedOut(failures)) return { outcome: 'locked' };
  return { outcome: 'verify', orderNumber: order.orderNumber };
}

/** The last four digits of the order's phone, keyed by the caller → the order, or another try, or a lockout. */
export async function verify(
  context: StepContext,
  orderNumberInput: string | undefined,
  digits: string | undefined,
): Promise<StepResult> {
  const named = await orderNamed(context, orderNumberInput);
  if ('settled' in named) return named.settled;
  const { order } = named;
  const phone = callerPhone(context);
  const before = await context.attempts.recentFailures(
    phone,
    order.orderNumber,
    context.now,
    context.deadline,
  );
  if (isLockedOut(before)) return { outcome: 'locked' };
  const succeeded = digitsMatch(digits ?? '', order.customerPhone);
  await context.attempts.record(
    {
      contactId: context.contactId,
      callerPhone: phone,
      orderNumber: order.orderNumber,
      succeeded,
      at: context.now,
    },
    context.deadline,
  );
  if (succeeded) return { outcome: 'found', order, otherCurrentOrders: 0 };
  const failures = { byCaller: phone ? before.byCaller + 1 : 0, byOrder: before.byOrder + 1 };
  if (isLockedOut(failures)) return { outcome: 'locked' };
  const attemptsLeft = MAX_FAILURES - Math.max(failures.byCaller, failures.byOrder);
  return { outcome: 'verify-failed', orderNumber: order.orderNumber, attemptsLeft };
}

/** The caller's current order after the one in hand (by their number), newest first. */
export async function next(context: StepContext, orderNumberInput: string | undefined): Promise<StepResult> {
  if (context.caller.kind !== 'number') return { outcome: 'no-more-orders' };
  const parsed = normalizeOrderNumber(orderNumberInput);
  const orders = await context.orders.findCurrentOrdersByPhone(
    context.caller.e164,
    context.now,
    context.deadline,
  );
  // An order in hand that is not among the caller's own (one they verified for) leaves their list to start.
  const position = parsed.ok ? orders.findIndex((order) => order.orderNumber === parsed.orderNumber) : -1;
  const following = orders[position + 1];
  if (!following) return { outcome: 'no-more-orders' };
  return { outcome: 'found', order: following, otherCurrentOrders: orders.length - position - 2 };
}

/**
 * The order the caller names, when the challenge decides what comes next; or the step's result when it is
 * settled before that: not an order number, no such order, or an order the caller may already hear about.
 */
async function orderNamed(
  context: StepContext,
  orderNumberInput: string | undefined,
): Promise<{ order: Order } | { settled: StepResult }> {
  const parsed = normalizeOrderNumber(orderNumberInput);
  if (!parsed.ok) return { settled: { outcome: 'invalid-input', reason: parsed.reason } };
  const order = await context.orders.findOrderByNumber(parsed.orderNumber, context.deadline);
  if (!order) return { settled: { outcome: 'not-found', orderNumber: parsed.orderNumber } };
  if (isVerifiedFor(order, context.caller, context.verifiedOrderNumber))
    return { settled: { outcome: 'found', order, otherCurrentOrders: 0 } };
  return { order };
}

function callerPhone(context: StepContext): string | null {
  return context.caller.kind === 'number' ? context.caller.e164 : null;
}
