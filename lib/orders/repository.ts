/**
 * Reading orders from the `ivr_orders` view: on the read replica first, and once from the primary when the
 * replica fails, hangs, or has not yet seen an order the caller keyed in. Every read ends by a deadline.
 * Once the replica has failed or hung, the container's later reads go straight to the primary until the
 * replica's circuit lets one read try it again (lib/db/circuit.ts).
 */
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { replicaShareMs } from '#lib/budget.ts';
import { circuitOf } from '#lib/db/circuit.ts';
import { beforeDeadline, DeadlineExceededError, msUntil } from '#lib/db/deadline.ts';
import { isMarketCode } from '#lib/markets.ts';
import type { Order } from '#lib/orders/order.ts';
import {
  FINISHED_STATUSES,
  isOrderStatus,
  REFUND_STATUSES,
  type RefundStatus,
  recentlyFinishedSince,
} from '#lib/orders/status.ts';

/** The narrow view of the order data that the call steps need. */
export interface OrdersRepository {
  findOrderByNumber(orderNumber: string, deadline: number): Promise<Order | undefined>;
  /** The phone's current orders (see recentlyFinishedSince), newest first. */
  findCurrentOrdersByPhone(phone: string, now: Date, deadline: number): Promise<Order[]>;
}

export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

/** The view returned something outside the contract (an unknown status, say): nothing safe can be spoken. */
export class UnexpectedOrderDataError extends Error {
  override name = 'UnexpectedOrderDataError';
}

/** What the orders' statements take as parameters. */
type SqlValue = string | number | Date;

/**
 * Why a read went to the primary: the replica failed or hung now, it had not seen the order, or it failed or
 * hung recently and its circuit is open (it was not asked).
 */
export type FallbackReason = 'replica-error' | 'replica-timeout' | 'not-on-replica' | 'replica-circuit-open';

/** What the repository needs of a pool: prepared statements (its circuit is kept by the pool it is given). */
export type OrdersDatabase = Pick<Pool, 'execute'>;

export interface MysqlOrdersOptions {
  replica: OrdersDatabase;
  /** The primary; without it, a failing replica makes the orders unavailable. */
  fallback?: OrdersDatabase | undefined;
  onFallback?: (reason: FallbackReason) => void;
  /** The view has no `customer_language` (see viewStatements): called once, when that is found out. */
  onNoLanguageColumn?: () => void;
}

/** A caller may have many orders; the IVR speaks of a few and counts the rest. */
const MAX_CURRENT_ORDERS = 20;

const CONTRACT_COLUMNS = `order_number, customer_phone, customer_first_name, market, status, status_at,
  placed_at, promised_from, promised_to, carrier, item_count, first_item_name, total_amount, currency,
  amount_due, refund_status, refund_amount, refund_at`;

/** The view's one optional column: the language the customer saved with the shop (README, "The shop's side"). */
const LANGUAGE_COLUMN = 'customer_language';

/** A statement of the view, given the columns it is to read. */
type Statement = (columns: string) => string;

const BY_ORDER_NUMBER: Statement = (columns) => `SELECT ${columns} FROM ivr_orders WHERE order_number = ?`;

// The IN list is the finished statuses, spelled out once in status.ts.
const CURRENT_BY_PHONE: Statement = (columns) => `SELECT ${columns} FROM ivr_orders
  WHERE customer_phone = ?
    AND (status NOT IN (${FINISHED_STATUSES.map(() => '?').join(', ')}) OR status_at >= ?)
  ORDER BY placed_at DESC, order_number DESC
  LIMIT ${MAX_CURRENT_ORDERS}`;

export function mysqlOrdersRepository(options: MysqlOrdersOptions): OrdersRepository {
  const view = viewStatements(options.onNoLanguageColumn);
  return {
    async findOrderByNumber(orderNumber, deadline) {
      // A just-placed order may not have reached the replica yet: an empty answer is worth asking the primary.
      const rows = await readWithFallback(
        options,
        (pool, ms) => view.execute(pool, BY_ORDER_NUMBER, [orderNumber], ms),
        deadline,
        (found) => found.length === 0,
      );
      return rows[0] && toOrder(rows[0]);
    },
    async findCurrentOrdersByPhone(phone, now, deadline) {
      const params = [phone, ...FINISHED_STATUSES, recentlyFinishedSince(now)];
      // A caller with no orders is the common case of an unknown number: not a reason to load the primary.
      const rows = await readWithFallback(
        options,
        (pool, ms) => view.execute(pool, CURRENT_BY_PHONE, params, ms),
        deadline,
        () => false,
      );
      return rows.map(toOrder);
    },
  };
}

/**
 * The view's statements with its optional column, `customer_language`, asked for until a server answers that
 * the view has no such column (MariaDB's error 1054 naming it). From then on the repository (one per
 * container, lib/orders/stores.ts) reads the contract's columns only, says so once, and every caller hears
 * their line's language. The refused statement is asked again at once without the column, on the same
 * server within the same time: it is not a failure of the server, so it opens no circuit and asks no fallback.
 *
 * Found out, not configured: a shop's DBA may add the column whenever they like, and containers take it up as
 * they start, with nothing to deploy; a flag would be one more setting to keep true to the view, and set wrong
 * it would turn every lookup into an error. It costs a shop without the column one refused statement per
 * container, and a shop with it nothing (a look at information_schema would cost every container a query).
 */
