/**
 * Forward-only migrations of the IVR's own database (`db/migrations/NNNN_name.sql`).
 *
 * MariaDB commits every DDL statement on its own, so a migration cannot be rolled back as a whole. Each
 * statement is atomic, though, and the runner records progress after every one: when statement k fails, the
 * database is as it was before statement k, the message names the file, the statement and the server's error,
 * and the next run continues at statement k once it has been fixed. A migration already finished must never
 * change; the runner refuses to go on when its checksum differs.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Connection, RowDataPacket } from 'mysql2/promise';

const MIGRATIONS_DIR = join(import.meta.dirname, '..', '..', 'db', 'migrations');

export class MigrationError extends Error {
  override name = 'MigrationError';
}

export interface Migration {
  version: number;
  /** The file name, which is how people refer to it. */
  file: string;
  statements: string[];
  checksum: string;
}

export interface MigrationReport {
  applied: string[];
  alreadyApplied: number;
}

const FILE_NAME = /^(\d{4})_[a-z0-9_]+\.sql$/;
const LOCK_TIMEOUT_S = 30;

export async function loadMigrations(dir: string = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.sql')).sort();
  const migrations: Migration[] = [];
  for (const file of files) {
    const match = FILE_NAME.exec(file);
    if (!match) throw new MigrationError(`${file}: migration files are named NNNN_lower_case_words.sql`);
    const version = Number(match[1]);
    if (migrations.some((m) => m.version === version)) {
      throw new MigrationError(`${file}: another migration already has version ${match[1]}`);
    }
    const sql = await readFile(join(dir, file), 'utf8');
    const statements = splitStatements(sql);
    if (statements.length === 0) throw new MigrationError(`${file}: holds no SQL statement`);
    migrations.push({ version, file, statements, checksum: createHash('sha256').update(sql).digest('hex') });
  }
  return migrations;
}

/**
 * Splits a migration into statements: a statement ends with `;` at the end of a line. Line comments are
 * dropped. (Migrations hold DDL, not procedures, so no DELIMITER handling is needed.)
 */
export function splitStatements(sql: string): string[] {
  const withoutComments = sql
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('--'))
    .join('\n');
  return withoutComments
    .split(/;[ \t]*$/m)
    .map((statement) => statement.trim())
    .filter((statement) => statement.length > 0);
}

/** Applies what has not been applied yet, in version order, on the connection's database. */
export async function migrate(
  conn: Connection,
  migrations: Migration[],
  onApplied: (file: string) => void = () => {},
): Promise<MigrationReport> {
  const [[{ db } = { db: null }]] = await conn.query<RowDataPacket[]>('SELECT DATABASE() AS db');
  if (!db)
    throw new MigrationError(
      'the connection has no database: give one in the URL, as in mysql://user@host/ivr',
    );
  const lock = `ivr_migrations:${db}`;
  const [[{ locked } = { locked: 0 }]] = await conn.query<RowDataPacket[]>(
    'SELECT GET_LOCK(?, ?) AS locked',
    [lock, LOCK_TIMEOUT_S],
  );
  if (Number(locked) !== 1) {
    throw new MigrationError(
      `another migration of ${db} has been running for over ${LOCK_TIMEOUT_S} s; try again when it ends`,
    );
  }
  try {
    await conn.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INT NOT NULL PRIMARY KEY,
      file VARCHAR(200) NOT NULL,
      checksum CHAR(64) NOT NULL,
      statements_applied INT NOT NULL,
      finished_at DATETIME(3) NULL
    )`);
    const [rows] = await conn.query<RowDataPacket[]>(
      'SELECT version, file, checksum, statements_applied, finished_at FROM schema_migrations',
    );
    const recorded = new Map(rows.map((row) => [Number(row.version), row]));
    const report: MigrationReport = { applied: [], alreadyApplied: 0 };
    for (const migration of migrations) {
      const row = recorded.get(migration.version);
      if (row?.finished_at) {
        if (row.checksum !== migration.checksum) {
          throw new MigrationError(
            `${migration.file} has changed since it was applied; migrations are forward only: undo the edit and add a new migration instead`,
          );
        }
        report.alreadyApplied += 1;
        continue;
      }
      await applyMigration(conn, migration, row ? Number(row.statements_applied) : 0);
      report.applied.push(migration.file);
      onApplied(migration.file);
    }
    return report;
  } finally {
    await conn.query('SELECT RELEASE_LOCK(?)', [lock]);
  }
}

async function applyMigration(conn: Connection, migration: Migration, alreadyDone: number): Promise<void> {
  const total = migration.statements.length;
  if (alreadyDone > total) {
    throw new MigrationError(
      `${migration.file} had ${alreadyDone} statements applied but now holds only ${total}`,
    );
  }
  await conn.query(
    `INSERT INTO schema_migrations (version, file, checksum, statements_applied) VALUES (?, ?, ?, ?)
     ON DUPLICATE KEY UPDATE file = VALUES(file), checksum = VALUES(checksum)`,
    [migration.version, migration.file, migration.checksum, alreadyDone],
  );
  for (let index = alreadyDone; index < total; index += 1) {
    try {
      await conn.query(migration.statements[index] as string);
    } catch (error) {
      const done =
        index === 0
          ? 'none of its statements is applied'
          : `statements 1 to ${index} are applied and will not run again`;
      throw new MigrationError(
        `${migration.file} failed at statement ${index + 1} of ${total}: ${(error as Error).message}. The database is as it was before that statement (${done}); fix it and run migrate again`,
        { cause: error },
      );
    }
    await conn.query('UPDATE schema_migrations SET statements_applied = ? WHERE version = ?', [
      index + 1,
      migration.version,
    ]);
  }
  await conn.query('UPDATE schema_migrations SET finished_at = UTC_TIMESTAMP(3) WHERE version = ?', [
    migration.version,
  ]);
}
