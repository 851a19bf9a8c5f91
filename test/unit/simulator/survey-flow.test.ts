/**
 * flows/post-call-survey.json keeps the caller's key as the contact attribute `surveyScore` before the survey
 * function stores it, so that the contact record carries the score even when the function cannot store it.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFlows } from '#lib/connect/flow-language.ts';
import { PROJECT_ROOT } from '#lib/paths.ts';
import { INBOUND_FLOW, placeCall } from '#simulator/call.ts';
import { parseInput, scriptedCaller } from '#simulator/caller.ts';
import { loadTemplate } from '#simulator/sam-template.ts';

const surveyUnavailable = loadTemplate(join(PROJECT_ROOT, 'test', 'fixtures', 'survey-unavailable.yaml'));

function answerTheSurvey(keys: string[]) {
  const survey = loadFlows().get('post-call-survey');
  if (!survey) throw new Error('flows/ has no post-call-survey');
  return placeCall({
    from: '+923001234567',
    to: '+922111000000',
    caller: scriptedCaller(keys.map(parseInput)),
    flows: new Map([[INBOUND_FLOW, survey]]),
    template: surveyUnavailable,
    storeContactRecord: false,
  });
}

describe('the post-call survey when the survey function cannot store the answer', () => {
  it.each(['1', '4', '5'])(
    'keeps the key %s as the contact attribute surveyScore all the same',
    async (key) => {
      const call = await answerTheSurvey([key]);

      expect(call.contact.attributes.surveyScore).toBe(key);
      expect(call.surveyScore).toBe(Number(key));
    },
  );

  it('keeps no score for a key that is not one', async () => {
    const call = await answerTheSurvey(['7']);

    expect(call.contact.attributes.surveyScore).toBeUndefined();
  });
});
