/**
 * `ivr bench`, calls: whole simulated calls of a realistic mix, placed through flows/ by the call simulator
 * with the real functions, many at once in one process, against the databases of the environment. While they
 * run, the connections open on the primary and on the replica are sampled, to set beside the bound that the
 * process's pools allow.
 */
import type { Connection, Pool, RowDataPacket } from 'mysql2/promise';
import { config, type DbSettings, requireDb } from '#lib/db/config.ts';
import { ivrPool, ivrReportPool, openConnection, ordersFallbackPool, ordersPool } from '#lib/db/pools.ts';
import { MARKETS } from '#lib/markets.ts';
import { lastFourDigits } from '#lib/orders/phone.ts';
import { placeCall } from '#simulator/call.ts';
import type { SampleOrder } from './bench-lookups.ts';
import { quantile, round, runConcurrently, withOutputDiscarded } from './bench-stats.ts';

/**
 * The kinds of call in the mix, with their share of calls (they add up to 100). Most callers hang up once they
 * have heard what they called for; the survey comes to those who stay on past the menu, and after an agent.
 */
export const CALL_MIX = {
  /** A caller whose number has an open order hears it and hangs up at the menu. */
  'known-caller': 35,
  /** The same caller stays on through the menu, and rates the call. */
  'known-caller-survey': 10,
  /** An unknown number keys in an order placed with another phone, passes the challenge, hears it. */
  'order-by-keys': 15,
  /** The same, saying the order number to the bot. */
  'order-by-voice': 10,
  /** A known caller asks the bot something else (a refund). */
  'bot-question': 15,
  /** A known caller asks for an agent, and rates the call after it. */
  'hand-over': 10,
  /** A withheld number that hangs up when asked for an order number. */
  'withheld-leaves': 5,
} as const;
type CallKind = keyof typeof CALL_MIX;

interface PlannedCall {
  kind: CallKind;
  from: string | null;
  to: string;
  inputs: string[];
}

/** Call `index` of the mix: kinds in proportion, each about a different sample order. */
export function plannedCall(index: number, samples: readonly SampleOrder[]): PlannedCall {
  const open = samples.filter((s) => s.open);
  const order = (open.length > 0 ? open : samples)[index % Math.max(1, open.length || samples.length)];
  if (!order) throw new Error('no orders to call about: seed the shop first');
  const to = `+${MARKETS[order.market].callingCode}2000000`;
  const stranger = `+${MARKETS[order.market].callingCode}0${String(100_000_000 + index).slice(-8)}`;
  const digits = lastFourDigits(order.phone) ?? '0000';
  const score = String(1 + (index % 5));
  const kind = kindOf(index);
  const inputs: Record<CallKind, [string | null, string[]]> = {
    'known-caller': [order.phone, ['hangup']],
    'known-caller-survey': [order.phone, ['silence', 'silence', score]],
    'order-by-keys': [stranger, [`dtmf:${order.orderNumber}#`, `dtmf:${digits}`, 'hangup']],
    'order-by-voice': [
      stranger,
      ['silence', `say:where is my order ${order.orderNumber}`, `dtmf:${digits}`, 'hangup'],
    ],
    'bot-question': [order.phone, ['3', 'say:what about my refund']],
    'hand-over': [order.phone, ['0', 'after-agent', score]],
    'withheld-leaves': [null, ['hangup']],
  };
  const [from, script] = inputs[kind];
  return { kind, from, to, inputs: script };
}

/** The kind of call `index`, spread evenly: every hundred calls hold each kind in its share. */
function kindOf(index: number): CallKind {
  let slot = (index * 37) % 100;
  for (const [kind, share] of Object.entries(CALL_MIX) as [CallKind, number][]) {
    if (slot < share) return kind;
    slot -= share;
  }
  return 'known-caller';
}

export interface CallFigures {
  calls: number;
  concurrency: number;
  seconds: number;
  callsPerSecond: number;
  errors: number;
  /** The first few errors, to read. */
  errorSamples: string[];
  byKind: Record<string, number>;
  outcomes: Record<string, number>;
  /** Simulated seconds on the call: what the caller lives through. */
  durationSeconds: { median: number; p90: number; shareUnder15s: number };
  /** Connections open at once on each server (Threads_connected, peak of the samples) and the pools' bound. */
  connections: Record<'primary' | 'replica', ConnectionFigures>;
}

