import { describe, expect, it } from 'vitest';
import { pause, prosody, sayAs, sentence, speak } from '#lib/speech/ssml.ts';
import { parseSsml, SsmlError } from '#lib/speech/ssml-check.ts';

describe('speak', () => {
  it('writes a document of sentences, say-as, breaks and prosody', () => {
    const ssml = speak(
      'neural',
      sentence('Order ', sayAs('digits', '1000'), pause(250), sayAs('digits', '0001'), '.'),
      sentence(prosody('90%', 'Thank you.')),
    );

    expect(ssml).toMatchInlineSnapshot(
      `"<speak><s>Order <say-as interpret-as="digits">1000</say-as><break time="250ms"/><say-as interpret-as="digits">0001</say-as>.</s><s><prosody rate="90%">Thank you.</prosody></s></speak>"`,
    );
  });

  it('escapes &, <, > and quotes in text', () => {
    const ssml = speak('neural', `Fish & Chips <Deluxe> "Large" plate, 'Ocean' range`);

    expect(ssml).toBe(
      '<speak>Fish &amp; Chips &lt;Deluxe&gt; &quot;Large&quot; plate, &apos;Ocean&apos; range</speak>',
    );
  });

  it('keeps Arabic, Devanagari and emoji as they are', () => {
    const text = 'عطر العود الملكي ١٠٠ مل · पश्मीना शॉल · Hilsa spice 🐟🌶️';

    expect(speak('neural', text)).toBe(`<speak>${text}</speak>`);
  });

  it('reads SSML in the input as text, not as tags', () => {
    const input = '<break time="10s"/></speak><speak>';

    const ssml = speak('neural', sentence(input));

    expect(parseSsml(ssml).children).toEqual([{ tag: 's', attributes: {}, children: [input] }]);
  });

  it('drops characters XML 1.0 does not allow', () => {
    const ssml = speak('neural', 'Ali\u0000ce\u0008 \uD800Bob\uFFFE\u001F');

    expect(ssml).toBe('<speak>Alice Bob</speak>');
  });

  it('refuses to build what the engine would reject', () => {
    expect(() => speak('neural', sayAs('characters', 'TCS'))).toThrow(SsmlError);
    expect(() => speak('generative', prosody('slow', 'Hello.'))).toThrow(
      'generative voices take <prosody> only around whole sentences',
    );
  });

  it('builds for a generative voice when prosody wraps whole sentences', () => {
    expect(() => speak('generative', prosody('slow', sentence('Hello.')))).not.toThrow();
  });
});
