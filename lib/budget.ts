/**
 * The time budget, in one place: how long an invocation may take, how that time is divided, and what the flows'
 * blocks must wait for it. Every function that may wait on something takes its deadline from here.
 *
 * ```
 * the flow's block waits                                            FLOW_BLOCK_LIMIT_SECONDS (4 s)
 * └─ Lambda's invoke and the answer's way back                      INVOCATION_MARGIN_MS (500)
 *    └─ the budget, from the invocation's start                     IVR_TIME_BUDGET_MS (3,000; at most 3,500)
 *       ├─ the work, until the deadline                             budget − ANSWER_MARGIN_MS
 *       │  ├─ a cold start's database credentials                   credentialsWaitMs: a third, 1 s at most
 *       │  ├─ the replica, when the primary can be asked instead    replicaShareMs: half of the time left
 *       │  │  (a connection that hangs is given up after            connectTimeoutMs: a third)
 *       │  └─ the primary                                           the rest
 *       └─ shaping and returning the answer                         ANSWER_MARGIN_MS (250)
 * ```
 *
 * The deadline counts from the invocation's start (`startTheClock`, the first middleware), so that reading the
 * credentials at a cold start is inside the budget, not before it.
 */
import type { MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';

export const DEFAULT_TIME_BUDGET_MS = 3000;
export const MIN_TIME_BUDGET_MS = 500;

/**
 * What every InvokeLambdaFunction block of flows/ waits for its function (`InvocationTimeLimitSeconds`); Connect
 * allows 8 s at most. The flow check holds each block to this (lib/connect/flow-check.ts).
 */
export const FLOW_BLOCK_LIMIT_SECONDS = 4;

/** Between Connect starting a block and the handler starting, and the answer's way back: Lambda's own time. */
export const INVOCATION_MARGIN_MS = 500;

/** The largest budget the flows' blocks wait for: template.yaml's `TimeBudgetMs` allows no more. */
export const MAX_TIME_BUDGET_MS = FLOW_BLOCK_LIMIT_SECONDS * 1000 - INVOCATION_MARGIN_MS;

/** Kept back from the budget to shape and return the answer once the work has stopped. */
export const ANSWER_MARGIN_MS = 250;

/** The work's time: what is left of the budget once the answer's margin is kept back. */
function workMs(budgetMs: number): number {
  return budgetMs - ANSWER_MARGIN_MS;
}

/**
 * The most a cold start may spend reading the database credentials from Secrets Manager before the invocation
 * goes on without a database: a third of the work's time, at most a second (it answers in tens of
 * milliseconds when the VPC reaches it).
 */
export function credentialsWaitMs(budgetMs: number): number {
  return Math.min(1000, Math.floor(workMs(budgetMs) / 3));
}

/**
 * The most opening one database connection may take (mysql2's `connectTimeout`): a third of the work's time. A
 * fresh connection to a healthy server on the same network takes milliseconds; one that hangs must leave time
 * for the fallback.
 */
export function connectTimeoutMs(budgetMs: number): number {
  return Math.floor(workMs(budgetMs) / 3);
}

/** With a fallback in hand, the replica may use half of the time left; the primary gets the rest. */
export function replicaShareMs(timeLeftMs: number): number {
  return Math.floor(timeLeftMs / 2);
}

/** When each invocation began, by its Lambda context. */
const invocationStarts = new WeakMap<object, number>();

/**
 * Starts the budget's clock: the first middleware of every function with a deadline, before any other spends
 * time (reading secrets, say).
 */
export function startTheClock(): MiddlewareObj {
  return {
    before: ({ context }) => {
      invocationStarts.set(context, Date.now());
    },
  };
}

type RemainingTime = Pick<Context, 'getRemainingTimeInMillis'>;

/**
 * When the work of this invocation must be done (epoch ms): `budgetMs` from the invocation's start (from now when
 * no clock was started, as when a test calls the function itself), or sooner when Lambda leaves less, less
 * `answerMarginMs`.
 */
export function deadlineOf(
  context: RemainingTime | undefined,
  budgetMs: number,
  answerMarginMs = ANSWER_MARGIN_MS,
): number {
  const now = Date.now();
  const startedAt = (context && invocationStarts.get(context)) ?? now;
  const lambdaEnds = now + (context?.getRemainingTimeInMillis() ?? Number.POSITIVE_INFINITY);
  return Math.min(startedAt + budgetMs, lambdaEnds) - answerMarginMs;
}

/**
 * The csat-report function's budget: no caller waits on the line, so it may use its whole Lambda timeout
 * (template.yaml: 30 s), keeping a second back to answer 503 before Lambda ends it.
 */
export const REPORT_BUDGET = { budgetMs: 30_000, answerMarginMs: 1000 } as const;
