/** The `ivr` command as a person meets it: clear one-line errors for what they can fix. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type PrivatePair, startPrivatePair } from './private-pair.ts';
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
  // A pair of its own: the bench's calls look up and verify demo orders from many numbers, which would count
  // against the lookup and lockout limits that other tests of the shared pair rely on (10000007 was locked).
  let db: PrivatePair;
  beforeAll(async () => {
    db = await startPrivatePair();
  }, 120_000);
  afterAll(() => db?.destroy());

  const figures = {
    p50: expect.any(Number),
    p99: expect.any(Number),
    mean: expect.any(Number),
    perSecond: expect.any(Number),
  };
  const paths = { handler: figures, floor: figures, connectionPerInvocation: figures };
  const atEachConcurrency = { c1: paths, c8: paths, c64: paths };
  const connections = {
    idle: expect.any(Number),
    peak: expect.any(Number),
    opened: expect.any(Number),
    maxUsedConnections: expect.any(Number),
    poolBound: expect.any(Number),
  };

  it('--quick prints every figure of the lookups, the calls and the comparison with --baseline as one JSON object', async () => {
    // A smaller shop's run, as far as --baseline reads it: its size and its p50s at concurrency 1.
    const baseline = join(await mkdtemp(join(tmpdir(), 'ivr-bench-')), 'baseline.json');
    const p50s = (handler: number, floor: number) => ({
      c1: { handler: { p50: handler }, floor: { p50: floor } },
    });
    await writeFile(
      baseline,
      JSON.stringify({
        orders: 8,
        lookups: { identify: p50s(2, 1), lookup: p50s(4, 1), verify: p50s(8, 1) },
      }),
    );

    const run = await ivr(
      ['bench', '--quick', '--invocations', '20', '--calls', '10', '--json', '--baseline', baseline],
      db.env,
    );

    expect(run).toMatchObject({ code: 0, stderr: '' });
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({
      orders: expect.any(Number),
      invocations: 20,
      lookups: { identify: atEachConcurrency, lookup: atEachConcurrency, verify: atEachConcurrency },
      explain: { byNumber: expect.anything(), currentByPhone: expect.anything() },
      calls: {
        calls: 10,
        concurrency: 50,
        callsPerSecond: expect.any(Number),
        errors: 0,
        durationSeconds: {
          median: expect.any(Number),
          p90: expect.any(Number),
          shareUnder15s: expect.any(Number),
        },
        connections: { primary: connections, replica: connections },
      },
      profile: null,
    });
    expect(result.goals).toHaveLength(9);
    for (const goal of result.goals)
      expect(goal).toEqual({
        goal: expect.any(String),
        measured: expect.any(Number),
        limit: expect.any(Number),
        met: expect.any(Boolean),
      });
    const ratio = (action: string, path: string, before: number) =>
      Math.round((result.lookups[action].c1[path].p50 / before) * 100) / 100;
    expect(result.orders).toBeGreaterThanOrEqual(16);
    expect(result.scale).toEqual({
      baselineOrders: 8,
      orders: result.orders,
      p50Ratio: {
        identify: ratio('identify', 'handler', 2),
        lookup: ratio('lookup', 'handler', 4),
        verify: ratio('verify', 'handler', 8),
      },
      floorP50Ratio: {
        identify: ratio('identify', 'floor', 1),
        lookup: ratio('lookup', 'floor', 1),
        verify: ratio('verify', 'floor', 1),
      },
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

describe('ivr bundles', () => {
  it('builds every function as sam build does and prints its size, cold start and heaviest packages', async () => {
    const { IVR_DB_URL, ORDERS_DB_URL, ORDERS_DB_FALLBACK_URL } = inject('databaseEnv') as Record<
      string,
      string
    >;

    const run = await ivr(['bundles', '--runs', '1', '--json'], {
      IVR_DB_URL,
      ORDERS_DB_URL,
      ORDERS_DB_FALLBACK_URL,
    } as Record<string, string>);

    expect(run.code).toBe(0);
    const figures = JSON.parse(run.stdout);
    expect(figures.bareNodeMs).toEqual(expect.any(Number));
    expect(figures.functions.map((row: { function: string }) => row.function).sort()).toEqual([
      'ContactRecordsFunction',
      'CsatReportFunction',
      'EscalationFunction',
      'LexHookFunction',
      'OrderStatusFunction',
      'PromptFunction',
      'SurveyFunction',
    ]);
    for (const row of figures.functions) {
      expect(row).toEqual({
        function: expect.any(String),
        kilobytes: expect.any(Number),
        coldStartMs: expect.any(Number),
        importMs: expect.any(Number),
        heaviest: expect.arrayContaining([expect.any(String)]),
      });
    }
  }, 240_000);
});
