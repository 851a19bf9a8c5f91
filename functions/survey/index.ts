/**
 * The survey function: the post-call survey's answer (flows/post-call-survey.json). Connect's
 * InvokeLambdaFunction block calls it with the Parameter `key`: what the caller keyed (`$.StoredCustomerInput`,
 * "Timeout" when nothing), and the contact attribute `language`.
 *
 * It records the answer for the contact (and its initial contact) idempotently, within IVR_TIME_BUDGET_MS of
 * the invocation's start (and the time Lambda leaves it), and answers:
 * - `outcome`: `recorded` (a score 1 to 5), `no-answer` (another key, or none: kept without a score; the flow
 *   asks once more), or `unavailable` (the answer could not be stored in time; the flow says goodbye, and the
 *   score the flow kept as the `surveyScore` attribute is stored from the contact record instead)
 * - `score`: the score recorded
 * - `ssml`: thanks (recorded), or the question asked again (no-answer), in the caller's language
 */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { recordSurveyAnswer, surveyScore } from '#lib/calls/survey.ts';
import { callFacts, parseConnectEvent } from '#lib/connect/event.ts';
import { connectResponse } from '#lib/connect/response.ts';
import { ANSWER_MARGIN_MS, config } from '#lib/db/config.ts';
import { databaseCredentials } from '#lib/db/credentials.ts';
import { ivrPool } from '#lib/db/pools.ts';
import { localeFor, marketOfDialledNumber } from '#lib/markets.ts';
import { connectFunctionObservability, logger, metrics } from '#lib/observability/index.ts';
import { flowPromptSsml } from '#lib/speech/index.ts';

export async function survey(event: unknown, context: Context): Promise<Record<string, string>> {
  const startedAt = Date.now();
  const parsed = parseConnectEvent(event);
  if (!parsed.ok) {
    logger.error('malformed Connect event', { problems: parsed.problems });
    return connectResponse({ outcome: 'unavailable' });
  }
  const call = callFacts(parsed.event);
  const market = marketOfDialledNumber(call.dialledNumber);
  const locale = localeFor(market, call.attributes.language);
  const score = surveyScore(call.parameters.key);
  logger.appendKeys({ contactId: call.contactId });
  try {
    const budgetMs = Math.min(config().timeBudgetMs, context.getRemainingTimeInMillis());
    await recordSurveyAnswer(
      ivrPool(),
      {
        contactId: call.contactId,
        initialContactId: call.initialContactId === call.contactId ? null : call.initialContactId,
        score,
        answeredAt: new Date(),
      },
      startedAt + budgetMs - ANSWER_MARGIN_MS,
    );
  } catch (error) {
    logger.error('the survey answer could not be stored in time; the contact record carries it', { error });
    return connectResponse({ outcome: 'unavailable' });
  }
  if (score === null)
    return connectResponse({ outcome: 'no-answer', ssml: flowPromptSsml('surveyAgain', locale) });
  const csat = metrics.singleMetric();
  csat.addDimension('market', market);
  csat.addMetric('CsatScore', MetricUnit.Count, score);
  return connectResponse({ outcome: 'recorded', score, ssml: flowPromptSsml('surveyThanks', locale) });
}

export const handler = middy(survey).use(connectFunctionObservability()).use(databaseCredentials());
