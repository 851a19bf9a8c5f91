/**
 * A strict reader for the SSML we send to Amazon Polly, and the check of a document against what one Polly
 * engine accepts. Polly answers a tag or attribute its engine does not support with InvalidSsmlException, and
 * Connect then takes the flow's error branch: we would rather find out here, with a message that says why.
 *
 * The reader knows the subset of XML that SSML needs (elements, attributes, text, the five named entities and
 * character references) and refuses the rest (comments, CDATA, declarations, processing instructions).
 */
import type { SsmlElement, SsmlNode } from '#lib/speech/ssml.ts';

/** A Polly engine: which SSML a voice accepts depends on it. */
export type Engine = 'standard' | 'neural' | 'generative' | 'long-form';

/** SSML that is malformed, or that the engine would reject. */
export class SsmlError extends Error {
  override name = 'SsmlError';
}

/** The document as a tree, or an SsmlError saying where it stops being well-formed XML. */
export function parseSsml(source: string): SsmlElement {
  const invalid = INVALID_XML_CHARACTER.exec(source);
  if (invalid) malformed(invalid.index, `a character XML does not allow (U+${codePoint(invalid[0])})`);
  let at = 0;

  function skipWhitespace(): boolean {
    const start = at;
    while (at < source.length && WHITESPACE.includes(source.charAt(at))) at += 1;
    return at > start;
  }

  function expect(literal: string): void {
    if (!source.startsWith(literal, at)) malformed(at, `expected "${literal}"`);
    at += literal.length;
  }

  function name(): string {
    NAME.lastIndex = at;
    const match = NAME.exec(source);
    if (!match) malformed(at, 'expected a tag or attribute name');
    at = NAME.lastIndex;
    return match[0];
  }

  /** Text up to `end` (exclusive), with its references resolved. */
  function decode(end: number): string {
    let text = '';
    while (at < end) {
      const amp = source.indexOf('&', at);
      if (amp === -1 || amp >= end) {
        text += source.slice(at, end);
        at = end;
      } else {
        text += source.slice(at, amp);
        at = amp;
        text += reference();
      }
    }
    return text;
  }

  function reference(): string {
    REFERENCE.lastIndex = at;
    const match = REFERENCE.exec(source);
    if (!match) malformed(at, 'an "&" that does not start an entity (write &amp;)');
    const [whole, entity, decimal, hex] = match;
    at += whole.length;
    if (entity) return NAMED_ENTITIES[entity] ?? '';
    const value = decimal ? Number.parseInt(decimal, 10) : Number.parseInt(hex ?? '', 16);
    const character = value <= 0x10ffff ? String.fromCodePoint(value) : '\u0000';
    if (INVALID_XML_CHARACTER.test(character)) malformed(at, `a reference to a character XML does not allow`);
    return character;
  }

  function attributeValue(): string {
    const quote = source.charAt(at);
    if (quote !== '"' && quote !== "'") malformed(at, 'expected a quoted attribute value');
    at += 1;
    const end = source.indexOf(quote, at);
    if (end === -1) malformed(at, 'an attribute value that is never closed');
    const lt = source.indexOf('<', at);
    if (lt !== -1 && lt < end) malformed(lt, 'a "<" inside an attribute value');
    const value = decode(end);
    at = end + 1;
    return value;
  }

  function element(): SsmlElement {
    expect('<');
    const tag = name();
    const attributes: Record<string, string> = {};
    for (;;) {
      const spaced = skipWhitespace();
      if (source.startsWith('/>', at)) {
        at += 2;
        return { tag, attributes, children: [] };
      }
      if (source.startsWith('>', at)) {
        at += 1;
        return { tag, attributes, children: content(tag) };
      }
      if (!spaced) malformed(at, `expected whitespace, ">" or "/>" in <${tag}>`);
      const attribute = name();
      if (Object.hasOwn(attributes, attribute)) malformed(at, `<${tag}> repeats the attribute ${attribute}`);
      skipWhitespace();
      expect('=');
      skipWhitespace();
      attributes[attribute] = attributeValue();
    }
  }

  function content(tag: string): SsmlNode[] {
    const children: SsmlNode[] = [];
    for (;;) {
      if (at >= source.length) malformed(at, `<${tag}> is never closed`);
      if (source.startsWith('</', at)) {
        at += 2;
        const closing = name();
        if (closing !== tag) malformed(at, `</${closing}> closes <${tag}>`);
        skipWhitespace();
        expect('>');
        return children;
      }
      if (source.startsWith('<!', at) || source.startsWith('<?', at)) {
        malformed(at, 'comments, CDATA, declarations and processing instructions are not part of our SSML');
      }
      if (source.startsWith('<', at)) {
        children.push(element());
      } else {
        const end = source.indexOf('<', at);
        const textEnd = end === -1 ? source.length : end;
        const cdataEnd = source.indexOf(']]>', at);
        if (cdataEnd !== -1 && cdataEnd < textEnd) malformed(cdataEnd, '"]]>" in text (write ]]&gt;)');
        children.push(decode(textEnd));
      }
    }
  }

  skipWhitespace();
  if (!source.startsWith('<', at) || /^<[!?]/.test(source.slice(at, at + 2))) {
    malformed(at, 'the document must start with its root element');
  }
  const root = element();
  skipWhitespace();
  if (at < source.length) malformed(at, 'something after the root element');
  return root;
}

