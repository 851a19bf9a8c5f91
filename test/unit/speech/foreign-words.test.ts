import { describe, expect, it } from 'vitest';
import { renderMessage } from '#lib/speech/catalogue.ts';
import { sayable, sentencesFor } from '#lib/speech/foreign-words.ts';
import { lang, sentence, speak } from '#lib/speech/ssml.ts';
import { checkSsml } from '#lib/speech/ssml-check.ts';

describe('a name from the shop’s data', () => {
  it('is said as it is in the script of the voice', () => {
    expect(sayable('Oliver', 'en-GB')).toBe('Oliver');
    expect(sayable(' فاطمة ', 'ar-AE')).toBe('فاطمة');
    expect(sayable('सीता', 'hi-IN')).toBe('सीता');
    expect(sayable('Zoë O’Brien-Smith', 'en-GB')).toBe('Zoë O’Brien-Smith');
  });

  it('is marked with <lang> where the voice also reads its script', () => {
    expect(sayable('Yousef', 'ar-AE')).toEqual(lang('en-GB', 'Yousef'));
    expect(sayable('Ayesha', 'hi-IN')).toEqual(lang('en-IN', 'Ayesha'));
    expect(sayable('सीता', 'en-IN')).toEqual(lang('hi-IN', 'सीता'));
  });

  it('is left out where the voice cannot say its script: Amy reads no Arabic or Devanagari', () => {
    expect(sayable('فاطمة', 'en-GB')).toBeUndefined();
    expect(sayable('सीता', 'en-GB')).toBeUndefined();
    expect(sayable('فاطمة', 'hi-IN')).toBeUndefined();
    expect(sayable('सीता', 'ar-AE')).toBeUndefined();
  });

  it.each([null, undefined, '', '   ', '12345', '📦', 'Fatima فاطمة', 'Мария'])(
    'is left out when it is %j: no letters, two scripts, or a script no voice of ours reads',
    (text) => {
      expect(sayable(text, 'en-GB')).toBeUndefined();
    },
  );

  it('makes SSML the neural voices accept', () => {
    const name = sayable('Yousef', 'ar-AE');
    expect(() => checkSsml(speak('neural', sentence('مرحبًا ', name ?? '')), 'neural')).not.toThrow();
  });
});

describe('sentences of another catalogue', () => {
  it('are marked sentence by sentence with the language the voice says them in', () => {
    const english = renderMessage('en-GB', 'languageOffer');

    expect(sentencesFor(english, 'en-GB', 'ar-AE')).toEqual([
      sentence(lang('en-GB', 'For English, press 9.')),
    ]);
    expect(sentencesFor(renderMessage('hi-IN', 'languageOffer'), 'hi-IN', 'en-IN')).toEqual([
      sentence(lang('hi-IN', 'हिंदी या उर्दू के लिए 9 दबाएँ।')),
    ]);
  });

  it('are left as they are in a voice of the same script, and refused by a voice that cannot say them', () => {
    expect(sentencesFor(renderMessage('en-IN', 'languageOffer'), 'en-IN', 'en-GB')).toEqual(
      renderMessage('en-IN', 'languageOffer'),
    );
    expect(sentencesFor(renderMessage('ar-AE', 'languageOffer'), 'ar-AE', 'en-GB')).toBeUndefined();
  });
});
