/**
 * Phone numbers as the IVR compares and logs them: E.164 for comparison (the `ivr_orders` contract stores
 * E.164), the last four digits for logs.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { MarketCode } from '../markets.ts';
import type { Caller } from './call-steps.ts';

/**
 * What carriers and Connect put in place of a number that is not presented. Connect passes the caller ID it
 * is given, so the spellings vary by carrier.
 */
const WITHHELD = new Set(['', 'anonymous', 'private', 'withheld', 'unknown', 'restricted', 'unavailable']);

/**
 * The caller's number in E.164. Local formats are read in the market's region ("03001234567" dialled into
 * Pakistan is +923001234567). A number that is possible (the right length for its country) is accepted even
 * when libphonenumber's metadata does not know its range (Ofcom's drama numbers, new mobile ranges): the
 * lookup that follows decides whether anyone has ordered with it.
 */
export function normalizeCallerNumber(raw: string | null | undefined, market: MarketCode): Caller {
  const text = (raw ?? '').trim();
  if (WITHHELD.has(text.toLowerCase()) || /^\+?0+$/.test(text)) return { kind: 'withheld' };
  if (!/^\+?[\d\s().-]+$/.test(text)) return { kind: 'invalid', reason: 'not a phone number' };
  const parsed = parsePhoneNumberFromString(text, market);
  if (!parsed?.isPossible()) return { kind: 'invalid', reason: 'not a possible number' };
  return { kind: 'number', e164: parsed.number };
}

/** A number as it may appear in a log: its last four digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length <= 4 ? '****' : `***${digits.slice(-4)}`;
}
