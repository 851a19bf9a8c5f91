/**
 * The verification rules, all of them, in this one place. Before anything is said about an order whose phone
 * is not the caller's, the caller keys in the last four digits of the phone number on the order.
 *
 * - An answer is exactly four digits 0-9. Anything else (nothing, `*`, `#`, one digit, five) is invalid input:
 *   it is answered so, and never counted.
 * - Three failed answers within an hour lock the order, the caller's number and the call, whatever orders
 *   the call's failures were about: no answer about the order, from the number or in the call is judged until
 *   the first of those failures is an hour old. A withheld number has no number to lock; its call and the
 *   order still lock.
 * - Answers are recorded and judged atomically: a judgement holds the database's row locks of its order,
 *   number and call while it counts and records, so a burst of answers given at once is judged one after
 *   the other, and no burst gets more than three failures judged per order, per number or per call.
 * - A retried invocation (the same contact, order and digits) counts once and is answered as the first was,
 *   unless a lockout came in between.
 * - Lookups of orders that are not the caller's (someone else's, or no order at all) are limited too, since
 *   "no such order" and "please verify" tell apart which order numbers exist: `maxLookups` per call and
 *   per number within an hour, then `locked`. An order named again in the same call counts once. The caller's
 *   own orders, and one they verified for in the call, never count.
 * - A call or number locked by failures is `locked` for lookups of other orders too.
 *
 * The caller's number is kept only as an HMAC of it (lib/orders/phone-digest.ts).
 */
import { createHash } from 'node:crypto';
import type { RowDataPacket } from 'mysql2/promise';
import { msUntil } from '#lib/db/deadline.ts';
import { type ConnectionPool, inTransaction, type TransactionStatements } from '#lib/db/transaction.ts';
import type { Order } from '#lib/orders/order.ts';
import { type CallerNumber, lastFourDigits } from '#lib/orders/phone.ts';
import { keyedDigest, phoneDigestKey } from '#lib/orders/phone-digest.ts';
import { DatabaseUnavailableError } from '#lib/orders/repository.ts';

export const VERIFICATION_RULES = {
  /** Failed answers within the window that lock an order, a number and a call. */
  maxFailures: 3,
  /**
   * Lookups of orders not the caller's, per call and per number within the window. Five lets a caller mistype
   * an eight-digit number twice and still ask about two orders of their family's; it cuts an attacker from an
   * unlimited check of which order numbers exist to five answers a call (a new call costs them the greeting
   * and the menu), and to five an hour from any one number.
   */
  maxLookups: 5,
  /** How long a failure or a lookup counts: an hour. */
  windowMs: 60 * 60 * 1000,
} as const;

/** A caller's own order: placed with the number they call from. Only they are greeted by the order's name. */
export function isCallersOwnOrder(order: Pick<Order, 'customerPhone'>, caller: CallerNumber): boolean {
  return caller.kind === 'number' && caller.e164 === order.customerPhone;
}

declare const verifiedForTheCaller: unique symbol;

/**
 * An order the caller may hear about. Only the rules of this module make one (verifiedFor, callersOwnOrders,
 * passedChallenge), and speech of an order's facts (lib/speech/order-speech.ts) takes nothing else: an order
 * as read from the database cannot be spoken by mistake.
 */
export type VerifiedOrder = Order & { readonly [verifiedForTheCaller]: true };

/**
 * The rule that holds everywhere: a caller may hear about an order placed with the number they call from, or
 * one they passed the challenge for earlier in the call (the flow carries its number as `verifiedOrderNumber`).
 * The order, verified, when so; else undefined.
 */
export function verifiedFor(
  order: Order,
  caller: CallerNumber,
  verifiedOrderNumber: string | undefined,
): VerifiedOrder | undefined {
  const verified = isCallersOwnOrder(order, caller) || verifiedOrderNumber === order.orderNumber;
  return verified ? (order as VerifiedOrder) : undefined;
}

