/**
 * Money as people say it in each language: "12,499 rupees", "24 pounds 99", "29 dinars and 750 fils",
 * "12,499 रुपये", "349 درهمًا". Amounts arrive as exact decimal strings and are split into whole integers of
 * major and minor units, so no floating-point rounding can lose a fils.
 */
import type { Locale } from '#lib/markets.ts';
import { type PluralForms, pluralForm } from '#lib/speech/plural.ts';

/** An amount that is not a non-negative decimal, or has more decimals than its currency. */
export class InvalidAmountError extends Error {
  override name = 'InvalidAmountError';
}

/** `amount` ("12499.00") of `currency` (ISO 4217) in the words of `locale`. */
export function spokenAmount(amount: string, currency: string, locale: Locale): string {
  const words = MONEY_WORDS[locale];
  const currencyWords = isKnownCurrency(currency) ? words.currencies[currency] : undefined;
  const minorDigits = isKnownCurrency(currency) ? MINOR_DIGITS[currency] : 2;
  const { major, minor } = splitAmount(amount, minorDigits);
  const number = NUMBER_FORMATS[locale].format;
  // A currency we have no words for is still better said by its code than not at all.
  if (!currencyWords)
    return `${number(major)}${minor ? `.${String(minor).padStart(minorDigits, '0')}` : ''} ${currency}`;

  const say = (forms: PluralForms, count: number) =>
    pluralForm(forms, count, locale).replace('{n}', number(count));
  if (minor === 0) return say(currencyWords.major, major);
  if (major === 0) return say(currencyWords.minor, minor);
  return (currencyWords.majorAndMinor ?? words.majorAndMinor)
    .replace('{major}', say(currencyWords.major, major))
    .replace('{minor}', say(currencyWords.minor, minor))
    .replace('{n}', number(minor));
}

/** Digits after the decimal point (ISO 4217); the database keeps two, which we pad for dinars. */
const MINOR_DIGITS = { PKR: 2, BDT: 2, LKR: 2, NPR: 2, MMK: 2, AED: 2, SAR: 2, KWD: 3, GBP: 2 } as const;
type Currency = keyof typeof MINOR_DIGITS;

function isKnownCurrency(currency: string): currency is Currency {
  return Object.hasOwn(MINOR_DIGITS, currency);
}

function splitAmount(amount: string, minorDigits: number): { major: number; minor: number } {
  const match = /^(\d{1,15})(?:\.(\d+))?$/.exec(amount.trim());
  const [, whole = '', fraction = ''] = match ?? [];
  if (!match || /[1-9]/.test(fraction.slice(minorDigits))) {
    throw new InvalidAmountError(`"${amount}" is not an amount with at most ${minorDigits} decimals`);
  }
  return { major: Number(whole), minor: Number(fraction.slice(0, minorDigits).padEnd(minorDigits, '0')) };
}

interface CurrencyWords {
  /** "{n}" is the number. */
  major: PluralForms;
  minor: PluralForms;
  /** When this currency joins the two parts its own way; "{n}" is the bare number of minor units. */
  majorAndMinor?: string;
}

interface MoneyWords {
  currencies: Readonly<Record<Currency, CurrencyWords>>;
  /** How a whole and a fractional part are joined: "{major} and {minor}". */
  majorAndMinor: string;
}

// Grouping helps Polly read a long number as one amount; Arabic numbers are read whole without it, and a
// comma between Arabic words could be heard as a pause.
const NUMBER_FORMATS: Readonly<Record<Locale, Intl.NumberFormat>> = {
  'en-GB': new Intl.NumberFormat('en-GB', { numberingSystem: 'latn' }),
  'en-IN': new Intl.NumberFormat('en-IN', { numberingSystem: 'latn' }),
  'hi-IN': new Intl.NumberFormat('hi-IN', { numberingSystem: 'latn' }),
  'ar-AE': new Intl.NumberFormat('ar-AE', { numberingSystem: 'latn', useGrouping: false }),
};

const ENGLISH_RUPEES = { one: '{n} rupee', other: '{n} rupees' };
const ENGLISH: MoneyWords = {
  currencies: {
    PKR: { major: ENGLISH_RUPEES, minor: { other: '{n} paisa' } },
    NPR: { major: ENGLISH_RUPEES, minor: { other: '{n} paisa' } },
    LKR: { major: ENGLISH_RUPEES, minor: { one: '{n} cent', other: '{n} cents' } },
    BDT: { major: { other: '{n} taka' }, minor: { other: '{n} poisha' } },
    MMK: { major: { other: '{n} kyat' }, minor: { other: '{n} pya' } },
    AED: { major: { one: '{n} dirham', other: '{n} dirhams' }, minor: { other: '{n} fils' } },
    SAR: {
      major: { one: '{n} riyal', other: '{n} riyals' },
      minor: { one: '{n} halala', other: '{n} halalas' },
    },
    KWD: { major: { one: '{n} dinar', other: '{n} dinars' }, minor: { other: '{n} fils' } },
    // "24 pounds 99", as the British say a price.
    GBP: {
      major: { one: '{n} pound', other: '{n} pounds' },
      minor: { one: '{n} penny', other: '{n} pence' },
      majorAndMinor: '{major} {n}',
    },
  },
  majorAndMinor: '{major} and {minor}',
};