/**
 * Throws an SsmlError unless `ssml` is one well-formed `<speak>` document that Polly accepts for a voice of
 * `engine`: only known tags and attributes, each supported by that engine, with valid values, within Polly's
 * size limits.
 */
export function checkSsml(ssml: string, engine: Engine): void {
  const root = parseSsml(ssml);
  if (root.tag !== 'speak') throw new SsmlError(`the document must be a <speak> element, not <${root.tag}>`);
  checkElement(root, engine, true);
  if (ssml.length > MAX_TOTAL_CHARACTERS) {
    throw new SsmlError(
      `the document has ${ssml.length} characters; Polly takes at most ${MAX_TOTAL_CHARACTERS}`,
    );
  }
  const billed = spokenCharacters(root);
  if (billed > MAX_BILLED_CHARACTERS) {
    throw new SsmlError(
      `the document has ${billed} characters of text; Polly takes at most ${MAX_BILLED_CHARACTERS}`,
    );
  }
}

const ALL_ENGINES: readonly Engine[] = ['standard', 'neural', 'long-form', 'generative'];
const STANDARD: readonly Engine[] = ['standard'];
/** `characters` and `spell-out` on a neural voice make Polly say the sentence with a standard voice. */
const NOT_NEURAL: readonly Engine[] = ['standard', 'long-form', 'generative'];

/** Polly's limits for one SynthesizeSpeech request (tags are not billed). */
const MAX_TOTAL_CHARACTERS = 6000;
const MAX_BILLED_CHARACTERS = 3000;

type AttributeRule =
  /** Accepted values, each with the engines that accept it. */
  | { values: Readonly<Record<string, readonly Engine[]>> }
  | { pattern: RegExp; meaning: string; engines: readonly Engine[] };

interface TagRule {
  engines: readonly Engine[];
  attributes: Readonly<Record<string, AttributeRule>>;
  required?: readonly string[];
  /** The element is meaningless without at least one attribute. */
  needsAnAttribute?: boolean;
  content: 'any' | 'text' | 'empty';
}

function oneOf(
  values: readonly string[],
  engines: readonly Engine[] = ALL_ENGINES,
): { values: Readonly<Record<string, readonly Engine[]>> } {
  return { values: Object.fromEntries(values.map((value) => [value, engines])) };
}

const ANY_TEXT: AttributeRule = { pattern: /\S/, meaning: 'not empty', engines: ALL_ENGINES };
const BREATH_LEVELS = ['default', 'x-low', 'low', 'medium', 'high', 'x-high'];

