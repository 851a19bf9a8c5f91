/**
 * The prompt function: what the flows say that is not about an order, in the caller's language. Connect's
 * InvokeLambdaFunction block calls it with the Parameter `name`: menu, menuAgain, askOrderNumber,
 * askOrderNumberAgain, askBySpeech, askBySpeechAgain, askWhatElse, closed, holding, callbackFailed,
 * surveyQuestion, surveyAgain, surveyThanks or goodbye (lib/speech/flow-prompts.ts), and the contact attribute
 * `language` (the locale order-status chose). For `menu` and `menuAgain`, the Parameter `otherOrders` (the
 * caller's other current orders when the call began) leaves out "2 for your other orders" when there are none.
 * In a market that speaks two languages, the menus start by offering the other one on key 9; `name` =
 * `switchLanguage` then answers it. The menus answer the keys they take too (`menuKeys`), for the bot that
 * listens at the menu (lib/calls/menu.ts). It reads no database.
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
 * - `menuKeys`: the keys the menu takes, in the order offered (`91203`: 3 is not said), for menu and menuAgain
 *
 * Its contract, PROMPT in lib/connect/contracts.ts, declares these names, outcomes and keys.
 */
import middy from '@middy/core';
import { startTheClock } from '#lib/budget.ts';
import { menuKeys } from '#lib/calls/menu.ts';
import { callbackNumberEnding, callbackOffer, expectedWait, queueStateOf } from '#lib/calls/queue-wait.ts';
import { hasOtherOrders, PROMPT, type PromptResponse } from '#lib/connect/contracts.ts';
import { connectFunction } from '#lib/connect/handler.ts';
import { connectResponse } from '#lib/connect/response.ts';
import { UnknownActionError } from '#lib/failures.ts';
import { MARKETS } from '#lib/markets.ts';
import { connectFunctionObservability, logger } from '#lib/observability/index.ts';
import {
  callbackBookedSsml,
  flowPromptSsml,
  isFlowPromptName,
  languageOffer,
  queueWaitSsml,
  voiceFor,
} from '#lib/speech/index.ts';

export const prompt = connectFunction('prompt', async ({ parameters, callerNumber, market, locale }) => {
  const name = parameters.name ?? '';
  // Only a name of the contract is logged: a parameter the flow got wrong may hold anything, a phone number too.
  const known: readonly string[] = PROMPT.parameters.name.values;
  logger.appendKeys({ prompt: known.includes(name) ? name : 'unknown' });
  const otherLocale = MARKETS[market].locales.find((candidate) => candidate !== locale);
  if (name === 'switchLanguage') {
    if (!otherLocale)
      return connectResponse<PromptResponse>({ outcome: 'no-other-language', language: locale });
    return connectResponse<PromptResponse>({
      outcome: 'switched',
      language: otherLocale,
      voice: voiceFor(otherLocale).voiceId,
    });
  }
  if (name === 'queueWait') {
    const wait = expectedWait(queueStateOf(parameters));
    const callback = callbackOffer(wait, callerNumber);
    return connectResponse<PromptResponse>({
      outcome: callback ? 'offer-callback' : 'hold',
      ssml: queueWaitSsml(locale, wait, { recorded: parameters.recorded === 'true', callback }),
      language: locale,
    });
  }
  if (name === 'callbackBooked') {
    const numberEnding = callbackNumberEnding(callerNumber);
    // The flow books a call back only once Connect took the caller's number: without one, this is a bug.
    if (!numberEnding) throw new Error('a call back was booked for a caller without a number');
    return connectResponse<PromptResponse>({
      outcome: 'spoken',
      ssml: callbackBookedSsml(locale, numberEnding),
      language: locale,
    });
  }
  if (!isFlowPromptName(name)) throw new UnknownActionError('no such prompt');
  const isMenu = name === 'menu' || name === 'menuAgain';
  const spoken = isMenu && !hasOtherOrders(parameters.otherOrders) ? oneOrderMenu[name] : name;
  const offer = languageOffer(spoken, locale, market);
  return connectResponse<PromptResponse>({
    outcome: 'spoken',
    ssml: flowPromptSsml(spoken, locale, offer),
    language: locale,
    ...(isMenu && { menuKeys: menuKeys({ offersLanguage: offer !== undefined }) }),
  });
});

const oneOrderMenu = { menu: 'menuOneOrder', menuAgain: 'menuOneOrderAgain' } as const;

export const handler = middy(prompt).use(startTheClock()).use(connectFunctionObservability());
