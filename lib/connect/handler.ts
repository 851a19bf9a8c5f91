/**
 * The one shape of a function that a Connect flow invokes (InvokeLambdaFunction): the event checked, the call's
 * facts, market and language worked out once, a deadline from the time budget, and every failure answered from
 * the function's row of FAILURE_REPLIES (lib/failures.ts), never thrown: a throw would send the caller down the
 * block's error branch. The contact id is in every log line already (connectFunctionObservability).
 *
 * ```ts
 * export const prompt = connectFunction('prompt', async (call) => connectResponse({ outcome: 'spoken', … }));
 * export const handler = middy(prompt).use(startTheClock()).use(connectFunctionObservability());
 * ```
 */
import type { Context } from 'aws-lambda';
import { deadlineOf } from '#lib/budget.ts';
import { type CallFacts, callFacts, parseConnectEvent } from '#lib/connect/event.ts';
import { connectResponse } from '#lib/connect/response.ts';
import { config } from '#lib/db/config.ts';
import { FAILURE_REPLIES, type Failure, type FailureReply, failureOf } from '#lib/failures.ts';
import {
  DEFAULT_MARKET,
  type Locale,
  localeFor,
  type MarketCode,
  marketOfDialledNumber,
} from '#lib/markets.ts';
import { logger } from '#lib/observability/index.ts';
import { promptSsml, voiceFor } from '#lib/speech/index.ts';

/** The functions a flow invokes. */
type ConnectFunctionName = Exclude<keyof typeof FAILURE_REPLIES, 'lex-hook'>;

/** What a Connect-facing function works with. */
export interface ConnectCall extends CallFacts {
  /** The dialled line's market. */
  market: MarketCode;
  /** The caller's language: their choice (the `language` attribute) where the market speaks it. */
  locale: Locale;
  /** When the work must be done (epoch ms): IVR_TIME_BUDGET_MS from the invocation's start (lib/budget.ts). */
  deadline(): number;
}

/** The function as tests and the Lambda runtime call it: any event in, a flat map of strings out. */
export type ConnectFunction = (
  event: unknown,
  context?: Pick<Context, 'getRemainingTimeInMillis'>,
) => Promise<Record<string, string>>;

export function connectFunction(
  name: ConnectFunctionName,
  work: (call: ConnectCall) => Promise<Record<string, string>>,
): ConnectFunction {
  return async (event, context) => {
    const parsed = parseConnectEvent(event);
    if (!parsed.ok) {
      logger.error('malformed Connect event', { problems: parsed.problems });
      return failureResponse(name, 'malformed-event', localeFor(DEFAULT_MARKET, undefined));
    }
    const facts = callFacts(parsed.event);
    const market = marketOfDialledNumber(facts.dialledNumber);
    const locale = localeFor(market, facts.attributes.language);
    const deadline = () => deadlineOf(context, config().timeBudgetMs);
    try {
      return await work({ ...facts, market, locale, deadline });
    } catch (error) {
      const failure = failureOf(error);
      logger.error('the call could not be served as asked', { failure, error });
      return failureResponse(name, failure, locale);
    }
  };
}

/** The function's answer to `failure`, in the caller's language. */
export function failureResponse(
  name: ConnectFunctionName,
  failure: Failure,
  locale: Locale,
): Record<string, string> {
  const reply: FailureReply = FAILURE_REPLIES[name][failure];
  const spoken = reply.prompt && {
    ssml: promptSsml(reply.prompt, locale),
    language: locale,
    voice: voiceFor(locale).voiceId,
  };
  return connectResponse({ outcome: reply.outcome, ...spoken, ...reply.attributes });
}
