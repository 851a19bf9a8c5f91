/**
 * `ivr speech calibrate`: asks Polly for the speech marks of every wording of every catalogue message, in
 * every locale, with sample values in its placeholders, and writes how long each sentence took into
 * prompts/speech-durations.json, which speakingSeconds (and so the call simulator's clock) then uses.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PollyClient } from '@aws-sdk/client-polly';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import type { Locale } from '#lib/markets.ts';
import { PROJECT_ROOT } from '#lib/paths.ts';
import { calibrationSamples, measuredSentences } from '#lib/speech/calibration.ts';
import { voiceFor } from '#lib/speech/index.ts';
import { DurationsFile, type MeasuredSentence } from '#lib/speech/measured-durations.ts';
import { type RetryPolicy, speechMarks } from '#lib/speech/polly.ts';
import { announcedRetries, chosenLocales, reachablePolly } from './prompts.ts';

export const DURATIONS_FILE = join(PROJECT_ROOT, 'prompts', 'speech-durations.json');

export interface CalibrateOptions {
  client: PollyClient;
  retry: RetryPolicy;
  locales: readonly Locale[];
  /** The file as it was: the locales not calibrated now keep their measurements. */
  previous: DurationsFile;
  now: Date;
  onProgress?: (done: number, total: number) => void;
}

/** The durations file with the `locales` measured again by Polly. */
export async function calibrate(options: CalibrateOptions): Promise<DurationsFile> {
  const { client, retry, locales } = options;
  const samples = locales.map((locale) => ({ locale, samples: calibrationSamples(locale) }));
  const total = samples.reduce((count, { samples: each }) => count + each.length, 0);
  const result: DurationsFile = { ...options.previous };
  let done = 0;
  for (const { locale, samples: each } of samples) {
    const voice = voiceFor(locale);
    const sentences: MeasuredSentence[] = [];
    for (const sample of each) {
      const marks = await speechMarks(client, sample.ssml, voice, retry);
      sentences.push(...measuredSentences(sample, locale, marks));
      done += 1;
      options.onProgress?.(done, total);
    }
    result[locale] = { ...voice, measuredAt: options.now.toISOString(), sentences };
  }
  return result;
}

/** One line per locale: the measured time of all its sentences against our estimate of them. */
export function calibrationSummary(file: DurationsFile, locales: readonly Locale[]): string[] {
  return locales.map((locale) => {
    const sentences = file[locale]?.sentences ?? [];
    const measured = sentences.reduce((sum, sentence) => sum + sentence.seconds, 0);
    const estimated = sentences.reduce((sum, sentence) => sum + sentence.estimatedSeconds, 0);
    return `${locale} (${file[locale]?.voiceId}): ${sentences.length} sentences, ${measured.toFixed(1)} s measured, ${estimated.toFixed(1)} s estimated (${(measured / estimated).toFixed(2)}×)`;
  });
}

export function registerSpeechCommands(program: Command): void {
  program
    .command('speech')
    .description('how long Polly takes to say the catalogues')
    .command('calibrate')
    .description(
      "measure every catalogue message in every language with Polly's speech marks into prompts/speech-durations.json",
    )
    .option('--locale <locale...>', 'only these languages')
    .action(async (options: { locale?: string[] }) => {
      const locales = chosenLocales(options.locale);
      const client = await reachablePolly();
      const previous = DurationsFile.parse(JSON.parse(await readFile(DURATIONS_FILE, 'utf8')));
      const bar = new SingleBar({ format: 'messages [{bar}] {value}/{total} | ETA {eta_formatted}' });
      bar.start(1, 0);
      let file: DurationsFile;
      try {
        file = await calibrate({
          client,
          retry: announcedRetries((line) => process.stderr.write(`\n${line}\n`)),
          locales,
          previous,
          now: new Date(),
          onProgress: (done, total) => {
            bar.setTotal(total);
            bar.update(done);
          },
        });
      } finally {
        bar.stop();
      }
      await writeFile(DURATIONS_FILE, `${JSON.stringify(file, null, 2)}\n`);
      for (const line of calibrationSummary(file, locales)) console.log(line);
    });
}
