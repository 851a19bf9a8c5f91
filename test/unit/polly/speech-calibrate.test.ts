import { PollyClient, SynthesizeSpeechCommand, ThrottlingException } from '@aws-sdk/client-polly';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Locale } from '#lib/markets.ts';
import { calibrationSamples, measuredSentences, SpeechMarksError } from '#lib/speech/calibration.ts';
import { wordings } from '#lib/speech/catalogue.ts';
import { flowPromptSsml } from '#lib/speech/index.ts';
import {
  checkedInDurations,
  type DurationsFile,
  MeasuredDurations,
  NO_MEASUREMENTS,
} from '#lib/speech/measured-durations.ts';
import type { RetryPolicy } from '#lib/speech/polly.ts';
import { speakingSeconds, textOf } from '#lib/speech/speaking-time.ts';
import { fakeSentenceSeconds, fakeSpeechMarks, pollyAnswer } from '#test/factories/polly.ts';
import { calibrate } from '../../../cli/speech.ts';

const polly = mockClient(PollyClient);
const client = new PollyClient({
  region: 'eu-west-2',
  credentials: { accessKeyId: 'AKIA', secretAccessKey: 's' },
});
const NOW = new Date('2026-11-29T12:00:00Z');

function retries(): RetryPolicy & { seen: string[] } {
  const seen: string[] = [];
  return {
    retries: 3,
    firstDelayMs: 1,
    onRetry: ({ error, attempt }) => seen.push(`${error.name}, try ${attempt}`),
    seen,
  };
}

function answerWithFakeMarks(): void {
  polly
    .on(SynthesizeSpeechCommand)
    .callsFake((input: { Text: string }) => pollyAnswer(fakeSpeechMarks(input.Text)));
}

async function calibrated(locales: Locale[]) {
  return calibrate({ client, retry: retries(), locales, previous: {}, now: NOW });
}

beforeEach(() => {
  polly.reset();
});

describe('ivr speech calibrate', () => {
  it("asks Polly for the sentence, word and mark times of every wording of every message, in the locale's voice", async () => {
    answerWithFakeMarks();

    await calibrated(['ar-AE']);

    const inputs = polly.commandCalls(SynthesizeSpeechCommand).map((call) => call.args[0].input);
    expect(inputs).toHaveLength(wordings('ar-AE').length);
    expect(inputs.map((input) => input.Text)).toEqual(
      calibrationSamples('ar-AE').map((sample) => sample.ssml),
    );
    for (const input of inputs) {
      expect(input).toMatchObject({
        VoiceId: 'Hala',
        Engine: 'neural',
        LanguageCode: 'ar-AE',
        OutputFormat: 'json',
        TextType: 'ssml',
      });
      expect(input.SpeechMarkTypes).toEqual(expect.arrayContaining(['sentence', 'word']));
    }
  });

  it('stores how long Polly took over each sentence, from its start to its end, with the voice measured', async () => {
    answerWithFakeMarks();

    const file = await calibrated(['en-GB']);

    expect(file['en-GB']).toMatchObject({
      voiceId: 'Amy',
      engine: 'neural',
      languageCode: 'en-GB',
      measuredAt: NOW.toISOString(),
    });
    const late = file['en-GB']?.sentences.filter((sentence) => sentence.message === 'late.SHIPPED.carrier');
    expect(late).toEqual([
      expect.objectContaining({
        template: 'Sorry, your order is late.',
        sample: 'Sorry, your order is late.',
        seconds: fakeSentenceSeconds(5),
      }),
      expect.objectContaining({
        template: 'It was due {date}, and is still with {carrier}.',
        sample: 'It was due on Thursday, and is still with Aramex.',
        seconds: fakeSentenceSeconds(10),
      }),
    ]);
    const plural = file['en-GB']?.sentences.filter((sentence) => sentence.message.startsWith('otherOrders.'));
    expect(plural?.map((sentence) => sentence.message)).toEqual(['otherOrders.one', 'otherOrders.other']);
  });

  it('waits and asks again when Polly throttles, and says so', async () => {
    polly
      .on(SynthesizeSpeechCommand)
      .rejectsOnce(new ThrottlingException({ message: 'Rate exceeded', $metadata: { httpStatusCode: 400 } }))
      .callsFake((input: { Text: string }) => pollyAnswer(fakeSpeechMarks(input.Text)));
    const retry = retries();

    const file = await calibrate({ client, retry, locales: ['en-GB'], previous: {}, now: NOW });

    expect(retry.seen).toEqual(['ThrottlingException, try 2']);
    expect(polly.commandCalls(SynthesizeSpeechCommand)).toHaveLength(wordings('en-GB').length + 1);
    expect(file['en-GB']?.sentences.length).toBeGreaterThan(wordings('en-GB').length);
  });

  it('keeps the measurements of the locales it was not asked to measure again', async () => {
    answerWithFakeMarks();
    const earlier = await calibrated(['ar-AE']);

    const file = await calibrate({
      client,
      retry: retries(),
      locales: ['en-GB'],
      previous: earlier,
      now: NOW,
    });

    expect(file['ar-AE']).toEqual(earlier['ar-AE']);
    expect(file['en-GB']?.voiceId).toBe('Amy');
  });
});