/** Of `orders` (those a lookup by the caller's number found), the ones placed with that number: all of them. */
export function callersOwnOrders(orders: readonly Order[], caller: CallerNumber): VerifiedOrder[] {
  return orders.filter((order): order is VerifiedOrder => isCallersOwnOrder(order, caller));
}

/**
 * The order whose challenge the caller has just passed (`attempt`'s `passed` verdict, asked with this order's
 * phone); from now on the call carries it as `verifiedOrderNumber`.
 */
export function passedChallenge(
  order: Order,
  _verdict: Extract<AttemptVerdict, { verdict: 'passed' }>,
): VerifiedOrder {
  return order as VerifiedOrder;
}

/**
 * The order a hand-over is about, from what the call carries: the order in hand (the flow's `orderNumber`,
 * else the one verified), and whether the caller is verified for it, which they are only when it is the order
 * they were verified for (`verifiedOrderNumber`: their own, which the flow and the bot keep, or one whose
 * challenge they passed). Another order in hand is one they only asked about.
 */
export function orderInHand(
  orderNumber: string | undefined,
  verifiedOrderNumber: string | undefined,
): { orderNumber: string | undefined; verified: boolean } {
  const verified = verifiedOrderNumber || undefined;
  const inHand = orderNumber || verified;
  return { orderNumber: inHand, verified: verified !== undefined && inHand === verified };
}

/** An answer to the challenge is exactly four digits 0-9, as keyed; anything else is invalid input. */
export function isFourDigits(digits: string | undefined): digits is string {
  return digits !== undefined && /^[0-9]{4}$/.test(digits);
}

/** The caller passes when the four digits keyed are the last four of the order's phone. */
export function digitsMatch(keyed: string, orderPhone: string): boolean {
  return lastFourDigits(orderPhone) === keyed;
}

/** Counts within the window before a judgement: failed answers by order, number and call. */
export interface Failures {
  byOrder: number;
  byNumber: number;
  byCall: number;
}

/** Counts within the window before a judgement: lookups of orders not the caller's, by number and call. */
export interface Lookups {
  byNumber: number;
  byCall: number;
}

export function isLockedOut(failures: Failures): boolean {
  return Math.max(failures.byOrder, failures.byNumber, failures.byCall) >= VERIFICATION_RULES.maxFailures;
}

export type LookupVerdict = 'allowed' | 'locked';

export type AttemptVerdict =
  | { verdict: 'passed' }
  | { verdict: 'failed'; attemptsLeft: number }
  | { verdict: 'locked' };

/** A judgement, and whether what was judged is recorded (it counts from now on). */
interface Judged<V> {
  verdict: V;
  record: boolean;
}

/** A lookup of an order not the caller's, given what the window holds; `seen`: the call named it before. */
export function judgeLookup(state: {
  seen: boolean;
  lookups: Lookups;
  failures: Failures;
}): Judged<LookupVerdict> {
  if (isLockedOut(state.failures)) return { verdict: 'locked', record: false };
  if (state.seen) return { verdict: 'allowed', record: false };
  const { byNumber, byCall } = state.lookups;
  if (Math.max(byNumber, byCall) >= VERIFICATION_RULES.maxLookups)
    return { verdict: 'locked', record: false };
  return { verdict: 'allowed', record: true };
}

/**
 * An answer to the challenge, given what the window holds; `earlier`: the same answer of the same contact,
 * already judged (a retried invocation).
 */
export function judgeAttempt(state: {
  earlier: { succeeded: boolean } | undefined;
  failures: Failures;
  matches: boolean;
}): Judged<AttemptVerdict> {
  const { earlier, failures, matches } = state;
  if (earlier?.succeeded) return { verdict: { verdict: 'passed' }, record: false };
  if (isLockedOut(failures)) return { verdict: { verdict: 'locked' }, record: false };
  if (earlier) return { verdict: failedWith(failures), record: false };
  if (matches) return { verdict: { verdict: 'passed' }, record: true };
  const after = {
    byOrder: failures.byOrder + 1,
    byNumber: failures.byNumber + 1,
    byCall: failures.byCall + 1,
  };
  return { verdict: isLockedOut(after) ? { verdict: 'locked' } : failedWith(after), record: true };
}

