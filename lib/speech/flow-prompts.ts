/**
 * What the flows say that is not about an order: the menu, "please hold", the survey question, goodbye. The
 * flows fetch them through the prompt function, so that their wording lives in prompts/ with everything else
 * the caller hears, in every language, and not in the flow JSON.
 */
import { LOCALES, type Locale, MARKETS, type MarketCode } from '#lib/markets.ts';
import { type MessageKey, renderMessage } from '#lib/speech/catalogue.ts';
import { sentencesFor } from '#lib/speech/foreign-words.ts';
import { type SsmlElement, speak } from '#lib/speech/ssml.ts';
import { voiceFor } from '#lib/speech/voices.ts';

/** Each prompt a flow may ask for, and the catalogue messages it is made of. */
const FLOW_PROMPTS = {
  menu: ['menu'],
  menuAgain: ['didNotCatch', 'menu'],
  /** The menu of a caller with no other current order: nothing to offer on 2. */
  menuOneOrder: ['menuOneOrder'],
  menuOneOrderAgain: ['didNotCatch', 'menuOneOrder'],
  askOrderNumber: ['askOrderNumber'],
  askOrderNumberAgain: ['didNotCatch', 'askOrderNumber'],
  askBySpeech: ['askBySpeech'],
  askBySpeechAgain: ['didNotCatch', 'askBySpeech'],
  askWhatElse: ['askWhatElse'],
  closed: ['closed'],
  holding: ['holding'],
  /** Connect cannot call the caller's number back: they stay in the queue. */
  callbackFailed: ['callbackFailed'],
  surveyQuestion: ['surveyQuestion'],
  surveyAgain: ['didNotCatch', 'surveyQuestion'],
  surveyThanks: ['surveyThanks'],
  goodbye: ['goodbye'],
} as const satisfies Record<string, readonly MessageKey[]>;

export type FlowPromptName = keyof typeof FLOW_PROMPTS;

/** The prompts that offer the market's other language, first: the menus. */
const OFFERING_LANGUAGE: ReadonlySet<FlowPromptName> = new Set([
  'menu',
  'menuAgain',
  'menuOneOrder',
  'menuOneOrderAgain',
]);

export const FLOW_PROMPT_NAMES = Object.keys(FLOW_PROMPTS) as FlowPromptName[];

export function isFlowPromptName(name: string): name is FlowPromptName {
  return Object.hasOwn(FLOW_PROMPTS, name);
}

/**
 * The flow prompt `name` as a whole `<speak>` document in `locale`; with `offer`, the menu in it starts by
 * offering that language, for markets that speak two: a caller who does not understand this one should not
 * have to sit through the options to hear theirs.
 */
export function flowPromptSsml(name: FlowPromptName, locale: Locale, offer?: Locale): string {
  const sentences = FLOW_PROMPTS[name].flatMap((key: MessageKey) => [
    ...(offer && MENUS.has(key) ? offerOf(offer, locale) : []),
    ...renderMessage(locale, key),
  ]);
  return speak(voiceFor(locale).engine, ...sentences);
}

/** The messages that are the menu's options, which the language offer comes before. */
const MENUS: ReadonlySet<MessageKey> = new Set(['menu', 'menuOneOrder']);

/**
 * The offer of `offer` on a menu in `locale`: in the offered language, so that a caller who speaks only that
 * one understands it, marked with `<lang>` for the voice (`<lang xml:lang="hi-IN">हिंदी या उर्दू के लिए 9
 * दबाएँ।</lang>`); in the voice's own words when it cannot say that language's script (Amy: "For Arabic,
 * press 9.").
 */
function offerOf(offer: Locale, locale: Locale): SsmlElement[] {
  return (
    sentencesFor(renderMessage(offer, 'languageOffer'), offer, locale) ??
    renderMessage(locale, 'languageOfferFallback')
  );
}

/** The language the prompt `name` offers, said in `locale` on `market`'s line: its other one, on the menus. */
export function languageOffer(name: FlowPromptName, locale: Locale, market: MarketCode): Locale | undefined {
  if (!OFFERING_LANGUAGE.has(name)) return undefined;
  return MARKETS[market].locales.find((candidate) => candidate !== locale);
}

/** A flow prompt as one market's line says it: what Connect's prompt library would hold as one recording. */
export interface StaticPrompt {
  name: FlowPromptName;
  locale: Locale;
  offer: Locale | undefined;
  /** Where its recording goes: `en-IN/menu.offer-hi-IN.wav`. */
  file: string;
  ssml: string;
}

/**
 * Every flow prompt in every language a line speaks, each wording once (the en-IN menu of Bangladesh, which
 * offers no Hindi, and that of Pakistan, which does, are two). They carry nothing about a caller or an order,
 * so they can be recorded once instead of synthesised on every call.
 */
export function staticFlowPrompts(): StaticPrompt[] {
  const prompts = new Map<string, StaticPrompt>();
  for (const market of Object.values(MARKETS)) {
    for (const locale of market.locales) {
      for (const name of FLOW_PROMPT_NAMES) {
        const offer = languageOffer(name, locale, market.code);
        const file = `${locale}/${name}${offer ? `.offer-${offer}` : ''}.wav`;
        if (!prompts.has(file)) {
          prompts.set(file, { name, locale, offer, file, ssml: flowPromptSsml(name, locale, offer) });
        }
      }
    }
  }
  return [...prompts.values()].sort(
    (a, b) => LOCALES.indexOf(a.locale) - LOCALES.indexOf(b.locale) || a.file.localeCompare(b.file),
  );
}
