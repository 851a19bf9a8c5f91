/**
 * `ivr bot template`: the AWS::Lex::Bot of template.yaml made again from bots/, the bot's one definition.
 * `ivr bot evaluate`: how the simulator's local Lex routes callers' words written apart from bots/.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Command } from 'commander';
import { stringify } from 'yaml';
import { loadBot } from '#lib/lex/bot.ts';
import { botLocales } from '#lib/lex/cloudformation.ts';
import { PROJECT_ROOT } from '#lib/paths.ts';
import {
  evaluate,
  formatEvaluation,
  HELD_BACK_FILES,
  loadLabelledUtterances,
  localLexRouting,
} from '#simulator/lex-evaluation.ts';
import { withGeneratedSection } from './template-sections.ts';

export function registerBotCommands(program: Command): void {
  const bot = program.command('bot').description('the Lex bot of bots/');
  bot
    .command('template')
    .description("write the bot's locales, intents, utterances and slots from bots/ into template.yaml")
    .action(() => {
      const file = join(PROJECT_ROOT, 'template.yaml');
      writeFileSync(file, withBotLocales(readFileSync(file, 'utf8')));
      const definition = loadBot();
      const utterances = definition.locales.reduce(
        (sum, locale) =>
          sum + Object.values(locale.intents).reduce((count, intent) => count + intent.utterances.length, 0),
        0,
      );
      console.log(
        `template.yaml: OrderBot has ${definition.locales.length} locales, ${utterances} sample utterances`,
      );
    });
  bot
    .command('evaluate')
    .description(
      "how the simulator's local Lex routes callers' words written apart from bots/: accuracy per locale and overall, and every utterance it routes elsewhere",
    )
    .argument('[files...]', 'JSON files of { locale, intent, utterance, orderNumber? }', HELD_BACK_FILES)
    .action(async (files: string[]) => {
      const route = localLexRouting(loadBot());
      for (const file of files) {
        const evaluation = await evaluate(loadLabelledUtterances(file), route);
        console.log(`${relative(PROJECT_ROOT, file)}\n${formatEvaluation(evaluation)}\n`);
      }
    });
}

/** template.yaml with the lines between the BotLocales markers made from bots/. */
export function withBotLocales(template: string): string {
  const yaml = stringify({ BotLocales: botLocales(loadBot()) }, { lineWidth: 0 })
    .trimEnd()
    .split('\n');
  return withGeneratedSection(template, 'BotLocales', yaml);
}
