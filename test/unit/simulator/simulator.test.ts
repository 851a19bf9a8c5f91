/**
 * The simulator's interpreter on small flows of its own: how each action runs, how transitions are taken, and
 * how it stops on what it cannot run. Whole calls through flows/ are in test/e2e.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allQueues } from '#lib/calls/hand-over.ts';
import type { Flow, FlowAction, Transitions } from '#lib/connect/flow-language.ts';
import { PROJECT_ROOT } from '#lib/paths.ts';
import { type CallOptions, INBOUND_FLOW, placeCall, type SimulatedCall } from '#simulator/call.ts';
import { parseInput, scriptedCaller } from '#simulator/caller.ts';
import { INSTANCE_ARN } from '#simulator/model.ts';
import { loadTemplate } from '#simulator/sam-template.ts';

const HANG_UP: FlowAction = {
  Identifier: 'end',
  Type: 'DisconnectParticipant',
  Parameters: {},
  Transitions: {},
};
const misbehavingFunctions = loadTemplate(join(PROJECT_ROOT, 'test', 'fixtures', 'template.yaml'));

/** `${Name}`, as flows/ hold what deployment fills in. */
function placeholder(name: string): string {
  return `\${${name}}`;
}

function act(
  Identifier: string,
  Type: string,
  Parameters: Record<string, unknown>,
  Transitions: Transitions,
): FlowAction {
  return { Identifier, Type, Parameters, Transitions };
}

/** A call through an inbound flow of these actions (the first starts it), then a hang-up named `end`. */
function callThrough(
  actions: FlowAction[],
  inputs: string[] = [],
  extraFlows: Record<string, FlowAction[]> = {},
  options: Partial<Pick<CallOptions, 'from' | 'queue' | 'environment' | 'functionMs'>> = {},
) {
  const flow = (list: FlowAction[]): Flow => ({
    Version: '2019-10-30',
    StartAction: list[0]?.Identifier ?? 'end',
    Actions: [...list, HANG_UP],
  });
  const flows = new Map([
    [INBOUND_FLOW, flow(actions)],
    ...Object.entries(extraFlows).map(([name, list]) => [name, flow(list)] as const),
  ]);
  return placeCall({
    from: '+923001234567',
    to: '+922111000000',
    caller: scriptedCaller(inputs.map(parseInput)),
    flows,
    template: misbehavingFunctions,
    ...options,
  });
}

function say(Identifier: string, text: string, next = 'end'): FlowAction {
  return act(
    Identifier,
    'MessageParticipant',
    { Text: text },
    { NextAction: next, Errors: [{ ErrorType: 'NoMatchingError', NextAction: next }] },
  );
}

function heard(call: SimulatedCall): string[] {
  return call.events.flatMap((event) => (event.type === 'prompt' ? [event.text] : []));
}

function storeKeys(parameters: Record<string, unknown> = {}): FlowAction {
  return act(
    'keys',
    'GetParticipantInput',
    {
      Text: 'Key it in.',
      StoreInput: 'True',
      InputTimeLimitSeconds: '5',
      InputValidation: { CustomValidation: { MaximumLength: '8' } },
      ...parameters,
    },
    { NextAction: 'say-keys', Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'end' }] },
  );
}

const sayKeys = say('say-keys', 'You keyed $.StoredCustomerInput.');

