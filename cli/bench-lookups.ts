/**
 * `ivr bench`, warm lookups: the order-status handler (with its middlewares, as Lambda runs it) invoked
 * in-process with real Connect events for `identify`, `lookup` and `verify`, at several concurrencies, beside
 * two references measured in the same run on the same orders:
 * - the floor: a bare prepared mysql2 query for the same rows on the same pool, the least a lookup costs;
 * - connection-per-invocation: the same query through a connection opened and closed per invocation, as
 *   published Lambda samples do.
 */
import type { Context } from 'aws-lambda';
import type { Connection, Pool, RowDataPacket } from 'mysql2/promise';
import { config, requireDb } from '#lib/db/config.ts';
import { openConnection, ordersPool } from '#lib/db/pools.ts';
import { DEMO_MAX_ID } from '#lib/local/demo-shop-data.ts';
import { generatedOrderNumber } from '#lib/local/seed.ts';
import { MARKETS, type MarketCode } from '#lib/markets.ts';
import { lastFourDigits } from '#lib/orders/phone.ts';
import { FINISHED_STATUSES, recentlyFinishedSince } from '#lib/orders/status.ts';
import { contactFlowEvent } from '#simulator/connect-event.ts';
import { lambdaContext } from '#simulator/lambda.ts';
import { type Figures, figuresOf, type Round, round, runRound, withOutputDiscarded } from './bench-stats.ts';

export const ACTIONS = ['identify', 'lookup', 'verify'] as const;
export type Action = (typeof ACTIONS)[number];

/** The three ways of answering a lookup that the bench compares. */
export interface PathFigures {
  handler: Figures;
  floor: Figures;
  connectionPerInvocation: Figures;
}

/** Figures per action, per concurrency (`c1`, `c8`, `c64`). */
export type LookupFigures = Record<Action, Record<string, PathFigures>>;

/** An order the bench asks about, and who may ask: its phone, and another customer's. */
export interface SampleOrder {
  orderNumber: string;
  phone: string;
  market: MarketCode;
  /** Whether the order is open, so that its phone's `identify` finds it. */
  open: boolean;
}

/** The handler as Lambda calls it: the event and the context. */
type Handler = (event: unknown, context: Context) => Promise<Record<string, string>>;

/**
 * The same rows the repository reads (lib/orders/repository.ts), by the same keys, filters and order: an
 * order by its number, and a phone's current orders (open, or finished within the last days), newest first.
 */
export const FLOOR_QUERIES: Record<'byNumber' | 'currentByPhone', string> = {
  byNumber: 'SELECT * FROM ivr_orders WHERE order_number = ?',
  currentByPhone: `SELECT * FROM ivr_orders WHERE customer_phone = ?
    AND (status NOT IN (${FINISHED_STATUSES.map(() => '?').join(', ')}) OR status_at >= ?)
    ORDER BY placed_at DESC, order_number DESC LIMIT 20`,
};

/** The floor's statement and parameters for an action on one sample. */
export function floorQuery(action: Action, order: SampleOrder): [string, (string | Date)[]] {
  if (action !== 'identify') return [FLOOR_QUERIES.byNumber, [order.orderNumber]];
  return [
    FLOOR_QUERIES.currentByPhone,
    [order.phone, ...FINISHED_STATUSES, recentlyFinishedSince(new Date())],
  ];
}

/**
 * Up to `count` orders spread over the whole shop, and the shop's size. Generated orders (lib/local/seed.ts) have
 * consecutive ids after the demo set's and numbers made from them: the last is found by point lookups on the
 * unique index (doubling, then halving), and the samples are picked at random between, in one query. A range
 * or an ORDER BY over the view is no good here: on 10,000,000 orders its join ran for minutes. In a shop of
 * demo orders only, the first orders by number.
 */
