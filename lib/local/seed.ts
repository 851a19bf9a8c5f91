/**
 * Seeding the demo shop: the deterministic demo set (`ivr db seed --demo`) and generated orders in bulk
 * (`ivr db seed --orders N`). Both write through LOAD DATA LOCAL INFILE from tab-separated text made in
 * memory, the fastest way into InnoDB that the server offers.
 */
import { Readable } from 'node:stream';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { DEMO_CUSTOMERS, DEMO_MAX_ID, DEMO_ORDERS, type DemoPromise } from '#lib/local/demo-shop-data.ts';
import { MARKETS, type MarketCode } from '#lib/markets.ts';
import { FINISHED_STATUSES, type OrderStatus, type RefundStatus } from '#lib/orders/status.ts';
import { seededRandom } from '#lib/random.ts';
import { fromLocal, toLocal } from '#lib/time.ts';

type Cell = string | number | Date | null;

const COLUMNS = {
  customers: ['id', 'phone', 'first_name', 'market', 'preferred_language', 'created_at'],
  orders: [
    'id',
    'order_number',
    'customer_id',
    'contact_phone',
    'market',
    'status',
    'status_at',
    'placed_at',
    'promised_from',
    'promised_to',
    'payment_method',
    'item_count',
    'total_amount',
    'currency',
    'amount_due',
  ],
  order_items: ['order_id', 'line_no', 'product_name', 'quantity', 'unit_price'],
  shipments: ['order_id', 'carrier', 'tracking_number', 'shipped_at', 'delivered_at'],
  refunds: ['order_id', 'status', 'amount', 'updated_at'],
} as const;
type Table = keyof typeof COLUMNS;
const TABLES = Object.keys(COLUMNS) as Table[];

/** Rows for the shop's tables, kept as the tab-separated lines LOAD DATA reads. */
class ShopRows {
  readonly lines: Record<Table, string[]> = {
    customers: [],
    orders: [],
    order_items: [],
    shipments: [],
    refunds: [],
  };
  count = 0;

  add(table: Table, ...cells: Cell[]): void {
    this.lines[table].push(cells.map(tsvCell).join('\t'));
    this.count += 1;
  }
}

