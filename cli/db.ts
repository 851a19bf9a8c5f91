/** `ivr db …`: the local primary + replica, the IVR's migrations and the demo shop's data. */
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import type { RowDataPacket } from 'mysql2/promise';
import { config, requireDb } from '#lib/db/config.ts';
import { loadDbCredentials } from '#lib/db/credentials.ts';
import { loadMigrations, migrate } from '#lib/db/migrations.ts';
import { openConnection } from '#lib/db/pools.ts';
import {
  adminConnection,
  type PairState,
  pairServers,
  readRunningPair,
  replicaStatus,
  stopPair,
} from '#lib/local/pair.ts';
import { seedDemo, seedGeneratedOrders } from '#lib/local/seed.ts';
import {
  countShopOrders,
  IVR_DATABASE,
  localEnvironment,
  PROJECT_PAIR_DIR,
  SHOP_DATABASE,
  startLocalStack,
} from '#lib/local/stack.ts';
import { checkOrdersContract } from '#lib/orders/contract.ts';
import { parseCount, useEnvironment } from './environment.ts';
import { UsageError } from './output.ts';

/** The local stack's servers get a larger buffer pool than the tests' throwaway pair: it may hold millions of orders. */
const LOCAL_BUFFER_POOL_MB = 1024;

export function registerDbCommands(program: Command): void {
  const db = program
    .command('db')
    .description('the local MariaDB primary + read replica (data in .ivr/db), the schema and the demo data');

  db.command('up')
    .description(
      'start the local primary + replica (or find them running, or start again the one that died), create the demo shop, the IVR database and users, and apply the migrations',
    )
    .action(async () => {
      const pair = await up();
      printPair(pair);
    });

  db.command('down')
    .description('stop the local primary + replica; their data stays in .ivr/db')
    .action(async () => {
      console.log(
        (await stopPair(PROJECT_PAIR_DIR))
          ? 'stopped the local primary and replica'
          : 'the local stack was not running',
      );
    });

  db.command('status')
    .description(
      'say whether each server of the local pair runs, how replication is doing, and print its environment',
    )
    .action(async () => {
      const servers = await pairServers(PROJECT_PAIR_DIR);
      for (const role of ['primary', 'replica'] as const) {
        const { port, pid, running } = servers[role];
        console.log(
          port === null
            ? `${role}: not running`
            : running
              ? `${role}: running on 127.0.0.1:${port} (pid ${pid})`
              : `${role}: NOT RUNNING (pid ${pid} has exited; port ${port})`,
        );
      }
      const pair = await readRunningPair(PROJECT_PAIR_DIR);
      if (!pair) {
        console.log(
          servers.primary.port === null
            ? 'the local stack is not running: start it with npx ivr db up'
            : 'start what has stopped with npx ivr db up (a running server is left as it is)',
        );
        process.exitCode = 1;
        return;
      }
      printEnvironment(pair);
      const replication = await replicaStatus(pair.replica.port);
      const healthy = replication.ioRunning && replication.sqlRunning;
      console.log(
        healthy
          ? `replication: running, ${replication.secondsBehind ?? '?'} s behind the primary`
          : `replication: STOPPED (${replication.lastError || 'no error reported'})`,
      );
      console.log(`shop: ${await countShopOrders(pair)} orders`);
      console.log(`ivr: ${await appliedMigrationCount(pair)} migrations applied`);
    });

  db.command('migrate')
    .description(
      "apply the IVR migrations (db/migrations) as IVR_DB_MIGRATION_URL's user (a user that may change table definitions; its password in the URL or in the secret IVR_DB_MIGRATION_SECRET_ARN names), or the local stack's migrator when no database is named; safe to run again",
    )
    .action(async () => {
      await useEnvironment();
      await runMigrations();
    });

  db.command('check')
    .description(
      'check that ORDERS_DB_URL (and ORDERS_DB_FALLBACK_URL when set) offer ivr_orders with the columns of the contract',
    )
    .action(async () => {
      await useEnvironment();
      const { ordersDb, ordersFallbackDb } = config();
      for (const settings of [
        requireDb(ordersDb, 'ORDERS_DB_URL'),
        ...(ordersFallbackDb ? [ordersFallbackDb] : []),
      ]) {
        const conn = await openConnection(settings);
        try {
          const problems = await checkOrdersContract(conn);
          console.log(
            problems.length === 0
              ? `${settings.variable}: ivr_orders meets the contract`
              : `${settings.variable}:`,
          );
          for (const problem of problems) console.log(`  ${problem}`);
          if (problems.length > 0) process.exitCode = 1;
        } finally {
          await conn.end();
        }
      }
    });

  db.command('seed')
    .description('load data into the LOCAL demo shop only (never a server named by the environment)')
    .option('--demo', 'replace the demo customers and orders listed in the README')
    .option(
      '--orders <n>',
      'add N generated orders with their customers, items, shipments and refunds',
      parseCount(0),
    )
    .option('--seed <n>', 'random seed of --orders: the same seed makes the same orders', parseCount(0), 1)
    .addHelpText('after', '\nExamples:\n  npx ivr db seed --demo\n  npx ivr db seed --orders 1000000')
    .action(async (options: { demo?: boolean; orders?: number; seed: number }) => {
      if (!options.demo && options.orders === undefined)
        throw new UsageError('say what to seed: --demo, --orders N, or both');
      const pair = await requireRunningPair();
      const conn = await adminConnection(pair.primary.port, SHOP_DATABASE);
      try {
        if (options.demo) {
          const demo = await seedDemo(conn);
          console.log(
            `demo shop: ${demo.customers} customers and ${demo.orders} orders (see the README for who to call as)`,
          );
        }
        if (options.orders !== undefined) await seedOrdersWithProgress(conn, options.orders, options.seed);
      } finally {
        await conn.end();
      }
    });
}

