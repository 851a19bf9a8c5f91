/**
 * Amazon Polly called directly, not through Connect: to render the flows' static prompts for Connect's prompt
 * library, and to measure with speech marks how long each message takes to say. Throttling (Polly allows about
 * 100 requests a second per account) and passing server errors are retried here with exponential backoff, in
 * one place the caller can watch, and not again inside the SDK.
 */
import {
  type LanguageCode,
  PollyClient,
  type Engine as PollyEngine,
  SynthesizeSpeechCommand,
  type VoiceId,
} from '@aws-sdk/client-polly';
import { isServerError, isThrottlingError, isTransientError } from '@smithy/core/retry';
import pRetry from 'p-retry';
import { z } from 'zod';
import type { Voice } from '#lib/speech/voices.ts';
import { PROMPT_AUDIO } from '#lib/speech/wav.ts';

/** Polly cannot be reached as configured: no region, or no credentials. */
export class PollyAccessError extends Error {
  override name = 'PollyAccessError';
}

/** How often and how patiently a throttled request is tried again, and who hears about it. */
export interface RetryPolicy {
  retries: number;
  /** The first wait; each later one doubles, with jitter. */
  firstDelayMs: number;
  onRetry: (retry: { attempt: number; delayMs: number; error: Error }) => void;
}

/** A Polly client whose requests are retried by `withRetry` alone, so that every retry is seen. */
export function pollyClient(): PollyClient {
  return new PollyClient({ maxAttempts: 1 });
}

/**
 * Throws a PollyAccessError saying what is missing when `client` has no region or no credentials: better
 * before the first of a hundred requests than as the SDK's message in the middle of them.
 */
export async function checkPollyAccess(client: PollyClient): Promise<void> {
  try {
    await client.config.region();
  } catch (error) {
    throw new PollyAccessError('no AWS region: set AWS_REGION (or a profile with a region)', {
      cause: error,
    });
  }
  try {
    await client.config.credentials();
  } catch (error) {
    throw new PollyAccessError(
      `no AWS credentials (${(error as Error).message}): set AWS_PROFILE or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY`,
      { cause: error },
    );
  }
}

/** `ssml` said by `voice` as 8 kHz 16-bit mono PCM samples, without a header. */
export async function synthesizePcm(
  client: PollyClient,
  ssml: string,
  voice: Voice,
  retry: RetryPolicy,
): Promise<Uint8Array> {
  const response = await withRetry(retry, () =>
    client.send(
      new SynthesizeSpeechCommand({
        ...voiceOptions(voice),
        OutputFormat: 'pcm',
        SampleRate: String(PROMPT_AUDIO.sampleRate),
        Text: ssml,
        TextType: 'ssml',
      }),
    ),
  );
  if (!response.AudioStream) throw new Error('Polly answered without audio');
  return response.AudioStream.transformToByteArray();
}

const SpeechMark = z.object({
  time: z.number(),
  type: z.enum(['sentence', 'word', 'ssml', 'viseme']),
  value: z.string(),
});

/** One of Polly's speech marks: `time` is milliseconds from the start of the audio. */
export type SpeechMark = z.infer<typeof SpeechMark>;

/**
 * Polly's speech marks for `ssml` said by `voice`: where each sentence and word starts, and where each
 * `<mark>` is reached (word marks carry no end, so a mark after a sentence is how we learn when it ends).
 */
export async function speechMarks(
  client: PollyClient,
  ssml: string,
  voice: Voice,
  retry: RetryPolicy,
): Promise<SpeechMark[]> {
  const response = await withRetry(retry, () =>
    client.send(
      new SynthesizeSpeechCommand({
        ...voiceOptions(voice),
        OutputFormat: 'json',
        SpeechMarkTypes: ['sentence', 'word', 'ssml'],
        Text: ssml,
        TextType: 'ssml',
      }),
    ),
  );
  if (!response.AudioStream) throw new Error('Polly answered without speech marks');
  // One JSON object a line.
  const lines = (await response.AudioStream.transformToString()).split('\n').filter((line) => line.trim());
  return lines.map((line) => SpeechMark.parse(JSON.parse(line)));
}

function voiceOptions(voice: Voice) {
  return {
    VoiceId: voice.voiceId as VoiceId,
    Engine: voice.engine as PollyEngine,
    LanguageCode: voice.languageCode as LanguageCode,
  };
}

function isRetryable(error: Error): boolean {
  const sdkError = error as Parameters<typeof isThrottlingError>[0];
  return isThrottlingError(sdkError) || isTransientError(sdkError) || isServerError(sdkError);
}

function withRetry<T>(retry: RetryPolicy, request: () => Promise<T>): Promise<T> {
  return pRetry(request, {
    retries: retry.retries,
    minTimeout: retry.firstDelayMs,
    factor: 2,
    randomize: true,
    shouldRetry: ({ error }) => isRetryable(error),
    onFailedAttempt: ({ error, attemptNumber, retriesLeft, retryDelay }) => {
      if (retriesLeft > 0 && isRetryable(error)) {
        retry.onRetry({ attempt: attemptNumber + 1, delayMs: retryDelay, error });
      }
    },
  });
}
