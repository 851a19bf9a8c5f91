import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  InvalidSsmlException,
  PollyClient,
  SynthesizeSpeechCommand,
  ThrottlingException,
} from '@aws-sdk/client-polly';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flowPromptSsml, staticFlowPrompts, voiceFor } from '#lib/speech/index.ts';
import type { RetryPolicy } from '#lib/speech/polly.ts';
import { parseWav } from '#lib/speech/wav.ts';
import { fakePcm, pollyAnswer } from '#test/factories/polly.ts';
import { requireAudioTools } from '../../../cli/call/audio.ts';
import { buildPrompts, espeakRenderer, pollyRenderer, reachablePolly } from '../../../cli/prompts.ts';

const polly = mockClient(PollyClient);
const client = new PollyClient({
  region: 'eu-west-2',
  credentials: { accessKeyId: 'AKIA', secretAccessKey: 's' },
});

function retries(): RetryPolicy & { seen: string[] } {
  const seen: string[] = [];
  return {
    retries: 3,
    firstDelayMs: 1,
    onRetry: ({ attempt, error }) => seen.push(`${error.name}, try ${attempt}`),
    seen,
  };
}

let directory: string;
beforeEach(async () => {
  polly.reset();
  directory = await mkdtemp(join(tmpdir(), 'ivr-prompts-test-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('ivr prompts build with Polly', () => {
  it('renders every static prompt of every line with its voice, from the SSML the prompt function sends, as 8 kHz WAV', async () => {
    const pcm = fakePcm(1.5);
    polly.on(SynthesizeSpeechCommand).callsFake(() => pollyAnswer(pcm));
    const prompts = staticFlowPrompts();

    const result = await buildPrompts({ directory, renderer: pollyRenderer(client, retries()), prompts });

    expect(result.rendered).toHaveLength(prompts.length);
    const calls = polly.commandCalls(SynthesizeSpeechCommand);
    expect(calls).toHaveLength(prompts.length);
    const pakistanMenu = calls.find(
      (call) => call.args[0].input.Text === flowPromptSsml('menu', 'en-IN', 'hi-IN'),
    );
    expect(pakistanMenu?.args[0].input).toEqual({
      VoiceId: 'Kajal',
      Engine: 'neural',
      LanguageCode: 'en-IN',
      OutputFormat: 'pcm',
      SampleRate: '8000',
      Text: flowPromptSsml('menu', 'en-IN', 'hi-IN'),
      TextType: 'ssml',
    });
    const arabic = calls.filter((call) => call.args[0].input.VoiceId === voiceFor('ar-AE').voiceId);
    expect(arabic.length).toBe(prompts.filter((prompt) => prompt.locale === 'ar-AE').length);
    const wav = parseWav(await readFile(join(directory, 'en-IN', 'menu.offer-hi-IN.wav')));
    expect(wav).toMatchObject({ sampleRate: 8000, channels: 1, bitsPerSample: 16, seconds: 1.5 });
    expect(Buffer.compare(wav.data, Buffer.from(pcm))).toBe(0);
  });

  it('sends nothing to Polly on a second run when no words changed, and only the changed prompt after an edit', async () => {
    polly.on(SynthesizeSpeechCommand).callsFake(() => pollyAnswer(fakePcm(0.5)));
    const prompts = staticFlowPrompts().filter((prompt) => prompt.locale === 'en-GB');
    await buildPrompts({ directory, renderer: pollyRenderer(client, retries()), prompts });
    polly.resetHistory();

    const again = await buildPrompts({ directory, renderer: pollyRenderer(client, retries()), prompts });
    const edited = prompts.map((prompt) =>
      prompt.name === 'goodbye' ? { ...prompt, ssml: '<speak><s>Bye for now.</s></speak>' } : prompt,
    );
    const afterEdit = await buildPrompts({
      directory,
      renderer: pollyRenderer(client, retries()),
      prompts: edited,
    });

    expect(again.rendered).toEqual([]);
    expect(again.skipped).toHaveLength(prompts.length);
    expect(afterEdit.rendered).toEqual(['en-GB/goodbye.wav']);
    expect(polly.commandCalls(SynthesizeSpeechCommand).map((call) => call.args[0].input.Text)).toEqual([
      '<speak><s>Bye for now.</s></speak>',
    ]);
  });

  it('renders a prompt again when its file is gone, and deletes the file of a prompt the flows no longer have', async () => {
    polly.on(SynthesizeSpeechCommand).callsFake(() => pollyAnswer(fakePcm(0.5)));
    const prompts = staticFlowPrompts().filter((prompt) => prompt.file === 'en-GB/goodbye.wav');
    await buildPrompts({ directory, renderer: pollyRenderer(client, retries()), prompts });
    const manifestFile = join(directory, 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestFile, 'utf8'));
    const retired = { ...manifest['en-GB/goodbye.wav'] };
    await writeFile(manifestFile, JSON.stringify({ ...manifest, 'en-GB/retired.wav': retired }));
    await writeFile(join(directory, 'en-GB', 'retired.wav'), 'an old recording');
    await rm(join(directory, 'en-GB', 'goodbye.wav'));

    const result = await buildPrompts({ directory, renderer: pollyRenderer(client, retries()), prompts });

    expect(result.rendered).toEqual(['en-GB/goodbye.wav']);
    expect(result.removed).toEqual(['en-GB/retired.wav']);
    await expect(readFile(join(directory, 'en-GB', 'retired.wav'))).rejects.toThrow(/ENOENT/);
    expect(Object.keys(JSON.parse(await readFile(manifestFile, 'utf8')))).toEqual(['en-GB/goodbye.wav']);
  });

  it('waits and tries again when Polly throttles, and says so', async () => {
    polly
      .on(SynthesizeSpeechCommand)
      .rejectsOnce(new ThrottlingException({ message: 'Rate exceeded', $metadata: { httpStatusCode: 400 } }))
      .rejectsOnce(new ThrottlingException({ message: 'Rate exceeded', $metadata: { httpStatusCode: 400 } }))
      .callsFake(() => pollyAnswer(fakePcm(0.5)));
    const retry = retries();
    const prompts = staticFlowPrompts().filter((prompt) => prompt.file === 'en-GB/goodbye.wav');

    const result = await buildPrompts({ directory, renderer: pollyRenderer(client, retry), prompts });

    expect(result.rendered).toEqual(['en-GB/goodbye.wav']);
    expect(polly.commandCalls(SynthesizeSpeechCommand)).toHaveLength(3);
    expect(retry.seen).toEqual(['ThrottlingException, try 2', 'ThrottlingException, try 3']);
  });

  it('stops at once on an error a retry cannot mend, keeping what was rendered before it', async () => {
    const prompts = staticFlowPrompts()
      .filter((prompt) => prompt.locale === 'en-GB')
      .slice(0, 2);
    polly
      .on(SynthesizeSpeechCommand)
      .resolvesOnce(pollyAnswer(fakePcm(0.5)))
      .rejects(
        new InvalidSsmlException({ message: 'Invalid SSML request', $metadata: { httpStatusCode: 400 } }),
      );
    const retry = retries();

    await expect(
      buildPrompts({ directory, renderer: pollyRenderer(client, retry), prompts }),
    ).rejects.toThrow('Invalid SSML request');

    expect(polly.commandCalls(SynthesizeSpeechCommand)).toHaveLength(2);
    expect(retry.seen).toEqual([]);
    const manifest = JSON.parse(await readFile(join(directory, 'manifest.json'), 'utf8'));
    expect(Object.keys(manifest)).toEqual([prompts[0]?.file]);
  });
});

describe('ivr prompts build: what it needs', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  /** No region and no credentials anywhere the SDK looks, and no instance metadata to wait for. */
  function withoutAws(): void {
    for (const name of [
      'AWS_REGION',
      'AWS_DEFAULT_REGION',
      'AWS_PROFILE',
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_TOKEN',
      'AWS_WEB_IDENTITY_TOKEN_FILE',
      'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
      'AWS_CONTAINER_CREDENTIALS_FULL_URI',
    ]) {
      vi.stubEnv(name, undefined);
    }
    vi.stubEnv('AWS_CONFIG_FILE', '/nonexistent/config');
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', '/nonexistent/credentials');
    vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
  }

  it('says that a region is missing, and that --local needs none', async () => {
    withoutAws();

    await expect(reachablePolly()).rejects.toThrow(
      'no AWS region: set AWS_REGION (or a profile with a region); or use --local to render with espeak-ng without AWS',
    );
  });

  it('says that credentials are missing, and that --local needs none', async () => {
    withoutAws();
    vi.stubEnv('AWS_REGION', 'eu-west-2');

    await expect(reachablePolly()).rejects.toThrow(
      /^no AWS credentials .*; or use --local to render with espeak-ng without AWS$/,
    );
  });

  it('says plainly that --local needs espeak-ng and sox when they are not installed', async () => {
    vi.stubEnv('PATH', '/nonexistent');

    await expect(requireAudioTools('--local')).rejects.toThrow(
      '--local needs espeak-ng and sox, which are not installed (Debian: apt-get install espeak-ng sox)',
    );
  });
});

describe('ivr prompts build --local', () => {
  it('renders with espeak-ng, resampled by sox to 8 kHz 16-bit mono, and skips it the second time', async () => {
    await requireAudioTools('this test');
    const prompts = staticFlowPrompts().filter(
      (prompt) => prompt.file === 'en-GB/goodbye.wav' || prompt.file === 'ar-AE/holding.wav',
    );

    const first = await buildPrompts({ directory, renderer: espeakRenderer(), prompts });
    const second = await buildPrompts({ directory, renderer: espeakRenderer(), prompts });

    expect(first.rendered).toEqual(['en-GB/goodbye.wav', 'ar-AE/holding.wav']);
    expect(second.skipped).toEqual(first.rendered);
    for (const file of first.rendered) {
      const wav = parseWav(await readFile(join(directory, file)));
      expect(wav).toMatchObject({ sampleRate: 8000, channels: 1, bitsPerSample: 16 });
      // Words, not a click: espeak-ng says the shortest of these prompts in well over half a second.
      expect(wav.seconds).toBeGreaterThan(0.5);
    }
    expect(polly.commandCalls(SynthesizeSpeechCommand)).toEqual([]);
  }, 30_000);
});