describe('measuredSentences', () => {
  const [lateSample] = calibrationSamples('en-GB').filter(
    (sample) => sample.wording.key === 'late.SHIPPED.carrier',
  );
  if (!lateSample) throw new Error('no late.SHIPPED.carrier sample');

  it('measures a sentence from its start to its end mark when Polly hears two sentences in it', () => {
    const marks = [
      { time: 0, type: 'sentence', value: 'Sorry,' },
      { time: 600, type: 'sentence', value: 'your order is late.' },
      { time: 1500, type: 'ssml', value: 'end-0' },
      { time: 1900, type: 'sentence', value: 'It was due on Thursday, and is still with Aramex.' },
      { time: 4400, type: 'ssml', value: 'end-1' },
    ] as const;

    const sentences = measuredSentences(lateSample, 'en-GB', [...marks]);

    expect(sentences.map((sentence) => sentence.seconds)).toEqual([1.5, 2.5]);
  });

  it('says which message lacks a mark rather than storing a guess', () => {
    const marks = [
      { time: 0, type: 'sentence', value: 'Sorry, your order is late.' },
      { time: 1500, type: 'ssml', value: 'end-0' },
    ] as const;

    expect(() => measuredSentences(lateSample, 'en-GB', [...marks])).toThrow(SpeechMarksError);
    expect(() => measuredSentences(lateSample, 'en-GB', [...marks])).toThrow(
      "en-GB late.SHIPPED.carrier: Polly's marks give no start and end for sentence 2",
    );
  });
});

describe('speakingSeconds with measured durations', () => {
  it('takes the measured time of a static prompt, and adds the pauses between its sentences', async () => {
    answerWithFakeMarks();
    const measured = new MeasuredDurations(await calibrated(['en-GB']));
    const goodbye = flowPromptSsml('goodbye', 'en-GB');
    const sentences =
      calibrationSamples('en-GB').find((sample) => sample.wording.key === 'goodbye')?.sentences ?? [];
    const words = sentences.map(({ sample }) => textOf(sample).split(/\s+/).filter(Boolean).length);
    const expected =
      words.reduce((sum, count) => sum + fakeSentenceSeconds(count), 0) + 0.35 * (words.length - 1);

    expect(speakingSeconds(goodbye, 'en-GB', measured)).toBeCloseTo(expected, 2);
    expect(speakingSeconds(goodbye, 'en-GB', measured)).not.toBeCloseTo(
      speakingSeconds(goodbye, 'en-GB', NO_MEASUREMENTS),
      2,
    );
  });

  it('scales a measured sentence by how much longer its filled placeholders are than the sample', async () => {
    answerWithFakeMarks();
    const measured = new MeasuredDurations(await calibrated(['en-GB']));
    const sample = '<speak><s>It was due on Thursday, and is still with Aramex.</s></speak>';
    const longer =
      '<speak><s>It was due on Wednesday the 25th of November, and is still with Royal Mail.</s></speak>';
    const ratio =
      speakingSeconds(longer, 'en-GB', NO_MEASUREMENTS) / speakingSeconds(sample, 'en-GB', NO_MEASUREMENTS);

    expect(speakingSeconds(sample, 'en-GB', measured)).toBeCloseTo(fakeSentenceSeconds(10), 2);
    expect(speakingSeconds(longer, 'en-GB', measured)).toBeCloseTo(fakeSentenceSeconds(10) * ratio, 1);
  });

  it('picks the catalogue sentence with the most fixed words when a placeholder could swallow others', () => {
    const sentence = (template: string) => ({
      message: 'retry',
      template,
      sample: template,
      seconds: 1,
      estimatedSeconds: 1,
    });
    const measured = new MeasuredDurations({
      'en-GB': {
        voiceId: 'Amy',
        engine: 'neural',
        languageCode: 'en-GB',
        measuredAt: NOW.toISOString(),
        // "{carrier} will try again {date}." matches "We will try again tomorrow." too, with "We" as the carrier.
        sentences: [sentence('{carrier} will try again {date}.'), sentence('We will try again {date}.')],
      },
    });

    expect(measured.find('en-GB', 'We will try again tomorrow.')?.template).toBe('We will try again {date}.');
    expect(measured.find('en-GB', 'TCS will try again tomorrow.')?.template).toBe(
      '{carrier} will try again {date}.',
    );
  });

  it('estimates what no catalogue sentence matches, and whatever a voice not measured says', async () => {
    answerWithFakeMarks();
    const file = await calibrated(['en-GB']);
    const otherVoice = new MeasuredDurations({
      'en-GB': { ...file['en-GB'], voiceId: 'Brian' } as DurationsFile['en-GB'],
    });
    const goodbye = flowPromptSsml('goodbye', 'en-GB');
    const unknown = '<speak><s>Nothing in the catalogue says this.</s></speak>';

    expect(speakingSeconds(unknown, 'en-GB', new MeasuredDurations(file))).toBe(
      speakingSeconds(unknown, 'en-GB', NO_MEASUREMENTS),
    );
    expect(speakingSeconds(goodbye, 'en-GB', otherVoice)).toBe(
      speakingSeconds(goodbye, 'en-GB', NO_MEASUREMENTS),
    );
  });

  it('reads the checked-in prompts/speech-durations.json', () => {
    expect(checkedInDurations()).toBeInstanceOf(MeasuredDurations);
  });
});
