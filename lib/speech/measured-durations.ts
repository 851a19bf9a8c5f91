/**
 * How long Polly really takes to say each sentence of the catalogues, as `ivr speech calibrate` measured it
 * with speech marks (prompts/speech-durations.json). A sentence of a reply is recognised by the catalogue
 * sentence it was made from: its fixed words must match, its placeholders match anything.
 */

// zod's tree-shakable form: this file reaches the functions' bundles, where all of zod would weigh 0.4 MB.
import * as z from 'zod/mini';
import { LOCALES, type Locale } from '#lib/markets.ts';
import { voiceFor } from '#lib/speech/voices.ts';
import durationsFile from '../../prompts/speech-durations.json' with { type: 'json' };

const MeasuredSentence = z.object({
  /** The catalogue message the sentence belongs to, and the sentence as the catalogue writes it. */
  message: z.string(),
  template: z.string(),
  /** The sentence as measured, its placeholders filled with sample values. */
  sample: z.string(),
  /** Polly's time from the sentence's start to its end, and our estimate of the same sample. */
  seconds: z.number().check(z.nonnegative()),
  estimatedSeconds: z.number().check(z.nonnegative()),
});

const LocaleDurations = z.object({
  voiceId: z.string(),
  engine: z.string(),
  languageCode: z.string(),
  measuredAt: z.string(),
  sentences: z.array(MeasuredSentence),
});

export const DurationsFile = z.partialRecord(z.enum(LOCALES), LocaleDurations);
export type DurationsFile = z.infer<typeof DurationsFile>;
export type MeasuredSentence = z.infer<typeof MeasuredSentence>;

interface Matcher {
  pattern: RegExp;
  /** How many characters of the template are fixed words: the more, the surer the match. */
  fixed: number;
  sentence: MeasuredSentence;
}

/** The measured sentences of each locale, ready to be recognised in a reply. */
export class MeasuredDurations {
  private readonly matchers: Partial<Record<Locale, Matcher[]>> = {};

  /**
   * Takes a locale's measurements only while its voice is still the one measured: another voice (or engine)
   * has another pace, and its sentences fall back to the estimate until calibrated again.
   */
  constructor(file: DurationsFile) {
    for (const locale of LOCALES) {
      const measured = file[locale];
      const voice = voiceFor(locale);
      if (
        !measured ||
        measured.voiceId !== voice.voiceId ||
        measured.engine !== voice.engine ||
        measured.languageCode !== voice.languageCode
      ) {
        continue;
      }
      this.matchers[locale] = measured.sentences
        .filter((sentence) => sentence.estimatedSeconds > 0)
        .map((sentence) => matcherOf(sentence))
        .filter((matcher) => matcher.fixed > 0)
        .sort((a, b) => b.fixed - a.fixed);
    }
  }

  /** The measurement of the catalogue sentence `text` (a sentence's words, as heard) is an instance of. */
  find(locale: Locale, text: string): MeasuredSentence | undefined {
    const heard = normalised(text);
    return this.matchers[locale]?.find((matcher) => matcher.pattern.test(heard))?.sentence;
  }
}

/** No measurements: every sentence is estimated. */
export const NO_MEASUREMENTS = new MeasuredDurations({});

let checkedIn: MeasuredDurations | undefined;

/**
 * What prompts/speech-durations.json holds, read when first asked for: the functions that share lib/speech
 * never ask, and their cold start should not pay for it.
 */
export function checkedInDurations(): MeasuredDurations {
  checkedIn ??= new MeasuredDurations(DurationsFile.parse(durationsFile));
  return checkedIn;
}

const PLACEHOLDER = /\{\w+\}/g;

function matcherOf(sentence: MeasuredSentence): Matcher {
  const parts = normalised(sentence.template).split(PLACEHOLDER);
  const pattern = new RegExp(`^${parts.map(escapeRegExp).join('.+?')}$`, 'su');
  const fixed = parts.join('').replace(/[^\p{L}\p{Nd}]/gu, '').length;
  return { pattern, fixed, sentence };
}

function normalised(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
