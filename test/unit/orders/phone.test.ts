import { describe, expect, it } from 'vitest';
import { maskPhone, normalizeCallerNumber } from '#lib/orders/phone.ts';

describe('normalizeCallerNumber', () => {
  it.each([
    ['03001234567', 'PK', '+923001234567'],
    ['0501234567', 'AE', '+971501234567'],
    ['07700 900123', 'GB', '+447700900123'],
    ['+923001234567', 'GB', '+923001234567'],
    ['+44 (0)7400 123456', 'PK', '+447400123456'],
  ] as const)('reads %s called into %s as %s', (raw, market, e164) => {
    expect(normalizeCallerNumber(raw, market)).toEqual({ kind: 'number', e164 });
  });

  it.each([
    undefined,
    null,
    '',
    '  ',
    'anonymous',
    'Anonymous',
    'PRIVATE',
    'withheld',
    'unknown',
    '+0000000000',
  ])('treats %o as a withheld number', (raw) => {
    expect(normalizeCallerNumber(raw, 'PK')).toEqual({ kind: 'withheld' });
  });

  it.each(['sip:alice@example.com', 'abc', "1' OR '1'='1", '<speak/>', '+92'])(
    'rejects %o as no number',
    (raw) => {
      expect(normalizeCallerNumber(raw, 'PK')).toMatchObject({ kind: 'invalid' });
    },
  );
});

describe('maskPhone', () => {
  it('keeps only the last four digits for logs', () => {
    expect(maskPhone('+923001234567')).toBe('***4567');
  });

  it('hides a number too short to mask in full', () => {
    expect(maskPhone('123')).toBe('****');
  });
});
