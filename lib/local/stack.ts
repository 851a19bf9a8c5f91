/**
 * The local stack: the primary + replica pair, the demo shop with its `ivr_orders` view, the IVR's database and
 * the least-privilege users, and the environment (DESIGN.md's *_URL variables) that points the code at them.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { dbUrl } from '#lib/db/config.ts';
import { loadMigrations, migrate, splitStatements } from '#lib/db/migrations.ts';
import {
  adminConnection,
  type PairState,
  type StartOptions,
  startPair,
  waitForReplica,
} from '#lib/local/pair.ts';
import { PROJECT_ROOT } from '#lib/paths.ts';

/** Where `ivr db up` keeps the pair; git ignores `.ivr/`. */
export const PROJECT_PAIR_DIR = join(PROJECT_ROOT, '.ivr', 'db');

export const SHOP_DATABASE = 'shop';
export const IVR_DATABASE = 'ivr';

/**
 * The users the IVR connects as. Loopback-only servers of a developer's machine, so the passwords are plain.
 * - orders reader: SELECT on the `ivr_orders` view and nothing else of the shop;
 * - IVR writer, the functions' user: reads and writes rows of the IVR's own tables, and nothing else;
 * - IVR migrator (`ivr db migrate`): changes the definitions of the IVR's tables, and nothing outside them;
 * - report reader: SELECT on the IVR's tables, for reports on the replica.
 * The same users, with the same grants, are what docs/operations.md asks a DBA to make in production.
 */
const LOCAL_USERS = {
  ordersReader: { user: 'ivr_orders_reader', password: 'local-orders-reader' },
  ivrWriter: { user: 'ivr_writer', password: 'local-ivr-writer' },
  ivrMigrator: { user: 'ivr_migrator', password: 'local-ivr-migrator' },
  reportReader: { user: 'ivr_report_reader', password: 'local-report-reader' },
} as const;

const DEMO_SHOP_SQL = join(PROJECT_ROOT, 'db', 'demo-shop.sql');

/** Creates what the local stack needs on the primary, if missing, and waits until the replica has it too. */
async function prepareLocalDatabases(pair: PairState): Promise<void> {
  const conn = await adminConnection(pair.primary.port);
  try {
    await conn.query(
      `CREATE DATABASE IF NOT EXISTS ${SHOP_DATABASE} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
    await conn.query(
      `CREATE DATABASE IF NOT EXISTS ${IVR_DATABASE} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
    await conn.changeUser({ database: SHOP_DATABASE });
    await createDemoShopSchema(conn);
    const { ordersReader, ivrWriter, ivrMigrator, reportReader } = LOCAL_USERS;
    const grants: [string, string, string][] = [
      [ordersReader.user, ordersReader.password, `GRANT SELECT ON ${SHOP_DATABASE}.ivr_orders`],
      [ivrWriter.user, ivrWriter.password, `GRANT SELECT, INSERT, UPDATE, DELETE ON ${IVR_DATABASE}.*`],
      [
        ivrMigrator.user,
        ivrMigrator.password,
        `GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, ALTER, DROP, INDEX, REFERENCES ON ${IVR_DATABASE}.*`,
      ],
      [reportReader.user, reportReader.password, `GRANT SELECT ON ${IVR_DATABASE}.*`],
    ];
    for (const [user, password, grant] of grants) {
      await conn.query(`CREATE USER IF NOT EXISTS '${user}'@'%' IDENTIFIED BY '${password}'`);
      // Exactly these grants, also on a stack made by an earlier version that granted more.
      await conn.query(`REVOKE ALL PRIVILEGES, GRANT OPTION FROM '${user}'@'%'`);
      await conn.query(`${grant} TO '${user}'@'%'`);
    }
  } finally {
    await conn.end();
  }
  await waitForReplica(pair);
}

/** Creates the demo shop's tables and its `ivr_orders` view in the connection's database, if missing. */
export async function createDemoShopSchema(conn: Connection): Promise<void> {
  for (const statement of splitStatements(await readFile(DEMO_SHOP_SQL, 'utf8'))) {
    await conn.query(statement);
  }
}

/** DESIGN.md's environment pointing at the local pair: orders from the replica with the primary as fallback. */
export function localEnvironment(pair: PairState): Record<string, string> {
  const at = (port: number, database: string, credentials: { user: string; password: string }) =>
    dbUrl({ host: '127.0.0.1', port, database, ...credentials });
  const { ordersReader, ivrWriter, ivrMigrator, reportReader } = LOCAL_USERS;
  return {
    ORDERS_DB_URL: at(pair.replica.port, SHOP_DATABASE, ordersReader),
    ORDERS_DB_FALLBACK_URL: at(pair.primary.port, SHOP_DATABASE, ordersReader),
    IVR_DB_URL: at(pair.primary.port, IVR_DATABASE, ivrWriter),
    IVR_DB_READER_URL: at(pair.replica.port, IVR_DATABASE, reportReader),
    IVR_DB_MIGRATION_URL: at(pair.primary.port, IVR_DATABASE, ivrMigrator),
  };
}

/** How many orders the demo shop holds (on the primary). */
export async function countShopOrders(pair: PairState): Promise<number> {
  const conn = await adminConnection(pair.primary.port, SHOP_DATABASE);
  try {
    const [[row]] = await conn.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM orders');
    return Number(row?.n ?? 0);
  } finally {
    await conn.end();
  }
}

/**
 * Starts the pair in `dir` (or finds it running) and makes sure the databases and users exist and the IVR's
 * migrations are applied, so that the stack is usable as it stands: without the tables, every caller would
 * hear that orders cannot be checked. `onMigrationApplied` hears each migration applied now.
 */
export async function startLocalStack(
  dir: string,
  options: StartOptions,
  onMigrationApplied: (file: string) => void = () => {},
): Promise<PairState> {
  const pair = await startPair(dir, options);
  await prepareLocalDatabases(pair);
  const conn = await adminConnection(pair.primary.port, IVR_DATABASE);
  try {
    const { applied } = await migrate(conn, await loadMigrations(), onMigrationApplied);
    if (applied.length > 0) await waitForReplica(pair);
  } finally {
    await conn.end();
  }
  return pair;
}
