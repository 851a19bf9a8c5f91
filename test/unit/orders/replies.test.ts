import { describe, expect, it } from 'vitest';
import { LOCALES } from '#lib/markets.ts';
import type { StepResult } from '#lib/orders/call-steps.ts';
import { replyFor } from '#lib/orders/replies.ts';
import { checkSsml, voiceFor } from '#lib/speech/index.ts';
import { aVerifiedOrder } from '#test/factories/order.ts';

const now = new Date('2026-11-23T06:00:00Z');

const RESULTS: StepResult[] = [
  {
    outcome: 'found',
    order: aVerifiedOrder(),
    otherCurrentOrders: 2,
    named: true,
    greetByName: true,
    savedLanguage: null,
  },
  { outcome: 'not-identified', fromANumber: true },
  { outcome: 'not-identified', fromANumber: false },
  { outcome: 'not-found', orderNumber: '55555555' },
  { outcome: 'verify', orderNumber: '10000007' },
  { outcome: 'verify-failed', orderNumber: '10000007', attemptsLeft: 1 },
  { outcome: 'locked' },
  { outcome: 'no-more-orders' },
  { outcome: 'invalid-input', reason: 'not digits' },
];

describe('replyFor', () => {
  it.each(LOCALES.flatMap((locale) => RESULTS.map((result) => [result.outcome, locale, result] as const)))(
    'answers %s in %s with speech the voice accepts',
    (outcome, locale, result) => {
      const reply = replyFor(result, locale, now);

      expect(reply.outcome).toBe(outcome);
      expect(reply.language).toBe(locale);
      expect(() => checkSsml(reply.ssml, voiceFor(locale).engine)).not.toThrow();
    },
  );

  it('gives the flow the order, its status and that the caller is verified, when found', () => {
    expect(replyFor(RESULTS[0] as StepResult, 'en-IN', now)).toMatchObject({
      orderNumber: '10000001',
      orderStatus: 'OUT_FOR_DELIVERY',
      market: 'PK',
      verified: true,
      verifiedOrderNumber: '10000001',
      otherOrders: 2,
    });
  });

  it.each(RESULTS.filter((result) => result.outcome !== 'found'))(
    'tells the flow nothing of an order when the outcome is $outcome',
    (result) => {
      const reply = replyFor(result, 'en-GB', now);

      expect(reply).toMatchObject({ verified: false });
      expect(reply.orderStatus).toBeUndefined();
      expect(reply.verifiedOrderNumber).toBeUndefined();
    },
  );

  it('refers to an order awaiting verification only by its last four digits', () => {
    const reply = replyFor({ outcome: 'verify', orderNumber: '10000007' }, 'en-GB', now);

    expect(reply.ssml).toContain('<say-as interpret-as="digits">0007</say-as>');
    expect(reply.ssml).not.toContain('10000007');
  });
});
