/** Ways into the suite's private primary + replica: as their administrator, or as one of the IVR's users. */
import type { Connection } from 'mysql2/promise';
import { inject } from 'vitest';
import { type DbUrlVariable, parseDbUrl } from '#lib/db/config.ts';
import { openConnection } from '#lib/db/pools.ts';
import { adminConnection } from '#lib/local/pair.ts';

export function primaryAdmin(database?: string): Promise<Connection> {
  return adminConnection(inject('pair').primary.port, database);
}

export function replicaAdmin(database?: string): Promise<Connection> {
  return adminConnection(inject('pair').replica.port, database);
}

/**
 * A connection as the user, to the database, that the variable names; on the server it names, or on the
 * primary when `onPrimary` (where privileges, not the replica's read-only mode, decide what a user may write).
 */
export function connectAs(
  variable: DbUrlVariable,
  options: { onPrimary?: boolean } = {},
): Promise<Connection> {
  const settings = parseDbUrl(variable, inject('databaseEnv')[variable]);
  if (!settings) throw new Error(`the test environment has no ${variable}`);
  return openConnection(options.onPrimary ? { ...settings, port: inject('pair').primary.port } : settings);
}

let counter = 0;
/** An id no other test uses: above the demo set's and the generated orders' usual ranges. */
export function uniqueId(): number {
  counter += 1;
  return 900_000_000 + (process.pid % 1000) * 100_000 + counter;
}

/** A database name no other test uses. */
export function uniqueDatabaseName(prefix: string): string {
  return `${prefix}_${process.pid}_${uniqueId()}`;
}
