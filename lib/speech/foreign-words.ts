/**
 * Words in another script than the voice's: a first name or a courier from the shop's database ("فاطمة" on an
 * order of the Dubai line, "Aramex" in an Arabic sentence), and the offer of the other language at the end of a
 * menu ("For English, press 9." in an Arabic one). A voice reads its own script. Polly's fully bilingual voices
 * read their second language's script when the words are marked with `<lang xml:lang>` (Kajal: Indian English
 * and Hindi; Hala: Gulf Arabic and English), and any voice says Latin-script words the English way when they
 * are marked as English (Polly's "accented bilingual" reading, which every engine accepts). No voice of ours
 * reads a script of a language it does not speak: Amy says no Arabic and no Devanagari. Words a voice cannot
 * say are left out, and the sentence that needed them gives way to one without them.
 */
import type { Locale } from '#lib/markets.ts';
import { lang, type SsmlElement, type SsmlNode, sentence } from '#lib/speech/ssml.ts';

type Script = 'Latin' | 'Arabic' | 'Devanagari';

const LETTER_OF: Readonly<Record<Script, RegExp>> = {
  Latin: /\p{Script=Latin}/u,
  Arabic: /\p{Script=Arabic}/u,
  Devanagari: /\p{Script=Devanagari}/u,
};

/** The script of each locale's catalogue and voice. */
const SCRIPT_OF: Readonly<Record<Locale, Script>> = {
  'en-GB': 'Latin',
  'en-IN': 'Latin',
  'hi-IN': 'Devanagari',
  'ar-AE': 'Arabic',
};

/** The other scripts each locale's voice says, and the language their words are marked with. */
const ALSO_READS: Readonly<Record<Locale, Partial<Record<Script, string>>>> = {
  'en-GB': {},
  'en-IN': { Devanagari: 'hi-IN' },
  'hi-IN': { Latin: 'en-IN' },
  'ar-AE': { Latin: 'en-GB' },
};

/**
 * Text from the database as the voice of `locale` can say it: as it is in the voice's script, marked with
 * `<lang>` in a script the voice also reads; undefined when it is empty, has no letters, mixes scripts, or is
 * in a script the voice cannot say.
 */
export function sayable(text: string | null | undefined, locale: Locale): SsmlNode | undefined {
  const trimmed = text?.trim();
  if (!trimmed) return undefined;
  const script = scriptOf(trimmed);
  if (script === undefined) return undefined;
  if (script === SCRIPT_OF[locale]) return trimmed;
  const language = ALSO_READS[locale][script];
  return language ? lang(language, trimmed) : undefined;
}

/**
 * Sentences of the catalogue of `language` as the voice of `voice` says them: as they are in its own script,
 * each marked with `<lang>` in a script it also reads; undefined when it cannot say them.
 */
export function sentencesFor(
  sentences: readonly SsmlElement[],
  language: Locale,
  voice: Locale,
): SsmlElement[] | undefined {
  const script = SCRIPT_OF[language];
  if (script === SCRIPT_OF[voice]) return [...sentences];
  const marked = ALSO_READS[voice][script];
  if (!marked) return undefined;
  return sentences.map((each) => sentence(lang(marked, ...each.children)));
}

/** The one script of the text's letters; undefined when it has none, or letters of two scripts or another. */
function scriptOf(text: string): Script | undefined {
  const scripts = new Set<Script | 'other'>();
  for (const [letter] of text.matchAll(/\p{L}/gu)) {
    scripts.add(
      (Object.keys(LETTER_OF) as Script[]).find((script) => LETTER_OF[script].test(letter)) ?? 'other',
    );
  }
  const [only] = scripts;
  return scripts.size === 1 && only !== 'other' ? only : undefined;
}
