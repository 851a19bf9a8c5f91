import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_ORDER_NUMBER_LENGTH, normalizeOrderNumber } from '#lib/orders/order-number.ts';

describe('normalizeOrderNumber', () => {
  it.each([
    ['10000001', '10000001'],
    ['1000 0001', '10000001'],
    ['10-00-00-01', '10000001'],
    ['1.000.0001', '10000001'],
    ['1000 - 0001', '10000001'],
    [' 10000001 ', '10000001'],
    ['0012', '0012'],
  ])('reads %o as order %s', (input, orderNumber) => {
    expect(normalizeOrderNumber(input)).toEqual({ ok: true, orderNumber });
  });

  it.each([
    ['10000001#', '10000001'],
    ['1000 0001 #', '10000001'],
  ])("drops the keypad's terminator from %o", (input, orderNumber) => {
    expect(normalizeOrderNumber(input)).toEqual({ ok: true, orderNumber });
  });

  it('reads the longest order number the contract holds, said in groups', () => {
    const groups = ['1234', '5678', '9012', '3456', '7890', '1234', '5678', '9012'];

    expect(normalizeOrderNumber(groups.join(' '))).toEqual({ ok: true, orderNumber: groups.join('') });
  });

  it.each([
    ['nothing', undefined, 'empty'],
    ['an empty string', '', 'empty'],
    ['only spaces', '   ', 'empty'],
    ['only the terminator', '#', 'empty'],
    ['only separators', ' - . ', 'not digits'],
    ['a star (the cancel key)', '1000*0001', 'not digits'],
    ['a trailing star', '10000001*', 'not digits'],
    ['a hash inside', '1000#0001', 'not digits'],
    ['two terminators', '10000001##', 'not digits'],
    ['a leading hash', '#10000001', 'not digits'],
    ['letters', 'ABC123', 'not digits'],
    ['a word for a number', 'one two three', 'not digits'],
    ['a separator at the start', '-10000001', 'not digits'],
    ['a decimal number', '1e10', 'not digits'],
    ['digits of another script', '١٠٠٠٠٠٠١', 'not digits'],
    ['SQL', "1' OR '1'='1", 'not digits'],
    ['SQL after digits', '10000001; DROP TABLE orders', 'not digits'],
    ['SSML', '<break time="10s"/>1', 'not digits'],
    ['SSML around digits', '<say-as interpret-as="digits">10000001</say-as>', 'not digits'],
    ['33 digits', '1'.repeat(MAX_ORDER_NUMBER_LENGTH + 1), 'too long'],
    ['200 digits', '1'.repeat(200), 'too long'],
    ['200 digits in groups', '1234 '.repeat(50).trim(), 'too long'],
  ])('rejects %s', (_, input, reason) => {
    expect(normalizeOrderNumber(input)).toEqual({ ok: false, reason });
  });

  it('never throws, and what it accepts is 1 to 32 ASCII digits', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 80 }), fc.stringMatching(/^[\d #*.-]{0,40}$/)), (input) => {
        const parsed = normalizeOrderNumber(input);
        if (parsed.ok) expect(parsed.orderNumber).toMatch(/^[0-9]{1,32}$/);
      }),
    );
  });

  it('reads digits said in groups as the digits themselves', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^\d{1,4}$/), { minLength: 1, maxLength: 8 }),
        fc.constantFrom(' ', '-', '.', ' - '),
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
