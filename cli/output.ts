/** How the `ivr` command speaks to a person: one clear line for what they can fix, a stack for our bugs. */
import { ConnectSetupError } from '#lib/connect/setup.ts';
import { ConfigError } from '#lib/db/config.ts';
import { MigrationError } from '#lib/db/migrations.ts';
import { LocalPairError, MariadbMissingError } from '#lib/local/pair.ts';
import { CallScriptError } from '#simulator/caller.ts';

export class UsageError extends Error {
  override name = 'UsageError';
}

/** Errors whose message already says what to fix. */
const EXPLAINED = [
  CallScriptError,
  ConfigError,
  ConnectSetupError,
  MariadbMissingError,
  LocalPairError,
  MigrationError,
  UsageError,
];

const SERVER_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'nothing answers at that address: is the server running, and are host and port right?',
  ETIMEDOUT: 'the server did not answer in time: check the host, the port and any firewall',
  ENOTFOUND: 'the host name does not resolve',
  ER_ACCESS_DENIED_ERROR: 'the server refused the user or password',
  ER_BAD_DB_ERROR: 'the database in the URL does not exist',
  ER_DBACCESS_DENIED_ERROR: 'the user may not use the database in the URL',
};

/** Prints the failure for a person and returns the exit code. */
export function reportFailure(error: unknown): number {
  if (EXPLAINED.some((kind) => error instanceof kind)) {
    console.error(`ivr: ${(error as Error).message}`);
    return 1;
  }
  const code = (error as { code?: string }).code;
  if (code && SERVER_ERRORS[code]) {
    console.error(`ivr: ${SERVER_ERRORS[code]} (${(error as Error).message})`);
    return 1;
  }
  console.error(error);
  return 2;
}
