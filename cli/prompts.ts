/**
 * `ivr prompts build`: the flows' static prompts (the menus, "please hold", the survey question, goodbye…:
 * nothing about a caller or an order) as 8 kHz 16-bit mono WAV files for Connect's prompt library, one per
 * prompt, language and line (lib/speech/flow-prompts.ts), said by the market's Polly voice from the SSML the
 * prompt function sends, or by espeak-ng offline (`--local`).
 *
 * The files are build output, not sources: they go to prompts/audio/, which git ignores. They follow from
 * the catalogues, the voices and Polly, they would add megabytes of binary history at every change of
 * wording, and the step that uploads them to Connect needs AWS credentials anyway, so it can render them
 * there. prompts/audio/manifest.json records, for each file, the hash of what it was rendered from: a
 * prompt whose words, voice and renderer are unchanged is not sent to Polly again.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { PollyClient } from '@aws-sdk/client-polly';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { z } from 'zod';
import { isLocale, LOCALES, type Locale } from '#lib/markets.ts';
import { PROJECT_ROOT } from '#lib/paths.ts';
import { type StaticPrompt, staticFlowPrompts, voiceFor } from '#lib/speech/index.ts';
import {
  checkPollyAccess,
  PollyAccessError,
  pollyClient,
  type RetryPolicy,
  synthesizePcm,
} from '#lib/speech/polly.ts';
import { PROMPT_AUDIO, parseWav, wavFromPcm } from '#lib/speech/wav.ts';
import { ESPEAK_VOICES, requireAudioTools, TELEPHONE_RATE } from './call/audio.ts';
import { UsageError } from './output.ts';

const run = promisify(execFile);

/** Where the files and their manifest go. */
export const PROMPT_AUDIO_DIRECTORY = join(PROJECT_ROOT, 'prompts', 'audio');

/** What turns a prompt into a WAV file. */
export interface PromptRenderer {
  /** Everything besides the SSML that decides the sound (engine, voice): a change renders every prompt again. */
  describe(prompt: StaticPrompt): string;
  render(prompt: StaticPrompt): Promise<Buffer>;
}

/** Prompts said by the market's Polly voice (lib/speech/voices.ts), 8 kHz PCM wrapped as WAV. */
export function pollyRenderer(client: PollyClient, retry: RetryPolicy): PromptRenderer {
  return {
    describe: ({ locale }) => {
      const { voiceId, engine, languageCode } = voiceFor(locale);
      return `polly ${voiceId} ${engine} ${languageCode} ${PROMPT_AUDIO.sampleRate}`;
    },
    render: async ({ locale, ssml }) =>
      wavFromPcm(await synthesizePcm(client, ssml, voiceFor(locale), retry)),
  };
}