export async function sampleOrders(
  pool: Pool,
  count: number,
): Promise<{ samples: SampleOrder[]; orders: number }> {
  const columns = 'order_number, customer_phone, market, status';
  const exists = async (id: number) => {
    const [rows] = await pool.execute<RowDataPacket[]>('SELECT 1 FROM ivr_orders WHERE order_number = ?', [
      generatedOrderNumber(id),
    ]);
    return rows.length > 0;
  };
  const first = DEMO_MAX_ID + 1;
  let rows: RowDataPacket[];
  let orders: number;
  if (await exists(first)) {
    let step = 1;
    while (await exists(first + step * 2 - 1)) step *= 2;
    // The last generated id is in [first + step - 1, first + 2 * step - 1).
    let low = first + step - 1;
    let high = first + step * 2 - 1;
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      if (await exists(middle)) low = middle;
      else high = middle;
    }
    orders = low - first + 1;
    const numbers = Array.from({ length: count }, () =>
      generatedOrderNumber(first + Math.floor(Math.random() * orders)),
    );
    [rows] = await pool.query<RowDataPacket[]>(
      `SELECT ${columns} FROM ivr_orders WHERE order_number IN (?)`,
      [numbers],
    );
  } else {
    [rows] = await pool.query<RowDataPacket[]>(
      `SELECT ${columns} FROM ivr_orders ORDER BY order_number LIMIT ?`,
      [count],
    );
    const [[counted]] = await pool.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM ivr_orders');
    orders = Number(counted?.n ?? 0);
  }
  const finished: readonly string[] = FINISHED_STATUSES;
  const samples = rows.map((row) => ({
    orderNumber: String(row.order_number),
    phone: String(row.customer_phone),
    market: row.market as MarketCode,
    open: !finished.includes(String(row.status)),
  }));
  return { samples, orders };
}

/** A support line of the order's market, so that the reply is in the market's language. */
function lineOf(market: MarketCode): string {
  return `+${MARKETS[market].callingCode}2000000`;
}

/**
 * The Connect event of an action on one sample, as the inbound flow sends it: `identify` from the order's
 * phone; `lookup` and `verify` of the order from another customer's phone, with the right digits.
 */
export function lookupEvent(action: Action, order: SampleOrder, otherPhone: string, contactId: string) {
  const parameters: Record<string, string> =
    action === 'identify'
      ? { action }
      : action === 'lookup'
        ? { action, orderNumber: order.orderNumber }
        : { action, orderNumber: order.orderNumber, digits: lastFourDigits(order.phone) ?? '0000' };
  return contactFlowEvent({
    contactId,
    from: action === 'identify' ? order.phone : otherPhone,
    to: lineOf(order.market),
    parameters,
  });
}

/** The events of `count` invocations of an action, cycling over the samples (identify: open orders only). */
export function eventsFor(action: Action, samples: readonly SampleOrder[], count: number): unknown[] {
  const usable =
    action === 'identify' && samples.some((s) => s.open) ? samples.filter((s) => s.open) : samples;
  return Array.from({ length: count }, (_, index) => {
    const order = usable[index % usable.length] as SampleOrder;
    const other = samples.find((s, at) => at >= index % samples.length && s.phone !== order.phone);
    return lookupEvent(action, order, other?.phone ?? '+923000000009', `bench-${action}-${index}`);
  });
}

export async function importOrderStatusHandler(): Promise<Handler> {
  const { handler } = await import('../functions/order-status/index.ts');
  return handler as unknown as Handler;
}

/** A context with the whole budget left, as Lambda gives a function configured with an 8 s timeout. */
export function benchContext(): Context {
  return lambdaContext('OrderStatusFunction', () => 8000);
}

/** The usual way: a connection opened for the invocation, one query, the connection closed. */
async function queryOnNewConnection(sql: string, params: (string | Date)[]): Promise<void> {
  const conn = await openConnection(requireDb(config().ordersDb, 'ORDERS_DB_URL'));
  try {
    await conn.execute(sql, params);
  } finally {
    await conn.end();
  }
}

export interface LookupOptions {
  invocations: number;
  concurrencies: readonly number[];
  samples: readonly SampleOrder[];
  /** Told before each measurement, for a progress line. */
  onStep?: (what: string) => void;
}

/**
 * Rounds each path's invocations are split into (at most), taken in turn, so that a change of load on a shared
 * machine falls on all three paths alike.
 */
const ROUNDS = 10;

/**
 * Measures each action at each concurrency: the handler, the floor and connection-per-invocation, after a
 * warm-up of each, in interleaved rounds on the same samples. Connection-per-invocation is slower by far: it
 * runs a tenth as many invocations, which is plenty for its percentiles.
 */
