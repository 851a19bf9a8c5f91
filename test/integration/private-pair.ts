/**
 * A primary + replica of a test file's own, for tests that stop, hang or cut off the replica: doing that to
 * the suite's shared pair would break the tests running beside them.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resetConfig } from '#lib/db/config.ts';
import { loadMigrations, migrate } from '#lib/db/migrations.ts';
import { closePools } from '#lib/db/pools.ts';
import { adminConnection, destroyPair, type PairState, waitForReplica } from '#lib/local/pair.ts';
import { seedDemo } from '#lib/local/seed.ts';
import { localEnvironment, SHOP_DATABASE, startLocalStack } from '#lib/local/stack.ts';

export interface PrivatePair {
  pair: PairState;
  env: Record<string, string>;
  /** Points the code under test (config, pools) at this pair, with these variables changed or removed. */
  use(overrides?: Record<string, string | undefined>): Promise<void>;
  destroy(): Promise<void>;
}

export async function startPrivatePair(): Promise<PrivatePair> {
  const dir = await mkdtemp(join(tmpdir(), 'ivr-private-'));
  const pair = await startLocalStack(dir, { detached: false, bufferPoolMb: 64 });
  const admin = await adminConnection(pair.primary.port, SHOP_DATABASE);
  await seedDemo(admin);
  await admin.query('USE ivr');
  await migrate(admin, await loadMigrations());
  await admin.end();
  await waitForReplica(pair);
  const env = localEnvironment(pair);
  return {
    pair,
    env,
    async use(overrides = {}) {
      await closePools();
      for (const [name, value] of Object.entries({ ...env, ...overrides })) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      resetConfig();
    },
    async destroy() {
      await closePools();
      await destroyPair(dir);
    },
  };
}

/**
 * Hangs a server (SIGSTOP) and returns once the kernel has stopped it: the signal is delivered asynchronously,
 * and on a loaded machine a server went on answering for a moment after `kill` returned.
 */
export async function hang(pid: number): Promise<void> {
  process.kill(pid, 'SIGSTOP');
  for (let tries = 0; tries < 200; tries++) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // The state follows the command name in parentheses: T is stopped.
    if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('T')) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`server ${pid} did not stop`);
}
