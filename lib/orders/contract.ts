/**
 * The `ivr_orders` contract of DESIGN.md as data, and a check of what a database actually offers. The IVR reads
 * the shop through this one view (or table) only, so a DBA can prove a new shop ready with `ivr db check`.
 */
import type { Connection, RowDataPacket } from 'mysql2/promise';

const TEXT = ['varchar', 'char'] as const;
const TIME = ['datetime', 'timestamp'] as const;
const INTEGER = ['int', 'bigint', 'smallint', 'mediumint', 'tinyint'] as const;

/** Each column of the contract, with the types (information_schema DATA_TYPE) acceptable underneath. */
const ORDERS_CONTRACT: Readonly<Record<string, readonly string[]>> = {
  order_number: TEXT,
  customer_phone: TEXT,
  customer_first_name: TEXT,
  market: TEXT,
  status: TEXT,
  status_at: TIME,
  placed_at: TIME,
  promised_from: TIME,
  promised_to: TIME,
  carrier: TEXT,
  item_count: INTEGER,
  first_item_name: TEXT,
  total_amount: ['decimal'],
  currency: TEXT,
  amount_due: ['decimal'],
  refund_status: TEXT,
  refund_amount: ['decimal'],
  refund_at: TIME,
};

/**
 * What is wrong with `ivr_orders` in the connection's database: missing columns and columns of the wrong
 * type. An empty list means the IVR can use it. Extra columns are ignored.
 */
export async function checkOrdersContract(db: Pick<Connection, 'query'>): Promise<string[]> {
  const [columns] = await db.query<RowDataPacket[]>(
    `SELECT COLUMN_NAME AS name, DATA_TYPE AS type, IS_NULLABLE AS nullable
       FROM information_schema.COLUMNS
      WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'ivr_orders'`,
  );
  if (columns.length === 0)
    return ['ivr_orders does not exist in this database, or this user may not read it'];
  const found = new Map(columns.map((column) => [String(column.name).toLowerCase(), column]));
  const problems: string[] = [];
  for (const [name, types] of Object.entries(ORDERS_CONTRACT)) {
    const column = found.get(name);
    if (!column) {
      problems.push(`column ${name} is missing`);
    } else if (!types.includes(String(column.type).toLowerCase())) {
      problems.push(`column ${name} is ${column.type}, expected ${types.join(' or ')}`);
    }
  }
  return problems;
}