const HINDI_RUPEES = { one: '{n} रुपया', other: '{n} रुपये' };
const HINDI_PAISE = { one: '{n} पैसा', other: '{n} पैसे' };
const HINDI: MoneyWords = {
  currencies: {
    PKR: { major: HINDI_RUPEES, minor: HINDI_PAISE },
    NPR: { major: HINDI_RUPEES, minor: HINDI_PAISE },
    LKR: { major: HINDI_RUPEES, minor: { other: '{n} सेंट' } },
    BDT: { major: { other: '{n} टका' }, minor: HINDI_PAISE },
    MMK: { major: { other: '{n} क्यात' }, minor: { other: '{n} प्या' } },
    AED: { major: { other: '{n} दिरहम' }, minor: { other: '{n} फ़िल्स' } },
    SAR: { major: { other: '{n} रियाल' }, minor: { other: '{n} हलाला' } },
    KWD: { major: { other: '{n} दीनार' }, minor: { other: '{n} फ़िल्स' } },
    GBP: { major: { other: '{n} पाउंड' }, minor: { one: '{n} पेनी', other: '{n} पेंस' } },
  },
  majorAndMinor: '{major} {minor}',
};

/**
 * Arabic counted nouns: one and two are said by the noun alone (درهم واحد، درهمان), 3 to 10 take the plural
 * (دراهم), 11 to 99 the accusative singular (درهمًا), round hundreds and thousands the singular (درهم).
 */
function arabicNoun(forms: {
  one: string;
  two: string;
  few: string;
  many: string;
  other: string;
}): PluralForms {
  return {
    zero: `{n} ${forms.other}`,
    one: forms.one,
    two: forms.two,
    few: `{n} ${forms.few}`,
    many: `{n} ${forms.many}`,
    other: `{n} ${forms.other}`,
  };
}

const ARABIC_RUPEES = arabicNoun({
  one: 'روبية واحدة',
  two: 'روبيتان',
  few: 'روبيات',
  many: 'روبيةً',
  other: 'روبية',
});
const ARABIC_PAISA = arabicNoun({
  one: 'بيسة واحدة',
  two: 'بيستان',
  few: 'بيسات',
  many: 'بيسةً',
  other: 'بيسة',
});
const ARABIC_FILS = arabicNoun({ one: 'فلس واحد', two: 'فلسان', few: 'فلوس', many: 'فلسًا', other: 'فلس' });
const ARABIC: MoneyWords = {
  currencies: {
    PKR: { major: ARABIC_RUPEES, minor: ARABIC_PAISA },
    NPR: { major: ARABIC_RUPEES, minor: ARABIC_PAISA },
    LKR: {
      major: ARABIC_RUPEES,
      minor: arabicNoun({ one: 'سنت واحد', two: 'سنتان', few: 'سنتات', many: 'سنتًا', other: 'سنت' }),
    },
    // Taka, poisha, kyat and pya are loanwords that do not inflect.
    BDT: { major: { other: '{n} تاكا' }, minor: { other: '{n} بويشا' } },
    MMK: { major: { other: '{n} كيات' }, minor: { other: '{n} بيا' } },
    AED: {
      major: arabicNoun({ one: 'درهم واحد', two: 'درهمان', few: 'دراهم', many: 'درهمًا', other: 'درهم' }),
      minor: ARABIC_FILS,
    },
    SAR: {
      major: arabicNoun({ one: 'ريال واحد', two: 'ريالان', few: 'ريالات', many: 'ريالًا', other: 'ريال' }),
      minor: arabicNoun({ one: 'هللة واحدة', two: 'هللتان', few: 'هللات', many: 'هللةً', other: 'هللة' }),
    },
    KWD: {
      major: arabicNoun({ one: 'دينار واحد', two: 'ديناران', few: 'دنانير', many: 'دينارًا', other: 'دينار' }),
      minor: ARABIC_FILS,
    },
    GBP: {
      major: arabicNoun({
        one: 'جنيه إسترليني واحد',
        two: 'جنيهان إسترلينيان',
        few: 'جنيهات إسترلينية',
        many: 'جنيهًا إسترلينيًا',
        other: 'جنيه إسترليني',
      }),
      minor: arabicNoun({ one: 'بنس واحد', two: 'بنسان', few: 'بنسات', many: 'بنسًا', other: 'بنس' }),
    },
  },
  majorAndMinor: '{major} و{minor}',
};

const MONEY_WORDS: Readonly<Record<Locale, MoneyWords>> = {
  'en-GB': ENGLISH,
  'en-IN': ENGLISH,
  'hi-IN': HINDI,
  'ar-AE': ARABIC,
};
