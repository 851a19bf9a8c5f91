/**
 * What `ivr speech calibrate` asks Polly to say, and how it reads the answer. Every wording of every catalogue
 * message is said once with sample values in its placeholders, each sentence followed by a `<mark>`: Polly's
 * speech marks then tell where each sentence starts and where its mark (its end) is reached.
 */
import { type Locale, MARKETS } from '#lib/markets.ts';
import { renderMessage, sentencesOfWording, type Wording, wordings } from '#lib/speech/catalogue.ts';
import { spokenDay } from '#lib/speech/dates.ts';
import { type MeasuredSentence, NO_MEASUREMENTS } from '#lib/speech/measured-durations.ts';
import { spokenAmount } from '#lib/speech/money.ts';
import type { SpeechMark } from '#lib/speech/polly.ts';
import { speakingSeconds, textOf } from '#lib/speech/speaking-time.ts';
import { mark, type SsmlElement, type SsmlNode, sayAs, speak } from '#lib/speech/ssml.ts';
import { voiceFor } from '#lib/speech/voices.ts';

/** One wording said with sample values: the document to send, and the catalogue sentences it says. */
export interface CalibrationSample {
  wording: Wording;
  ssml: string;
  sentences: { template: string; sample: SsmlElement }[];
}

/** A fixed "now", so that the sample dates, and so the file, do not change from one run to the next. */
const SAMPLE_NOW = new Date('2026-01-05T09:00:00Z');
const THREE_DAYS_MS = 3 * 86_400_000;

/**
 * Values as the replies fill them: a weekday within the week, an amount in the locale's first market's
 * currency, an order number read digit by digit. A placeholder not named here is a name (a courier's, say).
 */
function sampleValues(locale: Locale, text: string): Record<string, SsmlNode | SsmlNode[]> {
  const market = Object.values(MARKETS).find((candidate) => candidate.locales.includes(locale));
  const arabic = locale === 'ar-AE';
  const known: Record<string, SsmlNode | SsmlNode[]> = {
    date: spokenDay(new Date(SAMPLE_NOW.getTime() + THREE_DAYS_MS), SAMPLE_NOW, 'UTC', locale),
    amount: spokenAmount('2899', market?.currency ?? 'GBP', locale),
    carrier: 'Aramex',
    firstName: arabic ? 'فاطمة' : 'Ayesha',
    orderNumber: [sayAs('digits', '1000'), sayAs('digits', '0004')],
    orderEnding: sayAs('digits', '0004'),
  };
  const names = [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '');
  return Object.fromEntries(names.map((name) => [name, known[name] ?? 'Aramex']));
}

/** A count that takes the plural `form` in `locale` (Arabic's "many" is 11, its "few" 3). */
function countFor(form: Intl.LDMLPluralRule, locale: Locale): number {
  const rules = new Intl.PluralRules(locale);
  for (let count = 0; count <= 1000; count += 1) if (rules.select(count) === form) return count;
  throw new Error(`no count takes the plural form ${form} in ${locale}`);
}

/** Every wording of `locale`'s catalogue as a document to measure. */
export function calibrationSamples(locale: Locale): CalibrationSample[] {
  return wordings(locale).map((wording) => {
    const values = sampleValues(locale, wording.text);
    const count = wording.form ? countFor(wording.form, locale) : undefined;
    const rendered = renderMessage(locale, wording.key, values, count);
    const templates = sentencesOfWording(wording.text);
    if (templates.length !== rendered.length) {
      throw new Error(
        `${locale} ${wording.key}: ${templates.length} sentences written, ${rendered.length} said`,
      );
    }
    const marked = rendered.flatMap((sentence, index) => [sentence, mark(`end-${index}`)]);
    return {
      wording,
      ssml: speak(voiceFor(locale).engine, ...marked),
      sentences: rendered.map((sample, index) => ({ template: templates[index] ?? '', sample })),
    };
  });
}

/** Polly's marks did not say where a sentence starts or ends. */
export class SpeechMarksError extends Error {
  override name = 'SpeechMarksError';
}

/**
 * The measured sentences of `sample` from Polly's `marks`: each from its sentence mark to its end mark, which
 * leaves out the pause Polly makes before the next sentence (speakingSeconds adds that pause itself).
 */
export function measuredSentences(
  sample: CalibrationSample,
  locale: Locale,
  marks: readonly SpeechMark[],
): MeasuredSentence[] {
  let previousEnd = 0;
  return sample.sentences.map(({ template, sample: sentence }, index) => {
    // Polly may hear two sentences where we wrote one: ours starts at the first of its after the last end.
    const start = marks.find((each) => each.type === 'sentence' && each.time >= previousEnd)?.time;
    const end = marks.find((each) => each.type === 'ssml' && each.value === `end-${index}`)?.time;
    if (start === undefined || end === undefined || end < start) {
      throw new SpeechMarksError(
        `${locale} ${sample.wording.key}: Polly's marks give no start and end for sentence ${index + 1}`,
      );
    }
    previousEnd = end;
    return {
      message: sample.wording.form ? `${sample.wording.key}.${sample.wording.form}` : sample.wording.key,
      template,
      sample: textOf(sentence).replace(/\s+/g, ' ').trim(),
      seconds: (end - start) / 1000,
      estimatedSeconds: speakingSeconds(speak(voiceFor(locale).engine, sentence), locale, NO_MEASUREMENTS),
    };
  });
}