function failedWith(failures: Failures): AttemptVerdict {
  const worst = Math.max(failures.byOrder, failures.byNumber, failures.byCall);
  return { verdict: 'failed', attemptsLeft: VERIFICATION_RULES.maxFailures - worst };
}

/** Who asks about which order, and when. */
export interface LookupRequest {
  contactId: string;
  caller: CallerNumber;
  orderNumber: string;
  at: Date;
}

export interface AttemptRequest extends LookupRequest {
  /** Four digits (isFourDigits). */
  digits: string;
  /** The phone on the order, whose last four digits pass. */
  orderPhone: string;
}

/** Lookups and answers, each recorded and judged at once. */
export interface Verification {
  /** A lookup of an order that is not the caller's, or of an order number that does not exist. */
  lookUp(request: LookupRequest, deadline: number): Promise<LookupVerdict>;
  /** An answer to the challenge for an order that is not the caller's. */
  attempt(request: AttemptRequest, deadline: number): Promise<AttemptVerdict>;
}

/** The lookups and attempts kept in the IVR's own database, on the primary, judged under its row locks. */
export function mysqlVerification(pool: ConnectionPool): Verification {
  return {
    async lookUp(request, deadline) {
      const who = await subjectsOf(request);
      return judgeUnderLock(pool, deadline, [who.call, who.number], async (conn) => {
        const [seen] = await run(
          conn,
          deadline,
          'SELECT 1 FROM order_lookups WHERE contact_id = ? AND order_number = ?',
          [request.contactId, request.orderNumber],
        );
        const judged = judgeLookup({
          seen: seen !== undefined,
          lookups: await lookupsOf(conn, deadline, who, request.at),
          failures: await failuresOf(conn, deadline, who, request.at),
        });
        if (judged.record) {
          await run(
            conn,
            deadline,
            `INSERT INTO order_lookups (contact_id, caller_digest, order_number, looked_up_at) VALUES (?, ?, ?, ?)`,
            [request.contactId, who.callerDigest, request.orderNumber, request.at],
          );
        }
        return judged.verdict;
      });
    },
    async attempt(request, deadline) {
      const who = await subjectsOf(request);
      const attemptKey = keyedDigest(who.key, request.contactId, request.orderNumber, request.digits);
      return judgeUnderLock(pool, deadline, [who.order, who.call, who.number], async (conn) => {
        const [earlier] = await run(
          conn,
          deadline,
          'SELECT succeeded FROM verification_attempts WHERE attempt_key = ?',
          [attemptKey],
        );
        const matches = digitsMatch(request.digits, request.orderPhone);
        const judged = judgeAttempt({
          earlier: earlier && { succeeded: Boolean(earlier.succeeded) },
          failures: await failuresOf(conn, deadline, who, request.at),
          matches,
        });
        if (judged.record) {
          await run(
            conn,
            deadline,
            `INSERT INTO verification_attempts
               (contact_id, caller_digest, attempt_key, order_number, succeeded, attempted_at)
             VALUES (?, ?, ?, ?, ?, ?)`,
            [request.contactId, who.callerDigest, attemptKey, request.orderNumber, matches, request.at],
          );
        }
        return judged.verdict;
      });
    },
  };
}

/** What a judgement is about, as the database keeps it, and the lock rows that stand for each. */
interface Subjects {
  key: string;
  contactId: string;
  orderNumber: string;
  callerDigest: Buffer | null;
  order: Buffer;
  call: Buffer;
  /** Null for a withheld or invalid number: there is no number to lock. */
  number: Buffer | null;
}