describe('the simulator', () => {
  it('stops the call with an error naming an action type it does not know, rather than skipping it', async () => {
    const call = await callThrough([act('check', 'CheckVoiceId', {}, { NextAction: 'end' })]);

    expect(call.outcome).toBe('error');
    expect(call.error).toBe(
      `${INBOUND_FLOW}: action "check" is a CheckVoiceId, which the simulator does not know how to run`,
    );
  });

  it('stops the call when an action raises an error it has no branch for', async () => {
    const call = await callThrough([act('queue', 'TransferContactToQueue', {}, { NextAction: 'end' })]);

    expect(call.error).toContain('action "queue" raised NoMatchingError and has no branch for it');
  });

  it('stops a flow that goes round without end', async () => {
    const call = await callThrough([
      act('again', 'UpdateFlowLoggingBehavior', { FlowLoggingBehavior: 'Enabled' }, { NextAction: 'again' }),
    ]);

    expect(call.error).toContain('without ending');
  });

  it('fills JSONPath references in prompts, and reads a reference to nothing as empty', async () => {
    const call = await callThrough([
      act('set', 'UpdateContactAttributes', { Attributes: { greeting: 'Hello' } }, { NextAction: 'say' }),
      say('say', '$.Attributes.greeting from $.SystemEndpoint.Address$.Attributes.missing.'),
    ]);

    expect(heard(call)).toEqual(['Hello from +922111000000.']);
  });

  describe('storing keys', () => {
    it('keeps the keys before the terminating #', async () => {
      const call = await callThrough([storeKeys(), sayKeys], ['dtmf:1234#']);

      expect(heard(call)[1]).toBe('You keyed 1234.');
    });

    it('lets * clear what was keyed before it', async () => {
      const call = await callThrough([storeKeys(), sayKeys], ['dtmf:99*1234#']);

      expect(heard(call)[1]).toBe('You keyed 1234.');
    });

    it('stops at the maximum length', async () => {
      const call = await callThrough(
        [storeKeys({ InputValidation: { CustomValidation: { MaximumLength: '2' } } }), sayKeys],
        ['dtmf:1234'],
      );

      expect(heard(call)[1]).toBe('You keyed 12.');
    });

    it('waits out the five seconds between keys when the caller does not press #', async () => {
      const withHash = await callThrough([storeKeys(), sayKeys], ['dtmf:1234#']);
      const withoutHash = await callThrough([storeKeys(), sayKeys], ['dtmf:1234']);

      const keyedAt = (call: SimulatedCall) =>
        call.events.find((event) => event.type === 'prompt' && event.text.startsWith('You'))?.at ?? 0;
      expect(keyedAt(withoutHash) - keyedAt(withHash)).toBeCloseTo(5 - 0.3, 0);
      expect(heard(withoutHash)[1]).toBe('You keyed 1234.');
    });

    it('stores "Timeout" when the caller keys nothing, after the block’s time limit', async () => {
      const call = await callThrough([storeKeys(), sayKeys], ['silence']);

      expect(heard(call)[1]).toBe('You keyed Timeout.');
      expect(call.events).toContainEqual(expect.objectContaining({ type: 'timeout', seconds: 5 }));
    });

    it('does not hear words: they are lost, and the block times out', async () => {
      const call = await callThrough([storeKeys(), sayKeys], ['say:my order is one two three']);

      expect(heard(call)[1]).toBe('You keyed Timeout.');
      expect(call.events).toContainEqual(
        expect.objectContaining({ type: 'note', text: expect.stringContaining('words are lost') }),
      );
    });
  });

  describe('a menu', () => {
    const menu = act(
      'menu',
      'GetParticipantInput',
      { Text: 'Press 1.', StoreInput: 'False', InputTimeLimitSeconds: '3' },
      {
        NextAction: 'other',
        Conditions: [{ NextAction: 'one', Condition: { Operator: 'Equals', Operands: ['1'] } }],
        Errors: [
          { ErrorType: 'InputTimeLimitExceeded', NextAction: 'timeout' },
          { ErrorType: 'NoMatchingCondition', NextAction: 'other' },
          { ErrorType: 'NoMatchingError', NextAction: 'other' },
        ],
      },
    );
    const branches = [say('one', 'One.'), say('other', 'Other.'), say('timeout', 'Timeout.')];

    it.each([
      ['1', 'One.'],
      ['2', 'Other.'],
      ['silence', 'Timeout.'],
    ])('after %s goes where its branch says: %s', async (input, said) => {
      const call = await callThrough([menu, ...branches], [input]);

      expect(heard(call)[1]).toBe(said);
    });

    it('lets a caller with nothing more to say hang up before its prompt', async () => {
      const call = await callThrough([menu, ...branches]);

      expect(heard(call)).toEqual([]);
      expect(call.endedBy).toBe('caller');
    });
  });

  it('loops as many times as the Loop block says, then goes on, and counts again from the start', async () => {
    const call = await callThrough([
      act(
        'loop',
        'Loop',
        { LoopCount: '2' },
        {
          NextAction: 'again',
          Conditions: [
            { NextAction: 'again', Condition: { Operator: 'Equals', Operands: ['ContinueLooping'] } },
            { NextAction: 'done', Condition: { Operator: 'Equals', Operands: ['DoneLooping'] } },
          ],
        },
      ),
      say('again', 'Again.', 'loop'),
      say('done', 'Done.'),
    ]);

    expect(heard(call)).toEqual(['Again.', 'Again.', 'Done.']);
  });

  it.each([
    ['NumberGreaterThan', '10', true],
    ['NumberGreaterThan', 'ten', false],
    ['TextStartsWith', '1', true],
    ['TextContains', '5', false],
  ])('compares "12" by %s with %s: %s', async (operator, operand, holds) => {
    const call = await callThrough([
      act('set', 'UpdateContactAttributes', { Attributes: { n: '12' } }, { NextAction: 'compare' }),
      act(
        'compare',
        'Compare',
        { ComparisonValue: '$.Attributes.n' },
        {
          NextAction: 'no',
          Conditions: [{ NextAction: 'yes', Condition: { Operator: operator, Operands: [operand] } }],
          Errors: [{ ErrorType: 'NoMatchingCondition', NextAction: 'no' }],
        },
      ),
      say('yes', 'Yes.'),
      say('no', 'No.'),
    ]);

    expect(heard(call)).toEqual([holds ? 'Yes.' : 'No.']);
  });

  it('takes the error branch of a prompt whose SSML Polly would reject', async () => {
    const call = await callThrough([
      act(
        'say',
        'MessageParticipant',
        { SSML: '<speak><emphasis>Now</emphasis></speak>' },
        { NextAction: 'end', Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'sorry' }] },
      ),
      say('sorry', 'Sorry.'),
    ]);

    expect(heard(call)).toEqual(['Sorry.']);
    expect(call.events).toContainEqual(
      expect.objectContaining({ type: 'note', text: expect.stringContaining('Polly would reject') }),
    );
  });

  it('runs a flow it is transferred to', async () => {
    const call = await callThrough(
      [
        act(
          'go',
          'TransferToFlow',
          { ContactFlowId: placeholder('PostCallSurveyFlowArn') },
          { Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'end' }] },
        ),
      ],
      [],
      { 'post-call-survey': [say('there', 'Over here.')] },
    );

    expect(heard(call)).toEqual(['Over here.']);
  });

  describe('a Lambda function', () => {
    function invoke(parameters: Record<string, string>): FlowAction {
      return act(
        'invoke',
        'InvokeLambdaFunction',
        {
          LambdaFunctionARN: placeholder('PromptFunctionArn'),
          InvocationTimeLimitSeconds: '1',
          LambdaInvocationAttributes: parameters,
          ResponseValidation: { ResponseType: 'STRING_MAP' },
        },
        { NextAction: 'said', Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'failed' }] },
      );
    }
    const outcomes = [say('said', 'Result $.External.outcome $.External.echo.'), say('failed', 'Failed.')];

    it('gets the contact’s values as its parameters, and its result is $.External', async () => {
      const call = await callThrough([invoke({ echo: '$.CustomerEndpoint.Address' }), ...outcomes]);

      expect(heard(call)).toEqual(['Result fine +923001234567.']);
      expect(call.events).toContainEqual(
        expect.objectContaining({
          type: 'lambda',
          function: 'fixtures',
          result: { outcome: 'fine', echo: '+923001234567' },
        }),
      );
    });

    it.each([
      ['hang', "no answer within the block's 1 s"],
      ['nest', 'is not a string (STRING_MAP)'],
      ['grow', 'Connect takes less than 32 KB'],
      ['throw', 'the function threw: the database is on fire'],
    ])('takes the error branch when it does "%s"', async (behaviour, why) => {
      const call = await callThrough([invoke({ behaviour }), ...outcomes]);

      expect(heard(call)).toEqual(['Failed.']);
      expect(call.events).toContainEqual(
        expect.objectContaining({ type: 'note', text: expect.stringContaining(why) }),
      );
    });

    const reads = (variable: string) => invoke({ behaviour: 'read-environment', variable });

    it('runs with the environment the call gives it, and leaves the process its own', async () => {
      const variable = 'IVR_SIMULATOR_TEST_LENT';
      const environment = { [variable]: 'lent' };

      const calls = await Promise.all([
        callThrough([reads(variable), ...outcomes], [], {}, { environment }),
        callThrough([reads(variable), ...outcomes], [], {}, { environment }),
      ]);

      expect(calls.map(heard)).toEqual([['Result fine lent.'], ['Result fine lent.']]);
      expect(process.env[variable]).toBeUndefined();
    });

    it('sees QUEUE_ARNS name a queue of the simulated instance for every queue, as after a deployment', async () => {
      const call = await callThrough([reads('QUEUE_ARNS'), say('said', 'Read.'), say('failed', 'Failed.')]);

      const lambda = call.events.find((event) => event.type === 'lambda');
      const arns = JSON.parse(lambda?.type === 'lambda' ? (lambda.result.echo ?? '') : '{}');
      expect(Object.keys(arns).sort()).toEqual([...allQueues()].sort());
      expect(arns['PK Deliveries']).toBe(`${INSTANCE_ARN}/queue/PK%20Deliveries`);
    });

    it('counts functionMs on the call’s clock when the call gives it, whatever the function took', async () => {
      const call = await callThrough([invoke({ echo: 'x' }), ...outcomes], [], {}, { functionMs: 400 });

      expect(call.events.slice(0, 2)).toEqual([
        expect.objectContaining({ at: 0.4, type: 'lambda', ms: 400 }),
        expect.objectContaining({ at: 0.4, type: 'prompt', text: 'Result fine x.' }),
      ]);
    });
  });
});

