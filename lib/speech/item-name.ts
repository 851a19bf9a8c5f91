/**
 * An order named by what was bought, short enough to say before its status: the first item's catalogue text
 * cut to its first words. Catalogue names run on with models, sizes and marketing ("Philips Air Fryer
 * HD9200", "Cricket bat \"Pro Series\" - English willow", "Kettle, 1.7 L"); a caller knows the thing by its
 * first words. What is left is said by the voice only in a script it reads (sayable, lib/speech/foreign-words.ts);
 * otherwise the order is named by the last digits of its number.
 */

/** At most this many words: "Philips Air Fryer". */
const MAX_WORDS = 3;

/**
 * The first words of a catalogue name, before any bracket, quote, comma or dash, without the model numbers,
 * sizes and emoji that end it; empty when nothing sayable is left.
 */
export function shortItemName(catalogueName: string): string {
  const [head = ''] = catalogueName.split(/[([{<"“”«»,;:|/]|\s[-–—]\s/u);
  const words = head
    .replace(/[^\p{L}\p{M}\p{N}&'’\s-]/gu, ' ')
    .split(/\s+/u)
    .filter((word) => /[\p{L}\p{N}&]/u.test(word))
    .slice(0, MAX_WORDS);
  // A name does not end on a model number, a size or a joining word: "Power bank 20000" is "Power bank".
  while (words.length > 1 && /\p{N}|^[&-]$/u.test(words.at(-1) ?? '')) words.pop();
  return words.join(' ');
}
