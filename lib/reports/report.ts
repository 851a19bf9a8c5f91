/**
 * The managers' CSAT report of a period: how many calls the IVR finished alone, what callers scored, how long
 * calls took, broken down by day, market, language, intent, outcome, queue and agent, and the low scores to
 * follow up.
 *
 * This module says what the report is: its figures and their definitions, and the period it covers. query.ts
 * reads it from the database, csv.ts and html.ts write it for people, render.ts picks the format.
 *
 * Definitions:
 * - a call belongs to the UTC day it was initiated; the period is whole UTC days, `from` to `to` inclusive;
 * - `calls`: every call of the period; `selfServed`, `transferred`, `abandoned`: those that ended so (a call
 *   recorded as `error`, or with no outcome, counts in `calls` and in none of the three);
 * - `abandonedInQueue`: the abandoned calls that had reached a queue: the caller asked for an agent and hung
 *   up before one answered (lib/calls/outcome.ts); the rest of `abandoned` left the IVR. By queue, they are
 *   `byQueue`'s `abandoned`;
 * - `containmentRate` = selfServed / calls;
 * - `responses`: survey answers with a score (1 to 5); an offer not answered is no response;
 * - `responseRate` = responses / calls;
 * - `average`: the mean score of the responses;
 * - `distribution`: the responses per score, "1" to "5";
 * - durations: over all calls of the period that have ended, in whole seconds from the start of the contact
 *   to its disconnection (exact: the roll-ups keep every distinct length); `medianSeconds` and `p90Seconds`
 *   by the nearest-rank method (the ⌈p·n⌉-th shortest of n calls); `shareUnder15s`: the share of the
 *   self-served calls that were shorter than 15 s;
 * - a rate, average or duration with nothing to measure is `null`, never 0: a period with no calls has counts
 *   of 0 and nothing else.
 *
 * The `by*` lists have one entry per key with calls in the period, the most calls first (then by key);
 * `byDay` has one entry for every day of the period, in order, days without calls included. A key is `null`
 * where the call did not record it (a self-served call has no queue and no agent, say).
 *
 * `lowScores`: the answers scoring 1 or 2 to calls of the period, the newest answer first, at most 200.
 */
import { isMarketCode, MARKET_CODES, type MarketCode } from '#lib/markets.ts';

/** A report's period is asked for by people; these say what is wrong with what they asked. */
export class ReportPeriodError extends Error {
  override name = 'ReportPeriodError';
}

/** The longest period a report covers: a year, leap day included. */
const MAX_REPORT_DAYS = 366;

/** How many low scores the report lists, the newest first. */
export const MAX_LOW_SCORES = 200;

/** Self-served calls shorter than this are the quick answers the product promises. */
export const QUICK_CALL_SECONDS = 15;

export interface ReportPeriod {
  /** The first UTC day, `YYYY-MM-DD`. */
  from: string;
  /** The last UTC day, included. */
  to: string;
  /** One market, or null for all. */
  market: MarketCode | null;
}

export interface ReportPeriodInput {
  from: string | undefined;
  to: string | undefined;
  market?: string | undefined;
}

/** The figures of one key of a breakdown (a day, a market, a queue, …). */
export interface ReportBreakdown {
  key: string | null;
  calls: number;
  selfServed: number;
  transferred: number;
  abandoned: number;
  containmentRate: number | null;
  responses: number;
  average: number | null;
}

export interface LowScore {
  contactId: string;
  /** ISO 8601, UTC. */
  answeredAt: string;
  score: number;
  market: string | null;
  language: string | null;
  intent: string | null;
  outcome: string | null;
  handoverReason: string | null;
  queue: string | null;
  agent: string | null;
}

export type ScoreDistribution = Record<'1' | '2' | '3' | '4' | '5', number>;

export interface Report {
  period: ReportPeriod;
  calls: number;
  selfServed: number;
  transferred: number;
  abandoned: number;
  /** Of `abandoned`, the calls that had reached a queue: the caller hung up before an agent answered. */
  abandonedInQueue: number;
  containmentRate: number | null;
  surveys: {
    responses: number;
    responseRate: number | null;
    average: number | null;
    distribution: ScoreDistribution;
  };
  durations: {
    /** The calls whose length is known (those that have ended). */
    calls: number;
    medianSeconds: number | null;
    p90Seconds: number | null;
    shareUnder15s: number | null;
  };
  byDay: ReportBreakdown[];
  byMarket: ReportBreakdown[];
  byLanguage: ReportBreakdown[];
  byIntent: ReportBreakdown[];
  byOutcome: ReportBreakdown[];
  byQueue: ReportBreakdown[];
  byAgent: ReportBreakdown[];
  lowScores: LowScore[];
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
export const DAY_MS = 86_400_000;

/**
 * The period of `from` to `to` (`YYYY-MM-DD`, UTC days, both included) in `market` (any case; left out or
 * empty: all markets). Throws ReportPeriodError naming what is wrong: a missing or malformed date, a date
 * that does not exist, `from` after `to`, more than 366 days, a market the IVR does not serve.
 */
export function parseReportPeriod({ from, to, market }: ReportPeriodInput): ReportPeriod {
  const first = parseDay('from', from);
  const last = parseDay('to', to);
  if (first > last) throw new ReportPeriodError(`from (${from}) is after to (${to})`);
  const days = (last - first) / DAY_MS + 1;
  if (days > MAX_REPORT_DAYS)
    throw new ReportPeriodError(
      `the period from ${from} to ${to} has ${days} days; a report covers at most ${MAX_REPORT_DAYS}`,
    );
  const code = market?.trim().toUpperCase() ?? '';
  if (code !== '' && !isMarketCode(code))
    throw new ReportPeriodError(`market "${market}" is not one of ${MARKET_CODES.join(', ')}`);
  return { from: from as string, to: to as string, market: code === '' ? null : (code as MarketCode) };
}

function parseDay(name: string, value: string | undefined): number {
  if (value === undefined || value === '')
    throw new ReportPeriodError(`${name} is missing: give a YYYY-MM-DD date`);
  const match = DATE_PATTERN.exec(value);
  if (!match) throw new ReportPeriodError(`${name} "${value}" is not a date: give it as YYYY-MM-DD`);
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const time = Date.UTC(year, month - 1, day);
  // Date.UTC rolls 2001-02-30 over to March; a day that does not exist comes back different.
  if (new Date(time).toISOString().slice(0, 10) !== value)
    throw new ReportPeriodError(`${name} "${value}" is not a day of the calendar`);
  return time;
}

/** The UTC days of the period, in order. */
export function daysOf(period: Pick<ReportPeriod, 'from' | 'to'>): string[] {
  const days: string[] = [];
  const last = Date.parse(`${period.to}T00:00:00Z`);
  for (let time = Date.parse(`${period.from}T00:00:00Z`); time <= last; time += DAY_MS)
    days.push(new Date(time).toISOString().slice(0, 10));
  return days;
}
