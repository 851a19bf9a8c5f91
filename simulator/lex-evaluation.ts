/**
 * How well the local Lex routes callers: sets of utterances labelled with the intent real Lex should pick,
 * run through the local recogniser, counted per locale, with the intents it takes for others. The sets are
 * written apart from bots/, in callers' words, so that the figure says how the bot fares with words it was
 * not given. The first (held-back-utterances.json) showed where bots/ lacked samples, which were then
 * added in other words; the second (held-back-utterances-untuned.json) was written after that and has
 * never been used to change bots/, so its figure is the honest one. The third (held-back-menu-utterances.json)
 * is what callers say at the menu after a status, written once the menu's intents were in bots/ and not used
 * to change them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { BotDefinition } from '#lib/lex/bot.ts';
import { PROJECT_ROOT } from '#lib/paths.ts';
import { trainedMatcher } from '#simulator/lex-matcher.ts';

export const HELD_BACK_FILES = [
  'held-back-utterances.json',
  'held-back-utterances-untuned.json',
  'held-back-menu-utterances.json',
].map((file) => join(PROJECT_ROOT, 'test', 'fixtures', file));

const labelledUtterances = z.array(
  z.object({
    locale: z.string(),
    intent: z.string(),
    utterance: z.string(),
    /** The order number said in the utterance, when there is one. */
    orderNumber: z.string().optional(),
  }),
);

export type LabelledUtterance = z.infer<typeof labelledUtterances>[number];

/** What the recogniser made of one utterance. */
export interface Routing {
  intent: string;
  orderNumber?: string;
}

export interface Score {
  right: number;
  total: number;
  accuracy: number;
}

export interface Evaluation {
  overall: Score;
  byLocale: Record<string, Score>;
  /** Utterances routed to another intent than their label. */
  misses: (LabelledUtterance & { got: string })[];
  /** Utterances with an order number in them whose number was not heard right. */
  orderNumbersMissed: LabelledUtterance[];
}

export function loadLabelledUtterances(file: string): LabelledUtterance[] {
  return labelledUtterances.parse(JSON.parse(readFileSync(file, 'utf8')));
}

/** Runs every utterance through `route` (which recognises in the utterance's locale) and counts. */
export async function evaluate(
  utterances: LabelledUtterance[],
  route: (locale: string, utterance: string) => Promise<Routing>,
): Promise<Evaluation> {
  const misses: Evaluation['misses'] = [];
  const orderNumbersMissed: LabelledUtterance[] = [];
  const counts = new Map<string, { right: number; total: number }>();
  for (const labelled of utterances) {
    const routing = await route(labelled.locale, labelled.utterance);
    const count = counts.get(labelled.locale) ?? { right: 0, total: 0 };
    count.total++;
    if (routing.intent === labelled.intent) count.right++;
    else misses.push({ ...labelled, got: routing.intent });
    counts.set(labelled.locale, count);
    if (labelled.orderNumber && routing.orderNumber !== labelled.orderNumber)
      orderNumbersMissed.push(labelled);
  }
  const byLocale = Object.fromEntries([...counts].map(([locale, count]) => [locale, score(count)]));
  const all = [...counts.values()].reduce(
    (sum, count) => ({ right: sum.right + count.right, total: sum.total + count.total }),
    { right: 0, total: 0 },
  );
  return { overall: score(all), byLocale, misses, orderNumbersMissed };
}

/** Routing by the simulator's local Lex, as LocalLex recognises a caller's first words. */
export function localLexRouting(bot: BotDefinition) {
  return async (locale: string, utterance: string): Promise<Routing> => {
    const { intent, slots } = await (await trainedMatcher(bot, locale)).recognise(utterance);
    return { intent, orderNumber: slots.OrderNumber };
  };
}

function score({ right, total }: { right: number; total: number }): Score {
  return { right, total, accuracy: total === 0 ? 0 : right / total };
}

/** The evaluation as lines for a terminal: accuracy per locale and overall, then every miss. */
export function formatEvaluation(evaluation: Evaluation): string {
  const percent = ({ right, total, accuracy }: Score) =>
    `${(accuracy * 100).toFixed(1).padStart(5)} % (${right}/${total})`;
  const lines = [
    ...Object.entries(evaluation.byLocale).map(([locale, score]) => `${locale.padEnd(8)}${percent(score)}`),
    `${'overall'.padEnd(8)}${percent(evaluation.overall)}`,
  ];
  if (evaluation.misses.length > 0) {
    lines.push('', 'routed elsewhere (expected → got):');
    for (const miss of evaluation.misses)
      lines.push(`  ${miss.locale} ${miss.intent} → ${miss.got}: ${miss.utterance}`);
  }
  if (evaluation.orderNumbersMissed.length > 0) {
    lines.push('', 'order number not heard:');
    for (const missed of evaluation.orderNumbersMissed)
      lines.push(`  ${missed.locale} ${missed.orderNumber}: ${missed.utterance}`);
  }
  return lines.join('\n');
}
