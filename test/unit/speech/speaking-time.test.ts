import { describe, expect, it } from 'vitest';
import { speakingSeconds } from '#lib/speech/speaking-time.ts';

describe('speakingSeconds', () => {
  it('counts words at the pace of the locale’s voice', () => {
    const english = speakingSeconds('<speak>one two three four five six seven eight</speak>', 'en-GB');
    const arabic = speakingSeconds('<speak>واحد اثنان ثلاثة أربعة خمسة ستة سبعة ثمانية</speak>', 'ar-AE');

    expect(english).toBe(2.5);
    expect(arabic).toBeGreaterThan(english);
  });

  it('counts say-as digits one by one', () => {
    const ssml = '<speak><say-as interpret-as="digits">10000001</say-as></speak>';

    expect(speakingSeconds(ssml, 'en-GB')).toBe(2.5);
  });

  it('counts a number as the words it is spoken as', () => {
    expect(speakingSeconds('<speak>12,499</speak>', 'en-GB')).toBe(
      speakingSeconds('<speak>a b c d e f</speak>', 'en-GB'),
    );
    expect(speakingSeconds('<speak>2000</speak>', 'en-GB')).toBe(
      speakingSeconds('<speak>a b</speak>', 'en-GB'),
    );
  });

  it('spells out a short capitalised name letter by letter', () => {
    expect(speakingSeconds('<speak>TCS</speak>', 'en-GB')).toBe(
      speakingSeconds('<speak>a b c</speak>', 'en-GB'),
    );
  });

  it('adds breaks and the pauses between sentences, but not the silence at the end', () => {
    const words = speakingSeconds('<speak>one two</speak>', 'en-GB');

    expect(speakingSeconds('<speak>one <break time="2s"/>two</speak>', 'en-GB')).toBeCloseTo(words + 2, 2);
    expect(speakingSeconds('<speak><s>one.</s><s>two.</s></speak>', 'en-GB')).toBeCloseTo(words + 0.35, 2);
    expect(speakingSeconds('<speak>one, two.</speak>', 'en-GB')).toBeCloseTo(words + 0.15, 2);
  });

  it('takes longer at a slower rate', () => {
    const normal = speakingSeconds('<speak>one two three four</speak>', 'en-GB');

    expect(
      speakingSeconds('<speak><prosody rate="50%">one two three four</prosody></speak>', 'en-GB'),
    ).toBeCloseTo(normal * 2, 2);
  });

  it('counts nothing for emoji and punctuation', () => {
    expect(speakingSeconds('<speak>🐟🌶️ — …</speak>', 'en-GB')).toBe(0);
  });
});
