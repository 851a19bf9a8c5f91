/**
 * The Lex V2 code hook of the bot (bots/), for both dialog and fulfilment, in every locale: it answers as soon
 * as it can, from the dialog hook already. It reads from the
 * flow's session attributes `callerNumber`, `dialledNumber` and `verifiedOrderNumber`, and answers in the Lex
 * V2 response format (dialogAction, intent state, SSML messages). What it decides is in lib/lex/dialog.ts; the
 * session attributes it reads and sets are listed in lib/connect/contracts.ts (`LEX_SESSION`), with the
 * reasons it hands over for (`HandOverReason`). A malformed event, an unknown intent or a failure gets a valid
 * response that hands the caller to an agent, never a throw: the `handoverReason` and what the caller hears
 * are lex-hook's row of lib/failures.ts (`error`, or `unavailable` when the databases could not answer within
 * IVR_TIME_BUDGET_MS of the invocation's start).
 */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { deadlineOf, startTheClock } from '#lib/budget.ts';
import { LEX_SESSION as SESSION } from '#lib/connect/contracts.ts';
import { config } from '#lib/db/config.ts';
import { databaseCredentials } from '#lib/db/credentials.ts';
import { FAILURE_REPLIES, type Failure, failureOf } from '#lib/failures.ts';
import { FALLBACK_INTENT, isIntentName, localeOfLexLocale, type SlotName } from '#lib/lex/bot.ts';
import { type BotDecision, decide } from '#lib/lex/dialog.ts';
import { lexEventSchema, slotValue } from '#lib/lex/event.ts';
import {
  close,
  elicitIntent,
  elicitSlot,
  filledSlot,
  type LexIntent,
  type LexResponse,
} from '#lib/lex/response.ts';
import { DEFAULT_MARKET, isLocale, type Locale, localeFor, marketOfDialledNumber } from '#lib/markets.ts';
import { lexFunctionObservability, logger, metrics } from '#lib/observability/index.ts';
import { logSafeCaller, normalizeCallerNumber } from '#lib/orders/phone.ts';
import { ordersRepository, verificationRecords } from '#lib/orders/stores.ts';
import { promptSsml } from '#lib/speech/index.ts';

const ORDER_NUMBER_SLOT: SlotName = 'OrderNumber';

export async function lexHook(event: unknown, context: Context): Promise<LexResponse> {
  const parsed = lexEventSchema.safeParse(event);
  if (!parsed.success) {
    logger.error('malformed Lex event', { problems: parsed.error.issues.map((issue) => issue.message) });
    return failed(
      { name: FALLBACK_INTENT, slots: {} },
      {},
      localeFor(DEFAULT_MARKET, undefined),
      'malformed-event',
    );
  }
  const { sessionId, sessionState, bot, inputTranscript, inputMode, invocationSource } = parsed.data;
  const session = sessionState.sessionAttributes;
  const intent: LexIntent = { name: sessionState.intent.name, slots: sessionState.intent.slots };
  const market = marketOfDialledNumber(session[SESSION.dialledNumber]);
  const locale = localeOf(bot.localeId, market);
  const caller = normalizeCallerNumber(session[SESSION.callerNumber], market);
  // Only an intent of the bot is logged: a name Lex did not make may hold anything, a phone number included.
  logger.appendKeys({
    intent: isIntentName(intent.name) ? intent.name : 'unknown',
    source: invocationSource,
    caller: logSafeCaller(caller),
  });
  try {
    const decision = await decide({
      contactId: sessionId,
      intent: intent.name,
      orderNumber: slotValue(intent.slots, ORDER_NUMBER_SLOT),
      changeWhat: slotValue(intent.slots, 'ChangeWhat'),
      transcript: inputTranscript,
      keyed: inputMode === 'DTMF',
      session,
      caller,
      locale,
      now: new Date(),
      deadline: deadlineOf(context, config().timeBudgetMs),
      orders: ordersRepository(),
      verification: verificationRecords(),
    });
    metrics.addMetric(`BotIntent_${intent.name}`, MetricUnit.Count, 1);
    logger.info('bot turn', {
      decision: decision.kind,
      handOver: decision.session[SESSION.handOver] === 'true',
    });
    return lexResponse(decision, intent);
  } catch (error) {
    const failure = failureOf(error);
    logger.error('the bot turn failed; handing over', { failure, error });
    return failed(intent, session, locale, failure);
  }
}

function lexResponse(decision: BotDecision, intent: LexIntent): LexResponse {
  switch (decision.kind) {
    case 'ask-order-number':
      return elicitSlot(intent, ORDER_NUMBER_SLOT, decision.session, decision.ssml);
    case 'ask-again':
      return elicitIntent(decision.session, decision.ssml);
    case 'done': {
      // A menu's key closes the intent it chose, whatever Lex made of the digit (Lex lets the code hook switch).
      if (decision.intent && decision.intent !== intent.name)
        return close({ name: decision.intent, slots: {} }, 'Fulfilled', decision.session, decision.ssml);
      const slots = decision.orderNumber
        ? { ...intent.slots, [ORDER_NUMBER_SLOT]: filledSlot(decision.orderNumber) }
        : intent.slots;
      return close({ ...intent, slots }, 'Fulfilled', decision.session, decision.ssml);
    }
  }
}

/** The bot's locale when it is one we speak, else the dialled market's. */
function localeOf(lexLocaleId: string, market: ReturnType<typeof marketOfDialledNumber>): Locale {
  const locale = localeOfLexLocale(lexLocaleId);
  return isLocale(locale) ? locale : localeFor(market, undefined);
}

/** Hands the caller over, saying why in the session (`handoverReason`) and to the caller (lib/failures.ts). */
function failed(
  intent: LexIntent,
  session: Record<string, string>,
  locale: Locale,
  failure: Failure,
): LexResponse {
  const { outcome, prompt } = FAILURE_REPLIES['lex-hook'][failure];
  return close(
    intent,
    'Failed',
    { ...session, [SESSION.handOver]: 'true', [SESSION.handoverReason]: outcome },
    promptSsml(prompt, locale),
  );
}

export const handler = middy(lexHook)
  .use(startTheClock())
  .use(lexFunctionObservability())
  .use(databaseCredentials());
