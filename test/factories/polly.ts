/**
 * Polly's answers as the SDK hands them over, for aws-sdk-client-mock: audio as a real SDK stream, and speech
 * marks that a voice saying every word in a quarter of a second would give.
 */
import { Readable } from 'node:stream';
import type { SynthesizeSpeechCommandOutput } from '@aws-sdk/client-polly';
import { sdkStreamMixin } from '@smithy/core/serde';
import { textOf } from '#lib/speech/speaking-time.ts';
import { parseSsml } from '#lib/speech/ssml-check.ts';

export const FAKE_WORD_MS = 250;
export const FAKE_SENTENCE_PAUSE_MS = 400;

/** A SynthesizeSpeech answer carrying `body`. */
export function pollyAnswer(body: Uint8Array | string): SynthesizeSpeechCommandOutput {
  return {
    AudioStream: sdkStreamMixin(Readable.from([Buffer.from(body)])),
    $metadata: {},
  } as SynthesizeSpeechCommandOutput;
}

/** `seconds` of 8 kHz 16-bit samples, each sample a different value so that a copy can be told from a cut. */
export function fakePcm(seconds: number): Uint8Array {
  const samples = new Int16Array(Math.round(seconds * 8000));
  for (let index = 0; index < samples.length; index += 1) samples[index] = (index * 37) % 32_000;
  return new Uint8Array(samples.buffer);
}

/** How long the fake voice takes over a sentence of `words` words. */
export function fakeSentenceSeconds(words: number): number {
  return (words * FAKE_WORD_MS) / 1000;
}

/**
 * The speech marks (sentence, word, ssml) of `ssml` read by the fake voice: each word in FAKE_WORD_MS, a pause
 * of FAKE_SENTENCE_PAUSE_MS after each sentence, as newline-separated JSON like Polly's.
 */
export function fakeSpeechMarks(ssml: string): string {
  const marks: object[] = [];
  let time = 0;
  for (const node of parseSsml(ssml).children) {
    if (typeof node === 'string') continue;
    if (node.tag === 's') {
      const words = textOf(node).split(/\s+/).filter(Boolean);
      marks.push({ time, type: 'sentence', start: 0, end: 0, value: textOf(node) });
      for (const word of words) {
        marks.push({ time, type: 'word', start: 0, end: 0, value: word });
        time += FAKE_WORD_MS;
      }
    } else if (node.tag === 'mark') {
      marks.push({ time, type: 'ssml', start: 0, end: 0, value: node.attributes.name });
      time += FAKE_SENTENCE_PAUSE_MS;
    }
  }
  return marks.map((mark) => JSON.stringify(mark)).join('\n');
}