/** Polly's SSML tags and, per engine, their support (reference §4.2, Polly's "Supported SSML tags" table). */
const TAGS: Readonly<Record<string, TagRule>> = {
  speak: { engines: ALL_ENGINES, attributes: {}, content: 'any' },
  break: {
    engines: ALL_ENGINES,
    attributes: {
      strength: oneOf(['none', 'x-weak', 'weak', 'medium', 'strong', 'x-strong']),
      time: {
        pattern: /^(?:(?:\d{1,4}|10000)ms|(?:\d(?:\.\d+)?|10(?:\.0+)?)s)$/,
        meaning: 'a time up to 10 s, as 500ms or 2s',
        engines: ALL_ENGINES,
      },
    },
    content: 'empty',
  },
  emphasis: {
    engines: STANDARD,
    attributes: { level: oneOf(['strong', 'moderate', 'reduced']) },
    content: 'any',
  },
  lang: {
    engines: ALL_ENGINES,
    attributes: {
      'xml:lang': {
        pattern: /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/,
        meaning: 'a language code',
        engines: ALL_ENGINES,
      },
    },
    required: ['xml:lang'],
    content: 'any',
  },
  mark: { engines: ALL_ENGINES, attributes: { name: ANY_TEXT }, required: ['name'], content: 'empty' },
  p: { engines: ALL_ENGINES, attributes: {}, content: 'any' },
  phoneme: {
    engines: ALL_ENGINES,
    attributes: { alphabet: oneOf(['ipa', 'x-sampa', 'x-amazon-pinyin']), ph: ANY_TEXT },
    required: ['alphabet', 'ph'],
    content: 'text',
  },
  prosody: {
    engines: ALL_ENGINES,
    attributes: {
      volume: {
        pattern: /^(?:default|silent|x-soft|soft|medium|loud|x-loud|[+-]\d+(?:\.\d+)?dB)$/,
        meaning: 'default, silent, x-soft … x-loud or +NdB/-NdB',
        engines: ALL_ENGINES,
      },
      rate: {
        pattern: /^(?:x-slow|slow|medium|fast|x-fast|(?:[2-9]\d|1\d\d|200)%)$/,
        meaning: 'x-slow, slow, medium, fast, x-fast or 20% to 200%',
        engines: ALL_ENGINES,
      },
      pitch: {
        pattern: /^(?:default|x-low|low|medium|high|x-high|[+-]\d+(?:\.\d+)?%)$/,
        meaning: 'default, x-low … x-high or +N%/-N%',
        engines: STANDARD,
      },
      'amazon:max-duration': {
        pattern: /^\d+(?:\.\d+)?m?s$/,
        meaning: 'a time, as 2s or 1500ms',
        engines: STANDARD,
      },
    },
    needsAnAttribute: true,
    content: 'any',
  },
  s: { engines: ALL_ENGINES, attributes: {}, content: 'any' },
  'say-as': {
    engines: ALL_ENGINES,
    attributes: {
      'interpret-as': {
        values: {
          ...oneOf([
            'cardinal',
            'number',
            'ordinal',
            'digits',
            'fraction',
            'unit',
            'date',
            'time',
            'address',
            'expletive',
            'telephone',
          ]).values,
          characters: NOT_NEURAL,
          'spell-out': NOT_NEURAL,
        },
      },
      format: oneOf(['mdy', 'dmy', 'ymd', 'md', 'dm', 'ym', 'my', 'd', 'm', 'y']),
    },
    required: ['interpret-as'],
    content: 'text',
  },
  sub: { engines: ALL_ENGINES, attributes: { alias: ANY_TEXT }, required: ['alias'], content: 'text' },
  w: {
    engines: ALL_ENGINES,
    attributes: {
      role: oneOf([
        'amazon:VB',
        'amazon:VBD',
        'amazon:DT',
        'amazon:IN',
        'amazon:JJ',
        'amazon:NN',
        'amazon:DEFAULT',
        'amazon:SENSE_1',
      ]),
    },
    required: ['role'],
    content: 'text',
  },
  'amazon:auto-breaths': {
    engines: STANDARD,
    attributes: {
      volume: oneOf(BREATH_LEVELS),
      frequency: oneOf(BREATH_LEVELS),
      duration: oneOf(['default', 'x-short', 'short', 'medium', 'long', 'x-long']),
    },
    content: 'any',
  },
  'amazon:breath': {
    engines: STANDARD,
    attributes: {
      volume: oneOf(BREATH_LEVELS),
      duration: oneOf(['default', 'x-short', 'short', 'medium', 'long', 'x-long']),
    },
    content: 'empty',
  },
  // Only some neural voices (Matthew, Joanna, Lupe, Amy) have the newscaster style.
  'amazon:domain': {
    engines: ['neural'],
    attributes: { name: oneOf(['news'], ['neural']) },
    required: ['name'],
    content: 'any',
  },
  'amazon:effect': {
    engines: ['standard', 'neural', 'long-form'],
    attributes: {
      name: { values: { drc: ['standard', 'neural', 'long-form'], whispered: STANDARD } },
      phonation: oneOf(['soft'], STANDARD),
      'vocal-tract-length': { pattern: /^[+-]?\d+(?:\.\d+)?%$/, meaning: 'a percentage', engines: STANDARD },
    },
    needsAnAttribute: true,
    content: 'any',
  },
};

