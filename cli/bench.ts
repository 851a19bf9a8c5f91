/**
 * `ivr bench`: speed as ratios against references measured in the same run, never as absolute goals (the
 * machine is shared and noisy). Warm lookups of the order-status handler against the floor and against
 * connection-per-invocation (cli/bench-lookups.ts), EXPLAIN of their queries, a thousand simulated calls
 * (cli/bench-calls.ts), optionally a CPU profile (cli/bench-profile.ts) and the comparison with a run on a
 * smaller shop (--baseline). With --report, the CSAT report over a month of generated calls instead
 * (cli/bench-report.ts). docs/performance.md explains the figures and the goals.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { config } from '#lib/db/config.ts';
import { closePools, ordersPool } from '#lib/db/pools.ts';
import { adminConnection, readRunningPair, waitForReplica } from '#lib/local/pair.ts';
import { countShopOrders, PROJECT_PAIR_DIR, SHOP_DATABASE } from '#lib/local/stack.ts';
import { benchCalls, type CallFigures } from './bench-calls.ts';
import {
  ACTIONS,
  benchContext,
  eventsFor,
  explainLookups,
  type Goal,
  importOrderStatusHandler,
  type LookupFigures,
  lookupGoals,
  measureLookups,
  sampleOrders,
} from './bench-lookups.ts';
import { profile } from './bench-profile.ts';
import { benchReport } from './bench-report.ts';
import { round, runConcurrently, withOutputDiscarded } from './bench-stats.ts';
import { measureBundles, printBundleFigures } from './bundles.ts';
import { seedOrdersWithProgress } from './db.ts';
import { parseCount, useEnvironment } from './environment.ts';
import { UsageError } from './output.ts';

const CONCURRENCIES = [1, 8, 64] as const;
const CALL_CONCURRENCY = 50;
/** Orders sampled for the lookups and the calls. */
const SAMPLE_ORDERS = 1000;

interface BenchOptions {
  invocations?: number;
  calls?: number;
  json?: boolean;
  quick?: boolean;
  orders?: number;
  baseline?: string;
  profile?: string;
  profileInvocations: number;
  report?: boolean;
  cold?: boolean;
}

/** What a full run prints with --json; a later run reads it back with --baseline. */
export interface BenchResult {
  orders: number;
  invocations: number;
  lookups: LookupFigures;
  goals: Goal[];
  explain: Record<string, unknown>;
  calls: CallFigures;
  scale: ScaleFigures | null;
  profile: Awaited<ReturnType<typeof profile>> | null;
}

interface ScaleFigures {
  baselineOrders: number;
  orders: number;
  /** Per action, this run's handler p50 at concurrency 1 over the baseline's (goal: under 1.3). */
  p50Ratio: Record<string, number>;
  /** The same for the floor, which shows what the database alone made of the larger shop. */
  floorP50Ratio: Record<string, number>;
}

export function registerBenchCommand(program: Command): void {
  program
    .command('bench')
    .description(
      'measure the order-status handler against the floor (a bare query) and connection-per-invocation, and 1,000 simulated calls (local stack, or the *_URL variables); see docs/performance.md',
    )
    .option(
      '--invocations <n>',
      'invocations per path, action and concurrency (2,000; --quick: 200)',
      parseCount(1),
    )
    .option(
      '--calls <n>',
      'simulated calls (1,000; --quick: 100); with --report: calls of the month (1,000,000)',
      parseCount(1),
    )
    .option('--quick', 'fewer invocations and calls: the whole run in under a minute')
    .option('--orders <n>', 'first seed the local shop up to N orders (ivr db seed --orders)', parseCount(1))
    .option('--baseline <file>', "a smaller shop's run (its --json output): print the p50 ratio against it")
    .option(
      '--profile <file>',
      'also write a CPU profile of warm invocations to FILE (.cpuprofile) and sum it up',
    )
    .option('--profile-invocations <n>', 'invocations profiled', parseCount(1), 10_000)
    .option('--json', 'print one JSON object instead of tables')
    .option(
      '--cold',
      'instead: each function built as sam build does, its size and cold start (ivr bundles; median of 7, --quick: 3)',
    )
    .option(
      '--report',
      "instead: the CSAT report of a month of generated calls, against counting the month's calls",
    )
    .addHelpText(
      'after',
      '\nExamples:\n  npx ivr bench --quick\n  npx ivr bench --orders 100000 --json > bench-100k.json\n  npx ivr bench --orders 10000000 --baseline bench-100k.json --profile order-status.cpuprofile\n  npx ivr bench --cold\n  npx ivr bench --report',
    )
    .action(async (options: BenchOptions) => {
      await useEnvironment();
      try {
        if (options.report) {
          await benchReport(options.calls ?? 1_000_000, options.json === true);
          return;
        }
        if (options.cold) {
          const runs = options.quick ? 3 : 7;
          const figures = await measureBundles(runs, false);
          if (options.json) console.log(JSON.stringify(figures));
          else printBundleFigures(figures, runs);
          return;
        }
        const result = await bench(options);
        if (options.json) console.log(JSON.stringify(result));
        else printResult(result);
      } finally {
        await closePools();
      }
    });
}