describe('the queue, in the simulator', () => {
  const generalQueue = act(
    'set-queue',
    'UpdateContactTargetQueue',
    { QueueId: placeholder('GeneralQueueArn') },
    { NextAction: 'metrics', Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'end' }] },
  );
  const metrics = (next = 'say-metrics') =>
    act(
      'metrics',
      'GetMetricData',
      { QueueChannel: 'Voice' },
      {
        NextAction: next,
        Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'no-metrics' }],
      },
    );
  const sayMetrics = say(
    'say-metrics',
    'In $.Metrics.Queue.Name: $.Metrics.Queue.Size waiting for $.Metrics.Queue.OldestContactAge s, $.Metrics.Agents.Available.Count free.',
  );
  const noMetrics = say('no-metrics', 'No metrics.');

  it("loads the call's queue state for the working queue as $.Metrics, a value left out as Connect's null", async () => {
    const call = await callThrough(
      [generalQueue, metrics(), sayMetrics, noMetrics],
      [],
      {},
      {
        queue: { contactsInQueue: 5, oldestContactSeconds: 240 },
      },
    );

    expect(heard(call)).toEqual(['In General: 5 waiting for 240 s, free.']);
  });

  it('reports an idle queue with an agent free unless the call says otherwise', async () => {
    const call = await callThrough([generalQueue, metrics(), sayMetrics, noMetrics]);

    expect(heard(call)).toEqual(['In General: 0 waiting for s, 1 free.']);
  });

  it('takes the error branch of Get queue metrics when no working queue is set', async () => {
    const call = await callThrough([metrics(), sayMetrics, noMetrics]);

    expect(heard(call)).toEqual(['No metrics.']);
  });

  describe('a call back', () => {
    const setNumber = act(
      'set-number',
      'UpdateContactCallbackNumber',
      { CallbackNumber: '$.CustomerEndpoint.Address' },
      {
        NextAction: 'callback',
        Errors: [
          { ErrorType: 'InvalidCallbackNumber', NextAction: 'invalid' },
          { ErrorType: 'CallbackNumberNotDialable', NextAction: 'invalid' },
        ],
      },
    );
    const callback = act(
      'callback',
      'CreateCallbackContact',
      { InitialCallDelaySeconds: '30', MaximumConnectionAttempts: '2', RetryDelaySeconds: '300' },
      { NextAction: 'booked', Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'failed' }] },
    );
    const outcomes = [say('booked', 'Booked.'), say('invalid', 'Invalid.'), say('failed', 'Failed.')];

    it('is queued for the working queue and the number set, and this call goes on without queueing', async () => {
      const call = await callThrough([
        generalQueue,
        metrics('set-number'),
        setNumber,
        callback,
        ...outcomes,
        noMetrics,
      ]);

      expect(heard(call)).toEqual(['Booked.']);
      expect(call.events).toContainEqual(
        expect.objectContaining({
          type: 'callback',
          queue: 'General',
          number: '+923001234567',
          afterSeconds: 30,
        }),
      );
      expect(call.events.map((event) => event.type)).not.toContain('transfer');
      expect(call.queue).toBeNull();
    });

    it('cannot be set for a withheld number', async () => {
      const call = await callThrough(
        [generalQueue, metrics('set-number'), setNumber, callback, ...outcomes, noMetrics],
        [],
        {},
        {
          from: null,
        },
      );

      expect(heard(call)).toEqual(['Invalid.']);
    });

    it('takes the error branch without a working queue', async () => {
      const call = await callThrough([setNumber, callback, ...outcomes]);

      expect(heard(call)).toEqual(['Failed.']);
    });
  });
});