interface ConnectionFigures {
  /** Before the calls: other clients, replication, the sampler itself. */
  idle: number;
  peak: number;
  /** The peak less the idle count: what the calls opened. */
  opened: number;
  maxUsedConnections: number;
  /** The most this process's pools may open to the server (their connectionLimit, summed). */
  poolBound: number;
}

const SAMPLE_EVERY_MS = 50;

/** Places `count` calls of the mix, `concurrency` at a time, and reports what they did to the servers. */
export async function benchCalls(
  count: number,
  concurrency: number,
  samples: readonly SampleOrder[],
): Promise<CallFigures> {
  const primarySettings = requireDb(config().ivrDb, 'IVR_DB_URL');
  const replicaSettings = requireDb(config().ordersDb, 'ORDERS_DB_URL');
  const primary = await openConnection(primarySettings);
  const replica = await openConnection(replicaSettings);
  const errors: string[] = [];
  const byKind: Record<string, number> = {};
  const outcomes: Record<string, number> = {};
  const durations: number[] = [];
  try {
    const idle = { primary: await threadsConnected(primary), replica: await threadsConnected(replica) };
    const peak = { ...idle };
    const sampler = setInterval(async () => {
      peak.primary = Math.max(peak.primary, await threadsConnected(primary).catch(() => 0));
      peak.replica = Math.max(peak.replica, await threadsConnected(replica).catch(() => 0));
    }, SAMPLE_EVERY_MS);
    const started = performance.now();
    try {
      await withOutputDiscarded(() =>
        runConcurrently(count, concurrency, async (index) => {
          const planned = plannedCall(index, samples);
          byKind[planned.kind] = (byKind[planned.kind] ?? 0) + 1;
          try {
            const call = await placeCall({ from: planned.from, to: planned.to, inputs: planned.inputs });
            outcomes[call.outcome] = (outcomes[call.outcome] ?? 0) + 1;
            durations.push(call.durationSeconds);
            if (call.outcome === 'error') errors.push(`${planned.kind}: ${call.error}`);
          } catch (error) {
            errors.push(`${planned.kind}: ${(error as Error).message}`);
          }
        }),
      );
    } finally {
      clearInterval(sampler);
    }
    const seconds = (performance.now() - started) / 1000;
    durations.sort((a, b) => a - b);
    return {
      calls: count,
      concurrency,
      seconds: round(seconds),
      callsPerSecond: round(count / seconds, 1),
      errors: errors.length,
      errorSamples: errors.slice(0, 5),
      byKind,
      outcomes,
      durationSeconds: {
        median: round(quantile(durations, 0.5), 1),
        p90: round(quantile(durations, 0.9), 1),
        shareUnder15s: round(durations.filter((s) => s < 15).length / Math.max(1, durations.length)),
      },
      connections: {
        primary: await connectionFigures(primary, idle.primary, peak.primary, primarySettings),
        replica: await connectionFigures(replica, idle.replica, peak.replica, replicaSettings),
      },
    };
  } finally {
    await primary.end();
    await replica.end();
  }
}

async function threadsConnected(conn: Connection): Promise<number> {
  const [[row]] = await conn.query<RowDataPacket[]>("SHOW GLOBAL STATUS LIKE 'Threads_connected'");
  return Number(row?.Value ?? 0);
}

async function connectionFigures(
  conn: Connection,
  idle: number,
  peak: number,
  server: DbSettings,
): Promise<ConnectionFigures> {
  const [[row]] = await conn.query<RowDataPacket[]>("SHOW GLOBAL STATUS LIKE 'Max_used_connections'");
  return {
    idle,
    peak,
    opened: peak - idle,
    maxUsedConnections: Number(row?.Value ?? 0),
    poolBound: poolBoundOn(server),
  };
}

/** The connectionLimit of every pool of this process that reaches `server`, summed. */
function poolBoundOn(server: DbSettings): number {
  const pools = [ordersPool(), ordersFallbackPool(), ivrPool(), ivrReportPool()];
  const distinct = [...new Set(pools.filter((pool): pool is Pool => pool !== undefined))];
  return distinct
    .map((pool) => (pool as unknown as { pool: { config: PoolConfig } }).pool.config)
    .filter(
      (settings) =>
        settings.connectionConfig.port === server.port && settings.connectionConfig.host === server.host,
    )
    .reduce((sum, settings) => sum + settings.connectionLimit, 0);
}

/** The part of mysql2's pool configuration that says where it connects and how many connections it may hold. */
interface PoolConfig {
  connectionLimit: number;
  connectionConfig: { host: string; port: number };
}
