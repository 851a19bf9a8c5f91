import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isFourDigits,
  isLockedOut,
  judgeAttempt,
  judgeLookup,
  VERIFICATION_RULES,
} from '#lib/orders/verification.ts';

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
