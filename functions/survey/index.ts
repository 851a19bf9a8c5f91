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
 *
 * Its contract, SURVEY in lib/connect/contracts.ts, declares these Parameters, outcomes and keys.
 */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { recordSurveyAnswer, surveyScore } from '#lib/calls/survey.ts';
import type { SurveyResponse } from '#lib/connect/contracts.ts';
import { callFacts, parseConnectEvent } from '#lib/connect/event.ts';
import { connectResponse } from '#lib/connect/response.ts';
import { circuitOf } from '#lib/db/circuit.ts';
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
    return connectResponse<SurveyResponse>({ outcome: 'unavailable' });
  }
  const call = callFacts(parsed.event);
  const market = marketOfDialledNumber(call.dialledNumber);
  const locale = localeFor(market, call.attributes.language);
  const score = surveyScore(call.parameters.key);
  logger.appendKeys({ contactId: call.contactId });
  const primary = ivrPool();
  const circuit = circuitOf(primary);
  if (circuit.permit() === 'open') {
    // The primary failed or hung a moment ago: the caller is not made to wait for it again.
    logger.warn('the primary failed a moment ago; the contact record carries the score');
    return connectResponse<SurveyResponse>({ outcome: 'unavailable' });
  }
  try {
    const budgetMs = Math.min(config().timeBudgetMs, context.getRemainingTimeInMillis());
    await recordSurveyAnswer(
      primary,
      {
        contactId: call.contactId,
        initialContactId: call.initialContactId === call.contactId ? null : call.initialContactId,
        score,
        answeredAt: new Date(),
      },
      startedAt + budgetMs - ANSWER_MARGIN_MS,
    );
    circuit.succeeded();
  } catch (error) {
    circuit.failed();
    logger.error('the survey answer could not be stored in time; the contact record carries it', { error });
    return connectResponse<SurveyResponse>({ outcome: 'unavailable' });
  }
  if (score === null)
    return connectResponse<SurveyResponse>({
      outcome: 'no-answer',
      ssml: flowPromptSsml('surveyAgain', locale),
    });
  // Once by market (the dashboard), once for the whole line (the CSAT alarm).
  const csat = metrics.singleMetric();
  csat.addDimension('market', market);
  csat.addMetric('CsatScore', MetricUnit.Count, score);
  metrics.addMetric('CsatScore', MetricUnit.Count, score);
  return connectResponse<SurveyResponse>({
    outcome: 'recorded',
    score,
    ssml: flowPromptSsml('surveyThanks', locale),
  });
}

export const handler = middy(survey).use(connectFunctionObservability()).use(databaseCredentials());
