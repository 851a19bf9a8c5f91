import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConnectResponseError, connectResponse, MAX_RESPONSE_BYTES } from '#lib/connect/response.ts';

const CONNECT_KEY = /^[A-Za-z0-9_-]+$/;

describe('connectResponse', () => {
  it('turns numbers and booleans into strings and leaves out missing values', () => {
    const response = connectResponse({
      outcome: 'found',
      ssml: '<speak>Your order is on its way.</speak>',
      verified: true,
      otherOrders: 2,
      orderNumber: undefined,
      market: null,
    });

    expect(response).toEqual({
      outcome: 'found',
      ssml: '<speak>Your order is on its way.</speak>',
      verified: 'true',
      otherOrders: '2',
    });
  });

  it.each(['order number', 'order.number', '$orderNumber', 'ordernümmer', ''])(
    'refuses the key %o, which Connect would not accept',
    (key) => {
      expect(() => connectResponse({ outcome: 'found', [key]: '1' })).toThrow(ConnectResponseError);
    },
  );

  it.each([Number.NaN, Number.POSITIVE_INFINITY])('refuses %s as a value', (value) => {
    expect(() => connectResponse({ outcome: 'found', attemptsLeft: value })).toThrow(ConnectResponseError);
  });

  it('refuses a response over the size limit', () => {
    const speech = 'x'.repeat(MAX_RESPONSE_BYTES);

    expect(() => connectResponse({ outcome: 'found', ssml: speech })).toThrow(ConnectResponseError);
  });

  it('counts the size in bytes of UTF-8, not in characters', () => {
    // Arabic letters take two bytes each: under the limit in characters, over it in bytes.
    const arabic = 'ب'.repeat(MAX_RESPONSE_BYTES * 0.6);

    expect(() => connectResponse({ outcome: 'found', ssml: arabic })).toThrow(/bytes/);
  });

  it('accepts a response just under the size limit', () => {
    const overhead = JSON.stringify({ outcome: 'found', ssml: '' }).length;

    const response = connectResponse({ outcome: 'found', ssml: 'x'.repeat(MAX_RESPONSE_BYTES - overhead) });

    expect(response.ssml).toHaveLength(MAX_RESPONSE_BYTES - overhead);
  });

  it('keeps a key that is also the name of an object property', () => {
    expect(connectResponse({ outcome: 'found', ['__proto__']: 'x', constructor: 'y' })).toEqual(
      Object.fromEntries([
        ['outcome', 'found'],
        ['__proto__', 'x'],
        ['constructor', 'y'],
      ]),
    );
  });

  it("gives a response that keeps Connect's rules, or throws ConnectResponseError", () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/), fc.string({ maxLength: 20 })),
          fc.oneof(
            fc.string({ maxLength: 2000, unit: 'grapheme' }),
            fc.double(),
            fc.boolean(),
            fc.constant(null),
            fc.constant(undefined),
          ),
          { maxKeys: 20 },
        ),
        fc.string({ minLength: 1, maxLength: 20 }),
        (fields, outcome) => {
          let response: Record<string, string>;
          try {
            response = connectResponse({ ...fields, outcome });
          } catch (error) {
            expect(error).toBeInstanceOf(ConnectResponseError);
            return;
          }
          expect(response.outcome).toBe(outcome);
          for (const [key, value] of Object.entries(response)) {
            expect(key).toMatch(CONNECT_KEY);
            expect(typeof value).toBe('string');
          }
          expect(Buffer.byteLength(JSON.stringify(response))).toBeLessThanOrEqual(MAX_RESPONSE_BYTES);
        },
      ),
    );
  });
});
