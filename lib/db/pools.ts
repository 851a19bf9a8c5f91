/**
 * One mysql2 pool per database per container, made on first use. Lambda keeps the container warm between
 * invocations, so the pools (and their connections) outlive a single call.
 */
import { readFileSync } from 'node:fs';
import mysql, { type Connection, type Pool, type SslOptions } from 'mysql2/promise';
import { connectTimeoutMs } from '#lib/budget.ts';
import { config, type DbSettings, requireDb } from '#lib/db/config.ts';
import { credentialsFor } from '#lib/db/credentials.ts';
import { beforeDeadline } from '#lib/db/deadline.ts';

const pools = new Map<string, Pool>();

/** The read replica holding `ivr_orders`. */
export function ordersPool(): Pool {
  return poolFor(requireDb(config().ordersDb, 'ORDERS_DB_URL'));
}

/** The primary holding `ivr_orders`, or undefined when no fallback is configured. */
export function ordersFallbackPool(): Pool | undefined {
  const settings = config().ordersFallbackDb;
  return settings && poolFor(settings);
}

/** The IVR's own database on the primary. */
export function ivrPool(): Pool {
  return poolFor(requireDb(config().ivrDb, 'IVR_DB_URL'));
}

/** Where reports read the IVR's database: its replica (IVR_DB_READER_URL) when there is one, else the primary. */
export function ivrReportPool(): Pool {
  const replica = config().ivrReaderDb;
  return replica ? poolFor(replica) : ivrPool();
}

/** Ends every pool; a server that hangs (stopped, unreachable) is not waited for beyond a few seconds. */
export async function closePools(): Promise<void> {
  const closing = Promise.allSettled([...pools.values()].map((pool) => pool.end()));
  pools.clear();
  await beforeDeadline(closing, Date.now() + CLOSE_TIMEOUT_MS).catch(() => {});
}

const CLOSE_TIMEOUT_MS = 3000;

function poolFor(settings: DbSettings): Pool {
  const key = `${settings.variable}|${settings.user}@${settings.host}:${settings.port}/${settings.database}`;
  let pool = pools.get(key);
  if (!pool) {
    pool = createPool(settings, config().timeBudgetMs, config().poolSize);
    pools.set(key, pool);
  }
  return pool;
}

function createPool(settings: DbSettings, timeBudgetMs: number, poolSize: number): Pool {
  return mysql.createPool({
    ...serverOptions(settings, credentialsFor(settings)),
    connectTimeout: connectTimeoutMs(timeBudgetMs),
    // A Lambda container serves one invocation at a time: IVR_DB_POOL_SIZE is 2 there (docs/capacity.md), so a
    // hung connection can be replaced; the CLI and the benchmarks run many at once.
    connectionLimit: poolSize,
    maxIdle: Math.min(2, poolSize),
    idleTimeout: 60_000,
    enableKeepAlive: true,
    // Money stays a decimal string so no cent is lost to floating point.
    decimalNumbers: false,
    supportBigNumbers: true,
    bigNumberStrings: true,
  });
}

/** Where the server is and who we are there, for a pool or a single connection. */
function serverOptions(settings: Omit<DbSettings, 'variable'>, login: { user: string; password: string }) {
  return {
    host: settings.host,
    port: settings.port,
    user: login.user,
    password: login.password,
    database: settings.database,
    ...(settings.tls && { ssl: rdsTls() }),
    // The contract's DATETIMEs are UTC.
    timezone: 'Z',
    charset: 'UTF8MB4_UNICODE_CI',
  };
}

/**
 * Where `?ssl=rds` finds the RDS CA bundle: RDS_CA_BUNDLE, else Lambda's own bundle of Amazon's CA certificates
 * (nodejs20.x and later ship it at /var/runtime/ca-cert.pem, RDS's among them, but no longer trust it by default).
 */
const LAMBDA_CA_BUNDLE = '/var/runtime/ca-cert.pem';

let rdsCa: string | undefined;

/** TLS to RDS: the server's certificate must chain to the RDS CA and name the host; TLS 1.2 at least. */
function rdsTls(): SslOptions {
  rdsCa ??= readFileSync(process.env.RDS_CA_BUNDLE || LAMBDA_CA_BUNDLE, 'utf8');
  return { ca: rdsCa, rejectUnauthorized: true, minVersion: 'TLSv1.2' };
}

/**
 * A single connection, for work that is not a Lambda's (migrations, seeding, the CLI). Settings that name a
 * secret need `loadDbCredentials()` first.
 */
export function openConnection(settings: DbSettings | Omit<DbSettings, 'variable'>): Promise<Connection> {
  const login =
    'variable' in settings ? credentialsFor(settings) : { user: settings.user, password: settings.password };
  return mysql.createConnection({
    ...serverOptions(settings, login),
    connectTimeout: 5000,
  });
}