/** Prompts said by espeak-ng (which reads the SSML itself) and resampled by sox to 8 kHz: no AWS needed. */
export function espeakRenderer(): PromptRenderer {
  return {
    describe: ({ locale }) => `espeak-ng ${ESPEAK_VOICES[locale]} ${PROMPT_AUDIO.sampleRate}`,
    render: async ({ locale, ssml }) => {
      const dir = await mkdtemp(join(tmpdir(), 'ivr-prompt-'));
      try {
        const spoken = join(dir, 'espeak.wav');
        const telephone = join(dir, 'prompt.wav');
        await run('espeak-ng', ['-m', '-v', ESPEAK_VOICES[locale], '-w', spoken, ssml]);
        await run('sox', [spoken, ...TELEPHONE_RATE, '-e', 'signed-integer', telephone]);
        return await readFile(telephone);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}

const Manifest = z.record(
  z.string(),
  z.object({ hash: z.string(), renderedBy: z.string(), seconds: z.number() }),
);
type Manifest = z.infer<typeof Manifest>;

export interface BuildOptions {
  directory: string;
  renderer: PromptRenderer;
  /** The prompts to render: all of staticFlowPrompts(), or those of some locales. */
  prompts: readonly StaticPrompt[];
  /** Told after each prompt, rendered or skipped. */
  onProgress?: (done: number, total: number) => void;
}

export interface BuildResult {
  rendered: string[];
  skipped: string[];
  /** Files of prompts the flows no longer have, deleted. */
  removed: string[];
}

/**
 * Renders `prompts` into `directory`, skipping those whose file is there and was made
 * from the same words by the same voice, and deleting the files of prompts that no longer exist.
 */
export async function buildPrompts(options: BuildOptions): Promise<BuildResult> {
  const { directory, renderer } = options;
  const manifestFile = join(directory, 'manifest.json');
  const manifest = await readManifest(manifestFile);
  const { prompts } = options;
  const result: BuildResult = { rendered: [], skipped: [], removed: [] };
  try {
    for (const [index, prompt] of prompts.entries()) {
      const path = join(directory, prompt.file);
      const renderedBy = renderer.describe(prompt);
      const hash = createHash('sha256').update(`${renderedBy}\n${prompt.ssml}`).digest('hex');
      if (manifest[prompt.file]?.hash === hash && existsSync(path)) {
        result.skipped.push(prompt.file);
      } else {
        const wav = await renderer.render(prompt);
        const { seconds } = checkedPromptAudio(wav, prompt.file);
        await mkdir(dirname(path), { recursive: true });
        await writeFile(path, wav);
        manifest[prompt.file] = { hash, renderedBy, seconds: Math.round(seconds * 100) / 100 };
        result.rendered.push(prompt.file);
      }
      options.onProgress?.(index + 1, prompts.length);
    }
    const current = new Set(staticFlowPrompts().map((prompt) => prompt.file));
    for (const file of Object.keys(manifest).filter((name) => !current.has(name))) {
      await rm(join(directory, file), { force: true });
      delete manifest[file];
      result.removed.push(file);
    }
  } finally {
    // Whatever was rendered before a failure is kept, and skipped next time.
    await mkdir(directory, { recursive: true });
    await writeFile(manifestFile, `${JSON.stringify(sorted(manifest), null, 2)}\n`);
  }
  return result;
}

async function readManifest(file: string): Promise<Manifest> {
  if (!existsSync(file)) return {};
  const parsed = Manifest.safeParse(JSON.parse(await readFile(file, 'utf8')));
  // A manifest we cannot read only costs a full render.
  return parsed.success ? parsed.data : {};
}

/** The WAV's length, after checking it is what Connect's prompt library takes. */
function checkedPromptAudio(wav: Buffer, file: string): { seconds: number } {
  const content = parseWav(wav);
  const { sampleRate, channels, bitsPerSample } = PROMPT_AUDIO;
  if (
    content.sampleRate !== sampleRate ||
    content.channels !== channels ||
    content.bitsPerSample !== bitsPerSample
  ) {
    throw new Error(
      `${file}: ${content.sampleRate} Hz, ${content.channels} channels, ${content.bitsPerSample} bits; Connect's prompts take ${sampleRate} Hz mono ${bitsPerSample}-bit`,
    );
  }
  return content;
}

function sorted(manifest: Manifest): Manifest {
  return Object.fromEntries(Object.entries(manifest).sort(([a], [b]) => a.localeCompare(b)));
}

/** How the commands that call Polly retry when throttled: five more tries, from 0.5 s, each told on stderr. */
export function announcedRetries(log: (line: string) => void): RetryPolicy {
  return {
    retries: 5,
    firstDelayMs: 500,
    onRetry: ({ attempt, delayMs, error }) =>
      log(`Polly: ${error.name}; try ${attempt} in ${(delayMs / 1000).toFixed(1)} s`),
  };
}

/** The locales a command was asked for, all of them when none. */
export function chosenLocales(requested: string[] | undefined): Locale[] {
  if (!requested?.length) return [...LOCALES];
  for (const locale of requested) {
    if (!isLocale(locale)) throw new UsageError(`--locale ${locale}: we speak ${LOCALES.join(', ')}`);
  }
  return requested as Locale[];
}

/** A Polly client that can be reached, or a UsageError saying what is missing and that --local needs none. */
export async function reachablePolly(): Promise<PollyClient> {
  const client = pollyClient();
  try {
    await checkPollyAccess(client);
  } catch (error) {
    if (error instanceof PollyAccessError) {
      throw new UsageError(`${error.message}; or use --local to render with espeak-ng without AWS`);
    }
    throw error;
  }
  return client;
}

export function registerPromptsCommands(program: Command): void {
  program
    .command('prompts')
    .description("the flows' static prompts as audio for Connect's prompt library")
    .command('build')
    .description(
      'render every static prompt in every language to 8 kHz 16-bit mono WAV in prompts/audio/ with Polly, skipping those unchanged',
    )
    .option('--local', 'render with espeak-ng and sox instead of Polly: offline, no AWS credentials')
    .option('--locale <locale...>', `only these languages (${LOCALES.join(', ')})`)
    .action(async (options: { local?: boolean; locale?: string[] }) => {
      const locales = chosenLocales(options.locale);
      const log = (line: string) => process.stderr.write(`\n${line}\n`);
      let renderer: PromptRenderer;
      if (options.local) {
        await requireAudioTools('--local');
        renderer = espeakRenderer();
      } else {
        renderer = pollyRenderer(await reachablePolly(), announcedRetries(log));
      }
      const prompts = staticFlowPrompts().filter((prompt) => locales.includes(prompt.locale));
      const bar = new SingleBar({ format: 'prompts [{bar}] {value}/{total} | ETA {eta_formatted}' });
      bar.start(prompts.length, 0);
      let result: BuildResult;
      try {
        result = await buildPrompts({
          directory: PROMPT_AUDIO_DIRECTORY,
          renderer,
          prompts,
          onProgress: (done) => bar.update(done),
        });
      } finally {
        bar.stop();
      }
      console.log(
        `prompts/audio: ${result.rendered.length} rendered, ${result.skipped.length} unchanged` +
          (result.removed.length > 0 ? `, ${result.removed.length} no longer used removed` : ''),
      );
    });
}
