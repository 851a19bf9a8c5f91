/**
 * The prompt function: what the flows say that is not about an order, in the caller's language. Connect's
 * InvokeLambdaFunction block calls it with the Parameter `name`: menu, menuAgain, askOrderNumber,
 * askOrderNumberAgain, askBySpeech, askBySpeechAgain, askWhatElse, transferring, closed, holding,
 * surveyQuestion, surveyAgain, surveyThanks or goodbye (lib/speech/flow-prompts.ts), and the contact attribute
 * `language` (the locale order-status chose). It reads no database.
 *
 * It answers a flat map of strings:
 * - `outcome`: `spoken`, or `error` for a malformed event or a name it does not know (`ssml` offers an agent)
 * - `ssml`: a whole `<speak>` document
 * - `language`: the locale spoken
 */
import middy from '@middy/core';
import { callFacts, parseConnectEvent } from '#lib/connect/event.ts';
import { connectResponse } from '#lib/connect/response.ts';
import { DEFAULT_MARKET, localeFor, marketOfDialledNumber } from '#lib/markets.ts';
import { connectFunctionObservability, logger } from '#lib/observability/index.ts';
import { flowPromptSsml, isFlowPromptName, promptSsml } from '#lib/speech/index.ts';

export async function prompt(event: unknown): Promise<Record<string, string>> {
  const parsed = parseConnectEvent(event);
  if (!parsed.ok) {
    logger.error('malformed Connect event', { problems: parsed.problems });
    const locale = localeFor(DEFAULT_MARKET, undefined);
    return connectResponse({ outcome: 'error', ssml: promptSsml('error', locale), language: locale });
  }
  const call = callFacts(parsed.event);
  const locale = localeFor(marketOfDialledNumber(call.dialledNumber), call.attributes.language);
  const name = call.parameters.name ?? '';
  logger.appendKeys({ contactId: call.contactId, prompt: name });
  if (!isFlowPromptName(name)) {
    logger.error('no such prompt; offering an agent', { name });
    return connectResponse({ outcome: 'error', ssml: promptSsml('error', locale), language: locale });
  }
  return connectResponse({ outcome: 'spoken', ssml: flowPromptSsml(name, locale), language: locale });
}

export const handler = middy(prompt).use(connectFunctionObservability());
