/** What the commands share: the environment they run against, and how they read numbers. */
import { InvalidArgumentError } from 'commander';
import { resetConfig } from '#lib/db/config.ts';
import { readRunningPair } from '#lib/local/pair.ts';
import { localEnvironment, PROJECT_PAIR_DIR } from '#lib/local/stack.ts';
import { UsageError } from './output.ts';

/**
 * The environment of DESIGN.md as the commands use it: when the shell sets a database URL, the shell's
 * environment is used as it is; when it sets none, the running local stack's.
 */
export async function useEnvironment(): Promise<void> {
  if (!process.env.IVR_DB_URL && !process.env.ORDERS_DB_URL && !process.env.IVR_DB_MIGRATION_URL) {
    const pair = await readRunningPair(PROJECT_PAIR_DIR);
    if (!pair) {
      throw new UsageError(
        'no database is named (IVR_DB_URL, ORDERS_DB_URL) and the local stack is not running: run npx ivr db up, or set the *_URL variables',
      );
    }
    Object.assign(process.env, localEnvironment(pair));
  }
  resetConfig();
}

/** A commander parser of whole numbers from `min` up. */
export function parseCount(min: number): (value: string) => number {
  return (value) => {
    const count = Number(value);
    if (!Number.isSafeInteger(count) || count < min)
      throw new InvalidArgumentError(`give a whole number, ${min} or more`);
    return count;
  };
}

/**
 * The functions log and publish metrics on stdout, as Lambda wants; run by a command, that would bury what
 * the command prints. Unless the shell asks for them, they are off; when it does, they go to stderr, so that
 * stdout holds only the command's answer. Called before the first function is imported: Powertools reads
 * the variables once.
 */
export async function quietFunctionOutput(): Promise<void> {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  const { writeFunctionOutputTo } = await import('#lib/observability/index.ts');
  writeFunctionOutputTo(process.stderr);
}
