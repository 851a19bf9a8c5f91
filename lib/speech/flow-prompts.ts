/**
 * What the flows say that is not about an order: the menu, "please hold", the survey question, goodbye. The
 * flows fetch them through the prompt function, so that their wording lives in prompts/ with everything else
 * the caller hears, in every language, and not in the flow JSON.
 */
import type { Locale } from '../markets.ts';
import { type MessageKey, renderMessage } from './catalogue.ts';
import { speak } from './ssml.ts';
import { voiceFor } from './voices.ts';

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
  transferring: ['transferring'],
  closed: ['closed'],
  holding: ['holding'],
  surveyQuestion: ['surveyQuestion'],
  surveyAgain: ['didNotCatch', 'surveyQuestion'],
  surveyThanks: ['surveyThanks'],
  goodbye: ['goodbye'],
} as const satisfies Record<string, readonly MessageKey[]>;

export type FlowPromptName = keyof typeof FLOW_PROMPTS;

export const FLOW_PROMPT_NAMES = Object.keys(FLOW_PROMPTS) as FlowPromptName[];

export function isFlowPromptName(name: string): name is FlowPromptName {
  return Object.hasOwn(FLOW_PROMPTS, name);
}

/**
 * The flow prompt `name` as a whole `<speak>` document in `locale`; with `offer`, it ends by offering that
 * language, in that language ("हिंदी के लिए 9 दबाएँ।"), for the menus of markets that speak two.
 */
export function flowPromptSsml(name: FlowPromptName, locale: Locale, offer?: Locale): string {
  const sentences = FLOW_PROMPTS[name].flatMap((key) => renderMessage(locale, key));
  const offered = offer ? renderMessage(offer, 'languageOffer') : [];
  return speak(voiceFor(locale).engine, ...sentences, ...offered);
}
