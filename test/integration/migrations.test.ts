/** The migration runner: forward only, safe to repeat, and clear about a migration that fails halfway. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, MigrationError, migrate, splitStatements } from '#lib/db/migrations.ts';
import { connectAs, primaryAdmin, uniqueDatabaseName } from './databases.ts';

const folders: string[] = [];
afterAll(async () => {
  await Promise.all(folders.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function migrationFolder(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ivr-migrations-'));
  folders.push(dir);
  for (const [name, sql] of Object.entries(files)) await writeFile(join(dir, name), sql);
  return dir;
}

async function tables(conn: Connection): Promise<string[]> {
  const [rows] = await conn.query<RowDataPacket[]>(
    'SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME',
  );
  return rows.map((row) => row.name);
}

describe('migrate', () => {
  let conn: Connection;
  let database: string;
  beforeEach(async () => {
    conn = await primaryAdmin();
    database = uniqueDatabaseName('migrations');
    await conn.query(`CREATE DATABASE ${database}`);
    await conn.changeUser({ database });
  });
  afterEach(async () => {
    await conn.query(`DROP DATABASE ${database}`);
    await conn.end();
  });

  it("creates the IVR's tables, and a second run changes nothing", async () => {
    const migrations = await loadMigrations();

    const first = await migrate(conn, migrations);
    const second = await migrate(conn, migrations);

    expect(first.applied).toEqual([
      '0001_create_calls.sql',
      '0002_create_survey_answers.sql',
      '0003_create_verification_attempts.sql',
      '0004_create_daily_rollups.sql',
      '0005_atomic_verification.sql',
      '0006_incremental_rollups.sql',
    ]);
    expect(second).toEqual({ applied: [], alreadyApplied: 6 });
    expect(await tables(conn)).toEqual([
      'calls',
      'calls_daily',
      'call_durations_daily',
      'order_lookups',
      'schema_migrations',
      'survey_answers',
      'verification_attempts',
      'verification_locks',
    ]);
  });

  it('stops at a failing statement, leaves the database as before it, and continues there once it is fixed', async () => {
    const dir = await migrationFolder({
      '0001_first.sql': 'CREATE TABLE a (id INT PRIMARY KEY);',
      '0002_second.sql':
        'CREATE TABLE b (id INT PRIMARY KEY);\nCREATE TABLE c (id INT PRIMARY KEY, bad_type NOPE);\nCREATE TABLE d (id INT);',
    });

    const failure = await migrate(conn, await loadMigrations(dir)).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(MigrationError);
    expect((failure as Error).message).toMatch(
      /^0002_second\.sql failed at statement 2 of 3: .*NOPE.*\. The database is as it was before that statement \(statements 1 to 1 are applied and will not run again\); fix it and run migrate again$/,
    );
    expect(await tables(conn)).toEqual(['a', 'b', 'schema_migrations']);

    await writeFile(
      join(dir, '0002_second.sql'),
      'CREATE TABLE b (id INT PRIMARY KEY);\nCREATE TABLE c (id INT PRIMARY KEY, good_type INT);\nCREATE TABLE d (id INT);',
    );
    const report = await migrate(conn, await loadMigrations(dir));

    expect(report).toEqual({ applied: ['0002_second.sql'], alreadyApplied: 1 });
    expect(await tables(conn)).toEqual(['a', 'b', 'c', 'd', 'schema_migrations']);
  });

  it('refuses to go on when a migration already applied has been edited', async () => {
    const dir = await migrationFolder({ '0001_first.sql': 'CREATE TABLE a (id INT PRIMARY KEY);' });
    await migrate(conn, await loadMigrations(dir));
    await writeFile(join(dir, '0001_first.sql'), 'CREATE TABLE a (id BIGINT PRIMARY KEY);');

    await expect(migrate(conn, await loadMigrations(dir))).rejects.toThrow(
      '0001_first.sql has changed since it was applied; migrations are forward only: undo the edit and add a new migration instead',
    );
  });

  it('keeps the attempts of the last hour but not the numbers in them when 0005 comes', async () => {
    const migrations = await loadMigrations();
    await migrate(conn, migrations.slice(0, 4));
    await conn.query(
      `INSERT INTO verification_attempts (contact_id, caller_phone, order_number, succeeded, attempted_at)
       VALUES ('before-0005', '+923001234567', '10000001', FALSE, UTC_TIMESTAMP(3))`,
    );

    await migrate(conn, migrations);

    const [rows] = await conn.query<RowDataPacket[]>('SELECT * FROM verification_attempts');
    expect(rows).toEqual([
      expect.objectContaining({ contact_id: 'before-0005', order_number: '10000001', caller_digest: null }),
    ]);
    expect(JSON.stringify(rows)).not.toContain('1234567');
  });

  it('runs as the IVR migrator', async () => {
    const migrator = await connectAs('IVR_DB_MIGRATION_URL');
    const report = await migrate(migrator, await loadMigrations());
    await migrator.end();

    expect(report).toEqual({ applied: [], alreadyApplied: (await loadMigrations()).length });
  });
});

describe('loadMigrations', () => {
  it('rejects a file whose name does not say its version', async () => {
    const dir = await migrationFolder({ 'add-calls.sql': 'SELECT 1;' });

    await expect(loadMigrations(dir)).rejects.toThrow(
      'add-calls.sql: migration files are named NNNN_lower_case_words.sql',
    );
  });

  it('rejects two migrations with one version', async () => {
    const dir = await migrationFolder({ '0001_a.sql': 'SELECT 1;', '0001_b.sql': 'SELECT 2;' });

    await expect(loadMigrations(dir)).rejects.toThrow(
      '0001_b.sql: another migration already has version 0001',
    );
  });
});

describe('splitStatements', () => {
  it('splits at semicolons that end a line and drops line comments', () => {
    const sql =
      "-- calls\nCREATE TABLE a (note VARCHAR(9) DEFAULT 'x;y');\n\n-- more\nCREATE TABLE b (id INT);  \n";

    expect(splitStatements(sql)).toEqual([
      "CREATE TABLE a (note VARCHAR(9) DEFAULT 'x;y')",
      'CREATE TABLE b (id INT)',
    ]);
  });
});
