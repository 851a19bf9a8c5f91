/**
 * The SSML builder. Speech is built as a tree of nodes and written out here, never concatenated: every text
 * (an item name, a courier, a caller's input) is escaped on the way out, and the document is checked against
 * the voice's engine before anyone can send it to Polly.
 */
import { checkSsml, type Engine, INVALID_XML_CHARACTER } from '#lib/speech/ssml-check.ts';

/** Plain text (escaped when written), or an element. */
export type SsmlNode = string | SsmlElement;

export interface SsmlElement {
  tag: string;
  attributes: Readonly<Record<string, string>>;
  children: readonly SsmlNode[];
}

export type SayAs = 'digits' | 'date' | 'time' | 'telephone' | 'cardinal' | 'characters';
export type SpeakingRate = 'x-slow' | 'slow' | 'medium' | 'fast' | 'x-fast' | `${number}%`;

/**
 * A whole `<speak>` document for a voice of `engine`. Throws an SsmlError when the engine would reject it,
 * so a reply Polly cannot say never leaves the building.
 */
export function speak(engine: Engine, ...children: SsmlNode[]): string {
  const ssml = write({ tag: 'speak', attributes: {}, children });
  checkSsml(ssml, engine);
  return ssml;
}

/** Text Polly should read in a particular way: `digits` reads "0001" as "zero zero zero one". */
export function sayAs(interpretAs: SayAs, text: string): SsmlElement {
  return { tag: 'say-as', attributes: { 'interpret-as': interpretAs }, children: [text] };
}

/** Silence, in milliseconds (Polly allows up to 10 s). */
export function pause(milliseconds: number): SsmlElement {
  return { tag: 'break', attributes: { time: `${Math.round(milliseconds)}ms` }, children: [] };
}

/** A named point whose time Polly reports in its `ssml` speech marks. */
export function mark(name: string): SsmlElement {
  return { tag: 'mark', attributes: { name }, children: [] };
}

/** Speech faster or slower than the voice's own pace. */
export function prosody(rate: SpeakingRate, ...children: SsmlNode[]): SsmlElement {
  return { tag: 'prosody', attributes: { rate }, children };
}

/** Words of another language than the voice's: Polly says them in that language (`xml:lang`, as `hi-IN`). */
export function lang(language: string, ...children: SsmlNode[]): SsmlElement {
  return { tag: 'lang', attributes: { 'xml:lang': language }, children };
}

/** One sentence: Polly pauses after it and shapes its intonation as a whole. */
export function sentence(...children: SsmlNode[]): SsmlElement {
  return { tag: 's', attributes: {}, children };
}

/**
 * Text made safe for SSML: the five XML special characters become entities, and characters XML 1.0 does not
 * allow (control characters, lone surrogates) are dropped. Everything else, Arabic or emoji, stays as it is.
 */
function escapeText(text: string): string {
  return text
    .replace(INVALID_XML_CHARACTERS, '')
    .replace(/[&<>"']/g, (character) => ENTITIES[character] ?? '');
}

const INVALID_XML_CHARACTERS = new RegExp(INVALID_XML_CHARACTER.source, 'gu');
const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

const EMPTY_TAGS = new Set(['break', 'mark']);

function write(node: SsmlNode): string {
  if (typeof node === 'string') return escapeText(node);
  const attributes = Object.entries(node.attributes)
    .map(([name, value]) => ` ${name}="${escapeText(value)}"`)
    .join('');
  if (node.children.length === 0 && EMPTY_TAGS.has(node.tag)) return `<${node.tag}${attributes}/>`;
  return `<${node.tag}${attributes}>${node.children.map(write).join('')}</${node.tag}>`;
}