async function bench(options: BenchOptions): Promise<BenchResult> {
  const invocations = options.invocations ?? (options.quick ? 200 : 2000);
  const callCount = options.calls ?? (options.quick ? 100 : 1000);
  const progress = (line: string) => {
    if (!options.json) console.error(line);
  };
  if (options.orders !== undefined) await seedUpTo(options.orders);
  const baseline = options.baseline ? await readBaseline(options.baseline) : null;

  const handler = await importOrderStatusHandler();
  const pool = ordersPool();
  const { samples, orders } = await sampleOrders(pool, SAMPLE_ORDERS);
  if (samples.length === 0) throw new UsageError('the shop has no orders: run npx ivr db seed --demo');
  progress(`${orders} orders in the shop; ${samples.length} sampled`);

  const lookups = await measureLookups(handler, {
    invocations,
    concurrencies: CONCURRENCIES,
    samples,
    onStep: (what) => progress(`measuring ${what}`),
  });
  const explain = await explainOnReplica(samples[0] as (typeof samples)[0]);
  let profiled: BenchResult['profile'] = null;
  if (options.profile) {
    progress(`profiling ${options.profileInvocations} invocations`);
    profiled = await profileInvocations(handler, samples, options.profile, options.profileInvocations);
  }
  progress(`placing ${callCount} calls, ${CALL_CONCURRENCY} at a time`);
  const calls = await benchCalls(callCount, CALL_CONCURRENCY, samples);
  return {
    orders,
    invocations,
    lookups,
    goals: lookupGoals(lookups, CONCURRENCIES),
    explain,
    calls,
    scale: baseline && scaleAgainst(baseline, orders, lookups),
    profile: profiled,
  };
}

/** EXPLAIN as the local stack's administrator when the orders replica is the local stack's, else as the reader. */
async function explainOnReplica(order: Parameters<typeof explainLookups>[1]) {
  const pair = await readRunningPair(PROJECT_PAIR_DIR);
  if (!pair || config().ordersDb?.port !== pair.replica.port) return explainLookups(ordersPool(), order);
  const admin = await adminConnection(pair.replica.port, SHOP_DATABASE);
  try {
    return await explainLookups(admin, order);
  } finally {
    await admin.end();
  }
}

/** Seeds the local shop with generated orders until it holds `target` (never removes any). */
async function seedUpTo(target: number): Promise<void> {
  const pair = await readRunningPair(PROJECT_PAIR_DIR);
  if (!pair) throw new UsageError('--orders seeds the local stack: start it with npx ivr db up');
  const present = await countShopOrders(pair);
  if (present >= target) return;
  const conn = await adminConnection(pair.primary.port, SHOP_DATABASE);
  try {
    await seedOrdersWithProgress(conn, target - present, 1, (line) => console.error(line));
  } finally {
    await conn.end();
  }
  // Seeding 10,000,000 orders leaves the replica minutes behind; the lookups read the replica.
  await waitForReplica(pair, 3_600_000);
}

/** The invocations of all three actions in turn, at concurrency 1, under the profiler. */
async function profileInvocations(
  handler: Awaited<ReturnType<typeof importOrderStatusHandler>>,
  samples: Parameters<typeof eventsFor>[1],
  file: string,
  count: number,
) {
  const events = ACTIONS.flatMap((action) => eventsFor(action, samples, Math.ceil(count / ACTIONS.length)));
  const context = benchContext();
  return withOutputDiscarded(() =>
    profile(file, async () => {
      await runConcurrently(count, 1, (index) => handler(events[index % events.length], context));
    }),
  );
}

