import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CallerNumber } from '#lib/orders/phone.ts';
import {
  callersOwnOrders,
  isFourDigits,
  isLockedOut,
  judgeAttempt,
  judgeLookup,
  orderInHand,
  VERIFICATION_RULES,
  verifiedFor,
} from '#lib/orders/verification.ts';
import { anOrder } from '#test/factories/order.ts';

const count = fc.nat({ max: 10 });
const failures = fc.record({ byOrder: count, byNumber: count, byCall: count });
const lookups = fc.record({ byNumber: count, byCall: count });
const NONE = { byOrder: 0, byNumber: 0, byCall: 0 };

describe('judgeAttempt', () => {
  it('never passes, nor records, an answer once the order, the number or the call is locked out', () => {
    fc.assert(
      fc.property(failures.filter(isLockedOut), fc.boolean(), (locked, matches) => {
        expect(judgeAttempt({ earlier: undefined, failures: locked, matches })).toEqual({
          verdict: { verdict: 'locked' },
          record: false,
        });
      }),
    );
  });

  it('locks on the third failure, counting the worst of order, number and call', () => {
    expect(
      judgeAttempt({ earlier: undefined, failures: { byOrder: 0, byNumber: 0, byCall: 2 }, matches: false }),
    ).toEqual({ verdict: { verdict: 'locked' }, record: true });
    expect(
      judgeAttempt({ earlier: undefined, failures: { byOrder: 1, byNumber: 0, byCall: 0 }, matches: false }),
    ).toEqual({ verdict: { verdict: 'failed', attemptsLeft: 1 }, record: true });
  });

  it('answers a retried invocation as its first judgement, without recording it again', () => {
    const oneFailure = { byOrder: 1, byNumber: 1, byCall: 1 };
    expect(judgeAttempt({ earlier: { succeeded: false }, failures: oneFailure, matches: false })).toEqual({
      verdict: { verdict: 'failed', attemptsLeft: 2 },
      record: false,
    });
    expect(judgeAttempt({ earlier: { succeeded: true }, failures: NONE, matches: true })).toEqual({
      verdict: { verdict: 'passed' },
      record: false,
    });
  });

  it('always leaves one to three attempts when it offers another', () => {
    fc.assert(
      fc.property(failures, fc.boolean(), (before, matches) => {
        const { verdict } = judgeAttempt({ earlier: undefined, failures: before, matches });
        if (verdict.verdict === 'failed') {
          expect(verdict.attemptsLeft).toBeGreaterThanOrEqual(1);
          expect(verdict.attemptsLeft).toBeLessThan(VERIFICATION_RULES.maxFailures);
        }
      }),
    );
  });
});

describe('judgeLookup', () => {
  it(`allows ${VERIFICATION_RULES.maxLookups} lookups per call and per number, then locks`, () => {
    const at = (byNumber: number, byCall: number) =>
      judgeLookup({ seen: false, lookups: { byNumber, byCall }, failures: NONE });

    expect(at(VERIFICATION_RULES.maxLookups - 1, 0)).toEqual({ verdict: 'allowed', record: true });
    expect(at(VERIFICATION_RULES.maxLookups, 0)).toEqual({ verdict: 'locked', record: false });
    expect(at(0, VERIFICATION_RULES.maxLookups)).toEqual({ verdict: 'locked', record: false });
  });

  it('lets an order named before in the call be named again, uncounted, unless failures locked it', () => {
    fc.assert(
      fc.property(lookups, failures, (looked, failed) => {
        const judged = judgeLookup({ seen: true, lookups: looked, failures: failed });
        expect(judged).toEqual({ verdict: isLockedOut(failed) ? 'locked' : 'allowed', record: false });
      }),
    );
  });
});

describe('isFourDigits', () => {
  it.each(['0000', '4567', '9999'])('takes %o', (digits) => {
    expect(isFourDigits(digits)).toBe(true);
  });

  it('takes nothing else: no other length, key or character', () => {
    fc.assert(
      fc.property(
        fc
          .oneof(fc.stringMatching(/^[0-9#* ]{0,6}$/), fc.string({ unit: 'grapheme', maxLength: 6 }))
          .filter((text) => !/^[0-9]{4}$/.test(text)),
        (text) => {
          expect(isFourDigits(text)).toBe(false);
        },
      ),
    );
  });
});

describe('verifiedFor', () => {
  const order = anOrder({ orderNumber: '10000007', customerPhone: '+923211234567' });
  const owner: CallerNumber = { kind: 'number', e164: '+923211234567' };
  const stranger: CallerNumber = { kind: 'number', e164: '+923001234567' };

  it('passes the order to the person calling from its phone', () => {
    expect(verifiedFor(order, owner, undefined)).toBe(order);
  });

  it('passes the order to a caller who passed its challenge earlier in the call', () => {
    expect(verifiedFor(order, stranger, '10000007')).toBe(order);
    expect(verifiedFor(order, { kind: 'withheld' }, '10000007')).toBe(order);
  });

  it.each([
    ['a stranger', stranger, undefined],
    ['a stranger verified for another order', stranger, '10000001'],
    ['a withheld number', { kind: 'withheld' }, undefined],
    ['a number that is no phone number', { kind: 'invalid', reason: 'not a phone number' }, undefined],
  ] as const)('passes nothing to %s', (_who, caller, verifiedOrderNumber) => {
    expect(verifiedFor(order, caller, verifiedOrderNumber)).toBeUndefined();
  });
});

describe('callersOwnOrders', () => {
  it("keeps the orders placed with the caller's number, in their order, and no other", () => {
    const first = anOrder({ orderNumber: '1' });
    const someoneElses = anOrder({ orderNumber: '2', customerPhone: '+923211234567' });
    const third = anOrder({ orderNumber: '3' });
    const caller: CallerNumber = { kind: 'number', e164: '+923001234567' };

    expect(callersOwnOrders([first, someoneElses, third], caller)).toEqual([first, third]);
    expect(callersOwnOrders([first, third], { kind: 'withheld' })).toEqual([]);
  });
});

describe('orderInHand', () => {
  it.each([
    ['the verified order, when no other is named', undefined, '10004821', '10004821', true],
    ['the verified order, named again', '10004821', '10004821', '10004821', true],
    ['another order named after the verified one', '10000007', '10004821', '10000007', false],
    ['an order named by a caller verified for none', '10000007', undefined, '10000007', false],
    ['an order named, with an empty verified order', '10000007', '', '10000007', false],
    ['no order at all', '', '', undefined, false],
  ] as const)('is %s', (_case, orderNumber, verifiedOrderNumber, inHand, verified) => {
    expect(orderInHand(orderNumber, verifiedOrderNumber)).toEqual({ orderNumber: inHand, verified });
  });
});
