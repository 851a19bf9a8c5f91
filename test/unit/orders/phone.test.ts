import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MARKET_CODES } from '#lib/markets.ts';
import { lastFourDigits, logSafeCaller, maskPhone, normalizeCallerNumber } from '#lib/orders/phone.ts';

describe('normalizeCallerNumber', () => {
  it.each([
    ['03001234567', 'PK', '+923001234567'],
    ['0300-1234567', 'PK', '+923001234567'],
    ['00923001234567', 'PK', '+923001234567'],
    ['923001234567', 'PK', '+923001234567'],
    ['0501234567', 'AE', '+971501234567'],
    ['01712345678', 'BD', '+8801712345678'],
    ['07700 900123', 'GB', '+447700900123'],
    [' +447700900123 ', 'GB', '+447700900123'],
  ] as const)('reads %o calling into %s as %s', (raw, market, e164) => {
    expect(normalizeCallerNumber(raw, market)).toEqual({ kind: 'number', e164 });
  });

  it.each([
    ['+923001234567', 'GB', '+923001234567'],
    ['+44 (0)7400 123456', 'PK', '+447400123456'],
    ['+1 202 555 0100', 'AE', '+12025550100'],
  ] as const)('keeps the country of %o, whichever line it calls (%s)', (raw, market, e164) => {
    expect(normalizeCallerNumber(raw, market)).toEqual({ kind: 'number', e164 });
  });

  it.each([
    undefined,
    null,
    '',
    '  ',
    'anonymous',
    'Anonymous',
    'ANONYMOUS',
    'private',
    'Private',
    'withheld',
    'unknown',
    'Restricted',
    'unavailable',
    '+0000000000',
    '0000',
  ])('takes %o as a withheld number', (raw) => {
    expect(normalizeCallerNumber(raw, 'PK')).toEqual({ kind: 'withheld' });
  });

  it.each([
    'sip:alice@example.com',
    'abc',
    '0300 CALL ME',
    "1' OR '1'='1",
    '<speak>03001234567</speak>',
    '+92',
    '12345',
    '+9230012345678901',
    '٠٣٠٠١٢٣٤٥٦٧',
  ])('calls %o no phone number', (raw) => {
    expect(normalizeCallerNumber(raw, 'PK')).toMatchObject({ kind: 'invalid' });
  });

  it('never throws, and a number it gives is E.164', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.stringMatching(/^\+?[\d ()-]{0,20}$/)),
        fc.constantFrom(...MARKET_CODES),
        (raw, market) => {
          const caller = normalizeCallerNumber(raw, market);
          if (caller.kind === 'number') expect(caller.e164).toMatch(/^\+[1-9]\d{1,14}$/);
        },
      ),
    );
  });
});

describe('lastFourDigits', () => {
  it('gives the last four digits of a number', () => {
    expect(lastFourDigits('+923001234567')).toBe('4567');
  });

  it('gives none for a number of fewer than four digits', () => {
    expect(lastFourDigits('+12')).toBeNull();
  });
});

describe('maskPhone', () => {
  it.each([
    ['+923001234567', '***4567'],
    ['0300 123-4567', '***4567'],
    ['12345', '***2345'],
  ])('shows only the last four digits of %o', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  it.each(['1234', '123', '', 'anonymous', null, undefined])(
    'hides %o entirely, as its last four digits would be all of it',
    (phone) => {
      expect(maskPhone(phone)).toBe('****');
    },
  );

  it('never shows more than four digits', () => {
    fc.assert(
      fc.property(fc.string(), (phone) => {
        expect(maskPhone(phone).replace(/\D/g, '').length).toBeLessThanOrEqual(4);
      }),
    );
  });
});

describe('logSafeCaller', () => {
  it('shows a number masked, and otherwise what kind of caller it is', () => {
    expect(logSafeCaller({ kind: 'number', e164: '+923001234567' })).toBe('***4567');
    expect(logSafeCaller({ kind: 'withheld' })).toBe('withheld');
    expect(logSafeCaller({ kind: 'invalid', reason: 'not a phone number' })).toBe('invalid');
  });
});
