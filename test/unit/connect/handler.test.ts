/** The one shape of the Connect-facing functions: the event checked, and every failure answered from one table. */
import { describe, expect, it } from 'vitest';
import { ANSWER_MARGIN_MS, DEFAULT_TIME_BUDGET_MS } from '#lib/budget.ts';
import { type ConnectCall, connectFunction, failureResponse } from '#lib/connect/handler.ts';
import { connectResponse } from '#lib/connect/response.ts';
import { CredentialsUnavailableError } from '#lib/db/credentials.ts';
import { DeadlineExceededError } from '#lib/db/deadline.ts';
import { FAILURE_REPLIES, type Failure, failureOf, UnknownActionError } from '#lib/failures.ts';
import { LOCALES } from '#lib/markets.ts';
import { DatabaseUnavailableError } from '#lib/orders/repository.ts';
import { checkSsml, promptSsml, voiceFor } from '#lib/speech/index.ts';
import { connectEvent } from '#test/factories/connect-event.ts';

const FAILURES: Failure[] = [
  'malformed-event',
  'unknown-action',
  'database-unavailable',
  'deadline-exceeded',
  'unexpected',
];

describe('failureOf', () => {
  it.each([
    [new UnknownActionError('no such action'), 'unknown-action'],
    [new DatabaseUnavailableError('replica down'), 'database-unavailable'],
    [new CredentialsUnavailableError('no secret'), 'database-unavailable'],
    [new DeadlineExceededError('too late'), 'deadline-exceeded'],
    [new TypeError('a bug'), 'unexpected'],
    ['not even an error', 'unexpected'],
  ])('names %s %s', (error, failure) => {
    expect(failureOf(error)).toBe(failure);
  });
});

describe('connectFunction', () => {
  it('hands the work the call: its facts, market, language and deadline', async () => {
    let seen: ConnectCall | undefined;
    const fn = connectFunction('prompt', async (call) => {
      seen = call;
      return connectResponse({ outcome: 'spoken' });
    });

    const startedAt = Date.now();
    await fn(connectEvent({ contactId: 'c-1', to: '+97142000000', params: { name: 'menu' } }));

    expect(seen).toMatchObject({
      contactId: 'c-1',
      market: 'AE',
      locale: 'ar-AE',
      parameters: { name: 'menu' },
    });
    const deadline = seen?.deadline() ?? 0;
    expect(deadline).toBeGreaterThanOrEqual(startedAt + DEFAULT_TIME_BUDGET_MS - ANSWER_MARGIN_MS);
    expect(deadline).toBeLessThanOrEqual(Date.now() + DEFAULT_TIME_BUDGET_MS - ANSWER_MARGIN_MS);
  });

  it("offers an agent in the market's language for an event that is not Connect's, without running the work", async () => {
    let ran = false;
    const fn = connectFunction('order-status', async () => {
      ran = true;
      return connectResponse({ outcome: 'found' });
    });

    const response = await fn({ Details: 'nonsense' });

    expect(ran).toBe(false);
    expect(response).toMatchObject({
      outcome: 'error',
      language: 'en-IN',
      voice: 'Kajal',
      verified: 'false',
    });
    expect(response.ssml).toBe(promptSsml('error', 'en-IN'));
  });

  it("answers a failure of the work from the function's row, in the caller's language", async () => {
    const fn = connectFunction('order-status', async () => {
      throw new DatabaseUnavailableError('replica down');
    });

    const response = await fn(connectEvent({ attributes: { language: 'hi-IN' } }));

    expect(response).toMatchObject({ outcome: 'unavailable', language: 'hi-IN', verified: 'false' });
    expect(() => checkSsml(response.ssml ?? '', voiceFor('hi-IN').engine)).not.toThrow();
  });

  it.each([
    ['survey', { outcome: 'unavailable' }],
    ['escalation', { outcome: 'error' }],
  ] as const)('answers %s with no speech where its flow speaks itself', async (name, expected) => {
    const fn = connectFunction(name, async () => {
      throw new Error('a bug');
    });

    expect(await fn(connectEvent())).toEqual(expected);
  });
});

describe('failureResponse', () => {
  it.each(
    (['order-status', 'prompt', 'survey', 'escalation'] as const).flatMap((name) =>
      FAILURES.map((failure) => [name, failure] as const),
    ),
  )('%s answers %s with a response Connect takes, and speech every voice accepts', (name, failure) => {
    for (const locale of LOCALES) {
      const response = failureResponse(name, failure, locale);

      expect(response.outcome).toBe(FAILURE_REPLIES[name][failure].outcome);
      if (response.ssml !== undefined) {
        expect(response).toMatchObject({ language: locale, voice: voiceFor(locale).voiceId });
        expect(() => checkSsml(response.ssml ?? '', voiceFor(locale).engine)).not.toThrow();
      }
    }
  });
});