async function subjectsOf(request: LookupRequest): Promise<Subjects> {
  const key = await phoneDigestKey();
  const callerDigest = request.caller.kind === 'number' ? keyedDigest(key, request.caller.e164) : null;
  return {
    key,
    contactId: request.contactId,
    orderNumber: request.orderNumber,
    callerDigest,
    order: lockRow(`order:${request.orderNumber}`),
    call: lockRow(`call:${request.contactId}`),
    number: callerDigest && lockRow(`number:${callerDigest.toString('hex')}`),
  };
}

function lockRow(subject: string): Buffer {
  return createHash('sha256').update(subject).digest();
}

/**
 * Runs `judge` holding the lock rows of `subjects`: made if missing and locked FOR UPDATE by the INSERT's
 * duplicate-key update, in one order (sorted) for every judgement, so two judgements never wait on each other
 * in a circle. Whatever fails, or takes past the deadline, leaves nothing recorded and the IVR's database
 * reported unavailable.
 */
async function judgeUnderLock<T>(
  pool: ConnectionPool,
  deadline: number,
  subjects: (Buffer | null)[],
  judge: (conn: TransactionStatements) => Promise<T>,
): Promise<T> {
  const rows = subjects.filter((subject) => subject !== null).sort(Buffer.compare);
  try {
    return await inTransaction(pool, deadline, async (conn) => {
      await run(
        conn,
        deadline,
        `INSERT INTO verification_locks (subject, used_at) VALUES ${rows.map(() => '(?, UTC_TIMESTAMP(3))').join(', ')}
         ON DUPLICATE KEY UPDATE used_at = VALUES(used_at)`,
        rows,
      );
      return judge(conn);
    });
  } catch (error) {
    throw new DatabaseUnavailableError('the IVR database did not judge the verification', { cause: error });
  }
}

async function failuresOf(
  conn: TransactionStatements,
  deadline: number,
  who: Subjects,
  at: Date,
): Promise<Failures> {
  const [row] = await run(
    conn,
    deadline,
    `SELECT COALESCE(SUM(order_number = ?), 0) AS byOrder,
            COALESCE(SUM(caller_digest = ?), 0) AS byNumber,
            COALESCE(SUM(contact_id = ?), 0) AS byCall
       FROM verification_attempts
      WHERE NOT succeeded AND attempted_at > ? AND (order_number = ? OR caller_digest = ? OR contact_id = ?)`,
    [
      who.orderNumber,
      who.callerDigest,
      who.contactId,
      windowStart(at),
      who.orderNumber,
      who.callerDigest,
      who.contactId,
    ],
  );
  return {
    byOrder: Number(row?.byOrder ?? 0),
    byNumber: Number(row?.byNumber ?? 0),
    byCall: Number(row?.byCall ?? 0),
  };
}

async function lookupsOf(
  conn: TransactionStatements,
  deadline: number,
  who: Subjects,
  at: Date,
): Promise<Lookups> {
  const [row] = await run(
    conn,
    deadline,
    `SELECT COALESCE(SUM(caller_digest = ?), 0) AS byNumber, COALESCE(SUM(contact_id = ?), 0) AS byCall
       FROM order_lookups
      WHERE looked_up_at > ? AND (caller_digest = ? OR contact_id = ?)`,
    [who.callerDigest, who.contactId, windowStart(at), who.callerDigest, who.contactId],
  );
  return { byNumber: Number(row?.byNumber ?? 0), byCall: Number(row?.byCall ?? 0) };
}

/**
 * A failure or lookup counts until it is an hour old. One judged a moment "later" counts too: invocations
 * judged in turn read their clocks in another order, and the burst must see every judgement before it.
 */
function windowStart(at: Date): Date {
  return new Date(at.getTime() - VERIFICATION_RULES.windowMs);
}

/** A statement of the judgement, given the time left to the deadline. */
async function run(
  conn: TransactionStatements,
  deadline: number,
  sql: string,
  params: (string | number | boolean | Date | Buffer | null)[],
): Promise<RowDataPacket[]> {
  const [rows] = await conn.query<RowDataPacket[]>({ sql, timeout: msUntil(deadline) }, params);
  return rows;
}
