/**
 * `ivr bench`: speed as ratios against a reference measured in the same run, never as absolute goals (the
 * machine is shared and noisy). The order-status handler's warm latency beside the bare query it needs, on
 * the same replica pool; with --report, the CSAT report over a month of generated calls (cli/bench-report.ts).
 */

import type { Context } from 'aws-lambda';
import type { Command } from 'commander';
import { ordersPool } from '#lib/db/pools.ts';
import { benchReport } from './bench-report.ts';
import { parseCount, useEnvironment } from './environment.ts';

interface Percentiles {
  p50: number;
  p99: number;
  mean: number;
}

export function registerBenchCommand(program: Command): void {
  program
    .command('bench')
    .description(
      "measure the order-status handler's warm latency against a bare mysql2 query on the same replica pool (local stack, or the *_URL variables)",
    )
    .option('--invocations <n>', 'invocations of each', parseCount(1), 10_000)
    .option('--json', 'print one JSON object instead of a table')
    .option(
      '--report',
      "instead: the CSAT report of a month of generated calls, against counting the month's calls",
    )
    .option('--calls <n>', 'with --report: calls generated for the month', parseCount(1), 1_000_000)
    .action(async (options: { invocations: number; json?: boolean; report?: boolean; calls: number }) => {
      await useEnvironment();
      if (options.report) {
        await benchReport(options.calls, options.json === true);
        return;
      }
      // The handler logs and emits metrics on every call; the benchmark measures the work, not the console.
      process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
      process.env.POWERTOOLS_METRICS_DISABLED = 'true';
      const { orderStatus } = await import('../functions/order-status/index.ts');
      const event = benchEvent();
      const context = { getRemainingTimeInMillis: () => 8000 } as Context;
      const bareQuery = () =>
        ordersPool().execute(
          'SELECT * FROM ivr_orders WHERE customer_phone = ? ORDER BY placed_at DESC LIMIT 20',
          ['+923001234567'],
        );

      // Warm both paths (pool connections, prepared statements, JIT) before measuring.
      for (let i = 0; i < 200; i += 1) {
        await orderStatus(event, context);
        await bareQuery();
      }
      const handler = await measure(options.invocations, () => orderStatus(event, context));
      const query = await measure(options.invocations, bareQuery);
      const result = {
        invocations: options.invocations,
        handlerMs: handler,
        bareQueryMs: query,
        ratio: { p50: round(handler.p50 / query.p50), p99: round(handler.p99 / query.p99) },
      };
      if (options.json) {
        console.log(JSON.stringify(result));
      } else {
        console.log(`order-status identify, warm, ${options.invocations} invocations against the replica`);
        console.log(`  handler    p50 ${handler.p50} ms  p99 ${handler.p99} ms  mean ${handler.mean} ms`);
        console.log(`  bare query p50 ${query.p50} ms  p99 ${query.p99} ms  mean ${query.mean} ms`);
        console.log(`  handler / bare query: p50 x${result.ratio.p50}, p99 x${result.ratio.p99}`);
      }
    });
}

async function measure(count: number, work: () => Promise<unknown>): Promise<Percentiles> {
  const samples = new Float64Array(count);
  for (let i = 0; i < count; i += 1) {
    const start = performance.now();
    await work();
    samples[i] = performance.now() - start;
  }
  samples.sort();
  const at = (share: number) => round(samples[Math.min(count - 1, Math.floor(share * count))] as number);
  return { p50: at(0.5), p99: at(0.99), mean: round(samples.reduce((sum, ms) => sum + ms, 0) / count) };
}

function benchEvent(): unknown {
  return {
    Name: 'ContactFlowEvent',
    Details: {
      ContactData: {
        ContactId: 'bench-contact',
        InitialContactId: 'bench-contact',
        PreviousContactId: 'bench-contact',
        Channel: 'VOICE',
        InitiationMethod: 'INBOUND',
        InstanceARN: 'arn:aws:connect:eu-west-2:123456789012:instance/bench',
        CustomerEndpoint: { Address: '+923001234567', Type: 'TELEPHONE_NUMBER' },
        SystemEndpoint: { Address: '+922111000000', Type: 'TELEPHONE_NUMBER' },
        Attributes: {},
        Queue: null,
      },
      Parameters: { action: 'identify' },
    },
  };
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
