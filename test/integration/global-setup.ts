/**
 * Starts a throwaway MariaDB primary + replica in a temporary folder for the integration suite, with the demo
 * shop, the IVR's migrations and the demo data, and removes it all when the run ends, however it ends.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { parseDbUrl } from '#lib/db/config.ts';
import { loadMigrations, migrate } from '#lib/db/migrations.ts';
import { openConnection } from '#lib/db/pools.ts';
import { adminConnection, destroyPair, type PairState } from '#lib/local/pair.ts';
import { seedDemo } from '#lib/local/seed.ts';
import { localEnvironment, SHOP_DATABASE, startLocalStack } from '#lib/local/stack.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pair: PairState;
    databaseEnv: Record<string, string>;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'ivr-test-'));
  const teardown = () => destroyPair(dir);
  // Servers started here are children of this process; if it dies without teardown, take them along.
  process.once('exit', () => void teardown());
  try {
    const started = performance.now();
    const pair = await startLocalStack(dir, { detached: false, bufferPoolMb: 128 });
    const startedMs = Math.round(performance.now() - started);
    const env = localEnvironment(pair);
    const writer = await openConnection(
      parseDbUrl('IVR_DB_MIGRATION_URL', env.IVR_DB_MIGRATION_URL) as NonNullable<
        ReturnType<typeof parseDbUrl>
      >,
    );
    await migrate(writer, await loadMigrations());
    await writer.end();
    const admin = await adminConnection(pair.primary.port, SHOP_DATABASE);
    await seedDemo(admin);
    await admin.end();
    console.log(
      `test databases: primary + replica started in ${startedMs} ms, ready in ${Math.round(performance.now() - started)} ms (${dir})`,
    );
    project.provide('pair', pair);
    project.provide('databaseEnv', env);
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
