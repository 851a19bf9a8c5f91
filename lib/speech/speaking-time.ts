/**
 * How long Polly takes to say a document, without calling Polly. A sentence made from a catalogue sentence
 * that `ivr speech calibrate` measured takes its measured time, scaled by how much longer or shorter its
 * filled placeholders make it than the sample measured (a static sentence takes exactly its measured time).
 * Anything else is estimated: words at the pace of the locale's voice, numbers as the words they are spoken
 * as, `say-as` digits one by one. The pauses between sentences, of punctuation and of breaks are added.
 */
import type { Locale } from '#lib/markets.ts';
import { checkedInDurations, type MeasuredDurations } from '#lib/speech/measured-durations.ts';
import type { SsmlElement, SsmlNode } from '#lib/speech/ssml.ts';
import { parseSsml } from '#lib/speech/ssml-check.ts';

/**
 * Words a second. Polly's neural voices say about five and a half syllables a second (AWS's speech-marks
 * example: "Mary had a little lamb", seven syllables, in about 1.2 s). A word of our English or Hindi replies
 * averages about 1.7 syllables (Hindi's one-syllable postpositions and auxiliaries balance its long verbs); an
 * Arabic word, which carries its article, conjunction and pronoun, about 2.5.
 */
const WORDS_PER_SECOND: Readonly<Record<Locale, number>> = {
  'en-GB': 3.2,
  'en-IN': 3.2,
  'hi-IN': 3.2,
  'ar-AE': 2.2,
};

/** Seconds of silence Polly leaves, by what causes it. */
const PAUSE_SECONDS = { clause: 0.15, sentence: 0.35, paragraph: 0.7 } as const;
const BREAK_STRENGTH_SECONDS: Readonly<Record<string, number>> = {
  none: 0,
  'x-weak': 0,
  weak: PAUSE_SECONDS.clause,
  medium: PAUSE_SECONDS.clause,
  strong: PAUSE_SECONDS.sentence,
  'x-strong': PAUSE_SECONDS.paragraph,
};
const NAMED_RATES: Readonly<Record<string, number>> = {
  'x-slow': 0.6,
  slow: 0.8,
  medium: 1,
  fast: 1.25,
  'x-fast': 1.5,
};

/**
 * The seconds Polly's voice for `locale` takes to say the `<speak>` document `ssml`: measured where
 * `measured` (by default prompts/speech-durations.json) knows the sentence, else estimated.
 */
export function speakingSeconds(
  ssml: string,
  locale: Locale,
  measured: MeasuredDurations = checkedInDurations(),
): number {
  const clock = new SpeechClock(locale, measured);
  clock.add(parseSsml(ssml), 1);
  return Math.round(clock.seconds * 100) / 100;
}

class SpeechClock {
  seconds = 0;
  /** Silence waiting to be counted: adjacent pauses merge into the longest, and a pause at the end is not heard. */
  private pending = 0;
  private readonly wordsPerSecond: number;

  constructor(
    private readonly locale: Locale,
    private readonly measured: MeasuredDurations | undefined,
  ) {
    this.wordsPerSecond = WORDS_PER_SECOND[locale];
  }

  add(node: SsmlNode, rate: number): void {
    if (typeof node === 'string') {
      this.text(node, rate);
      return;
    }
    const text = node.children.filter((child) => typeof child === 'string').join('');
    switch (node.tag) {
      case 'break':
        this.pause(breakSeconds(node.attributes));
        return;
      case 'say-as':
        this.sayAs(node.attributes['interpret-as'] ?? '', text, rate);
        return;
      case 'sub':
        this.text(node.attributes.alias ?? '', rate);
        return;
      case 'prosody':
        this.addAll(node.children, rate * rateFactor(node.attributes.rate));
        return;
      case 's':
        this.sentence(node, rate);
        this.pause(PAUSE_SECONDS.sentence);
        return;
      case 'p':
        this.addAll(node.children, rate);
        this.pause(PAUSE_SECONDS.paragraph);
        return;
      default:
        this.addAll(node.children, rate);
    }
  }