async function readBaseline(file: string): Promise<BenchResult> {
  const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<BenchResult>;
  if (!parsed.lookups || typeof parsed.orders !== 'number')
    throw new UsageError(`${file} is not the --json output of ivr bench`);
  return parsed as BenchResult;
}

function scaleAgainst(baseline: BenchResult, orders: number, lookups: LookupFigures): ScaleFigures {
  const ratio = (path: 'handler' | 'floor') =>
    Object.fromEntries(
      ACTIONS.map((action) => {
        const now = lookups[action].c1?.[path].p50 ?? Number.NaN;
        const before = baseline.lookups[action]?.c1?.[path].p50 ?? Number.NaN;
        return [action, round(now / before)];
      }),
    );
  return {
    baselineOrders: baseline.orders,
    orders,
    p50Ratio: ratio('handler'),
    floorP50Ratio: ratio('floor'),
  };
}

function printResult(result: BenchResult): void {
  const { lookups, calls } = result;
  console.log(`warm lookups: ${result.orders} orders, ${result.invocations} invocations per figure`);
  console.log(
    '  ms / per second      handler p50 p99 /s      floor p50 p99 /s        conn-per-invocation p50 p99 /s',
  );
  for (const action of ACTIONS) {
    for (const [at, figures] of Object.entries(lookups[action])) {
      const cell = (f: { p50: number; p99: number; perSecond: number }) =>
        `${f.p50.toFixed(3)} ${f.p99.toFixed(3)} ${String(f.perSecond).padStart(6)}`;
      console.log(
        `  ${`${action} ${at}`.padEnd(14)} ${cell(figures.handler)}   ${cell(figures.floor)}   ${cell(figures.connectionPerInvocation)}`,
      );
    }
  }
  console.log('goals:');
  for (const goal of result.goals) {
    const sense = goal.goal.includes('throughput') || goal.goal.includes('connection-per') ? '>=' : '<=';
    console.log(
      `  ${goal.met ? 'met   ' : 'MISSED'} ${goal.goal}: x${goal.measured} (goal ${sense} x${goal.limit})`,
    );
  }
  if (result.scale) {
    const { scale } = result;
    console.log(
      `scale: ${scale.orders} orders against ${scale.baselineOrders} (goal: handler p50 ratio under x1.3)`,
    );
    for (const action of ACTIONS) {
      console.log(
        `  ${action.padEnd(9)} handler x${scale.p50Ratio[action]}   floor x${scale.floorP50Ratio[action]}`,
      );
    }
  }
  console.log('EXPLAIN (on the replica):');
  for (const [query, plan] of Object.entries(result.explain)) {
    console.log(`  ${query}:`);
    for (const row of Array.isArray(plan) ? plan : [plan]) console.log(`    ${JSON.stringify(row)}`);
  }
  if (result.profile) {
    const { profile: taken } = result;
    console.log(`CPU profile of ${taken.profiledMs} ms, written to ${taken.file}; self time by place:`);
    for (const { place, share } of taken.byPlace)
      console.log(`  ${(share * 100).toFixed(1).padStart(5)}% ${place}`);
    console.log('  busiest functions:');
    for (const { fn, share } of taken.byFunction)
      console.log(`  ${(share * 100).toFixed(1).padStart(5)}% ${fn}`);
  }
  console.log(
    `calls: ${calls.calls}, ${calls.concurrency} at a time, in ${calls.seconds} s: ${calls.callsPerSecond} calls/s, ${calls.errors} errors (goal 0)`,
  );
  for (const sample of calls.errorSamples) console.log(`  error: ${sample}`);
  console.log(
    `  simulated durations: median ${calls.durationSeconds.median} s, p90 ${calls.durationSeconds.p90} s, ${Math.round(calls.durationSeconds.shareUnder15s * 100)}% under 15 s`,
  );
  for (const [server, c] of Object.entries(calls.connections)) {
    console.log(
      `  ${server}: connections open at most ${c.peak} (${c.idle} before the calls, so ${c.opened} opened by them); the pools' bound ${c.poolBound}; Max_used_connections ${c.maxUsedConnections}`,
    );
  }
}
