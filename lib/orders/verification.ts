/**
 * The verification challenge: before anything is said about an order whose phone is not the caller's, the
 * caller keys in the last four digits of the phone number on the order. Three failures within an hour, for
 * the caller's number or for the order, lock further attempts out for an hour.
 */
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { beforeDeadline, msUntil } from '../db/deadline.ts';
import type { Order } from './order.ts';
import { type CallerNumber, lastFourDigits } from './phone.ts';
import { DatabaseUnavailableError } from './repository.ts';

export const MAX_FAILURES = 3;
const LOCKOUT_WINDOW_MS = 60 * 60 * 1000;

export interface RecentFailures {
  byCaller: number;
  byOrder: number;
}

export interface VerificationAttempt {
  contactId: string;
  /** E.164, or null for a withheld number (then only the order's failures count). */
  callerPhone: string | null;
  orderNumber: string;
  succeeded: boolean;
  at: Date;
}

export interface VerificationAttempts {
  recentFailures(
    callerPhone: string | null,
    orderNumber: string,
    now: Date,
    deadline: number,
  ): Promise<RecentFailures>;
  record(attempt: VerificationAttempt, deadline: number): Promise<void>;
}

export function isLockedOut(failures: RecentFailures): boolean {
  return failures.byCaller >= MAX_FAILURES || failures.byOrder >= MAX_FAILURES;
}

/**
 * The rule that holds everywhere: a caller may hear about an order placed with the number they call from, or
 * one they passed the challenge for earlier in the call (the flow carries its number as `verifiedOrderNumber`).
 */
export function isVerifiedFor(
  order: Pick<Order, 'customerPhone' | 'orderNumber'>,
  caller: CallerNumber,
  verifiedOrderNumber: string | undefined,
): boolean {
  return (
    (caller.kind === 'number' && caller.e164 === order.customerPhone) ||
    verifiedOrderNumber === order.orderNumber
  );
}

/** The caller passes when the digits keyed are the last four of the order's phone. */
export function digitsMatch(keyed: string, orderPhone: string): boolean {
  const last4 = lastFourDigits(orderPhone);
  return last4 !== null && keyed.replace(/[\s#]/g, '') === last4;
}

/** Attempts kept in the IVR's own database, on the primary: a lockout must see the attempt just made. */
export function mysqlVerificationAttempts(pool: Pool): VerificationAttempts {
  return {
    async recentFailures(callerPhone, orderNumber, now, deadline) {
      const [[row]] = await withinDeadline(
        pool.execute<RowDataPacket[]>(
          {
            sql: `SELECT COALESCE(SUM(caller_phone <=> ?), 0) AS byCaller, COALESCE(SUM(order_number = ?), 0) AS byOrder
                    FROM verification_attempts
                   WHERE NOT succeeded AND attempted_at >= ? AND (caller_phone = ? OR order_number = ?)`,
            timeout: msUntil(deadline),
          },
          [callerPhone, orderNumber, new Date(now.getTime() - LOCKOUT_WINDOW_MS), callerPhone, orderNumber],
        ),
        deadline,
      );
      return { byCaller: callerPhone ? Number(row?.byCaller ?? 0) : 0, byOrder: Number(row?.byOrder ?? 0) };
    },
    async record(attempt, deadline) {
      await withinDeadline(
        pool.execute(
          {
            sql: `INSERT INTO verification_attempts (contact_id, caller_phone, order_number, succeeded, attempted_at)
                  VALUES (?, ?, ?, ?, ?)`,
            timeout: msUntil(deadline),
          },
          [attempt.contactId, attempt.callerPhone, attempt.orderNumber, attempt.succeeded, attempt.at],
        ),
        deadline,
      );
    },
  };
}

/** The IVR database's answer by the deadline; anything else means it cannot be relied on now. */
async function withinDeadline<T>(query: Promise<T>, deadline: number): Promise<T> {
  try {
    return await beforeDeadline(query, deadline);
  } catch (error) {
    throw new DatabaseUnavailableError('the IVR database did not answer', { cause: error });
  }
}
