/**
 * Phone numbers as the IVR compares and logs them: E.164 for comparison (the `ivr_orders` contract stores
 * E.164), the last four digits for logs and for the verification challenge.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { MarketCode } from '#lib/markets.ts';

/** The caller's number as the call presents it. */
export type CallerNumber =
  | { kind: 'number'; e164: string }
  /** No number to go by: the caller withheld it, or the network did not pass it on. */
  | { kind: 'withheld' }
  /** Something that is no phone number: an address of another kind, garbage, a number of impossible length. */
  | { kind: 'invalid'; reason: 'not a phone number' | 'not a possible number' };

/**
 * What stands in place of a number that is not presented. Connect passes on what the network gives it (its
 * documentation speaks of calls arriving "with Anonymous (withheld CLI)"); networks and SIP trunks also use
 * the other words, and placeholders of zeros (`+0000000000`).
 */
const WITHHELD_WORDS = new Set(['anonymous', 'private', 'withheld', 'unknown', 'restricted', 'unavailable']);
const ZEROS = /^\+?0+$/;
/** Digits with the punctuation people and networks write numbers with: `+44 (0)7700 900-123`. */
const PHONE_CHARACTERS = /^\+?[\d\s().-]+$/;

/**
 * The caller's number in E.164. A number in national format is read in the market's region
 * ("03001234567" calling the Pakistan line is +923001234567); one with a country code keeps its own country.
 *
 * A number is accepted when it is *possible* (the right length for its country), not only when libphonenumber
 * knows it to be *valid*: its metadata lags new mobile ranges and calls Ofcom's drama numbers (07700 900xxx)
 * invalid, and a real caller wrongly called invalid would not be recognised. Accepting a possible number costs
 * nothing: the lookup that follows decides whether anyone has ordered with it.
 */
export function normalizeCallerNumber(raw: string | null | undefined, market: MarketCode): CallerNumber {
  const text = (raw ?? '').trim();
  if (text === '' || WITHHELD_WORDS.has(text.toLowerCase()) || ZEROS.test(text)) return { kind: 'withheld' };
  if (!PHONE_CHARACTERS.test(text)) return { kind: 'invalid', reason: 'not a phone number' };
  const parsed = parsePhoneNumberFromString(text, market);
  if (!parsed?.isPossible()) return { kind: 'invalid', reason: 'not a possible number' };
  return { kind: 'number', e164: parsed.number };
}

/** The last four digits of a number, as the verification challenge asks for them; null when it has fewer. */
export function lastFourDigits(phone: string): string | null {
  const digits = phone.replace(/\D/g, '');
  return digits.length >= 4 ? digits.slice(-4) : null;
}

/**
 * A number as it may appear in a log: `***4567`. A number of four digits or fewer would be shown whole, so
 * it is hidden entirely (`****`), as is anything without digits.
 */
export function maskPhone(phone: string | null | undefined): string {
  const digits = (phone ?? '').replace(/\D/g, '');
  return digits.length > 4 ? `***${digits.slice(-4)}` : '****';
}

/** The caller for a log line: a masked number, or `withheld` or `invalid`. */
export function logSafeCaller(caller: CallerNumber): string {
  return caller.kind === 'number' ? maskPhone(caller.e164) : caller.kind;
}
