/**
 * The message catalogues (prompts/<locale>.json): plain text with typed placeholders such as {date} or
 * {orderNumber}, never SSML. A message that depends on a count holds one text per plural category of its
 * language. Rendering fills the placeholders with builder nodes and cuts the text into sentences.
 */

import type { Locale } from '#lib/markets.ts';
import { type PluralForms, pluralForm } from '#lib/speech/plural.ts';
import { type SsmlElement, type SsmlNode, sentence } from '#lib/speech/ssml.ts';
import arAE from '../../prompts/ar-AE.json' with { type: 'json' };
import enGB from '../../prompts/en-GB.json' with { type: 'json' };
import enIN from '../../prompts/en-IN.json' with { type: 'json' };
import hiIN from '../../prompts/hi-IN.json' with { type: 'json' };

export type MessageKey = keyof typeof enGB;

/** What fills a message's placeholders: text (escaped when written) or SSML nodes. */
export type MessageValues = Readonly<Record<string, SsmlNode | readonly SsmlNode[]>>;

const CATALOGUES: Readonly<Record<Locale, Readonly<Record<MessageKey, string | PluralForms>>>> = {
  'en-GB': enGB,
  'en-IN': enIN,
  'hi-IN': hiIN,
  'ar-AE': arAE,
};

/**
 * The message `key` of `locale` as sentences, its placeholders filled from `values`. A message with plural
 * forms takes the form `count` calls for, and `count` fills its {count}.
 */
export function renderMessage(
  locale: Locale,
  key: MessageKey,
  values: MessageValues = {},
  count?: number,
): SsmlElement[] {
  const message = CATALOGUES[locale][key];
  if (typeof message === 'string') return sentences(message, values, key);
  if (count === undefined) throw new Error(`the message ${key} needs a count`);
  return sentences(pluralForm(message, count, locale), { ...values, count: String(count) }, key);
}

/** One wording of a message as its catalogue writes it: the message, or one of its plural forms. */
export interface Wording {
  key: MessageKey;
  /** The plural category this wording is for, when the message depends on a count. */
  form?: Intl.LDMLPluralRule;
  text: string;
}

/** Every wording of every message of `locale`. */
export function wordings(locale: Locale): Wording[] {
  return Object.entries(CATALOGUES[locale]).flatMap(([key, message]) =>
    typeof message === 'string'
      ? [{ key: key as MessageKey, text: message }]
      : Object.entries(message).map(([form, text]) => ({
          key: key as MessageKey,
          form: form as Intl.LDMLPluralRule,
          text: text as string,
        })),
  );
}

/** The sentences a wording is said as, its placeholders left as they are: as renderMessage cuts it. */
export function sentencesOfWording(text: string): string[] {
  return text.split(SENTENCE_BREAK).filter((piece) => piece.trim());
}

const PLACEHOLDER = /\{(\w+)\}/;
/** Danda (।) ends a Hindi sentence, ؟ an Arabic question. */
const SENTENCE_BREAK = /(?<=[.?!।؟])\s+/;

function sentences(template: string, values: MessageValues, key: string): SsmlElement[] {
  const result: SsmlNode[][] = [[]];
  const current = () => result[result.length - 1] ?? [];
  // Splitting on a pattern with a group leaves the placeholder names at the odd positions.
  template.split(PLACEHOLDER).forEach((part, index) => {
    if (index % 2 === 1) {
      const value = values[part];
      if (value === undefined) throw new Error(`the message ${key} needs a value for {${part}}`);
      current().push(...(Array.isArray(value) ? value : [value]));
      return;
    }
    part.split(SENTENCE_BREAK).forEach((piece, pieceIndex) => {
      if (pieceIndex > 0) result.push([]);
      if (piece) current().push(piece);
    });
  });
  return result.filter((children) => children.length > 0).map((children) => sentence(...children));
}
