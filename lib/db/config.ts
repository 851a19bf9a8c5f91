/**
 * The environment of DESIGN.md, read once per container and validated with errors that name the variable.
 * A malformed variable fails at once; a missing one fails only when something needs it, so a function that
 * never touches the orders database does not need ORDERS_DB_URL.
 */

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
}

export interface Config {
  ordersDb: DbSettings | undefined;
  ordersFallbackDb: DbSettings | undefined;
  ivrDb: DbSettings | undefined;
  ivrReaderDb: DbSettings | undefined;
  timeBudgetMs: number;
}

export const DB_URL_VARIABLES = [
  'ORDERS_DB_URL',
  'ORDERS_DB_FALLBACK_URL',
  'IVR_DB_URL',
  'IVR_DB_READER_URL',
] as const;
export type DbUrlVariable = (typeof DB_URL_VARIABLES)[number];

const DEFAULT_TIME_BUDGET_MS = 3000;
/** Connect stops waiting for a Lambda function after 8 seconds. */
const CONNECT_LAMBDA_LIMIT_MS = 8000;

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): Config {
  return {
    ordersDb: parseDbUrl('ORDERS_DB_URL', env.ORDERS_DB_URL),
    ordersFallbackDb: parseDbUrl('ORDERS_DB_FALLBACK_URL', env.ORDERS_DB_FALLBACK_URL),
    ivrDb: parseDbUrl('IVR_DB_URL', env.IVR_DB_URL),
    ivrReaderDb: parseDbUrl('IVR_DB_READER_URL', env.IVR_DB_READER_URL),
    timeBudgetMs: parseTimeBudget(env.IVR_TIME_BUDGET_MS),
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

export function parseDbUrl(variable: string, value: string | undefined): DbSettings | undefined {
  if (value === undefined || value.trim() === '') return undefined;
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
  if (!url.username) fail('no user');
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!database || database.includes('/')) fail('the path must be exactly one database name');
  if (url.search) fail('query parameters are not supported');
  const port = url.port ? Number(url.port) : 3306;
  return {
    variable,
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port,
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database,
  };
}

function parseTimeBudget(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_TIME_BUDGET_MS;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 500 || ms > CONNECT_LAMBDA_LIMIT_MS) {
    throw new ConfigError(
      `IVR_TIME_BUDGET_MS must be a whole number of milliseconds from 500 to ${CONNECT_LAMBDA_LIMIT_MS}, got "${value}"`,
    );
  }
  return ms;
}

/** A URL as it may appear in a message: the password replaced. */
function redact(url: string): string {
  return `"${url.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@')}"`;
}

/** A DbSettings back as the URL form of the environment. */
export function dbUrl(settings: Omit<DbSettings, 'variable'>): string {
  const user = encodeURIComponent(settings.user);
  const password = settings.password ? `:${encodeURIComponent(settings.password)}` : '';
  return `mysql://${user}${password}@${settings.host}:${settings.port}/${encodeURIComponent(settings.database)}`;
}

export interface DbTimeouts {
  connectTimeoutMs: number;
  queryTimeoutMs: number;
}

/** Time kept back from the budget to shape and return the answer after the database has replied. */
export const ANSWER_MARGIN_MS = 250;

/**
 * Timeouts for one database call out of a time budget: connecting may take a third of it (a fresh connection
 * to a healthy server on the same network takes milliseconds; one that hangs must leave time for the fallback),
 * a query what is left once the answer's margin is kept back.
 */
export function dbTimeouts(budgetMs: number): DbTimeouts {
  return {
    connectTimeoutMs: Math.max(100, Math.floor(budgetMs / 3)),
    queryTimeoutMs: Math.max(100, budgetMs - ANSWER_MARGIN_MS),
  };
}
