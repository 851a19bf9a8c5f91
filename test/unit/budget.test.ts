/** The time budget: how an invocation's time is divided, and when its work must be done. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ANSWER_MARGIN_MS,
  connectTimeoutMs,
  credentialsWaitMs,
  DEFAULT_TIME_BUDGET_MS,
  deadlineOf,
  FLOW_BLOCK_LIMIT_SECONDS,
  INVOCATION_MARGIN_MS,
  MAX_TIME_BUDGET_MS,
  MIN_TIME_BUDGET_MS,
  replicaShareMs,
  startTheClock,
} from '#lib/budget.ts';
import { fakeLambdaContext } from '#test/factories/connect-event.ts';

/** Every budget IVR_TIME_BUDGET_MS may be, in steps of 10 ms. */
const BUDGETS = Array.from(
  { length: (MAX_TIME_BUDGET_MS - MIN_TIME_BUDGET_MS) / 10 + 1 },
  (_, index) => MIN_TIME_BUDGET_MS + index * 10,
);

/**
 * The longest invocation: a cold start that waits its whole share for the credentials, then a replica that
 * hangs for its whole share, then the primary until the deadline, then the answer.
 */
function coldStartWithHungReplica(budgetMs: number) {
  const credentials = credentialsWaitMs(budgetMs);
  const work = budgetMs - ANSWER_MARGIN_MS;
  const replica = replicaShareMs(work - credentials);
  return { credentials, replica, primary: work - credentials - replica, answer: ANSWER_MARGIN_MS };
}

const sum = (parts: Record<string, number>) => Object.values(parts).reduce((total, part) => total + part, 0);

describe('the parts of the budget', () => {
  it('add up to no more than the budget, for every budget allowed', () => {
    for (const budgetMs of BUDGETS) {
      const parts = coldStartWithHungReplica(budgetMs);

      expect(sum(parts), `${budgetMs} ms: ${JSON.stringify(parts)}`).toBeLessThanOrEqual(budgetMs);
    }
  });

  it('divide the default budget of 3,000 ms as the README says', () => {
    expect(coldStartWithHungReplica(DEFAULT_TIME_BUDGET_MS)).toEqual({
      credentials: 916,
      replica: 917,
      primary: 917,
      answer: 250,
    });
  });

  it('leave the primary time to answer after the credentials and a replica that hangs', () => {
    for (const budgetMs of BUDGETS) {
      const { primary, replica } = coldStartWithHungReplica(budgetMs);

      expect(primary, `${budgetMs} ms`).toBeGreaterThanOrEqual(replica);
      expect(replica, `${budgetMs} ms`).toBeGreaterThan(0);
    }
  });

  it("give up a connection that hangs within the replica's share, even at a cold start", () => {
    for (const budgetMs of BUDGETS) {
      const { credentials, replica } = coldStartWithHungReplica(budgetMs);

      expect(connectTimeoutMs(budgetMs), `${budgetMs} ms`).toBeLessThanOrEqual(replica);
      expect(credentials + connectTimeoutMs(budgetMs) + ANSWER_MARGIN_MS).toBeLessThanOrEqual(budgetMs);
    }
  });

  it("fit the longest budget and Lambda's own time into what the flows' blocks wait, which Connect allows", () => {
    expect(MAX_TIME_BUDGET_MS + INVOCATION_MARGIN_MS).toBeLessThanOrEqual(FLOW_BLOCK_LIMIT_SECONDS * 1000);
    expect(FLOW_BLOCK_LIMIT_SECONDS).toBeLessThanOrEqual(8);
    expect(DEFAULT_TIME_BUDGET_MS).toBeLessThanOrEqual(MAX_TIME_BUDGET_MS);
  });
});

describe('deadlineOf', () => {
  const START = Date.UTC(2026, 10, 23, 6, 0, 0);
  afterEach(() => {
    vi.useRealTimers();
  });

  it("counts the budget from the invocation's start, so that time spent before the handler is inside it", () => {
    vi.useFakeTimers({ now: START });
    const context = fakeLambdaContext({ remainingMs: 8000 });
    startTheClock().before?.({ context, event: {}, response: undefined, error: null, internal: {} });

    vi.setSystemTime(START + 900);

    expect(deadlineOf(context, 3000)).toBe(START + 3000 - ANSWER_MARGIN_MS);
  });

  it('ends sooner when Lambda leaves less time than the budget', () => {
    vi.useFakeTimers({ now: START });

    expect(deadlineOf(fakeLambdaContext({ remainingMs: 1000 }), 3000)).toBe(START + 1000 - ANSWER_MARGIN_MS);
  });

  it('counts from now when no clock was started, as when a test calls the function itself', () => {
    vi.useFakeTimers({ now: START });

    expect(deadlineOf(fakeLambdaContext(), 3000)).toBe(START + 3000 - ANSWER_MARGIN_MS);
    expect(deadlineOf(undefined, 3000)).toBe(START + 3000 - ANSWER_MARGIN_MS);
  });

  it('keeps back the margin it is given', () => {
    vi.useFakeTimers({ now: START });

    expect(deadlineOf(undefined, 30_000, 1000)).toBe(START + 29_000);
  });
});
