/**
 * Database credentials from AWS Secrets Manager, read once per container. In AWS no password is in the
 * environment: each database's `<NAME>_SECRET_ARN` names a secret holding `username` and `password` (the shape
 * RDS and `aws secretsmanager create-secret` give), and a function's role may read only its own secrets.
 *
 * The middleware reads them before the handler runs, within a bound of its own so that a Secrets Manager that
 * does not answer cannot hold the caller past the time budget; the handler then finds the database
 * unavailable (its pools cannot be made) and answers as it does for a database that is down. A later
 * invocation tries again. Powertools' parameters utility keeps what it read for the life of the container.
 */
import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import type { MiddlewareObj } from '@middy/core';
import { credentialsWaitMs } from '#lib/budget.ts';
import { type Config, config, type DbSettings, secretVariable } from '#lib/db/config.ts';
import { beforeDeadline } from '#lib/db/deadline.ts';
import { logger } from '#lib/observability/index.ts';

export interface DbCredentials {
  user: string;
  password: string;
}

/** Secrets do not change under a running container, except by rotation, which the next container picks up. */
const CREDENTIALS_MAX_AGE_SECONDS = 24 * 60 * 60;
/** The most a cold start may spend on Secrets Manager before the invocation goes on without a database. */
function secretsWaitMs(): number {
  return credentialsWaitMs(config().timeBudgetMs);
}

let provider: SecretsProvider | undefined;
const credentials = new Map<string, DbCredentials>();

/** The credentials of `settings`: from its secret when it names one (read by `loadDbCredentials`), else the URL's. */
export function credentialsFor(settings: DbSettings): DbCredentials {
  if (!settings.secretArn) return { user: settings.user, password: settings.password };
  const read = credentials.get(settings.secretArn);
  if (!read) {
    throw new CredentialsUnavailableError(
      `the credentials of ${settings.variable} could not be read from the secret ${secretVariable(settings.variable)} names`,
    );
  }
  return read;
}

export class CredentialsUnavailableError extends Error {
  override name = 'CredentialsUnavailableError';
}

/** Reads the secret of every database of `settings` that names one and has not been read yet. */
export async function loadDbCredentials(current: Config = config()): Promise<void> {
  const pending = new Map<string, DbSettings>();
  const databases = [
    current.ordersDb,
    current.ordersFallbackDb,
    current.ivrDb,
    current.ivrReaderDb,
    current.ivrMigrationDb,
  ];
  for (const settings of databases) {
    // The replica and its fallback share one reader, and so one secret: it is read once.
    if (settings?.secretArn && !credentials.has(settings.secretArn))
      pending.set(settings.secretArn, settings);
  }
  if (pending.size === 0) return;
  provider ??= new SecretsProvider({ clientConfig: { maxAttempts: 2 } });
  const secrets = provider;
  await Promise.all(
    [...pending].map(async ([secretArn, settings]) => {
      const secret = await secrets.get(secretArn, { transform: 'json', maxAge: CREDENTIALS_MAX_AGE_SECONDS });
      credentials.set(secretArn, parseSecret(secret, settings));
    }),
  );
}

function parseSecret(secret: unknown, settings: DbSettings): DbCredentials {
  const { username, password } = (secret ?? {}) as { username?: unknown; password?: unknown };
  if (typeof username !== 'string' || username === '' || typeof password !== 'string') {
    throw new CredentialsUnavailableError(
      `the secret ${secretVariable(settings.variable)} names holds no "username" and "password"`,
    );
  }
  return { user: username, password };
}

/** The text of a secret (a key, not a JSON document), read once per container and bounded like credentials. */
export async function secretText(secretArn: string): Promise<string> {
  provider ??= new SecretsProvider({ clientConfig: { maxAttempts: 2 } });
  const text = await beforeDeadline(
    provider.get(secretArn, { maxAge: CREDENTIALS_MAX_AGE_SECONDS }),
    Date.now() + secretsWaitMs(),
  );
  if (typeof text !== 'string' || text === '') {
    throw new CredentialsUnavailableError('the secret holds no text');
  }
  return text;
}

/** Forget what was read: for tests, which play several containers in one process. */
export function resetDbCredentials(): void {
  credentials.clear();
  provider = undefined;
}

/**
 * The middleware of every function that uses a database: `middy(fn).use(databaseCredentials())`. It never
 * fails the invocation; what it could not read is logged (never the secret) and the pools then say so.
 */
export function databaseCredentials(): MiddlewareObj {
  return {
    before: async () => {
      try {
        await beforeDeadline(loadDbCredentials(), Date.now() + secretsWaitMs());
      } catch (error) {
        logger.error('could not read the database credentials from Secrets Manager', {
          error: error instanceof Error ? error.name : 'unknown',
        });
      }
    },
  };
}
