/**
 * The local Lex's understanding of what a caller says: the intent whose sample utterances (bots/) the words
 * are most like, and the built-in slot values in them. Words are normalised (case, punctuation, Arabic letter
 * forms and article, digits of any script), rare words weigh more than common ones, and a word matches another
 * it begins (refund, refunded). Below the locale's NLU confidence threshold the intent is FallbackIntent, as
 * in Lex. It is a stand-in to run calls offline, not Lex's model: `ivr call --lex remote` asks the real bot.
 */
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
const MIN_PREFIX = 4;

/** A recogniser for one locale of the bot. */
export class IntentMatcher {
  private readonly samples: { intent: string; tokens: string[] }[] = [];
  private readonly weights = new Map<string, number>();
  private readonly intentsOfSlot = new Map<string, string[]>();

  constructor(
    private readonly bot: BotDefinition,
    private readonly locale: LocaleDefinition,
  ) {
    const intentsWithToken = new Map<string, Set<string>>();
    for (const [intent, { utterances }] of Object.entries(locale.intents)) {
      for (const utterance of utterances) {
        const tokens = normalise(utterance);
        this.samples.push({ intent, tokens });
        for (const token of tokens) {
          const intents = intentsWithToken.get(token) ?? new Set();
          intents.add(intent);
          intentsWithToken.set(token, intents);
        }
      }
    }
    const intentCount = Object.keys(locale.intents).length;
    // A word said in the samples of every intent tells nothing; one of a single intent tells the most.
    for (const [token, intents] of intentsWithToken)
      this.weights.set(token, Math.log(1 + intentCount / intents.size));
    for (const intent of bot.intents) {
      for (const slot of intent.slots)
        this.intentsOfSlot.set(slot.name, [...(this.intentsOfSlot.get(slot.name) ?? []), intent.name]);
    }
  }

  recognise(text: string): Recognition {
    const slots = this.slotsIn(text);
    const tokens = withSlotTokens(normalise(text), slots);
    let best = { intent: FALLBACK_INTENT, confidence: 0 };
    for (const sample of this.samples) {
      const confidence = this.similarity(tokens, sample.tokens);
      if (confidence > best.confidence) best = { intent: sample.intent, confidence };
    }
    const confidence = Math.round(best.confidence * 100) / 100;
    if (confidence < this.locale.nluConfidenceThreshold)
      return { intent: FALLBACK_INTENT, confidence, slots: {} };
    const ofIntent =
      this.bot.intents.find((intent) => intent.name === best.intent)?.slots.map((slot) => slot.name) ?? [];
    return {
      intent: best.intent,
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

  /** Weighted Dice coefficient of two bags of words, a word matching one it begins. */
  private similarity(said: string[], sample: string[]): number {
    // A word no sample has weighs as one said in the samples of every intent.
    const weight = (token: string) => this.weights.get(token) ?? Math.log(2);
    const shared = said.filter((token) => sample.some((other) => sameWord(token, other)));
    const sharedBack = sample.filter((token) => said.some((other) => sameWord(token, other)));
    const total =
      said.reduce((sum, token) => sum + weight(token), 0) +
      sample.reduce((sum, token) => sum + weight(token), 0);
    if (total === 0) return 0;
    return (
      (shared.reduce((sum, token) => sum + weight(token), 0) +
        sharedBack.reduce((sum, token) => sum + weight(token), 0)) /
      total
    );
  }
}

function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  return shorter.length >= MIN_PREFIX && longer.startsWith(shorter);
}

/** Slot values stand in the words as their `{Slot}` reference, as they do in the sample utterances. */
function withSlotTokens(tokens: string[], slots: Record<string, string>): string[] {
  const result = tokens.filter((token) => !/^[0-9]+$/.test(token));
  for (const name of Object.keys(slots)) result.push(`{${name.toLowerCase()}}`);
  return result;
}

/** Lower case, letters and digits of any script only, Arabic letter forms and article unified. */
export function normalise(text: string): string[] {
  return asciiDigits(text)
    .toLowerCase()
    .replace(/[\u064B-\u0652\u0640]/g, '')
    .replace(/[أإآ]/g, 'ا')
    .replace(/ة/g, 'ه')
    .replace(/ى/g, 'ي')
    .replace(/\{(\w+)\}/g, ' {$1} ')
    .split(/[^\p{L}\p{N}{}'\u0900-\u097F]+/u)
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