export async function measureLookups(handler: Handler, options: LookupOptions): Promise<LookupFigures> {
  const { invocations, concurrencies, samples } = options;
  const pool = ordersPool();
  const context = benchContext();
  const figures = {} as LookupFigures;
  for (const action of ACTIONS) {
    const events = eventsFor(action, samples, invocations);
    const orderOf = (index: number) => samples[index % samples.length] as SampleOrder;
    const paths: Record<keyof PathFigures, (index: number) => Promise<unknown>> = {
      handler: (index) => handler(events[index % events.length], context),
      floor: (index) => {
        const [sql, params] = floorQuery(action, orderOf(index));
        return pool.execute(sql, params);
      },
      connectionPerInvocation: (index) => queryOnNewConnection(...floorQuery(action, orderOf(index))),
    };
    await withOutputDiscarded(async () => {
      await runRound(Math.min(200, invocations), 8, paths.handler);
      await runRound(Math.min(200, invocations), 8, paths.floor);
    });
    figures[action] = {};
    for (const concurrency of concurrencies) {
      options.onStep?.(`${action} at concurrency ${concurrency}`);
      const counts: Record<keyof PathFigures, number> = {
        handler: invocations,
        floor: invocations,
        connectionPerInvocation: Math.max(concurrency, Math.ceil(invocations / 10)),
      };
      const rounds: Record<keyof PathFigures, Round[]> = {
        handler: [],
        floor: [],
        connectionPerInvocation: [],
      };
      // Each round keeps `concurrency` invocations in flight, so a round is never smaller than that.
      const roundCount = Math.max(1, Math.min(ROUNDS, Math.floor(invocations / concurrency)));
      await withOutputDiscarded(async () => {
        for (let round = 0; round < roundCount; round += 1) {
          for (const path of Object.keys(paths) as (keyof PathFigures)[]) {
            const count = Math.max(concurrency, Math.ceil(counts[path] / roundCount));
            rounds[path].push(await runRound(count, concurrency, paths[path], round * count));
          }
        }
      });
      figures[action][`c${concurrency}`] = {
        handler: figuresOf(rounds.handler),
        floor: figuresOf(rounds.floor),
        connectionPerInvocation: figuresOf(rounds.connectionPerInvocation),
      };
    }
  }
  return figures;
}

/** A goal of the issue, what it compares, and whether this run meets it. */
export interface Goal {
  goal: string;
  measured: number;
  limit: number;
  met: boolean;
}

/**
 * The goals, per action: p50 within ×1.5 of the floor (at concurrency 1); throughput at the highest
 * concurrency at least half the floor's; at least ×5 faster than connection-per-invocation at p50.
 */
export function lookupGoals(figures: LookupFigures, concurrencies: readonly number[]): Goal[] {
  const lowest = `c${Math.min(...concurrencies)}`;
  const highest = `c${Math.max(...concurrencies)}`;
  return ACTIONS.flatMap((action) => {
    const low = figures[action][lowest] as PathFigures;
    const high = figures[action][highest] as PathFigures;
    const p50Ratio = round(low.handler.p50 / low.floor.p50);
    const throughputShare = round(high.handler.perSecond / high.floor.perSecond);
    const speedUp = round(low.connectionPerInvocation.p50 / low.handler.p50);
    return [
      {
        goal: `${action}: handler p50 / floor p50 at ${lowest}`,
        measured: p50Ratio,
        limit: 1.5,
        met: p50Ratio <= 1.5,
      },
      {
        goal: `${action}: handler throughput / floor throughput at ${highest}`,
        measured: throughputShare,
        limit: 0.5,
        met: throughputShare >= 0.5,
      },
      {
        goal: `${action}: connection-per-invocation p50 / handler p50 at ${lowest}`,
        measured: speedUp,
        limit: 5,
        met: speedUp >= 5,
      },
    ];
  });
}

/**
 * EXPLAIN of each query the lookups make of the orders, for one sample, on `server` (the replica; EXPLAIN of a
 * view needs more than the orders reader's SELECT, so the local stack's administrator when it can).
 */
export async function explainLookups(
  server: Pick<Connection, 'query'>,
  order: SampleOrder,
): Promise<Record<string, RowDataPacket[] | string>> {
  const explained: Record<string, RowDataPacket[] | string> = {};
  for (const [name, action] of [
    ['byNumber', 'lookup'],
    ['currentByPhone', 'identify'],
  ] as const) {
    const [sql, params] = floorQuery(action, order);
    try {
      const [rows] = await server.query<RowDataPacket[]>(`EXPLAIN ${sql}`, params);
      explained[name] = rows.map((row) => ({ ...row }) as RowDataPacket);
    } catch (error) {
      // EXPLAIN of a view needs SHOW VIEW, which a least-privilege reader may lack.
      explained[name] = `EXPLAIN refused: ${(error as Error).message}`;
    }
  }
  return explained;
}
