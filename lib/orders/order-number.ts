/**
 * Order numbers as callers give them: digits keyed on the keypad, or a Lex slot value. Order numbers are
 * digits (DESIGN.md: "digits for keypad entry"), so anything else is not one and is never looked up.
 */

/** The contract's `order_number` is VARCHAR(32). */
export const MAX_ORDER_NUMBER_LENGTH = 32;

type ParsedOrderNumber =
  | { ok: true; orderNumber: string }
  | { ok: false; reason: 'empty' | 'not digits' | 'too long' };

/** Digit groups with spaces, dashes or dots between them, as people say and write numbers: "1000 0001". */
const DIGIT_GROUPS = /^\d+(?:[\s.-]+\d+)*$/;

/**
 * The order number in what the caller keyed or said: its ASCII digits.
 *
 * - Spaces, dashes and dots between digits are dropped ("1000 0001", "10-00-00-01").
 * - One trailing `#` is dropped: it is the keypad's usual terminator, so digits that end with it (as
 *   `ivr call --input dtmf:10000001#` keys them) mean the digits before it. A `#` anywhere else, and any `*`
 *   (the cancel key, which reaches us only when a flow disables cancelling, reference §7), make it no order
 *   number: the caller meant something else, and guessing what would look up an order they did not name.
 * - Letters, other symbols (SQL or SSML fragments among them) and other scripts' digits make it no order number.
 * - More than {@link MAX_ORDER_NUMBER_LENGTH} digits is no order number; separators do not count.
 *
 * Never throws.
 */
export function normalizeOrderNumber(input: string | undefined): ParsedOrderNumber {
  const text = (input ?? '').trim().replace(/#$/, '').trimEnd();
  if (text === '') return { ok: false, reason: 'empty' };
  if (!DIGIT_GROUPS.test(text)) return { ok: false, reason: 'not digits' };
  const orderNumber = text.replace(/[\s.-]/g, '');
  if (orderNumber.length > MAX_ORDER_NUMBER_LENGTH) return { ok: false, reason: 'too long' };
  return { ok: true, orderNumber };
}
