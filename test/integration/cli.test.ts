/** The `ivr` command as a person meets it: clear one-line errors for what they can fix. */
import { describe, expect, inject, it } from 'vitest';
import { ivr } from './run-ivr.ts';

describe('ivr db migrate', () => {
  it('says the IVR database is up to date when run again', async () => {
    const run = await ivr(['db', 'migrate'], {
      IVR_DB_MIGRATION_URL: inject('databaseEnv').IVR_DB_MIGRATION_URL as string,
    });

    expect(run).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^ivr: up to date \(\d+ migrations applied before\)\n$/),
    });
  });

  it("asks for the migrator when given only the functions' user, which may not change tables", async () => {
    const run = await ivr(['db', 'migrate'], { IVR_DB_URL: inject('databaseEnv').IVR_DB_URL as string });

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^ivr: IVR_DB_MIGRATION_URL is not set/);
  });

  it('names the variable when its URL is malformed', async () => {
    const run = await ivr(['db', 'migrate'], { IVR_DB_MIGRATION_URL: 'mysql://migrator:secret@db.internal' });

    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'ivr: IVR_DB_MIGRATION_URL is not a usable database URL (the path must be exactly one database name): expected mysql://user:password@host:port/database, got "mysql://migrator:***@db.internal"\n',
    );
  });

  it('says nothing answers when the server is not there', async () => {
    const run = await ivr(['db', 'migrate'], {
      IVR_DB_MIGRATION_URL: 'mysql://migrator:secret@127.0.0.1:9/ivr',
    });

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^ivr: nothing answers at that address: is the server running, and are host and port right\?/,
    );
  });

  it('says the server refused the password', async () => {
    const url = (inject('databaseEnv').IVR_DB_MIGRATION_URL as string).replace('local-ivr-migrator', 'wrong');

    const run = await ivr(['db', 'migrate'], { IVR_DB_MIGRATION_URL: url });

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^ivr: the server refused the user or password/);
  });
});

describe('ivr db check', () => {
  it('confirms that the replica and the primary offer ivr_orders as the contract says', async () => {
    const { ORDERS_DB_URL, ORDERS_DB_FALLBACK_URL } = inject('databaseEnv') as Record<string, string>;

    const run = await ivr(['db', 'check'], { ORDERS_DB_URL, ORDERS_DB_FALLBACK_URL } as Record<
      string,
      string
    >);

    expect(run).toMatchObject({
      code: 0,
      stderr: '',
      stdout:
        'ORDERS_DB_URL: ivr_orders meets the contract\nORDERS_DB_FALLBACK_URL: ivr_orders meets the contract\n',
    });
  });
});

describe('ivr db seed', () => {
  it('asks what to seed when told nothing', async () => {
    const run = await ivr(['db', 'seed'], {});

    expect(run).toMatchObject({ code: 1, stderr: 'ivr: say what to seed: --demo, --orders N, or both\n' });
  });
});

describe('ivr bench', () => {
  it('measures the handler against the bare query, prints one JSON object and exits', async () => {
    const run = await ivr(
      ['bench', '--invocations', '20', '--json'],
      inject('databaseEnv') as Record<string, string>,
    );

    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(run.stdout)).toMatchObject({
      invocations: 20,
      handlerMs: { p50: expect.any(Number), p99: expect.any(Number) },
      bareQueryMs: { p50: expect.any(Number), p99: expect.any(Number) },
      ratio: { p50: expect.any(Number), p99: expect.any(Number) },
    });
  });
});

describe('ivr flows check', () => {
  it('finds no problem in flows/', async () => {
    const run = await ivr(['flows', 'check'], {});

    expect(run).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^4 flows, \d+ actions: no problems\n$/),
    });
  });
});