function checkElement(element: SsmlElement, engine: Engine, isRoot: boolean): void {
  const { tag, attributes, children } = element;
  const rule = TAGS[tag];
  if (!rule) throw new SsmlError(`<${tag}> is not an SSML tag Polly knows`);
  if (!rule.engines.includes(engine)) throw new SsmlError(`<${tag}> is not supported by ${engine} voices`);
  if (tag === 'speak' && !isRoot) throw new SsmlError('<speak> may only be the root of the document');

  for (const [attribute, value] of Object.entries(attributes)) {
    checkAttribute(tag, rule, attribute, value, engine);
  }
  for (const attribute of rule.required ?? []) {
    if (!Object.hasOwn(attributes, attribute))
      throw new SsmlError(`<${tag}> needs the attribute ${attribute}`);
  }
  if (rule.needsAnAttribute && Object.keys(attributes).length === 0) {
    throw new SsmlError(`<${tag}> needs at least one attribute`);
  }

  if (rule.content === 'empty' && children.length > 0) throw new SsmlError(`<${tag}> must be empty`);
  if (rule.content === 'text' && children.some((child) => typeof child !== 'string')) {
    throw new SsmlError(`<${tag}> may hold only text`);
  }
  if (tag === 'prosody' && engine === 'generative' && !holdsOnlySentences(children)) {
    throw new SsmlError(
      'generative voices take <prosody> only around whole sentences: put <s> elements in it',
    );
  }
  for (const child of children) {
    if (typeof child !== 'string') checkElement(child, engine, false);
  }
}

function checkAttribute(tag: string, rule: TagRule, attribute: string, value: string, engine: Engine): void {
  const attributeRule = rule.attributes[attribute];
  if (!attributeRule) throw new SsmlError(`<${tag}> has no attribute ${attribute}`);
  if ('values' in attributeRule) {
    const engines = attributeRule.values[value];
    if (!engines) {
      const accepted = Object.keys(attributeRule.values).join(', ');
      throw new SsmlError(
        `<${tag} ${attribute}="${value}"> is not valid: ${attribute} is one of ${accepted}`,
      );
    }
    if (!engines.includes(engine)) {
      throw new SsmlError(`<${tag} ${attribute}="${value}"> is not supported by ${engine} voices`);
    }
    return;
  }
  if (!attributeRule.engines.includes(engine)) {
    throw new SsmlError(`<${tag} ${attribute}> is not supported by ${engine} voices`);
  }
  if (!attributeRule.pattern.test(value)) {
    throw new SsmlError(
      `<${tag} ${attribute}="${value}"> is not valid: ${attribute} must be ${attributeRule.meaning}`,
    );
  }
}

function holdsOnlySentences(children: readonly SsmlNode[]): boolean {
  return children.every((child) => (typeof child === 'string' ? child.trim() === '' : child.tag === 's'));
}

function spokenCharacters(node: SsmlNode): number {
  if (typeof node === 'string') return node.length;
  return node.children.reduce((sum, child) => sum + spokenCharacters(child), 0);
}

/** Characters outside XML 1.0's Char production: most C0 controls, lone surrogates, U+FFFE and U+FFFF. */
export const INVALID_XML_CHARACTER = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

const WHITESPACE = ' \t\n\r';
const NAME = /[A-Za-z_][\w.:-]*/y;
const REFERENCE = /&(?:(amp|lt|gt|quot|apos)|#(\d{1,7})|#x([0-9a-fA-F]{1,6}));/y;
const NAMED_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function malformed(at: number, what: string): never {
  throw new SsmlError(`malformed SSML at character ${at}: ${what}`);
}

function codePoint(character: string): string {
  return (character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
}
