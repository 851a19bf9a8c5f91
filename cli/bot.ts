/** `ivr bot template`: the AWS::Lex::Bot of template.yaml made again from bots/, the bot's one definition. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { stringify } from 'yaml';
import { PROJECT_ROOT } from '#lib/db/local-stack.ts';
import { loadBot } from '#lib/lex/bot.ts';
import { botLocales } from '#lib/lex/cloudformation.ts';
import { withGeneratedSection } from './sam-template.ts';

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
}

/** template.yaml with the lines between the BotLocales markers made from bots/. */
export function withBotLocales(template: string): string {
  const yaml = stringify({ BotLocales: botLocales(loadBot()) }, { lineWidth: 0 })
    .trimEnd()
    .split('\n');
  return withGeneratedSection(template, 'BotLocales', yaml);
}