/**
 * What `ivr start` does before the demo call, and `ivr call` when no database is named: the local pair
 * started (or found running), the environment pointing at it, the migrations applied, and the demo shop
 * seeded when it is empty. `log` says what it did.
 */
export async function prepareLocalStack(log: (line: string) => void): Promise<PairState> {
  const pair = await up(log);
  await useEnvironment();
  await runMigrations(log);
  if ((await countShopOrders(pair)) === 0) {
    const conn = await adminConnection(pair.primary.port, SHOP_DATABASE);
    try {
      const demo = await seedDemo(conn);
      log(`seeded the demo shop: ${demo.customers} customers, ${demo.orders} orders`);
    } finally {
      await conn.end();
    }
  }
  return pair;
}

async function up(log: (line: string) => void = console.log): Promise<PairState> {
  const before = await pairServers(PROJECT_PAIR_DIR);
  const started = performance.now();
  const pair = await startLocalStack(
    PROJECT_PAIR_DIR,
    { detached: true, bufferPoolMb: LOCAL_BUFFER_POOL_MB },
    (file) => log(`${IVR_DATABASE}: applied ${file}`),
  );
  const restarted = (['primary', 'replica'] as const).filter((role) => !before[role].running);
  if (restarted.length > 0)
    log(`started the local ${restarted.join(' and ')} in ${Math.round(performance.now() - started)} ms`);
  return pair;
}

async function requireRunningPair(): Promise<PairState> {
  const pair = await readRunningPair(PROJECT_PAIR_DIR);
  if (!pair) throw new UsageError('the local stack is not running: start it with npx ivr db up');
  return pair;
}

async function runMigrations(log: (line: string) => void = console.log): Promise<void> {
  const settings = requireDb(config().ivrMigrationDb, 'IVR_DB_MIGRATION_URL');
  await loadDbCredentials();
  const conn = await openConnection(settings);
  try {
    const report = await migrate(conn, await loadMigrations(), (file) => log(`applied ${file}`));
    log(
      report.applied.length === 0
        ? `${settings.database}: up to date (${report.alreadyApplied} migrations applied before)`
        : `${settings.database}: applied ${report.applied.length} migrations`,
    );
  } finally {
    await conn.end();
  }
}

/** Seeds `count` generated orders with a progress bar (on stderr), then `log`s the rate. */
export async function seedOrdersWithProgress(
  conn: Awaited<ReturnType<typeof adminConnection>>,
  count: number,
  seed: number,
  log: (line: string) => void = console.log,
) {
  const bar = new SingleBar({
    format: 'orders [{bar}] {percentage}% | {value}/{total} | {rate} orders/s | ETA {eta_formatted}',
    noTTYOutput: true,
    notTTYSchedule: 10_000,
  });
  const started = performance.now();
  bar.start(count, 0, { rate: 0 });
  try {
    const result = await seedGeneratedOrders(conn, count, {
      seed,
      onProgress: (done) =>
        bar.update(done, { rate: Math.round(done / ((performance.now() - started) / 1000)) }),
    });
    bar.stop();
    log(
      `seeded ${result.orders} orders (${result.rows} rows in all) in ${result.seconds.toFixed(1)} s: ` +
        `${Math.round(result.orders / result.seconds)} orders/s, ${Math.round(result.rows / result.seconds)} rows/s`,
    );
  } catch (error) {
    bar.stop();
    throw error;
  }
}

async function appliedMigrationCount(pair: PairState): Promise<number> {
  const conn = await adminConnection(pair.primary.port, IVR_DATABASE);
  try {
    const [rows] = await conn.query<RowDataPacket[]>(
      "SELECT COUNT(*) AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'schema_migrations'",
    );
    if (Number(rows[0]?.n) === 0) return 0;
    const [[row]] = await conn.query<RowDataPacket[]>(
      'SELECT COUNT(*) AS n FROM schema_migrations WHERE finished_at IS NOT NULL',
    );
    return Number(row?.n ?? 0);
  } finally {
    await conn.end();
  }
}

export function printPair(pair: PairState): void {
  console.log(`primary: 127.0.0.1:${pair.primary.port} (pid ${pair.primary.pid})`);
  console.log(`replica: 127.0.0.1:${pair.replica.port} (pid ${pair.replica.pid})`);
  printEnvironment(pair);
}

function printEnvironment(pair: PairState): void {
  console.log('environment of the local stack (export these to point other tools at it):');
  for (const [name, value] of Object.entries(localEnvironment(pair))) console.log(`  ${name}=${value}`);
}