function viewStatements(onNoLanguageColumn: (() => void) | undefined) {
  let columns = `${CONTRACT_COLUMNS}, ${LANGUAGE_COLUMN}`;
  return {
    async execute(
      pool: OrdersDatabase,
      statement: Statement,
      params: SqlValue[],
      ms: number,
    ): Promise<RowDataPacket[]> {
      const until = Date.now() + ms;
      try {
        return await executeBy(pool, statement(columns), params, ms);
      } catch (error) {
        if (!isUnknownLanguageColumn(error)) throw error;
        if (columns !== CONTRACT_COLUMNS) {
          columns = CONTRACT_COLUMNS;
          onNoLanguageColumn?.();
        }
        return executeBy(pool, statement(columns), params, until - Date.now());
      }
    },
  };
}

/** MariaDB's ER_BAD_FIELD_ERROR about the optional column: the view has none. */
function isUnknownLanguageColumn(error: unknown): boolean {
  const { errno, message } = error as { errno?: number; message?: string };
  return errno === 1054 && String(message).includes(LANGUAGE_COLUMN);
}

async function readWithFallback(
  { replica, fallback, onFallback }: MysqlOrdersOptions,
  execute: (pool: OrdersDatabase, ms: number) => Promise<RowDataPacket[]>,
  deadline: number,
  worthAskingThePrimary: (rows: RowDataPacket[]) => boolean,
): Promise<RowDataPacket[]> {
  const timeLeft = msUntil(deadline);
  if (timeLeft <= 0) throw new DatabaseUnavailableError('no time was left to read the order');
  if (!fallback) {
    // The replica is all there is: it is asked every time, with all the time left.
    try {
      return await execute(replica, timeLeft);
    } catch (error) {
      throw new DatabaseUnavailableError('the orders replica did not answer', { cause: error });
    }
  }
  const circuit = circuitOf(replica);
  let replicaRows: RowDataPacket[] | undefined;
  if (circuit.permit() === 'open') {
    onFallback?.('replica-circuit-open');
  } else {
    try {
      replicaRows = await execute(replica, replicaShareMs(timeLeft));
      circuit.succeeded();
      if (!worthAskingThePrimary(replicaRows)) return replicaRows;
      onFallback?.('not-on-replica');
    } catch (error) {
      circuit.failed();
      onFallback?.(isTimeout(error) ? 'replica-timeout' : 'replica-error');
    }
  }
  try {
    return await execute(fallback, msUntil(deadline));
  } catch (error) {
    // The replica's "no such order" still stands when the primary cannot be asked.
    if (replicaRows) return replicaRows;
    throw new DatabaseUnavailableError('neither the orders replica nor the primary answered', {
      cause: error,
    });
  }
}

/** A prepared statement that settles within `ms`. */
function executeBy(
  pool: OrdersDatabase,
  sql: string,
  params: SqlValue[],
  ms: number,
): Promise<RowDataPacket[]> {
  if (ms <= 0) return Promise.reject(new DeadlineExceededError('no time was left for the query'));
  const query = pool.execute<RowDataPacket[]>({ sql, timeout: ms }, params).then(([rows]) => rows);
  return beforeDeadline(query, Date.now() + ms);
}

/** Our deadline, or mysql2's own query or connect timeout. */
function isTimeout(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return (
    error instanceof DeadlineExceededError || code === 'PROTOCOL_SEQUENCE_TIMEOUT' || code === 'ETIMEDOUT'
  );
}

function toOrder(row: RowDataPacket): Order {
  const market = String(row.market);
  const status = String(row.status);
  const refundStatus = row.refund_status === null ? null : String(row.refund_status);
  if (!isMarketCode(market))
    throw new UnexpectedOrderDataError(`order ${row.order_number} has unknown market ${market}`);
  if (!isOrderStatus(status))
    throw new UnexpectedOrderDataError(`order ${row.order_number} has unknown status ${status}`);
  if (refundStatus !== null && !(REFUND_STATUSES as readonly string[]).includes(refundStatus)) {
    throw new UnexpectedOrderDataError(`order ${row.order_number} has unknown refund status ${refundStatus}`);
  }
  return {
    orderNumber: String(row.order_number),
    customerPhone: String(row.customer_phone),
    customerFirstName: row.customer_first_name ?? null,
    market,
    status,
    statusAt: row.status_at,
    placedAt: row.placed_at,
    promisedFrom: row.promised_from ?? null,
    promisedTo: row.promised_to ?? null,
    carrier: row.carrier ?? null,
    itemCount: Number(row.item_count),
    firstItemName: String(row.first_item_name ?? ''),
    totalAmount: String(row.total_amount),
    currency: String(row.currency),
    amountDue: String(row.amount_due ?? '0.00'),
    refundStatus: refundStatus as RefundStatus | null,
    refundAmount:
      row.refund_amount === null || row.refund_amount === undefined ? null : String(row.refund_amount),
    refundAt: row.refund_at ?? null,
    // Any text the shop keeps; lib/markets.ts localeFor speaks only a language the line offers.
    customerLanguage: typeof row.customer_language === 'string' ? row.customer_language : null,
  };
}
