import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeOrderNumber } from '#lib/orders/order-number.ts';

describe('normalizeOrderNumber', () => {
  it.each([
    ['10000001', '10000001'],
    ['1000 0001', '10000001'],
    ['10-00-00-01', '10000001'],
    ['1.000.0001', '10000001'],
    ['10000001#', '10000001'],
    [' 10000001 ', '10000001'],
  ])('reads %o as order %s', (input, orderNumber) => {
    expect(normalizeOrderNumber(input)).toEqual({ ok: true, orderNumber });
  });

  it.each([
    ['empty', ''],
    ['nothing', undefined],
    ['a star', '1000*0001'],
    ['a hash inside', '1000#0001'],
    ['letters', 'ABC123'],
    ['200 digits', '1'.repeat(200)],
    ['33 digits', '1'.repeat(33)],
    ['SQL', "1' OR '1'='1"],
    ['SSML', '<break time="10s"/>1'],
    ['only separators', ' - . '],
  ])('rejects %s', (_, input) => {
    expect(normalizeOrderNumber(input)).toMatchObject({ ok: false });
  });

  it('never throws, and what it accepts is 1 to 32 digits', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (input) => {
        const parsed = normalizeOrderNumber(input);
        return !parsed.ok || /^\d{1,32}$/.test(parsed.orderNumber);
      }),
    );
  });

  it('reads digits said in groups as the digits themselves', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^\d{1,4}$/), { minLength: 1, maxLength: 8 }),
        fc.constantFrom(' ', '-', '.'),
        (groups, separator) => {
          expect(normalizeOrderNumber(groups.join(separator))).toEqual({
            ok: true,
            orderNumber: groups.join(''),
          });
        },
      ),
    );
  });
});
