/**
 * Reading the CSAT report (report.ts) from the IVR's database, its replica preferably.
 *
 * Every figure is read from the daily roll-ups (`calls_daily`, `call_durations_daily`, made by
 * lib/calls/rollups.ts), summed with GROUP BY over the days of the period, so a month of a busy shop reads
 * thousands of rows, not millions. Only the low scores are read from `survey_answers` joined to `calls`,
 * through the index on (score, answered_at).
 */
import type { Pool, RowDataPacket } from 'mysql2/promise';
import {
  DAY_MS,
  daysOf,
  type LowScore,
  MAX_LOW_SCORES,
  QUICK_CALL_SECONDS,
  type Report,
  type ReportBreakdown,
  type ReportPeriod,
} from '#lib/reports/report.ts';

/** What the report needs of a database: a pool of the IVR's (its replica's, preferably). */
export type ReportDatabase = Pick<Pool, 'query'>;

/**
 * The breakdowns, each by a column of `calls_daily`; the names are ours, never the caller's. `byDay` is read
 * apart (readDays), with the score distribution, and the period's totals are its sums: each query here reads
 * every roll-up row of the period (about 200,000 for a month of a million calls), so one fewer counts.
 */
const BREAKDOWNS = {
  byMarket: 'market',
  byLanguage: 'language',
  byIntent: 'intent',
  byOutcome: 'outcome',
  byQueue: 'queue_name',
  byAgent: 'agent_id',
} as const;
type BreakdownName = keyof typeof BREAKDOWNS;

const FIGURES = `SUM(calls) AS calls,
  SUM(CASE WHEN outcome = 'self-served' THEN calls ELSE 0 END) AS self_served,
  SUM(CASE WHEN outcome = 'transferred' THEN calls ELSE 0 END) AS transferred,
  SUM(CASE WHEN outcome = 'abandoned' THEN calls ELSE 0 END) AS abandoned,
  SUM(survey_responses) AS responses, SUM(score_sum) AS score_sum`;

/** Reads the report of `period` (report.ts says what each figure means). */
export async function buildReport(db: ReportDatabase, period: ReportPeriod): Promise<Report> {
  const where = periodFilter(period);
  const breakdownNames = Object.keys(BREAKDOWNS) as BreakdownName[];
  const [{ totals, byDay }, durations, lowScores, ...breakdowns] = await Promise.all([
    readDays(db, where),
    readDurations(db, where),
    readLowScores(db, period),
    ...breakdownNames.map((name) => readBreakdown(db, where, BREAKDOWNS[name])),
  ]);
  const by = Object.fromEntries(
    breakdownNames.map((name, index) => [name, breakdowns[index] ?? []]),
  ) as Record<BreakdownName, ReportBreakdown[]>;
  const { responses, distribution, scoreSum, ...counts } = totals;
  return {
    period,
    ...counts,
    containmentRate: ratio(counts.selfServed, counts.calls),
    surveys: {
      responses,
      responseRate: ratio(responses, counts.calls),
      average: ratio(scoreSum, responses),
      distribution,
    },
    durations,
    ...by,
    byDay: everyDay(period, byDay),
    lowScores,
  };
}

interface Filter {
  sql: string;
  values: string[];
}

function periodFilter(period: ReportPeriod): Filter {
  return period.market
    ? { sql: 'day BETWEEN ? AND ? AND market = ?', values: [period.from, period.to, period.market] }
    : { sql: 'day BETWEEN ? AND ?', values: [period.from, period.to] };
}

/**
 * The period's days (a breakdown) and its totals, summed from the days, with the score distribution and the
 * calls abandoned in a queue (the roll-ups keep the queue of each call, so no other table is read).
 */
async function readDays(db: ReportDatabase, where: Filter) {
  const [rows] = await db.query<RowDataPacket[]>(
    `SELECT DATE_FORMAT(day, '%Y-%m-%d') AS k, ${FIGURES},
       SUM(CASE WHEN outcome = 'abandoned' AND queue_name <> '' THEN calls ELSE 0 END) AS abandoned_in_queue,
       SUM(score_1) AS score_1, SUM(score_2) AS score_2, SUM(score_3) AS score_3, SUM(score_4) AS score_4,
       SUM(score_5) AS score_5
     FROM calls_daily WHERE ${where.sql} GROUP BY k`,
    where.values,
  );
  const sum = (column: string) => rows.reduce((total, row) => total + count(row[column]), 0);
  const totals = {
    calls: sum('calls'),
    selfServed: sum('self_served'),
    transferred: sum('transferred'),
    abandoned: sum('abandoned'),
    abandonedInQueue: sum('abandoned_in_queue'),
    responses: sum('responses'),
    scoreSum: sum('score_sum'),
    distribution: {
      '1': sum('score_1'),
      '2': sum('score_2'),
      '3': sum('score_3'),
      '4': sum('score_4'),
      '5': sum('score_5'),
    },
  };
  return { totals, byDay: rows.map(toBreakdown) };
}

