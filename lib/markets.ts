/**
 * The markets the IVR serves, in one table: everything that differs by country lives here.
 *
 * Locales are the four the prompts and voices cover. South Asian markets speak Indian English by default
 * (Polly has no Urdu, Bengali, Sinhala, Nepali or Burmese voice) and offer Hindi; the Gulf speaks Gulf Arabic.
 */
export const LOCALES = ['en-GB', 'en-IN', 'ar-AE', 'hi-IN'] as const;
export type Locale = (typeof LOCALES)[number];

export const MARKET_CODES = ['PK', 'BD', 'LK', 'NP', 'MM', 'AE', 'SA', 'KW', 'GB'] as const;
export type MarketCode = (typeof MARKET_CODES)[number];

export interface Market {
  code: MarketCode;
  name: string;
  /** E.164 country calling code, without the plus. */
  callingCode: string;
  currency: string;
  /** IANA zone in which dates are spoken. */
  timeZone: string;
  /** The first is the market's default. */
  locales: readonly [Locale, ...Locale[]];
  /** Days after delivery within which an item may be returned. */
  returnWindowDays: number;
}

export const MARKETS: Readonly<Record<MarketCode, Market>> = {
  PK: market('PK', 'Pakistan', '92', 'PKR', 'Asia/Karachi', ['en-IN', 'hi-IN'], 7),
  BD: market('BD', 'Bangladesh', '880', 'BDT', 'Asia/Dhaka', ['en-IN'], 7),
  LK: market('LK', 'Sri Lanka', '94', 'LKR', 'Asia/Colombo', ['en-IN'], 7),
  NP: market('NP', 'Nepal', '977', 'NPR', 'Asia/Kathmandu', ['en-IN', 'hi-IN'], 7),
  MM: market('MM', 'Myanmar', '95', 'MMK', 'Asia/Yangon', ['en-IN'], 7),
  AE: market('AE', 'United Arab Emirates', '971', 'AED', 'Asia/Dubai', ['ar-AE', 'en-GB'], 14),
  SA: market('SA', 'Saudi Arabia', '966', 'SAR', 'Asia/Riyadh', ['ar-AE', 'en-GB'], 14),
  KW: market('KW', 'Kuwait', '965', 'KWD', 'Asia/Kuwait', ['ar-AE', 'en-GB'], 14),
  GB: market('GB', 'United Kingdom', '44', 'GBP', 'Europe/London', ['en-GB'], 30),
};

export function isMarketCode(value: string): value is MarketCode {
  return (MARKET_CODES as readonly string[]).includes(value);
}

function market(
  code: MarketCode,
  name: string,
  callingCode: string,
  currency: string,
  timeZone: string,
  locales: readonly [Locale, ...Locale[]],
  returnWindowDays: number,
): Market {
  return { code, name, callingCode, currency, timeZone, locales, returnWindowDays };
}

/** The first support line; a dialled number of no market we know is taken to be its. */
export const DEFAULT_MARKET: MarketCode = 'PK';

/**
 * The market of the support line dialled, by its E.164 country code (+92 PK, +971 AE, …). Calling codes do
 * not share prefixes among our markets, so the first match is the only one.
 */
export function marketOfDialledNumber(e164: string | null | undefined): MarketCode {
  const digits = (e164 ?? '').replace(/^\+/, '');
  return MARKET_CODES.find((code) => digits.startsWith(MARKETS[code].callingCode)) ?? DEFAULT_MARKET;
}

/** Whether `value` is one of the locales we speak (`en-IN`), as a contact's language code may be. */
export function isLocale(value: string | undefined): value is Locale {
  return (LOCALES as readonly (string | undefined)[]).includes(value);
}

/**
 * The language to speak on `market`'s line, decided here only. The language of the call so far (`chosen`: the
 * flow's `language` attribute, what the first reply spoke or the caller keyed 9 for) where the market speaks
 * it; else the language the customer saved with the shop (`saved`, given only when the caller is that
 * customer, calling from the order's phone) where the market speaks that language, in the market's own
 * variety (`en-US` is en-GB on the Dubai line, `hi` is hi-IN in Nepal); else the market's own. A saved
 * language the market does not speak (`ne-NP`, `ar-AE` in Pakistan), or text that is no language tag, leaves
 * the market's own.
 */
export function localeFor(
  market: MarketCode,
  chosen: string | undefined,
  saved: string | null = null,
): Locale {
  const { locales } = MARKETS[market];
  if (isLocale(chosen) && locales.includes(chosen)) return chosen;
  // The shop's tag, as shops write them (`hi-IN`, `en_US`, `AR`): its language is what counts.
  const savedLanguage = saved?.split(/[-_]/)[0]?.toLowerCase();
  return locales.find((locale) => locale.split('-')[0] === savedLanguage) ?? locales[0];
}
