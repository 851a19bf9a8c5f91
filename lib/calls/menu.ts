/**
 * The menu after a status, in one place: what each key means and which keys it takes. At most four options
 * are said (the line's other language first where it speaks two, then hear it again, the other orders for a
 * caller who has some, an agent); 3, not said, is for callers who know it: the bot asks what else they need.
 * 2 is taken from a caller with no other order too, who then hears that there is none.
 *
 * The menu is a Lex block, so that a caller may key a choice or say it ("agent", "repeat", "my other order",
 * "Hindi", or the question itself): each choice is an intent of the bot (bots/order-bot.json). The prompt
 * function says the options and gives the flow the keys the menu takes (`menuKeys`), the flow gives them to
 * the bot, and the bot's code hook turns a key into its intent (lib/lex/dialog.ts), which the flow branches on.
 */
import { LEX_SESSION } from '#lib/connect/contracts.ts';
import type { IntentName } from '#lib/lex/bot.ts';
import { LEX_LISTENING, LEX_LISTENING_DEFAULTS } from '#lib/lex/listening.ts';

/** A choice of the menu: the intent the flow branches on. */
export type MenuChoice = Extract<
  IntentName,
  'SwitchLanguage' | 'RepeatStatus' | 'OtherOrders' | 'SpeakToAgent' | 'SomethingElse'
>;

/** Each choice's key, in the order the menu offers them. */
const KEYS = {
  SwitchLanguage: '9',
  RepeatStatus: '1',
  OtherOrders: '2',
  SpeakToAgent: '0',
  SomethingElse: '3',
} as const satisfies Record<MenuChoice, string>;

const CHOICES = Object.keys(KEYS) as MenuChoice[];

/**
 * The bot's session attributes once the caller made their first turn at the menu: what follows (an order
 * number asked for) is the bot's, keyed up to its hash as anywhere else. The menu's block lets Lex take one
 * key (`dtmfMaxLength` 1), so that a key needs no hash (Lex would otherwise wait for one, or 5 s); the code
 * hook's attributes overrule the block's, and give Lex back its own limit.
 */
export const LEAVING_THE_MENU: Readonly<Record<string, string>> = {
  [LEX_SESSION.menuKeys]: '',
  [LEX_LISTENING.dtmfMaxLength]: String(LEX_LISTENING_DEFAULTS.dtmfMaxLength),
};

/** The keys the menu takes, in the order it offers them: `91203` on a line of two languages, else `1203`. */
export function menuKeys({ offersLanguage }: { offersLanguage: boolean }): string {
  return CHOICES.filter((choice) => offersLanguage || choice !== 'SwitchLanguage')
    .map((choice) => KEYS[choice])
    .join('');
}

/** The choice a caller makes at a menu taking `keys` by pressing `pressed`; null for a key it does not take. */
export function keyedChoice(keys: string, pressed: string): MenuChoice | null {
  const choice = CHOICES.find((candidate) => KEYS[candidate] === pressed);
  return choice && offers(keys, choice) ? choice : null;
}

/** Whether the bot's `intent` is a choice only the menu has: away from the menu it means nothing. */
export function isMenuIntent(intent: string): intent is Exclude<MenuChoice, 'SpeakToAgent'> {
  return CHOICES.some((choice) => choice === intent && choice !== 'SpeakToAgent');
}

/** Whether a menu taking `keys` offers `choice` (the other language only on a line that speaks two). */
export function offers(keys: string, choice: MenuChoice): boolean {
  return keys.includes(KEYS[choice]);
}
