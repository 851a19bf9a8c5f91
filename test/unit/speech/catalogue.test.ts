import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOCALES, type Locale } from '#lib/markets.ts';
import { renderMessage } from '#lib/speech/catalogue.ts';
import { sayAs } from '#lib/speech/ssml.ts';

type Catalogue = Record<string, string | Record<string, string>>;

function catalogue(locale: Locale): Catalogue {
  return JSON.parse(readFileSync(new URL(`../../../prompts/${locale}.json`, import.meta.url), 'utf8'));
}

function placeholders(message: string | Record<string, string>): string[] {
  const texts = typeof message === 'string' ? [message] : Object.values(message);
  const names = texts.flatMap((text) => [...text.matchAll(/\{(\w+)\}/g)].map(([, name = '']) => name));
  return [...new Set(names)].sort();
}

const reference = catalogue('en-GB');

describe('the message catalogues', () => {
  it.each(LOCALES)('%s has exactly the keys of en-GB', (locale) => {
    expect(Object.keys(catalogue(locale)).sort()).toEqual(Object.keys(reference).sort());
  });

  it.each(LOCALES)('%s uses the same placeholders as en-GB in every message', (locale) => {
    const messages = catalogue(locale);
    for (const [key, message] of Object.entries(messages)) {
      expect({ key, placeholders: placeholders(message) }).toEqual({
        key,
        placeholders: placeholders(reference[key] ?? ''),
      });
    }
  });

  it.each(LOCALES)('%s has a form for every plural category of its language', (locale) => {
    const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
    for (const [key, message] of Object.entries(catalogue(locale))) {
      if (typeof message === 'string') continue;
      expect({ key, forms: Object.keys(message).sort() }).toEqual({ key, forms: [...categories].sort() });
    }
  });

  it.each(LOCALES)('%s holds plain text, not SSML', (locale) => {
    for (const message of Object.values(catalogue(locale))) {
      const texts = typeof message === 'string' ? [message] : Object.values(message);
      for (const text of texts) expect(text).not.toMatch(/[<>&]/);
    }
  });
});

describe('renderMessage', () => {
  it('fills placeholders with nodes and cuts the text into sentences', () => {
    const sentences = renderMessage('en-GB', 'askLastFourDigits', { orderEnding: [sayAs('digits', '0001')] });

    expect(sentences).toEqual([
      {
        tag: 's',
        attributes: {},
        children: [
          'For your security, please key in the last four digits of the phone number on the order ending ',
          sayAs('digits', '0001'),
          '.',
        ],
      },
    ]);
  });

  it('cuts Hindi sentences at the danda', () => {
    const sentences = renderMessage('hi-IN', 'error');

    expect(sentences.map((sentence) => sentence.children)).toEqual([
      ['माफ़ कीजिए, कुछ गड़बड़ हो गई।'],
      ['एजेंट से बात करने के लिए कृपया लाइन पर बने रहें।'],
    ]);
  });

  it('takes the plural form the count calls for', () => {
    expect(renderMessage('ar-AE', 'otherOrders', {}, 2)[0]?.children).toEqual(['لديك طلبان آخران.']);
    expect(renderMessage('ar-AE', 'otherOrders', {}, 5)[0]?.children).toEqual(['لديك ', '5', ' طلبات أخرى.']);
    expect(renderMessage('ar-AE', 'otherOrders', {}, 11)[0]?.children).toEqual(['لديك ', '11', ' طلبًا آخر.']);
    expect(renderMessage('en-GB', 'otherOrders', {}, 1)[0]?.children).toEqual(['You have one other order.']);
  });

  it('refuses a message whose placeholder has no value', () => {
    expect(() => renderMessage('en-GB', 'greeting')).toThrow(
      'the message greeting needs a value for {firstName}',
    );
  });
});
