/**
 * Order numbers as callers give them: keyed digits, or a Lex slot value with the digits said one by one or in
 * groups. Spaces, dashes and dots between digits are harmless; a trailing `#` is the keypad's terminator.
 * Anything else (letters, `*`, a `#` inside, SQL, SSML) is not an order number and is never looked up.
 */

/** The contract's order_number is VARCHAR(32). */
export const MAX_ORDER_NUMBER_LENGTH = 32;

export type ParsedOrderNumber = { ok: true; orderNumber: string } | { ok: false; reason: string };

export function normalizeOrderNumber(input: string | undefined): ParsedOrderNumber {
  const text = (input ?? '').trim().replace(/#$/, '');
  if (text === '') return { ok: false, reason: 'empty' };
  if (text.length > MAX_ORDER_NUMBER_LENGTH * 2) return { ok: false, reason: 'too long' };
  if (!/^\d+([\s.-]+\d+)*$/.test(text)) return { ok: false, reason: 'not digits' };
  const orderNumber = text.replace(/[\s.-]/g, '');
  if (orderNumber.length > MAX_ORDER_NUMBER_LENGTH) return { ok: false, reason: 'too long' };
  return { ok: true, orderNumber };
}
