/**
 * Writes calls to `calls`. Contact records arrive at least once and out of order (reference §5.1), so a write
 * keeps, per contact, the version with the newest LastUpdateTimestamp, whatever order the versions come in
 * and however often, also when two versions of a contact are in the same statement.
 */
import type { Connection, PoolConnection } from 'mysql2/promise';
import type { CallRow } from '#lib/calls/call-record.ts';
import { dayOf } from '#lib/calls/rollups.ts';

/** The columns written, in this order. record_updated_at must stay last: see UPSERT_CALLS. */
const COLUMNS = Object.keys({
  contact_id: true,
  initial_contact_id: true,
  market: true,
  language: true,
  initiated_at: true,
  disconnected_at: true,
  ivr_seconds: true,
  queue_seconds: true,
  agent_seconds: true,
  queue_name: true,
  agent_id: true,
  outcome: true,
  intent: true,
  handover_reason: true,
  disconnect_reason: true,
  record_updated_at: true,
} satisfies Record<keyof CallRow, true>) as (keyof CallRow)[];

/**
 * Each column takes the new value only when the new version is at least as new as the stored one. MariaDB
 * assigns left to right, and a later assignment reads the columns as already assigned, so record_updated_at
 * is assigned last: every comparison is with the stored version's time, not the one just assigned.
 */
const UPSERT_CALLS = `INSERT INTO calls (${COLUMNS.join(', ')}) VALUES ?
  ON DUPLICATE KEY UPDATE ${COLUMNS.filter((column) => column !== 'contact_id')
    .map(
      (column) =>
        `${column} = IF(VALUES(record_updated_at) >= record_updated_at, VALUES(${column}), ${column})`,
    )
    .join(',\n    ')}`;

/** Rows per statement: a Kinesis batch may hold 10,000 records, a statement must stay within max_allowed_packet. */
const ROWS_PER_STATEMENT = 500;

/**
 * Stores `calls`, each replacing the stored row of its contact only when it is at least as new. Returns the
 * UTC days (`YYYY-MM-DD`) the calls began on, for `refreshDays`.
 */
export async function upsertCalls(
  conn: Connection | PoolConnection,
  calls: readonly CallRow[],
): Promise<string[]> {
  for (let start = 0; start < calls.length; start += ROWS_PER_STATEMENT) {
    const values = calls
      .slice(start, start + ROWS_PER_STATEMENT)
      .map((call) => COLUMNS.map((column) => call[column]));
    await conn.query(UPSERT_CALLS, [values]);
  }
  return [...new Set(calls.map((call) => dayOf(call.initiated_at)))].sort();
}
