/**
 * The contracts of lib/connect/contracts.ts against what they describe: the functions of template.yaml, the
 * flows of flows/, and what the functions that need no database answer.
 */
import { describe, expect, it } from 'vitest';
import { loggableHandOverReason, whisperFor } from '#lib/calls/hand-over.ts';
import {
  type ConnectFunctionContract,
  ESCALATION,
  FUNCTION_CONTRACTS,
  HAND_OVER_REASONS,
  PROMPT,
} from '#lib/connect/contracts.ts';
import { loadFlows } from '#lib/connect/flow-language.ts';
import { FLOW_PLACEHOLDERS } from '#lib/connect/flow-placeholders.ts';
import { loadTemplate } from '#simulator/sam-template.ts';
import { connectEvent } from '#test/factories/connect-event.ts';
import { escalation } from '../../../functions/escalation/index.ts';
import { prompt } from '../../../functions/prompt/index.ts';

/** The support lines of a market of one language, one that offers Hindi, and one that offers English. */
const LINES = [
  { to: '+442000000000', languages: ['en-GB'] },
  { to: '+922111000000', languages: ['en-IN', 'hi-IN'] },
  { to: '+97142000000', languages: ['ar-AE', 'en-GB'] },
];

/** What a response may hold under `contract`, given the outcomes it may answer. */
function outsideContract(
  response: Record<string, string>,
  contract: ConnectFunctionContract,
  outcomes: readonly string[],
): string[] {
  const keys = ['outcome', ...contract.response];
  return [
    ...(outcomes.includes(response.outcome ?? '') ? [] : [`outcome ${response.outcome}`]),
    ...Object.keys(response).filter((key) => !keys.includes(key)),
  ];
}

describe('FUNCTION_CONTRACTS', () => {
  const template = loadTemplate();
  const functions = Object.values(FLOW_PLACEHOLDERS).flatMap((entry) =>
    entry.kind === 'function' ? [entry.resource] : [],
  );

  it('has a contract for every function a flow may invoke, naming its folder under functions/', () => {
    // Act
    const folders = functions.map((resource) => [
      resource,
      template.Resources[resource]?.Metadata?.BuildProperties?.EntryPoints?.[0],
      FUNCTION_CONTRACTS[resource] && `functions/${FUNCTION_CONTRACTS[resource].name}/index.ts`,
    ]);

    // Assess
    expect(functions).not.toEqual([]);
    for (const [resource, entryPoint, contracted] of folders) {
      expect(contracted, resource).toBe(entryPoint);
    }
  });

  it('lets each function read only contact attributes that a flow of flows/ sets', () => {
    // Prepare
    const set = new Set(
      [...loadFlows().values()].flatMap((flow) =>
        flow.Actions.flatMap((action) =>
          action.Type === 'UpdateContactAttributes'
            ? Object.keys(action.Parameters.Attributes as Record<string, string>)
            : [],
        ),
      ),
    );

    // Act
    const unset = Object.values(FUNCTION_CONTRACTS).flatMap((contract) =>
      contract.reads.filter((name) => !set.has(name)).map((name) => `${contract.name} reads ${name}`),
    );

    // Assess
    expect(unset).toEqual([]);
  });
});

describe('the prompt function', () => {
  const names = PROMPT.parameters.name.values;

  it.each(
    LINES.flatMap(({ to, languages }) =>
      languages.flatMap((language) => names.map((name) => ({ to, language, name }))),
    ),
  )('answers $name on $to in $language within its contract', async ({ to, language, name }) => {
    // Act
    const response = await prompt(connectEvent({ to, params: { name }, attributes: { language } }));

    // Assess
    expect(outsideContract(response, PROMPT, PROMPT.outcomesOf({ name }))).toEqual([]);
  });

  it('answers a name it does not know within its contract', async () => {
    const response = await prompt(connectEvent({ params: { name: 'menuu' } }));

    expect(outsideContract(response, PROMPT, PROMPT.outcomesOf({ name: 'menuu' }))).toEqual([]);
  });
});

describe('the escalation function', () => {
  it('answers within its contract, with everything the agent is told', async () => {
    // Prepare: a verified caller who said something and asked for an agent.
    const attributes = {
      language: 'hi-IN',
      orderNumber: '10000001',
      verifiedOrderNumber: '10000001',
      orderStatus: 'SHIPPED',
      intent: 'CancelOrder',
      handoverReason: 'cancel-order',
      lastUtterance: 'cancel my order',
    };

    // Act
    const response = await escalation(connectEvent({ attributes }));

    // Assess
    expect(outsideContract(response, ESCALATION, ESCALATION.outcomes)).toEqual([]);
    expect(Object.keys(response)).toEqual(
      expect.arrayContaining(ESCALATION.response.filter((key) => key !== 'queueArn')),
    );
  });
});

describe('HAND_OVER_REASONS', () => {
  it.each(HAND_OVER_REASONS)('tells the agent what %s means, and may be logged', (reason) => {
    const whisper = whisperFor({
      verifiedOrderNumber: undefined,
      statedOrderNumber: undefined,
      orderStatus: undefined,
      intent: undefined,
      reason,
      locale: 'en-GB',
    });

    expect(whisper).not.toContain('the IVR could not help');
    expect(loggableHandOverReason(reason)).toBe(reason);
  });
});