function tsvCell(cell: Cell): string {
  if (cell === null) return '\\N';
  if (cell instanceof Date) return cell.toISOString().slice(0, 19).replace('T', ' ');
  if (typeof cell === 'number') return String(cell);
  return cell.replace(/[\\\t\n]/g, (c) => (c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\\\'));
}

async function loadRows(conn: Connection, rows: ShopRows): Promise<void> {
  for (const table of TABLES) {
    const lines = rows.lines[table];
    if (lines.length === 0) continue;
    const text = `${lines.join('\n')}\n`;
    await conn.query({
      sql: `LOAD DATA LOCAL INFILE '${table}.tsv' INTO TABLE ${table} CHARACTER SET utf8mb4 (${COLUMNS[table].join(', ')})`,
      infileStreamFactory: () => Readable.from([Buffer.from(text, 'utf8')]),
    });
  }
}

/** What cash a courier collects: the total on a cash-on-delivery order not yet delivered or called off. */
export function amountDue(payment: 'COD' | 'PREPAID', status: OrderStatus, total: number): number {
  if (payment === 'PREPAID') return 0;
  if (FINISHED_STATUSES.includes(status) || status === 'RETURN_REQUESTED') return 0;
  return total;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The promised window as UTC instants: a whole local day, or the slot's hours of it. */
function promisedWindow(promise: DemoPromise, market: MarketCode, now: Date): [Date, Date] {
  const zone = MARKETS[market].timeZone;
  const today = toLocal(now, zone);
  const day = { ...today, day: today.day + promise.dayOffset, minute: 0 };
  return [
    fromLocal({ ...day, hour: promise.fromHour ?? 0 }, zone),
    new Date(fromLocal({ ...day, hour: promise.toHour ?? 24 }, zone).getTime() - 1000),
  ];
}

/** Replaces the demo customers and orders (ids up to DEMO_MAX_ID) with the demo set, dated from `now`. */
export async function seedDemo(
  conn: Connection,
  now: Date = new Date(),
): Promise<{ customers: number; orders: number }> {
  const rows = new ShopRows();
  for (const c of DEMO_CUSTOMERS) {
    rows.add(
      'customers',
      c.id,
      c.phone,
      c.firstName,
      c.market,
      c.language,
      new Date(now.getTime() - 400 * DAY_MS),
    );
  }
  DEMO_ORDERS.forEach((order, index) => {
    const id = index + 1;
    const customer = DEMO_CUSTOMERS.find((c) => c.id === order.customerId);
    if (!customer)
      throw new Error(`demo order ${order.orderNumber} names unknown customer ${order.customerId}`);
    const market = MARKETS[customer.market];
    const placedAt = new Date(now.getTime() - order.placedDaysAgo * DAY_MS - HOUR_MS);
    const statusAt = new Date(now.getTime() - order.statusHoursAgo * HOUR_MS);
    const [promisedFrom, promisedTo] = order.promised
      ? promisedWindow(order.promised, customer.market, now)
      : [null, null];
    const total = round2(order.items.reduce((sum, item) => sum + item.quantity * item.unitPrice, 0));
    rows.add(
      'orders',
      id,
      order.orderNumber,
      customer.id,
      order.contactPhone ?? customer.phone,
      customer.market,
      order.status,
      statusAt,
      placedAt,
      promisedFrom,
      promisedTo,
      order.payment,
      order.items.length,
      total,
      market.currency,
      amountDue(order.payment, order.status, total),
    );
    order.items.forEach((item, line) => {
      rows.add('order_items', id, line + 1, item.name, item.quantity, item.unitPrice);
    });
    if (order.carrier) {
      const delivered = order.status === 'DELIVERED' ? statusAt : null;
      rows.add(
        'shipments',
        id,
        order.carrier,
        `DEMO${order.orderNumber}`,
        new Date(placedAt.getTime() + DAY_MS),
        delivered,
      );
    }
    if (order.refund) {
      rows.add(
        'refunds',
        id,
        order.refund.status,
        total,
        new Date(now.getTime() - order.refund.hoursAgo * HOUR_MS),
      );
    }
  });
  await conn.beginTransaction();
  try {
    await conn.query('DELETE FROM customers WHERE id <= ?', [DEMO_MAX_ID]);
    await conn.query('DELETE FROM orders WHERE id <= ?', [DEMO_MAX_ID]);
    for (const table of ['order_items', 'shipments', 'refunds']) {
      await conn.query(`DELETE FROM ${table} WHERE order_id <= ?`, [DEMO_MAX_ID]);
    }
    await loadRows(conn, rows);
    await conn.commit();
  } catch (error) {
    await conn.rollback();
    throw error;
  }
  return { customers: DEMO_CUSTOMERS.length, orders: DEMO_ORDERS.length };
}

export interface BulkSeedResult {
  orders: number;
  rows: number;
  seconds: number;
}

/** Generated orders are numbered from here (`2000000000` + the order's id), clear of the demo set's numbers. */
const GENERATED_ORDER_NUMBER_BASE = 2_000_000_000;

/** The number of the generated order with id `id`. */
export function generatedOrderNumber(id: number): string {
  return String(GENERATED_ORDER_NUMBER_BASE + id);
}

/** Orders generated per LOAD DATA round: large enough to amortise a round trip, small enough to report progress. */
const CHUNK_ORDERS = 50_000;

/**
 * Adds `count` generated orders (and their customers, items, shipments and refunds) after the highest id
 * present. The same seed gives the same orders. Each chunk is committed on its own, so an interrupted run
 * keeps whole orders only.
 */
export async function seedGeneratedOrders(
  conn: Connection,
  count: number,
  options: { seed?: number; now?: Date; onProgress?: (ordersDone: number) => void } = {},
): Promise<BulkSeedResult> {
  const started = performance.now();
  const [[max]] = await conn.query<RowDataPacket[]>(
    'SELECT (SELECT COALESCE(MAX(id), 0) FROM orders) AS orderId, (SELECT COALESCE(MAX(id), 0) FROM customers) AS customerId',
  );
  const generator = new OrderGenerator(
    Math.max(Number(max?.orderId), DEMO_MAX_ID) + 1,
    Math.max(Number(max?.customerId), DEMO_MAX_ID) + 1,
    options.seed ?? 1,
    options.now ?? new Date(),
  );
  // Checks that the generator makes true by construction: skipping them roughly halves the load time.
  await conn.query('SET SESSION unique_checks = 0, foreign_key_checks = 0');
  let done = 0;
  let rowCount = 0;
  try {
    while (done < count) {
      const rows = generator.chunk(Math.min(CHUNK_ORDERS, count - done));
      await loadRows(conn, rows);
      done += rows.lines.orders.length;
      rowCount += rows.count;
      options.onProgress?.(done);
    }
  } finally {
    await conn.query('SET SESSION unique_checks = 1, foreign_key_checks = 1');
  }
  return { orders: done, rows: rowCount, seconds: (performance.now() - started) / 1000 };
}

/** Where the shop sells, weighted as a South Asian shop with a Gulf and UK arm might. */
const MARKET_WEIGHTS: [MarketCode, number][] = [
  ['PK', 40],
  ['BD', 20],
  ['LK', 10],
  ['NP', 5],
  ['MM', 5],
  ['AE', 8],
  ['SA', 6],
  ['KW', 2],
  ['GB', 4],
];

/** Mobile numbers: the prefix and how many digits follow, per market. */
const MOBILE_PLANS: Record<MarketCode, [string, number]> = {
  PK: ['+923', 9],
  BD: ['+8801', 9],
  LK: ['+947', 8],
  NP: ['+97798', 8],
  MM: ['+959', 9],
  AE: ['+9715', 8],
  SA: ['+9665', 8],
  KW: ['+9656', 7],
  GB: ['+447', 9],
};

/** Most orders have long been delivered; the rest are spread over the other statuses. */
const STATUS_WEIGHTS: [OrderStatus, number][] = [
  ['DELIVERED', 55],
  ['PLACED', 4],
  ['CONFIRMED', 4],
  ['PACKED', 4],
  ['SHIPPED', 8],
  ['OUT_FOR_DELIVERY', 4],
  ['DELIVERY_FAILED', 2],
  ['CANCELLED', 8],
  ['RETURN_REQUESTED', 2],
  ['RETURNED', 3],
  ['REFUNDED', 6],
];

const CARRIERS: Record<MarketCode, string[]> = {
  PK: ['TCS', 'Leopards Courier', 'M&P'],
  BD: ['Pathao', 'RedX'],
  LK: ['Domex', 'Pronto'],
  NP: ['Pathao Nepal'],
  MM: ['Royal Express'],
  AE: ['Aramex', 'Emirates Post'],
  SA: ['SMSA', 'Aramex'],
  KW: ['Aramex'],
  GB: ['Royal Mail', 'DPD', 'Evri'],
};

/** Products and their price in US dollars; prices are converted at rough rates per currency. */
const PRODUCTS: [string, number][] = [
  ['Wireless earbuds', 25],
  ['Smartphone 128 GB', 180],
  ['Air fryer 4 L', 70],
  ['Cotton bedsheet set', 22],
  ['Lawn 3-piece suit', 18],
  ['Basmati rice 5 kg', 9],
  ['Pressure cooker 5 L', 30],
  ["Kids' school shoes", 15],
  ['Power bank 10000 mAh', 14],
  ['Ceiling fan', 45],
  ['Tea & biscuit hamper', 12],
  ['LED TV 43"', 260],
  ['Prayer mat', 8],
  ['Cricket ball (pack of 3)', 10],
  ['Hair dryer', 20],
  ['Laptop backpack', 19],
  ['Non-stick pan <28 cm>', 17],
  ['Dates, Medjool 1 kg', 16],
  ['Perfume 100 ml', 40],
  ['Baby diapers, size 3', 13],
];
const USD_RATES: Record<string, number> = {
  PKR: 280,
  BDT: 120,
  LKR: 300,
  NPR: 135,
  MMK: 2100,
  AED: 3.67,
  SAR: 3.75,
  KWD: 0.31,
  GBP: 0.79,
};

class OrderGenerator {
  private readonly random: () => number;

  constructor(
    private nextOrderId: number,
    private nextCustomerId: number,
    seed: number,
    private readonly now: Date,
  ) {
    this.random = seededRandom(seed ^ nextOrderId);
  }

  /** About `orders` orders: whole customers, each with one to five orders. */
  chunk(orders: number): ShopRows {
    const rows = new ShopRows();
    while (rows.lines.orders.length < orders) {
      const market = pick(MARKET_WEIGHTS, this.random());
      const customerId = this.nextCustomerId++;
      const phone = phoneFor(market, customerId);
      const placedBefore = this.now.getTime() - this.random() * 400 * DAY_MS;
      rows.add(
        'customers',
        customerId,
        phone,
        `Customer ${customerId}`,
        market,
        MARKETS[market].locales[0],
        new Date(placedBefore),
      );
      const orderCount = Math.min(1 + Math.floor(this.random() * 5), orders - rows.lines.orders.length);
      for (let n = 0; n < orderCount; n += 1) this.addOrder(rows, customerId, phone, market);
    }
    return rows;
  }

  private addOrder(rows: ShopRows, customerId: number, phone: string, market: MarketCode): void {
    const id = this.nextOrderId++;
    const { currency } = MARKETS[market];
    const status = pick(STATUS_WEIGHTS, this.random());
    const open = !FINISHED_STATUSES.includes(status);
    // Open orders are recent; finished ones anywhere in the last year.
    const placedAt = new Date(
      this.now.getTime() - (open ? 1 + this.random() * 9 : 1 + this.random() * 364) * DAY_MS,
    );
    const statusAt = new Date(
      Math.min(this.now.getTime() - 60_000, placedAt.getTime() + (0.1 + this.random() * 5) * DAY_MS),
    );
    const promisedFrom = new Date(placedAt.getTime() + (2 + Math.floor(this.random() * 5)) * DAY_MS);
    const promisedTo = new Date(promisedFrom.getTime() + DAY_MS - 1000);
    const payment = this.random() < 0.6 ? 'COD' : 'PREPAID';
    const itemCount = 1 + Math.floor(this.random() ** 2 * 4);
    let total = 0;
    for (let line = 1; line <= itemCount; line += 1) {
      const [name, usd] = PRODUCTS[Math.floor(this.random() * PRODUCTS.length)] as [string, number];
      const unitPrice = localPrice(usd, currency);
      const quantity = this.random() < 0.8 ? 1 : 2;
      total += unitPrice * quantity;
      rows.add('order_items', id, line, name, quantity, unitPrice);
    }
    total = round2(total);
    rows.add(
      'orders',
      id,
      generatedOrderNumber(id),
      customerId,
      // One order in fifty is placed with another phone (a relative's, the office's).
      this.random() < 0.02 ? phoneFor(market, customerId + 1) : phone,
      market,
      status,
      statusAt,
      placedAt,
      promisedFrom,
      promisedTo,
      payment,
      itemCount,
      total,
      currency,
      amountDue(payment, status, total),
    );
    if (
      [
        'SHIPPED',
        'OUT_FOR_DELIVERY',
        'DELIVERY_FAILED',
        'DELIVERED',
        'RETURN_REQUESTED',
        'RETURNED',
        'REFUNDED',
      ].includes(status)
    ) {
      const carriers = CARRIERS[market];
      const carrier = carriers[Math.floor(this.random() * carriers.length)] as string;
      rows.add(
        'shipments',
        id,
        carrier,
        `T${id}`,
        new Date(placedAt.getTime() + DAY_MS),
        status === 'DELIVERED' ? statusAt : null,
      );
    }
    const refund = refundFor(status, payment, this.random());
    if (refund) rows.add('refunds', id, refund, total, statusAt);
  }
}

function refundFor(status: OrderStatus, payment: 'COD' | 'PREPAID', draw: number): RefundStatus | null {
  if (status === 'REFUNDED') return 'PAID';
  if (status === 'RETURN_REQUESTED') return 'PENDING';
  if (status === 'RETURNED') return draw < 0.5 ? 'APPROVED' : 'PAID';
  if (status === 'CANCELLED' && payment === 'PREPAID') return draw < 0.7 ? 'PAID' : 'APPROVED';
  return null;
}

/** A distinct, plausible mobile number for each customer id (7919 is prime to 10, so ids map one to one). */
function phoneFor(market: MarketCode, customerId: number): string {
  const [prefix, digits] = MOBILE_PLANS[market];
  const modulus = 10 ** digits;
  return prefix + String((customerId * 7919) % modulus).padStart(digits, '0');
}

function localPrice(usd: number, currency: string): number {
  const amount = usd * (USD_RATES[currency] ?? 1);
  // Whole units where the currency's notes are small, pence and fils where they are not.
  return amount >= 100 ? Math.round(amount / 10) * 10 - 1 : round2(amount);
}

function pick<T>(weights: [T, number][], draw: number): T {
  const total = weights.reduce((sum, [, weight]) => sum + weight, 0);
  let left = draw * total;
  for (const [value, weight] of weights) {
    left -= weight;
    if (left < 0) return value;
  }
  return (weights.at(-1) as [T, number])[0];
}

function round2(amount: number): number {
  return Math.round(amount * 100) / 100;
}
