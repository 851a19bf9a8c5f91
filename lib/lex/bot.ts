/**
 * The Lex bot as bots/ defines it, once for both places it runs: the AWS::Lex::Bot of template.yaml is made
 * from it (lib/lex/cloudformation.ts), and the simulator's local Lex reads it to understand callers offline.
 * bots/order-bot.json holds the intents and slots; bots/locales/<locale>.json the words of each language.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SlotDefinition {
  name: string;
  /** A slot type of the bot, or a built-in one (`AMAZON.Date`). */
  type: string;
  required: boolean;
}

export interface IntentDefinition {
  name: string;
  description: string;
  /** `AMAZON.FallbackIntent` for the intent Lex falls back to. */
  parent?: string;
  slots: SlotDefinition[];
}

export interface SlotTypeDefinition {
  name: string;
  description: string;
  /** A built-in type this one narrows, with a pattern its values must match. */
  parent?: string;
  regex?: string;
}

export interface LocaleDefinition {
  /** Lex's locale id: `en_GB`, where Connect and Polly write `en-GB`. */
  localeId: string;
  nluConfidenceThreshold: number;
  voice: { voiceId: string; engine: 'neural' | 'standard' };
  intents: Record<string, { utterances: string[]; slotPrompts?: Record<string, string> }>;
  slotTypeValues: Record<string, { value: string; synonyms: string[] }[]>;
}

export interface BotDefinition {
  name: string;
  description: string;
  idleSessionTtlSeconds: number;
  slotTypes: SlotTypeDefinition[];
  intents: IntentDefinition[];
  locales: LocaleDefinition[];
}

const BOTS_DIR = join(import.meta.dirname, '..', '..', 'bots');

/**
 * The intents of bots/order-bot.json, for code and the flow check to name them by a type; a test keeps the
 * two lists equal (test/unit/lex/bot-names.test.ts).
 */
// biome-ignore format: a list of names reads better packed
export const INTENT_NAMES = ['CheckOrderStatus', 'RefundStatus', 'DeliveryDate', 'ReturnItem', 'CancelOrder',
  'ChangeDelivery', 'Complaint', 'SpeakToAgent', 'Goodbye', 'RepeatStatus', 'OtherOrders', 'SwitchLanguage',
  'SomethingElse', 'FallbackIntent'] as const;
export type IntentName = (typeof INTENT_NAMES)[number];

/** The slots of the intents of bots/order-bot.json, kept equal to them by the same test. */
export const SLOT_NAMES = ['OrderNumber', 'ChangeWhat', 'NewDate'] as const;
export type SlotName = (typeof SLOT_NAMES)[number];

export const FALLBACK_INTENT: IntentName = 'FallbackIntent';

/** Whether `name` (what Lex sent, or a flow names) is an intent of the bot. */
export function isIntentName(name: string | undefined): name is IntentName {
  return (INTENT_NAMES as readonly (string | undefined)[]).includes(name);
}

/** Lex's locale id of a language code as Connect and Polly write it: `en-GB` → `en_GB`. */
export function lexLocaleId(languageCode: string): string {
  return languageCode.replace('-', '_');
}

/** The language code of a Lex locale id, as Connect and Polly write it: `hi_IN` → `hi-IN`. */
export function localeOfLexLocale(localeId: string): string {
  return localeId.replace('_', '-');
}

export function loadBot(dir = BOTS_DIR): BotDefinition {
  const read = (file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const bot = read('order-bot.json') as Omit<BotDefinition, 'locales'>;
  const locales = ['en_GB', 'en_IN', 'ar_AE', 'hi_IN'].map(
    (id) => read(join('locales', `${id}.json`)) as LocaleDefinition,
  );
  return { ...bot, locales };
}