async function readBreakdown(db: ReportDatabase, where: Filter, column: string): Promise<ReportBreakdown[]> {
  const [rows] = await db.query<RowDataPacket[]>(
    `SELECT ${column} AS k, ${FIGURES} FROM calls_daily WHERE ${where.sql} GROUP BY k`,
    where.values,
  );
  return rows.map(toBreakdown).sort(byCallsThenKey);
}

function toBreakdown(row: RowDataPacket): ReportBreakdown {
  const calls = count(row.calls);
  const selfServed = count(row.self_served);
  const responses = count(row.responses);
  return {
    // The roll-ups keep an unknown value as '' so that it can be part of the key.
    key: row.k === '' ? null : String(row.k),
    calls,
    selfServed,
    transferred: count(row.transferred),
    abandoned: count(row.abandoned),
    containmentRate: ratio(selfServed, calls),
    responses,
    average: ratio(count(row.score_sum), responses),
  };
}

function byCallsThenKey(a: ReportBreakdown, b: ReportBreakdown): number {
  if (a.calls !== b.calls) return b.calls - a.calls;
  if (a.key === b.key) return 0;
  if (a.key === null) return 1;
  if (b.key === null) return -1;
  return a.key < b.key ? -1 : 1;
}

function everyDay(period: ReportPeriod, found: ReportBreakdown[]): ReportBreakdown[] {
  const byKey = new Map(found.map((entry) => [entry.key, entry]));
  return daysOf(period).map(
    (day) =>
      byKey.get(day) ?? {
        key: day,
        calls: 0,
        selfServed: 0,
        transferred: 0,
        abandoned: 0,
        containmentRate: null,
        responses: 0,
        average: null,
      },
  );
}

async function readDurations(db: ReportDatabase, where: Filter): Promise<Report['durations']> {
  const [rows] = await db.query<RowDataPacket[]>(
    `SELECT seconds, SUM(calls) AS calls,
       SUM(CASE WHEN outcome = 'self-served' THEN calls ELSE 0 END) AS self_served
     FROM call_durations_daily WHERE ${where.sql}
     GROUP BY seconds ORDER BY seconds`,
    where.values,
  );
  const lengths = rows.map((row) => ({
    seconds: Number(row.seconds),
    calls: count(row.calls),
    selfServed: count(row.self_served),
  }));
  const calls = lengths.reduce((sum, length) => sum + length.calls, 0);
  const selfServed = lengths.reduce((sum, length) => sum + length.selfServed, 0);
  const quick = lengths
    .filter((length) => length.seconds < QUICK_CALL_SECONDS)
    .reduce((sum, length) => sum + length.selfServed, 0);
  return {
    calls,
    medianSeconds: nearestRank(lengths, calls, 0.5),
    p90Seconds: nearestRank(lengths, calls, 0.9),
    shareUnder15s: ratio(quick, selfServed),
  };
}

/** The ⌈p·n⌉-th shortest of n calls, from their lengths in ascending order with a count each. */
function nearestRank(lengths: { seconds: number; calls: number }[], n: number, p: number): number | null {
  if (n === 0) return null;
  const rank = Math.max(1, Math.ceil(p * n));
  let seen = 0;
  for (const length of lengths) {
    seen += length.calls;
    if (seen >= rank) return length.seconds;
  }
  return null;
}

async function readLowScores(db: ReportDatabase, period: ReportPeriod): Promise<LowScore[]> {
  const end = new Date(Date.parse(`${period.to}T00:00:00Z`) + DAY_MS);
  const start = new Date(`${period.from}T00:00:00Z`);
  // An answer follows its call, so answered_at >= the period's start holds for every row wanted, and lets
  // the index on (score, answered_at) skip the low scores of earlier periods.
  const [rows] = await db.query<RowDataPacket[]>(
    `SELECT s.contact_id, s.answered_at, s.score, c.market, c.language, c.intent, c.outcome,
       c.handover_reason, c.queue_name, c.agent_id
     FROM survey_answers s JOIN calls c ON c.contact_id = s.contact_id
     WHERE s.score IN (1, 2) AND s.answered_at >= ?
       AND c.initiated_at >= ? AND c.initiated_at < ? ${period.market ? 'AND c.market = ?' : ''}
     ORDER BY s.answered_at DESC, s.contact_id DESC
     LIMIT ${MAX_LOW_SCORES}`,
    [start, start, end, ...(period.market ? [period.market] : [])],
  );
  return rows.map((row) => ({
    contactId: String(row.contact_id),
    answeredAt: (row.answered_at as Date).toISOString(),
    score: Number(row.score),
    market: text(row.market),
    language: text(row.language),
    intent: text(row.intent),
    outcome: text(row.outcome),
    handoverReason: text(row.handover_reason),
    queue: text(row.queue_name),
    agent: text(row.agent_id),
  }));
}

/** SUM() comes back as a decimal string, or null over no rows. */
function count(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}

function text(value: unknown): string | null {
  return value === null || value === undefined || value === '' ? null : String(value);
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}
