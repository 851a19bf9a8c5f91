/**
 * The survey function: the post-call survey's answer (flows/post-call-survey.json). Connect's
 * InvokeLambdaFunction block calls it with the Parameter `key`: what the caller keyed (`$.StoredCustomerInput`,
 * "Timeout" when nothing), and the contact attribute `language`.
 *
 * It records the answer for the contact (and its initial contact) idempotently, and answers:
 * - `outcome`: `recorded` (a score 1 to 5), `no-answer` (another key, or none: kept without a score; the flow
 *   asks once more), or `unavailable` (the answer could not be stored; the flow says goodbye)
 * - `score`: the score recorded
 * - `ssml`: thanks (recorded), or the question asked again (no-answer), in the caller's language
 */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import middy from '@middy/core';
import { recordSurveyAnswer, surveyScore } from '#lib/calls/survey.ts';
import { callFacts, parseConnectEvent } from '#lib/connect/event.ts';
import { connectResponse } from '#lib/connect/response.ts';
import { databaseCredentials } from '#lib/db/credentials.ts';
import { ivrPool } from '#lib/db/pools.ts';
import { localeFor, marketOfDialledNumber } from '#lib/markets.ts';
import { connectFunctionObservability, logger, metrics } from '#lib/observability/index.ts';
import { flowPromptSsml } from '#lib/speech/index.ts';

export async function survey(event: unknown): Promise<Record<string, string>> {
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
    await recordSurveyAnswer(ivrPool(), {
      contactId: call.contactId,
      initialContactId: call.initialContactId === call.contactId ? null : call.initialContactId,
      score,
      answeredAt: new Date(),
    });
  } catch (error) {
    logger.error('the survey answer could not be stored', { error });
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
