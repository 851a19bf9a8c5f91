import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConnectResponseError, connectResponse } from '#lib/connect/response.ts';

describe('connectResponse', () => {
  it('turns values into strings and leaves out the missing ones', () => {
    expect(
      connectResponse({
        outcome: 'found',
        verified: true,
        otherOrders: 2,
        orderNumber: undefined,
        market: null,
      }),
    ).toEqual({
      outcome: 'found',
      verified: 'true',
      otherOrders: '2',
    });
  });

  it('refuses a key Connect would not accept', () => {
    expect(() => connectResponse({ outcome: 'found', 'order number': '1' })).toThrow(ConnectResponseError);
  });

  it('refuses a response over the size limit', () => {
    expect(() => connectResponse({ outcome: 'found', ssml: 'x'.repeat(20_000) })).toThrow(/under 16384/);
  });

  it('always gives a flat map of strings with valid keys', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/),
          fc.oneof(fc.string({ maxLength: 50 }), fc.integer(), fc.boolean(), fc.constant(undefined)),
        ),
        (fields) => {
          const response = connectResponse({ ...fields, outcome: 'found' });
          return Object.entries(response).every(
            ([key, value]) => /^[A-Za-z0-9_-]+$/.test(key) && typeof value === 'string',
          );
        },
      ),
    );
  });
});
