/** Wording that depends on a number: "1 rupee", "2 rupees"; Arabic has six forms, Hindi and English two. */
import { LOCALES, type Locale } from '#lib/markets.ts';

/** One wording per plural category of the locale ("one", "two", "few", "many", "other", …); "other" always. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

const PLURAL_RULES = Object.fromEntries(
  LOCALES.map((locale) => [locale, new Intl.PluralRules(locale)]),
) as Record<Locale, Intl.PluralRules>;

/** The form of `forms` that `count` takes in `locale`. */
export function pluralForm(forms: PluralForms, count: number, locale: Locale): string {
  return forms[PLURAL_RULES[locale].select(count)] ?? forms.other;
}
