/**
 * The environment of DESIGN.md, read once per container and validated with errors that name the variable.
 * A malformed variable fails at once; a missing one fails only when something needs it, so a function that
 * never touches the orders database does not need ORDERS_DB_URL.
 *
 * In AWS a database URL carries no credentials: `<NAME>_URL` is `mysql://host:port/database[?ssl=rds]` and
 * `<NAME>_SECRET_ARN` names the Secrets Manager secret holding `username` and `password` (lib/db/credentials.ts
 * reads it once per container). Locally the URL carries them, and no secret is named.
 */
import { DEFAULT_TIME_BUDGET_MS, MAX_TIME_BUDGET_MS, MIN_TIME_BUDGET_MS } from '#lib/budget.ts';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export interface DbSettings {
  /** The variable it came from, for error messages. */
  variable: string;
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  /** The secret holding `username` and `password`, when they are not in the URL (in AWS). */
  secretArn?: string | undefined;
  /** `rds`: TLS, the server's certificate checked against the RDS CA bundle (`?ssl=rds`). */
  tls?: 'rds' | undefined;
}

export interface Config {
  ordersDb: DbSettings | undefined;
  ordersFallbackDb: DbSettings | undefined;
  ivrDb: DbSettings | undefined;
  ivrReaderDb: DbSettings | undefined;
  /** Who applies migrations: a user that may change table definitions, which the functions' user may not. */
  ivrMigrationDb: DbSettings | undefined;
  /** How long a Connect-facing function may take in all (lib/budget.ts). */
  timeBudgetMs: number;
  /** Connections each pool may hold (IVR_DB_POOL_SIZE; docs/capacity.md). */
  poolSize: number;
}

export const DB_URL_VARIABLES = [
  'ORDERS_DB_URL',
  'ORDERS_DB_FALLBACK_URL',
  'IVR_DB_URL',
  'IVR_DB_READER_URL',
  'IVR_DB_MIGRATION_URL',
] as const;
export type DbUrlVariable = (typeof DB_URL_VARIABLES)[number];

/** The variable naming the secret of a database's credentials: `ORDERS_DB_URL` → `ORDERS_DB_SECRET_ARN`. */
export function secretVariable(variable: string): string {
  return variable.replace(/_URL$/, '_SECRET_ARN');
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): Config {
  const db = (variable: DbUrlVariable) => parseDbUrl(variable, env[variable], env[secretVariable(variable)]);
  return {
    ordersDb: db('ORDERS_DB_URL'),
    ordersFallbackDb: db('ORDERS_DB_FALLBACK_URL'),
    ivrDb: db('IVR_DB_URL'),
    ivrReaderDb: db('IVR_DB_READER_URL'),
    ivrMigrationDb: db('IVR_DB_MIGRATION_URL'),
    timeBudgetMs: parseTimeBudget(env.IVR_TIME_BUDGET_MS),
    poolSize: parsePoolSize(env.IVR_DB_POOL_SIZE),
  };
}

let cached: Config | undefined;

/** The configuration of this container, read on first use (cold start) and kept. */
export function config(): Config {
  cached ??= loadConfig();
  return cached;
}

/** Forget the cached configuration: for tests and for the CLI after it sets the environment. */
export function resetConfig(): void {
  cached = undefined;
}

export function requireDb(settings: DbSettings | undefined, variable: DbUrlVariable): DbSettings {
  if (!settings) {
    throw new ConfigError(`${variable} is not set: give it as mysql://user:password@host:port/database`);
  }
  return settings;
}

/**
 * A database URL of the environment: `mysql://user:password@host:port/database`, or, with `secretArn` (the
 * credentials then come from Secrets Manager), `mysql://host:port/database`. `?ssl=rds` asks for TLS checked
 * against the RDS CA bundle; no other query parameter is taken.
 */
export function parseDbUrl(
  variable: string,
  value: string | undefined,
  secretArn?: string | undefined,
): DbSettings | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const secret = secretArn?.trim() || undefined;
  const fail = (why: string): never => {
    throw new ConfigError(
      `${variable} is not a usable database URL (${why}): expected mysql://user:password@host:port/database, got ${redact(value)}`,
    );
  };
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return fail('it does not parse as a URL');
  }
  if (url.protocol !== 'mysql:' && url.protocol !== 'mariadb:')
    fail(`the scheme is ${url.protocol} not mysql:`);
  if (!url.hostname) fail('no host');
  if (!url.username && !secret) fail(`no user, and no ${secretVariable(variable)} to read one from`);
  if (url.password && secret) {
    fail(`the password belongs in the secret ${secretVariable(variable)} names, not in the URL`);
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!database || database.includes('/')) fail('the path must be exactly one database name');
  const ssl = url.searchParams.get('ssl');
  if ([...url.searchParams.keys()].some((key) => key !== 'ssl') || (ssl !== null && ssl !== 'rds')) {
    fail('the only query parameter taken is ?ssl=rds');
  }
  const port = url.port ? Number(url.port) : 3306;
  return {
    variable,
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port,
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database,
    ...(secret && { secretArn: secret }),
    ...(ssl === 'rds' && { tls: 'rds' as const }),
  };
}

function parseTimeBudget(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_TIME_BUDGET_MS;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < MIN_TIME_BUDGET_MS || ms > MAX_TIME_BUDGET_MS) {
    throw new ConfigError(
      `IVR_TIME_BUDGET_MS must be a whole number of milliseconds from ${MIN_TIME_BUDGET_MS} to ${MAX_TIME_BUDGET_MS} (what the flows' blocks wait for), got "${value}"`,
    );
  }
  return ms;
}

/** Connections per pool: a Lambda container serves one invocation at a time, the CLI and benchmarks more. */
const DEFAULT_POOL_SIZE = 4;

function parsePoolSize(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_POOL_SIZE;
  const size = Number(value);
  if (!Number.isInteger(size) || size < 1 || size > 64) {
    throw new ConfigError(`IVR_DB_POOL_SIZE must be a whole number from 1 to 64, got "${value}"`);
  }
  return size;
}

/** A URL as it may appear in a message: the password replaced. */
function redact(url: string): string {
  return `"${url.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@')}"`;
}

/** A DbSettings back as the URL form of the environment. */
export function dbUrl(
  settings: Pick<DbSettings, 'host' | 'port' | 'user' | 'password' | 'database' | 'tls'>,
): string {
  const user = encodeURIComponent(settings.user);
  const password = settings.password ? `:${encodeURIComponent(settings.password)}` : '';
  const credentials = user ? `${user}${password}@` : '';
  const tls = settings.tls ? `?ssl=${settings.tls}` : '';
  return `mysql://${credentials}${settings.host}:${settings.port}/${encodeURIComponent(settings.database)}${tls}`;
}