  private sentence(node: SsmlElement, rate: number): void {
    const measured = this.measured?.find(this.locale, textOf(node));
    if (!measured) {
      this.addAll(node.children, rate);
      return;
    }
    // The sentence estimated on its own, as its sample was when measured: their ratio scales the measurement.
    const estimate = new SpeechClock(this.locale, undefined);
    estimate.addAll(node.children, rate);
    this.speech((measured.seconds * estimate.seconds) / measured.estimatedSeconds);
  }

  private addAll(children: readonly SsmlNode[], rate: number): void {
    for (const child of children) this.add(child, rate);
  }

  private sayAs(interpretAs: string, text: string, rate: number): void {
    if (['digits', 'characters', 'spell-out', 'telephone'].includes(interpretAs)) {
      this.words(text.replace(/[^\p{L}\p{Nd}]/gu, '').length, rate);
    } else {
      this.text(text, rate);
    }
  }

  private text(text: string, rate: number): void {
    for (const token of text.split(/\s+/)) {
      this.words(wordsIn(token), rate);
      if (/[.?!।؟]$/.test(token)) this.pause(PAUSE_SECONDS.sentence);
      else if (/[,;:،؛]$/.test(token)) this.pause(PAUSE_SECONDS.clause);
    }
  }

  private words(count: number, rate: number): void {
    if (count > 0) this.speech(count / this.wordsPerSecond / rate);
  }

  private speech(seconds: number): void {
    if (seconds <= 0) return;
    this.seconds += this.pending + seconds;
    this.pending = 0;
  }

  private pause(seconds: number): void {
    this.pending = Math.max(this.pending, seconds);
  }
}

/** The words of an element as written, its markup left out. */
export function textOf(node: SsmlNode): string {
  if (typeof node === 'string') return node;
  return node.children.map(textOf).join('');
}

/** How many words a token is spoken as: "TCS" is three letters, "12,499" six words, an emoji none. */
function wordsIn(token: string): number {
  const bare = token.replace(/[^\p{L}\p{M}\p{Nd}]/gu, '');
  if (/^[A-Z]{2,5}$/.test(bare)) return bare.length;
  // Grouping separators belong to the number; other separators ("4:30") part two numbers.
  const numbers = token.replace(/(?<=\p{Nd})[,،٬](?=\p{Nd})/gu, '').match(/\p{Nd}+/gu) ?? [];
  const hasLetters = /\p{L}/u.test(bare);
  return numbers.reduce((sum, digits) => sum + wordsInNumber(digits), hasLetters ? 1 : 0);
}

/**
 * The words of a whole number said in full ("twelve thousand four hundred ninety nine": six); Hindi and
 * Arabic say numbers in about as many words. Very long numbers are read digit by digit.
 */
function wordsInNumber(digits: string): number {
  if (digits.length > 12) return digits.length;
  let words = 0;
  for (let end = digits.length, scale = 0; end > 0; end -= 3, scale += 1) {
    const group = Number(asciiDigits(digits.slice(Math.max(0, end - 3), end)));
    if (group === 0) continue;
    const tens = group % 100;
    if (group >= 100) words += 2;
    if (tens > 0) words += tens < 20 || tens % 10 === 0 ? 1 : 2;
    if (scale > 0) words += 1;
  }
  return Math.max(words, 1);
}

/** The zeros of the digit sets our languages write: Latin, Arabic-Indic, Persian, Devanagari. */
const DIGIT_ZEROS = [0x30, 0x660, 0x6f0, 0x966];

function asciiDigits(digits: string): string {
  return [...digits]
    .map((digit) => {
      const code = digit.codePointAt(0) ?? 0;
      const zero = DIGIT_ZEROS.find((candidate) => code >= candidate && code <= candidate + 9) ?? code;
      return String(code - zero);
    })
    .join('');
}

function breakSeconds(attributes: Readonly<Record<string, string>>): number {
  const time = /^(\d+(?:\.\d+)?)(ms|s)$/.exec(attributes.time ?? '');
  if (time) return Number(time[1]) / (time[2] === 'ms' ? 1000 : 1);
  return BREAK_STRENGTH_SECONDS[attributes.strength ?? 'medium'] ?? PAUSE_SECONDS.clause;
}

function rateFactor(rate: string | undefined): number {
  const percent = /^(\d+)%$/.exec(rate ?? '');
  if (percent) return Number(percent[1]) / 100;
  return NAMED_RATES[rate ?? 'medium'] ?? 1;
}
