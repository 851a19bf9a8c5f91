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
import { startTheClock } from '#lib/budget.ts';
import { recordSurveyAnswer, surveyScore } from '#lib/calls/survey.ts';
import type { SurveyResponse } from '#lib/connect/contracts.ts';
import { connectFunction, failureResponse } from '#lib/connect/handler.ts';
import { connectResponse } from '#lib/connect/response.ts';
import { circuitOf } from '#lib/db/circuit.ts';
import { databaseCredentials } from '#lib/db/credentials.ts';
import { ivrPool } from '#lib/db/pools.ts';
import { connectFunctionObservability, logger, metrics } from '#lib/observability/index.ts';
import { flowPromptSsml } from '#lib/speech/index.ts';

export const survey = connectFunction('survey', async (call) => {
  const score = surveyScore(call.parameters.key);
  const primary = ivrPool();
  const circuit = circuitOf(primary);
  if (circuit.permit() === 'open') {
    // The primary failed or hung a moment ago: the caller is not made to wait for it again.
    logger.warn('the primary failed a moment ago; the contact record carries the score');
    return failureResponse('survey', 'database-unavailable', call.locale);
  }
  try {
    await recordSurveyAnswer(
      primary,
      {
        contactId: call.contactId,
        initialContactId: call.initialContactId === call.contactId ? null : call.initialContactId,
        score,
        answeredAt: new Date(),
      },
      call.deadline(),
    );
    circuit.succeeded();
  } catch (error) {
    circuit.failed();
    throw error;
  }
  if (score === null)
    return connectResponse<SurveyResponse>({
      outcome: 'no-answer',
      ssml: flowPromptSsml('surveyAgain', call.locale),
    });
  // Once by market (the dashboard), once for the whole line (the CSAT alarm).
  const csat = metrics.singleMetric();
  csat.addDimension('market', call.market);
  csat.addMetric('CsatScore', MetricUnit.Count, score);
  metrics.addMetric('CsatScore', MetricUnit.Count, score);
  return connectResponse<SurveyResponse>({
    outcome: 'recorded',
    score,
    ssml: flowPromptSsml('surveyThanks', call.locale),
  });
});

export const handler = middy(survey)
  .use(startTheClock())
  .use(connectFunctionObservability())
  .use(databaseCredentials());
