/**
 * The local Lex's understanding of what a caller says: the intent, by NLP.js's neural intent classifier
 * trained on the locale's sample utterances in bots/ (and nothing else), and the built-in and custom slot
 * values in the words. Below the locale's NLU confidence threshold the intent is FallbackIntent, as in Lex.
 * NLP.js replaced a bag-of-words matcher that let long natural sentences fall below the threshold: on callers'
 * words written apart from bots/ it routes more of them right (`ivr bot evaluate` prints the figures). It is
 * a stand-in to run calls offline, not Lex's model: `ivr call --lex remote` asks the real bot.
 */
import { containerBootstrap } from '@nlpjs/core';
import { LangAr } from '@nlpjs/lang-ar';
import { LangEn } from '@nlpjs/lang-en-min';
import { LangHi } from '@nlpjs/lang-hi';
import { NluNeural } from '@nlpjs/nlu';
import { type BotDefinition, FALLBACK_INTENT, type LocaleDefinition } from '#lib/lex/bot.ts';

export interface Recognition {
  intent: string;
  confidence: number;
  /** Slot values found in the words, as Lex would interpret them. */
  slots: Record<string, string>;
}

const ENGLISH_DIGITS: Readonly<Record<string, string>> = {
  zero: '0',
  oh: '0',
  o: '0',
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
};
const ORDER_NUMBER = /^[0-9]{6,12}$/;
/** NLP.js's tokeniser, stop words and stemmer for the language of each of the bot's locales. */
const LANGUAGES: Readonly<Record<string, { code: string; plugin: unknown }>> = {
  en: { code: 'en', plugin: LangEn },
  ar: { code: 'ar', plugin: LangAr },
  // Hindi callers mix in English shopping words in Latin script, as the bot's samples do; the Hindi
  // tokeniser keeps them as words.
  hi: { code: 'hi', plugin: LangHi },
};
/** NLP.js's answer when no word of the utterance was in training. */
const NONE = 'None';

const trained = new Map<string, Promise<IntentMatcher>>();

/** The recogniser of a locale of the bot of bots/, trained once per process and then shared. */
export function trainedMatcher(bot: BotDefinition, localeId: string): Promise<IntentMatcher> {
  let matcher = trained.get(localeId);
  if (!matcher) {
    const locale = bot.locales.find((candidate) => candidate.localeId === localeId);
    if (!locale) throw new Error(`the bot has no locale ${localeId}`);
    matcher = IntentMatcher.train(bot, locale);
    trained.set(localeId, matcher);
  }
  return matcher;
}

/** A recogniser for one locale of the bot. */
export class IntentMatcher {
  /** The intent of a sample made of slot references alone ("{OrderNumber}"), by its slots' names: Lex picks it when the caller says just such values. */
  private readonly intentsOfSlotsAlone = new Map<string, string>();

  private constructor(
    private readonly bot: BotDefinition,
    private readonly locale: LocaleDefinition,
    private readonly classifier: NluNeural,
  ) {
    for (const [intent, { utterances }] of Object.entries(locale.intents)) {
      for (const utterance of utterances) {
        const references = utterance.match(/\{\w+\}/g) ?? [];
        if (utterance.replace(/\{\w+\}/g, '').trim() === '' && references.length > 0)
          this.intentsOfSlotsAlone.set(
            slotsKey(references.map((reference) => reference.slice(1, -1))),
            intent,
          );
      }
    }
  }

  /** Trains the locale's classifier on its sample utterances: a second or so for the whole bot. */
  static async train(bot: BotDefinition, locale: LocaleDefinition): Promise<IntentMatcher> {
    const language = LANGUAGES[locale.localeId.slice(0, 2)];
    if (!language) throw new Error(`the local Lex has no language for the locale ${locale.localeId}`);
    const container = containerBootstrap();
    container.use(language.plugin);
    const classifier = new NluNeural({ locale: language.code, log: false }, container);
    await classifier.train(trainingCorpus(bot, locale));
    return new IntentMatcher(bot, locale, classifier);
  }

  async recognise(text: string): Promise<Recognition> {
    const slots = this.slotsIn(text);
    // Numbers are slot values, which the samples hold as `{Slot}` references, not words.
    const words = asciiDigits(text).replace(/[0-9]+/g, ' ');
    const alone = /\p{L}/u.test(words)
      ? undefined
      : this.intentsOfSlotsAlone.get(slotsKey(Object.keys(slots)));
    if (alone) return this.recognition(alone, 1, slots);
    const { classifications } = await this.classifier.process(words);
    const best = classifications[0] ?? { intent: NONE, score: 0 };
    const confidence = Math.round(best.score * 100) / 100;
    if (best.intent === NONE || confidence < this.locale.nluConfidenceThreshold)
      return { intent: FALLBACK_INTENT, confidence, slots: {} };
    return this.recognition(best.intent, confidence, slots);
  }

  /** The intent with the slot values found that are its own. */
  private recognition(intent: string, confidence: number, slots: Record<string, string>): Recognition {
    const ofIntent =
      this.bot.intents.find((candidate) => candidate.name === intent)?.slots.map((slot) => slot.name) ?? [];
    return {
      intent,
      confidence,
      slots: Object.fromEntries(Object.entries(slots).filter(([name]) => ofIntent.includes(name))),
    };
  }

