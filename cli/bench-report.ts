/**
 * `ivr bench --report`: the CSAT report over a month of a busy shop (1,000,000 calls unless told), timed beside
 * a reference in the same run: counting the month's calls, the least any report of them must read. The calls
 * are generated into the local stack's IVR database for January 2000 (`generated-…` ids), replacing an earlier
 * run's, so real and simulated calls are left alone.
 */
import { SingleBar } from 'cli-progress';
import { deleteGeneratedCalls, writeGeneratedCalls } from '#lib/calls/generated-calls.ts';
import { rebuildDays } from '#lib/calls/rollups.ts';
import { ivrReportPool } from '#lib/db/pools.ts';
import { adminConnection, readRunningPair } from '#lib/local/pair.ts';
import { IVR_DATABASE, PROJECT_PAIR_DIR } from '#lib/local/stack.ts';
import { buildReport } from '#lib/reports/query.ts';
import { parseReportPeriod } from '#lib/reports/report.ts';
import { UsageError } from './output.ts';

const MONTH = { from: '2000-01-01', to: '2000-01-31', days: 31 };
const RUNS = 5;

export async function benchReport(calls: number, json: boolean): Promise<void> {
  const pair = await readRunningPair(PROJECT_PAIR_DIR);
  if (!pair)
    throw new UsageError(
      'ivr bench --report writes generated calls into the local stack: start it with npx ivr db up',
    );
  const admin = await adminConnection(pair.primary.port, IVR_DATABASE);
  try {
    await deleteGeneratedCalls(admin);
    const bar = json ? undefined : new SingleBar({ format: 'generating calls [{bar}] {value}/{total}' });
    bar?.start(calls, 0);
    const generatingStarted = performance.now();
    await writeGeneratedCalls(admin, {
      count: calls,
      firstDay: new Date(`${MONTH.from}T00:00:00Z`),
      days: MONTH.days,
      seed: 2000,
      onProgress: (written) => bar?.update(written),
    });
    bar?.stop();
    const generatedMs = performance.now() - generatingStarted;
    const rollupStarted = performance.now();
    const days = Array.from(
      { length: MONTH.days },
      (_, index) => `2000-01-${String(index + 1).padStart(2, '0')}`,
    );
    await rebuildDays(admin, days);
    const rollupMs = performance.now() - rollupStarted;

    const pool = ivrReportPool();
    const period = parseReportPeriod({ from: MONTH.from, to: MONTH.to });
    const count = () =>
      pool.query(
        "SELECT COUNT(*) FROM calls WHERE initiated_at >= '2000-01-01' AND initiated_at < '2000-02-01'",
      );
    await buildReport(pool, period);
    await count();
    const reportMs = await median(() => buildReport(pool, period));
    const countMs = await median(count);
    const result = {
      calls,
      generateSeconds: round(generatedMs / 1000),
      rollupSeconds: round(rollupMs / 1000),
      reportMs: round(reportMs),
      countMonthMs: round(countMs),
      ratio: round(reportMs / countMs),
    };
    if (json) {
      console.log(JSON.stringify(result));
      return;
    }
    console.log(
      `${calls} calls in January 2000: generated in ${result.generateSeconds} s, rolled up in ${result.rollupSeconds} s`,
    );
    console.log(`  the month's report (median of ${RUNS})       ${result.reportMs} ms`);
    console.log(`  counting the month's calls (reference) ${result.countMonthMs} ms`);
    console.log(`  report / count: x${result.ratio}`);
  } finally {
    await admin.end();
  }
}

async function median(work: () => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  return samples.sort((a, b) => a - b)[Math.floor(RUNS / 2)] as number;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
