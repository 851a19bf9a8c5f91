/**
 * The prompt function: what the flows say that is not about an order, in the caller's language. Connect's
 * InvokeLambdaFunction block calls it with the Parameter `name`: menu, menuAgain, askOrderNumber,
 * askOrderNumberAgain, askBySpeech, askBySpeechAgain, askWhatElse, closed, holding, callbackFailed,
 * surveyQuestion, surveyAgain, surveyThanks or goodbye (lib/speech/flow-prompts.ts), and the contact attribute
 * `language` (the locale order-status chose). For `menu` and `menuAgain`, the Parameter `otherOrders` (the
 * caller's other current orders when the call began) leaves out "2 for your other orders" when there are none.
 * In a market that speaks two languages, the menus end by offering the other one on key 9; `name` =
 * `switchLanguage` then answers it. It reads no database.
 *
 * Before the queue, `name` = `queueWait` says the expected wait (lib/calls/queue-wait.ts) from the Parameters
 * `contactsInQueue`, `oldestContactSeconds` and `agentsAvailable` (the Get queue metrics block's values, which
 * may be empty), the recording notice when `recorded` is `true`, and, when the wait is long and the caller's
 * number can be called, the offer of a call back on it; `callbackBooked` confirms the call back on that number.
 *
 * It answers a flat map of strings:
 * - `outcome`: `spoken`; for queueWait `offer-callback` (the prompt asks for 1 or 2) or `hold`; for
 *   switchLanguage `switched`, or `no-other-language` in a market of one language; `error` for a malformed
 *   event, a name it does not know, or a call back booked for a caller without a number (`ssml` offers an agent)
 * - `ssml`: a whole `<speak>` document (not for switchLanguage)
 * - `language`: the locale spoken, or switched to
 * - `voice`: the Polly voice of that locale, for the flow's Set voice block
 */
import middy from '@middy/core';
import { callbackNumberEnding, callbackOffer, expectedWait, queueStateOf } from '#lib/calls/queue-wait.ts';
import { callFacts, parseConnectEvent } from '#lib/connect/event.ts';
import { connectResponse } from '#lib/connect/response.ts';
import { DEFAULT_MARKET, localeFor, MARKETS, marketOfDialledNumber } from '#lib/markets.ts';
import { connectFunctionObservability, logger } from '#lib/observability/index.ts';
import {
  callbackBookedSsml,
  flowPromptSsml,
  isFlowPromptName,
  languageOffer,
  promptSsml,
  queueWaitSsml,
  voiceFor,
} from '#lib/speech/index.ts';

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
  const marketCode = marketOfDialledNumber(call.dialledNumber);
  const market = MARKETS[marketCode];
  const otherLocale = market.locales.find((candidate) => candidate !== locale);
  if (name === 'switchLanguage') {
    if (!otherLocale) return connectResponse({ outcome: 'no-other-language', language: locale });
    return connectResponse({
      outcome: 'switched',
      language: otherLocale,
      voice: voiceFor(otherLocale).voiceId,
    });
  }
  if (name === 'queueWait') {
    const wait = expectedWait(queueStateOf(call.parameters));
    const callback = callbackOffer(wait, call.callerNumber);
    const recorded = call.parameters.recorded === 'true';
    return connectResponse({
      outcome: callback ? 'offer-callback' : 'hold',
      ssml: queueWaitSsml(locale, wait, { recorded, callback }),
      language: locale,
    });
  }
  if (name === 'callbackBooked') {
    const numberEnding = callbackNumberEnding(call.callerNumber);
    if (numberEnding) {
      return connectResponse({
        outcome: 'spoken',
        ssml: callbackBookedSsml(locale, numberEnding),
        language: locale,
      });
    }
    logger.error('a call back was booked for a caller without a number');
    return connectResponse({ outcome: 'error', ssml: promptSsml('error', locale), language: locale });
  }
  if (!isFlowPromptName(name)) {
    logger.error('no such prompt; offering an agent', { name });
    return connectResponse({ outcome: 'error', ssml: promptSsml('error', locale), language: locale });
  }
  const isMenu = name === 'menu' || name === 'menuAgain';
  const spoken = isMenu && !hasOtherOrders(call.parameters.otherOrders) ? oneOrderMenu[name] : name;
  return connectResponse({
    outcome: 'spoken',
    ssml: flowPromptSsml(spoken, locale, languageOffer(spoken, locale, marketCode)),
    language: locale,
  });
}

const oneOrderMenu = { menu: 'menuOneOrder', menuAgain: 'menuOneOrderAgain' } as const;

function hasOtherOrders(count: string | undefined): boolean {
  return /^[1-9][0-9]*$/.test(count ?? '');
}

export const handler = middy(prompt).use(connectFunctionObservability());
