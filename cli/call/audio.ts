/**
 * `ivr call --audio FILE.wav`: the whole call as a telephone would carry it, 8 kHz mono, from the caller's
 * side. Prompts are spoken by espeak-ng in the call's language, the caller's keys are DTMF tones and their
 * words another espeak-ng voice; everything else (timeouts, the queue, the agent's conversation) is silence,
 * each placed at its time on the call.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Locale } from '#lib/markets.ts';
import type { SimulatedCall } from '#simulator/call.ts';
import { UsageError } from '../output.ts';

const run = promisify(execFile);

/** espeak-ng's voices nearest to the Polly voice of each locale. */
export const ESPEAK_VOICES: Readonly<Record<Locale, string>> = {
  'en-GB': 'en-gb',
  'en-IN': 'en-gb',
  'hi-IN': 'hi',
  'ar-AE': 'ar',
};
const CALLER_VOICE = 'en-us+m3';
/** sox's options for telephone audio: 8 kHz, mono, 16-bit. */
export const TELEPHONE_RATE = ['-r', '8000', '-c', '1', '-b', '16'];

/** The two tones of each key (ITU-T Q.23). */
const DTMF: Readonly<Record<string, readonly [number, number]>> = {
  '1': [697, 1209],
  '2': [697, 1336],
  '3': [697, 1477],
  '4': [770, 1209],
  '5': [770, 1336],
  '6': [770, 1477],
  '7': [852, 1209],
  '8': [852, 1336],
  '9': [852, 1477],
  '*': [941, 1209],
  '0': [941, 1336],
  '#': [941, 1477],
};

export class AudioToolsMissingError extends UsageError {
  override name = 'AudioToolsMissingError';
}

/** Throws an AudioToolsMissingError naming what `option` needs when espeak-ng or sox is not installed. */
export async function requireAudioTools(option: string): Promise<void> {
  const missing = [];
  for (const tool of ['espeak-ng', 'sox']) {
    if (!(await installed(tool))) missing.push(tool);
  }
  if (missing.length > 0) {
    throw new AudioToolsMissingError(
      `${option} needs ${missing.join(' and ')}, which ${missing.length > 1 ? 'are' : 'is'} not installed (Debian: apt-get install espeak-ng sox)`,
    );
  }
}

/** Renders `call` to `file`; says plainly which tool is missing when espeak-ng or sox is not installed. */
export async function renderCallAudio(call: SimulatedCall, locale: Locale, file: string): Promise<void> {
  await requireAudioTools('--audio');
  const dir = await mkdtemp(join(tmpdir(), 'ivr-audio-'));
  try {
    const pieces: string[] = [];
    let cursor = 0;
    const place = async (at: number, render: (path: string) => Promise<void>) => {
      if (at > cursor) {
        pieces.push(await silence(dir, pieces.length, at - cursor));
        cursor = at;
      }
      const path = join(dir, `${pieces.length}.wav`);
      await render(path);
      pieces.push(path);
      cursor += await seconds(path);
    };
    for (const event of call.events) {
      if (event.type === 'prompt' && event.to === 'caller') {
        await place(event.at, (path) => speech(event.text, ESPEAK_VOICES[locale], path));
      } else if (event.type === 'input' && 'dtmf' in event) {
        await place(event.at, (path) => tones(dir, event.dtmf, path));
      } else if (event.type === 'input' && 'utterance' in event) {
        await place(event.at, (path) => speech(event.utterance, CALLER_VOICE, path));
      }
    }
    if (call.durationSeconds > cursor)
      pieces.push(await silence(dir, pieces.length, call.durationSeconds - cursor));
    await run('sox', [...pieces, ...TELEPHONE_RATE, file]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function installed(tool: string): Promise<boolean> {
  try {
    await run(tool, ['--version']);
    return true;
  } catch {
    return false;
  }
}

async function speech(text: string, voice: string, path: string): Promise<void> {
  const raw = `${path}.espeak.wav`;
  await run('espeak-ng', ['-v', voice, '-w', raw, text]);
  await run('sox', [raw, ...TELEPHONE_RATE, path]);
}

async function tones(dir: string, keys: string, path: string): Promise<void> {
  const parts: string[] = [];
  for (const [index, key] of [...keys].entries()) {
    const [low, high] = DTMF[key] ?? [0, 0];
    const tone = join(dir, `key-${index}-${Date.now()}.wav`);
    await run('sox', [
      '-n',
      ...TELEPHONE_RATE,
      tone,
      'synth',
      '0.15',
      'sine',
      `${low}`,
      'synth',
      '0.15',
      'sine',
      'mix',
      `${high}`,
      'vol',
      '0.5',
      'pad',
      '0',
      '0.15',
    ]);
    parts.push(tone);
  }
  await run('sox', [...parts, ...TELEPHONE_RATE, path]);
}

async function silence(dir: string, index: number, length: number): Promise<string> {
  const path = join(dir, `${index}-silence.wav`);
  await run('sox', ['-n', ...TELEPHONE_RATE, path, 'trim', '0', length.toFixed(3)]);
  return path;
}

async function seconds(path: string): Promise<number> {
  const { stdout } = await run('soxi', ['-D', path]);
  return Number(stdout.trim());
}
