import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOCALES, type Locale } from '#lib/markets.ts';
import { renderMessage } from '#lib/speech/catalogue.ts';
import { sayAs } from '#lib/speech/ssml.ts';
import arabicBot from '../../../bots/locales/ar_AE.json' with { type: 'json' };

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

function textsOf(messages: Catalogue): string[] {
  return Object.values(messages).flatMap((message) =>
    typeof message === 'string' ? [message] : Object.values(message),
  );
}

/** What the Arabic voice says to the caller: the catalogue and the bot's questions. */
const ARABIC_TEXTS = [
  ...textsOf(catalogue('ar-AE')),
  ...Object.values(arabicBot.intents).flatMap((intent) =>
    Object.values((intent as { slotPrompts?: Record<string, string> }).slotPrompts ?? {}),
  ),
];

/** Imperatives to one man, and adjectives and verbs of "you" in the masculine, that prompts once had. */
const MASCULINE_FORMS = [
  'اضغط',
  'ابقَ',
  'ابق',
  'أدخل',
  'دخله',
  'قل',
  'تقدر',
  'تبغى',
  'تذهب',
  'تكن',
  'كنت',
  'راضيًا',
];
/** Words ending in ك that are not "you": "that". */
const NOT_YOU = ['ذلك', 'تلك'];

/** Hindi words of Sanskrit that Urdu speakers do not use, and greetings of one faith. */
const NOT_HINDUSTANI = ['कृपया', 'धन्यवाद', 'नमस्ते', 'संतुष्ट', 'उपलब्ध', 'व्यस्त', 'सुरक्षा', 'जानकारी', 'अंक', 'समय'];

describe('the words of each language', () => {
  it('address an Arabic caller with no masculine-only form: no imperative to a man, no "you" suffix Hala says as -ak', () => {
    for (const text of ARABIC_TEXTS) {
      const words = text.split(/[\s.,،؟?!:]+/).filter(Boolean);
      expect({ text, masculine: words.filter((word) => MASCULINE_FORMS.includes(word)) }).toEqual({
        text,
        masculine: [],
      });
      expect({ text, you: words.filter((word) => word.endsWith('ك') && !NOT_YOU.includes(word)) }).toEqual({
        text,
        you: [],
      });
    }
  });

  it('give Hindi callers, of the Pakistan line too, the Hindustani words Urdu speakers share', () => {
    for (const text of textsOf(catalogue('hi-IN'))) {
      expect({ text, words: NOT_HINDUSTANI.filter((word) => text.includes(word)) }).toEqual({
        text,
        words: [],
      });
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
      ['एजेंट से बात करने के लिए लाइन पर रहिए।'],
    ]);
  });

  it('takes the plural form the count calls for', () => {
    expect(renderMessage('ar-AE', 'otherOrders', {}, 2)[0]?.children).toEqual(['يوجد طلبان آخران.']);
    expect(renderMessage('ar-AE', 'otherOrders', {}, 5)[0]?.children).toEqual(['توجد ', '5', ' طلبات أخرى.']);
    expect(renderMessage('ar-AE', 'otherOrders', {}, 11)[0]?.children).toEqual(['يوجد ', '11', ' طلبًا آخر.']);
    expect(renderMessage('en-GB', 'otherOrders', {}, 1)[0]?.children).toEqual(['You have one other order.']);
  });

  it('refuses a message whose placeholder has no value', () => {
    expect(() => renderMessage('en-GB', 'greeting')).toThrow(
      'the message greeting needs a value for {firstName}',
    );
  });
});