  /** The value of slot `slot` (of type `type`) in what the caller said or keyed when asked for it. */
  slotValue(type: string, text: string): string | undefined {
    if (type === 'OrderNumberType' || type === 'AMAZON.AlphaNumeric' || type === 'AMAZON.Number') {
      return orderNumberIn(text);
    }
    if (type === 'AMAZON.Date') return dateIn(text);
    return this.customValueIn(type, text);
  }

  /** Built-in and custom slot values found anywhere in the words. */
  private slotsIn(text: string): Record<string, string> {
    const found: Record<string, string> = {};
    const orderNumber = orderNumberIn(text);
    if (orderNumber) found.OrderNumber = orderNumber;
    const date = dateIn(text);
    if (date) found.NewDate = date;
    const change = this.customValueIn('DeliveryChangeType', text);
    if (change) found.ChangeWhat = change;
    return found;
  }

  private customValueIn(type: string, text: string): string | undefined {
    const words = ` ${normalise(text).join(' ')} `;
    for (const { value, synonyms } of this.locale.slotTypeValues[type] ?? []) {
      if ([value, ...synonyms].some((phrase) => words.includes(` ${normalise(phrase).join(' ')} `)))
        return value;
    }
    return undefined;
  }
}

/**
 * The locale's sample utterances as NLP.js trains on them: a reference to a slot of listed values (`{ChangeWhat}`)
 * stands for each of them, as Lex reads it; a reference to a built-in value (`{OrderNumber}`, `{NewDate}`) is
 * left out, as the caller's number or date is left out of what is classified.
 */
function trainingCorpus(
  bot: BotDefinition,
  locale: LocaleDefinition,
): { utterance: string; intent: string }[] {
  return Object.entries(locale.intents).flatMap(([intent, { utterances }]) => {
    const slots = bot.intents.find((candidate) => candidate.name === intent)?.slots ?? [];
    return utterances.flatMap((utterance) => {
      let variants = [utterance];
      for (const slot of slots) {
        const values = (locale.slotTypeValues[slot.type] ?? []).flatMap(({ value, synonyms }) => [
          value,
          ...synonyms,
        ]);
        const reference = `{${slot.name}}`;
        variants = variants.flatMap((variant) =>
          variant.includes(reference) && values.length > 0
            ? values.map((value) => variant.replace(reference, value))
            : [variant.replace(reference, ' ')],
        );
      }
      // A sample of slot values alone has no words to learn from.
      return variants
        .filter((variant) => /\p{L}/u.test(variant))
        .map((variant) => ({ utterance: variant, intent }));
    });
  });
}

function slotsKey(names: string[]): string {
  return [...names].sort().join(' ');
}

/** Lower case, letters and digits of any script only, Arabic letter forms and article unified: slot values are found in these. */
export function normalise(text: string): string[] {
  return asciiDigits(text)
    .toLowerCase()
    .replace(/[\u064B-\u0652\u0640]/g, '')
    .replace(/[أإآ]/g, 'ا')
    .replace(/ة/g, 'ه')
    .replace(/ى/g, 'ي')
    .split(/[^\p{L}\p{N}'\u0900-\u097F]+/u)
    .map((token) => token.replace(/^'+|'+$/g, ''))
    .map((token) =>
      /^[\u0600-\u06FF]/.test(token) && token.length > 4 ? token.replace(/^(و?)ال/, '') : token,
    )
    .filter((token) => token.length > 0);
}

function asciiDigits(text: string): string {
  return text
    .replace(/[\u0660-\u0669]/g, (digit) => String(digit.charCodeAt(0) - 0x0660))
    .replace(/[\u06F0-\u06F9]/g, (digit) => String(digit.charCodeAt(0) - 0x06f0))
    .replace(/[\u0966-\u096F]/g, (digit) => String(digit.charCodeAt(0) - 0x0966));
}

/**
 * An order number in what was said or keyed: 6 to 12 digits, said as one number, in groups ("1000 0001") or
 * one by one, in figures or English words ("one oh oh …"); a keyed `#` ends it.
 */
export function orderNumberIn(text: string): string | undefined {
  const words = asciiDigits(text)
    .toLowerCase()
    // Any punctuation ends a word: callers' transcripts carry the Arabic comma and the Devanagari danda too.
    .split(/[^\p{L}\p{N}]+/u);
  let run = '';
  let best: string | undefined;
  for (const word of words) {
    const digits = /^[0-9]+$/.test(word) ? word : ENGLISH_DIGITS[word];
    if (digits !== undefined) {
      run += digits;
      continue;
    }
    if (ORDER_NUMBER.test(run)) best ??= run;
    run = '';
  }
  if (ORDER_NUMBER.test(run)) best ??= run;
  return best;
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** AMAZON.Date, for the words the simulator's callers use: today, tomorrow, a weekday, or an ISO date. */
export function dateIn(text: string, now = new Date()): string | undefined {
  const words = text.toLowerCase();
  const iso = /\b(\d{4}-\d{2}-\d{2})\b/.exec(words)?.[1];
  if (iso) return iso;
  const day = (offset: number) => new Date(now.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  if (/\bday after tomorrow\b/.test(words)) return day(2);
  if (/\btomorrow\b/.test(words)) return day(1);
  if (/\btoday\b/.test(words)) return day(0);
  const weekday = WEEKDAYS.findIndex((name) => new RegExp(`\\b${name}\\b`).test(words));
  if (weekday === -1) return undefined;
  // Lex resolves a weekday to the next one to come.
  return day((weekday - now.getUTCDay() + 7) % 7 || 7);
}
