/** The flows of flows/ checked, and the rules of the check, each shown on a minimal flow that breaks it. */
import { describe, expect, it } from 'vitest';
import { INVOCATION_MARGIN_MS, MAX_TIME_BUDGET_MS } from '#lib/budget.ts';
import { checkFlows } from '#lib/connect/flow-check.ts';
import { type Flow, type FlowAction, loadFlows, type Transitions } from '#lib/connect/flow-language.ts';
import { FLOW_PLACEHOLDERS } from '#lib/connect/flow-placeholders.ts';
import { loadTemplate } from '#simulator/sam-template.ts';

/** The action under test in each synthetic flow. */
const STEP = 'step';
/** The hang-up that ends each synthetic flow. */
const END = 'end';

/** `${Name}`, written without a template literal's look-alike in a plain string. */
function placeholder(name: string): string {
  return `\${${name}}`;
}

function errors(...errorTypes: string[]): Transitions['Errors'] {
  return errorTypes.map((ErrorType) => ({ ErrorType, NextAction: END }));
}

function conditions(operator: string, ...operands: string[]): Transitions['Conditions'] {
  return operands.map((operand) => ({
    NextAction: END,
    Condition: { Operator: operator, Operands: [operand] },
  }));
}

function step(
  Type: string,
  Parameters: Record<string, unknown>,
  Transitions: Transitions = { NextAction: END, Errors: errors('NoMatchingError') },
): FlowAction {
  return { Identifier: STEP, Type, Parameters, Transitions };
}

/** One valid action of each kind the simulator runs, each leading to END. */
const VALID = {
  MessageParticipant: step('MessageParticipant', { SSML: '<speak>Thanks for calling.</speak>' }),
  MessageParticipantIteratively: step('MessageParticipantIteratively', {
    Messages: [{ Text: 'Please hold.' }],
  }),
  'GetParticipantInput (menu)': step(
    'GetParticipantInput',
    { SSML: '<speak>For your order, press 1.</speak>', StoreInput: 'False', InputTimeLimitSeconds: '5' },
    {
      NextAction: END,
      Conditions: conditions('Equals', '1'),
      Errors: errors('InputTimeLimitExceeded', 'NoMatchingCondition', 'NoMatchingError'),
    },
  ),
  'GetParticipantInput (store)': step('GetParticipantInput', {
    Text: 'Please enter your order number, then the hash key.',
    StoreInput: 'True',
    InputTimeLimitSeconds: '8',
    InputValidation: { CustomValidation: { MaximumLength: '10' } },
    DTMFConfiguration: { InputTerminationSequence: '#', DisableCancelKey: 'False' },
  }),
  ConnectParticipantWithLexBot: step(
    'ConnectParticipantWithLexBot',
    {
      Text: 'What is your order number?',
      LexV2Bot: { AliasArn: placeholder('OrderBotAliasArn') },
      LexSessionAttributes: { 'x-amz-lex:audio:start-timeout-ms:*:*': '4000' },
    },
    {
      NextAction: END,
      Conditions: conditions('Equals', 'CheckOrderStatus'),
      Errors: errors('NoMatchingCondition', 'InputTimeLimitExceeded', 'NoMatchingError'),
    },
  ),
  InvokeLambdaFunction: step('InvokeLambdaFunction', {
    LambdaFunctionARN: placeholder('OrderStatusFunctionArn'),
    InvocationTimeLimitSeconds: '6',
    InvocationType: 'SYNCHRONOUS',
    LambdaInvocationAttributes: { action: 'lookup', orderNumber: '$.StoredCustomerInput' },
    ResponseValidation: { ResponseType: 'STRING_MAP' },
  }),
  UpdateContactAttributes: step('UpdateContactAttributes', {
    Attributes: { callOutcome: 'self-served' },
    TargetContact: 'Current',
  }),
  UpdateContactData: step('UpdateContactData', { LanguageCode: 'en-IN' }),
  UpdateContactTextToSpeechVoice: step('UpdateContactTextToSpeechVoice', {
    TextToSpeechVoice: 'Kajal',
    TextToSpeechEngine: 'Neural',
    TextToSpeechStyle: 'None',
  }),
  UpdateContactEventHooks: step('UpdateContactEventHooks', {
    EventHooks: { CustomerQueue: placeholder('CustomerQueueFlowArn') },
  }),
  UpdateContactTargetQueue: step('UpdateContactTargetQueue', { QueueId: placeholder('GeneralQueueArn') }),
  TransferContactToQueue: step(
    'TransferContactToQueue',
    {},
    { NextAction: END, Errors: errors('QueueAtCapacity', 'NoMatchingError') },
  ),
  GetMetricData: step('GetMetricData', { QueueChannel: 'Voice' }),
  UpdateContactCallbackNumber: step(
    'UpdateContactCallbackNumber',
    { CallbackNumber: '$.CustomerEndpoint.Address' },
    { NextAction: END, Errors: errors('InvalidCallbackNumber', 'CallbackNumberNotDialable') },
  ),
  CreateCallbackContact: step('CreateCallbackContact', {
    InitialCallDelaySeconds: '30',
    MaximumConnectionAttempts: '2',
    RetryDelaySeconds: '300',
  }),
  Compare: step(
    'Compare',
    { ComparisonValue: '$.External.outcome' },
    { NextAction: END, Conditions: conditions('Equals', 'found'), Errors: errors('NoMatchingCondition') },
  ),
  CheckHoursOfOperation: step(
    'CheckHoursOfOperation',
    {},
    { NextAction: END, Conditions: conditions('Equals', 'True', 'False'), Errors: errors('NoMatchingError') },
  ),
  Loop: step(
    'Loop',
    { LoopCount: '3' },
    { NextAction: END, Conditions: conditions('Equals', 'ContinueLooping', 'DoneLooping') },
  ),
  UpdateFlowLoggingBehavior: step(
    'UpdateFlowLoggingBehavior',
    { FlowLoggingBehavior: 'Enabled' },
    { NextAction: END },
  ),
  UpdateContactRecordingBehavior: step(
    'UpdateContactRecordingBehavior',
    { RecordingBehavior: { RecordedParticipants: ['Agent', 'Customer'] } },
    { NextAction: END },
  ),
  DisconnectParticipant: step('DisconnectParticipant', {}, {}),
  EndFlowExecution: step('EndFlowExecution', {}, {}),
  TransferToFlow: step(
    'TransferToFlow',
    { ContactFlowId: placeholder('PostCallSurveyFlowArn') },
    { Errors: errors('NoMatchingError') },
  ),
} satisfies Record<string, FlowAction>;

/**
 * A minimal valid flow: the actions, starting at the first, and the hang-up END if they lead there. Each test
 * changes one thing of a valid action, so that the problem it expects is the only one.
 */
function flowOf(...actions: FlowAction[]): Flow {
  const leadsToEnd = actions.some(({ Transitions: { NextAction, Errors = [], Conditions = [] } }) =>
    [NextAction, ...[...Errors, ...Conditions].map((branch) => branch.NextAction)].includes(END),
  );
  const hangUp: FlowAction = {
    Identifier: END,
    Type: 'DisconnectParticipant',
    Parameters: {},
    Transitions: {},
  };
  return {
    Version: '2019-10-30',
    StartAction: actions[0]?.Identifier ?? END,
    Actions: [...actions, ...(leadsToEnd || actions.length === 0 ? [hangUp] : [])],
  };
}

/** `action` with some parameters changed; a parameter changed to undefined is left out, as in JSON. */
function withParameters(action: FlowAction, changes: Record<string, unknown>): FlowAction {
  const parameters = Object.entries({ ...action.Parameters, ...changes }).filter(
    ([, value]) => value !== undefined,
  );
  return { ...action, Parameters: Object.fromEntries(parameters) };
}

function withTransitions(action: FlowAction, changes: Transitions): FlowAction {
  return { ...action, Transitions: { ...action.Transitions, ...changes } };
}

function withoutError(action: FlowAction, errorType: string): FlowAction {
  const remaining = (action.Transitions.Errors ?? []).filter((error) => error.ErrorType !== errorType);
  return withTransitions(action, { Errors: remaining });
}

/** The flows the 'flow' placeholders stand for, so that a flow under test may name them. */
const NAMED_FLOWS = Object.values(FLOW_PLACEHOLDERS).flatMap((entry) =>
  entry.kind === 'flow' ? [[entry.flow, flowOf()] as const] : [],
);

/** The problems of `flow`, checked as test.json beside the flows that placeholders name. */
function problemsOf(flow: Flow): string[] {
  return checkFlows(new Map([['test', flow], ...NAMED_FLOWS]));
}

/** A problem of the action `identifier` of test.json. */
function problem(message: string, identifier = STEP): string {
  return `test.json: action "${identifier}": ${message}`;
}

describe('the flows of flows/', () => {
  it('have no problem, and are the four flows the IVR deploys', () => {
    // Prepare
    const flows = loadFlows();

    // Act
    const problems = checkFlows(flows);

    // Assess
    expect([...flows.keys()]).toEqual(
      expect.arrayContaining(['order-status-inbound', 'customer-queue', 'agent-whisper', 'post-call-survey']),
    );
    expect(problems).toEqual([]);
  });
});

describe('FLOW_PLACEHOLDERS', () => {
  const template = loadTemplate();
  const placeholders = Object.entries(FLOW_PLACEHOLDERS);

  it('names an AWS::Serverless::Function of template.yaml for every function', () => {
    // Prepare
    const resources = placeholders.flatMap(([, entry]) =>
      entry.kind === 'function' ? [entry.resource] : [],
    );

    // Act
    const missing = resources.filter(
      (name) => template.Resources[name]?.Type !== 'AWS::Serverless::Function',
    );

    // Assess
    expect(missing).toEqual([]);
  });

  it('names an AWS::Lex::BotAlias of template.yaml for every Lex bot alias', () => {
    const aliases = placeholders.flatMap(([, entry]) =>
      entry.kind === 'lex-bot-alias' ? [entry.resource] : [],
    );

    const missing = aliases.filter((name) => template.Resources[name]?.Type !== 'AWS::Lex::BotAlias');

    expect(aliases).not.toEqual([]);
    expect(missing).toEqual([]);
  });

  it('names a Parameter of template.yaml for every queue', () => {
    // Prepare
    const parameters = placeholders.flatMap(([, entry]) => (entry.kind === 'queue' ? [entry.parameter] : []));

    // Act
    const missing = parameters.filter((name) => !Object.hasOwn(template.Parameters, name));

    // Assess
    expect(missing).toEqual([]);
  });

  it('names a flow of flows/ for every flow', () => {
    // Prepare
    const flows = loadFlows();

    // Act
    const missing = placeholders.flatMap(([, entry]) =>
      entry.kind === 'flow' && !flows.has(entry.flow) ? [entry.flow] : [],
    );

    // Assess
    expect(missing).toEqual([]);
  });
});

describe('checkFlows', () => {
  it('reports nothing for a flow that only hangs up', () => {
    expect(problemsOf(flowOf())).toEqual([]);
  });

  it.each(Object.entries(VALID))('reports nothing for a minimal valid flow with %s', (_, action) => {
    expect(problemsOf(flowOf(action))).toEqual([]);
  });

  describe('the document', () => {
    it('reports a Version other than 2019-10-30', () => {
      // Prepare
      const flow = { ...flowOf(), Version: '2020-01-01' } as unknown as Flow;

      // Act
      const problems = problemsOf(flow);

      // Assess
      expect(problems).toEqual(['test.json: Version is "2020-01-01", not "2019-10-30"']);
    });

    it('reports a StartAction that names no action', () => {
      const flow = { ...flowOf(), StartAction: 'begin' };

      const problems = problemsOf(flow);

      expect(problems).toEqual(['test.json: StartAction "begin" names no action']);
    });

    it('reports a flow of more than 250 actions', () => {
      const chain = Array.from({ length: 250 }, (_, index) =>
        withTransitions(
          { ...VALID.UpdateContactData, Identifier: `set-${index}` },
          { NextAction: index === 249 ? END : `set-${index + 1}` },
        ),
      );

      const problems = problemsOf(flowOf(...chain));

      expect(problems).toEqual(['test.json: has 251 actions; a flow holds at most 250']);
    });
  });

  describe('identifiers', () => {
    it('reports an Identifier that two actions have', () => {
      const flow = flowOf(VALID.UpdateContactData, VALID.UpdateContactData);

      const problems = problemsOf(flow);

      expect(problems).toEqual([
        problem('an earlier action has the same Identifier; identifiers are unique in a flow'),
      ]);
    });

    it.each([
      ['no characters', '', 0],
      ['51 characters', 'x'.repeat(51), 51],
    ])('reports an Identifier of %s', (_, identifier, length) => {
      const flow = flowOf({ ...VALID.UpdateContactData, Identifier: identifier });

      const problems = problemsOf(flow);

      expect(problems).toEqual([
        problem(`the Identifier has ${length} characters; it may have 1 to 50`, identifier),
      ]);
    });

    it.each([...'%:(\\/)=$,;[]{}'])('reports an Identifier holding %s', (character) => {
      const identifier = `step${character}1`;

      const problems = problemsOf(flowOf({ ...VALID.UpdateContactData, Identifier: identifier }));

      expect(problems).toEqual([
        problem(`the Identifier holds the forbidden ${JSON.stringify(character)}`, identifier),
      ]);
    });

    it.each([
      '__proto__',
      'constructor',
      '__defineGetter__',
      '__defineSetter__',
      'toString',
      'hasOwnProperty',
      'isPrototypeOf',
      'propertyIsEnumerable',
      'toLocaleString',
      'valueOf',
    ])('reports the reserved Identifier %s', (identifier) => {
      const problems = problemsOf(flowOf({ ...VALID.UpdateContactData, Identifier: identifier }));

      expect(problems).toEqual([problem('the Identifier is a reserved string', identifier)]);
    });
  });

  describe('transitions', () => {
    it.each([
      ['NextAction', { NextAction: 'nowhere' }],
      ['the NoMatchingError branch', { Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'nowhere' }] }],
    ])('reports %s leading to no action', (branch, transitions) => {
      const action = withTransitions(VALID.UpdateContactData, transitions);

      const problems = problemsOf(flowOf(action));

      expect(problems).toEqual([problem(`${branch} leads to "nowhere", no action of the flow`)]);
    });

    it('reports a condition leading to no action', () => {
      const action = withTransitions(VALID.Compare, {
        Conditions: [{ NextAction: 'nowhere', Condition: { Operator: 'Equals', Operands: ['found'] } }],
      });

      const problems = problemsOf(flowOf(action));

      expect(problems).toEqual([problem('condition 1 leads to "nowhere", no action of the flow')]);
    });

    it.each(['DisconnectParticipant', 'EndFlowExecution'] as const)(
      'reports a %s whose Transitions are not {}',
      (type) => {
        const problems = problemsOf(flowOf(withTransitions(VALID[type], { NextAction: END })));

        expect(problems).toEqual([problem(`${type} ends the flow; Transitions is {}`)]);
      },
    );

    it('reports a TransferToFlow with a NextAction', () => {
      const problems = problemsOf(flowOf(withTransitions(VALID.TransferToFlow, { NextAction: END })));

      expect(problems).toEqual([problem('TransferToFlow leaves the flow, so it has no NextAction')]);
    });

    it('reports a TransferToFlow without a NoMatchingError branch', () => {
      const action = withTransitions(VALID.TransferToFlow, { Errors: [] });

      const problems = problemsOf(flowOf(action));

      expect(problems).toEqual([problem('TransferToFlow has no NoMatchingError branch')]);
    });

    it('reports any other action without a NextAction', () => {
      const action = withTransitions(VALID.UpdateContactData, { NextAction: undefined });

      const problems = problemsOf(flowOf(action));

      expect(problems).toEqual([problem('UpdateContactData has no NextAction')]);
    });

    it('reports an action that no path from StartAction reaches', () => {
      const orphan = { ...VALID.UpdateContactData, Identifier: 'orphan' };

      const problems = problemsOf(flowOf(VALID.UpdateContactData, orphan));

      expect(problems).toEqual([problem('no path leads here from "step"', 'orphan')]);
    });
  });

  describe('action types', () => {
    it.each(['TransferParticipantToThirdParty', 'DistributeByPercentage', 'toString'])(
      'reports the action type %s, which the simulator cannot run',
      (type) => {
        const problems = problemsOf(flowOf({ ...VALID.UpdateContactData, Type: type }));

        expect(problems).toEqual([problem(`"${type}" is not an action type the simulator can run`)]);
      },
    );
  });

  describe('serialisation', () => {
    it.each([
      ['a number', 3, '3'],
      ['a boolean', true, 'true'],
    ])('reports %s as a parameter value', (_, value, shown) => {
      const action = withParameters(VALID.UpdateContactAttributes, { Attributes: { surveyScore: value } });

      const problems = problemsOf(flowOf(action));

      expect(problems).toEqual([
        problem(
          `Parameters.Attributes.surveyScore is ${shown}; the flow language writes every value as a string`,
        ),
      ]);
    });

    it('reports a boolean nested deep in the parameters', () => {
      const action = withParameters(VALID['GetParticipantInput (store)'], {
        DTMFConfiguration: { InputTerminationSequence: '#', DisableCancelKey: false },
      });

      const problems = problemsOf(flowOf(action));

      expect(problems).toEqual([
        problem(
          'Parameters.DTMFConfiguration.DisableCancelKey is false; the flow language writes every value as a string',
        ),
      ]);
    });

    it('accepts a list of strings such as RecordedParticipants', () => {
      const action = withParameters(VALID.UpdateContactRecordingBehavior, {
        RecordingBehavior: { RecordedParticipants: ['Customer'] },
      });

      expect(problemsOf(flowOf(action))).toEqual([]);
    });
  });

  describe('InvokeLambdaFunction', () => {
    const functions = Object.entries(FLOW_PLACEHOLDERS).filter(([, entry]) => entry.kind === 'function');
    const mustBe = `it must be ${functions.map(([name]) => placeholder(name)).join(' or ')}`;

    it.each([
      ['a function name', 'order-status'],
      ['two placeholders', `${placeholder('OrderStatusFunctionArn')}${placeholder('PromptFunctionArn')}`],
      ['the placeholder of a flow', placeholder('CustomerQueueFlowArn')],
    ])('reports a LambdaFunctionARN that is %s, not one function placeholder', (_, arn) => {
      const action = withParameters(VALID.InvokeLambdaFunction, { LambdaFunctionARN: arn });

      const problems = problemsOf(flowOf(action));

      expect(problems).toEqual([problem(`LambdaFunctionARN is ${JSON.stringify(arn)}; ${mustBe}`)]);
    });

    it.each([['0'], ['9'], ['2.5'], [undefined]])(
      'reports an InvocationTimeLimitSeconds of %s',
      (seconds) => {
        const action = withParameters(VALID.InvokeLambdaFunction, { InvocationTimeLimitSeconds: seconds });

        const problems = problemsOf(flowOf(action));

        const shown = seconds === undefined ? 'missing' : `"${seconds}"`;
        expect(problems).toEqual([
          problem(
            `InvocationTimeLimitSeconds is ${shown}; it must be whole seconds from 1 to 8, the longest Connect waits`,
          ),
        ]);
      },
    );

    it.each(['1', '3'])(
      'reports an InvocationTimeLimitSeconds of %s, shorter than the longest time budget and Lambda take',
      (seconds) => {
        const action = withParameters(VALID.InvokeLambdaFunction, { InvocationTimeLimitSeconds: seconds });

        const problems = problemsOf(flowOf(action));

        const neededMs = MAX_TIME_BUDGET_MS + INVOCATION_MARGIN_MS;
        expect(problems).toEqual([
          problem(
            `InvocationTimeLimitSeconds is "${seconds}"; the block must wait at least ${neededMs / 1000} s: the longest time budget (${MAX_TIME_BUDGET_MS} ms) and Lambda's own ${INVOCATION_MARGIN_MS} ms (lib/budget.ts)`,
          ),
        ]);
      },
    );

    it("takes a limit that covers the longest time budget and Lambda's own time", () => {
      const seconds = String(Math.ceil((MAX_TIME_BUDGET_MS + INVOCATION_MARGIN_MS) / 1000));
      const action = withParameters(VALID.InvokeLambdaFunction, { InvocationTimeLimitSeconds: seconds });

      expect(problemsOf(flowOf(action))).toEqual([]);
    });

    it('reports a ResponseType other than STRING_MAP or JSON', () => {
      const action = withParameters(VALID.InvokeLambdaFunction, {
        ResponseValidation: { ResponseType: 'XML' },
      });

      const problems = problemsOf(flowOf(action));

      expect(problems).toEqual([
        problem('ResponseValidation.ResponseType is "XML"; it must be STRING_MAP or JSON'),
      ]);
    });

    it('reports an InvokeLambdaFunction without a NoMatchingError branch', () => {
      const problems = problemsOf(flowOf(withoutError(VALID.InvokeLambdaFunction, 'NoMatchingError')));

      expect(problems).toEqual([problem('InvokeLambdaFunction has no NoMatchingError branch')]);
    });

    it('reports LambdaInvocationAttributes that are not a flat map of strings', () => {
      const action = withParameters(VALID.InvokeLambdaFunction, {
        LambdaInvocationAttributes: { action: 'lookup', orderNumber: { id: '$.StoredCustomerInput' } },
      });

      const problems = problemsOf(flowOf(action));

      expect(problems).toEqual([
        problem('LambdaInvocationAttributes must be a flat map of names to strings'),
      ]);
    });
  });

  describe('prompts', () => {
    it('reports a MessageParticipant without a prompt', () => {
      const action = withParameters(VALID.MessageParticipant, { SSML: undefined });

      const problems = problemsOf(flowOf(action));

      expect(problems).toEqual([
        problem('MessageParticipant has no prompt; give one of PromptId,Text,SSML,Media'),
      ]);
    });

    it('reports a MessageParticipant with two prompts', () => {
      const action = withParameters(VALID.MessageParticipant, { Text: 'Thanks for calling.' });

      const problems = problemsOf(flowOf(action));

      expect(problems).toEqual([problem('MessageParticipant has Text and SSML; a prompt has one of them')]);
    });

    it.each([
      ['MessageParticipant', VALID.MessageParticipant],
      ['GetParticipantInput', VALID['GetParticipantInput (menu)']],
    ])('reports SSML of a %s that the neural voices reject', (_, valid) => {
      const action = withParameters(valid, { SSML: '<speak><emphasis>Hello</emphasis></speak>' });

      const problems = problemsOf(flowOf(action));

      expect(problems).toEqual([
        problem('the neural voices reject the SSML: <emphasis> is not supported by neural voices'),
      ]);
    });

    it('accepts SSML that is a single JSONPath, which only the call can check', () => {
      const action = withParameters(VALID.MessageParticipant, { SSML: '$.External.ssml' });

      expect(problemsOf(flowOf(action))).toEqual([]);
    });

    it('reports a PromptId with a JSONPath inside other text', () => {
      const action = withParameters(VALID.MessageParticipant, {
        SSML: undefined,
        PromptId: 'prompt-$.External.id',
      });

      const problems = problemsOf(flowOf(action));

      expect(problems).toEqual([
        problem('PromptId is "prompt-$.External.id"; it must be static or a single JSONPath'),
      ]);
    });
  });

  describe('GetParticipantInput', () => {
    const menu = VALID['GetParticipantInput (menu)'];
    const storeInput = VALID['GetParticipantInput (store)'];

    it('reports a StoreInput other than "True" or "False"', () => {
      const problems = problemsOf(flowOf(withParameters(menu, { StoreInput: 'Yes' })));

      expect(problems).toEqual([problem('StoreInput is "Yes"; it must be "True" or "False"')]);
    });

    it.each([['0'], ['-1'], [undefined]])(
      'reports an InputTimeLimitSeconds of %s: every input has a timeout',
      (seconds) => {
        const problems = problemsOf(flowOf(withParameters(menu, { InputTimeLimitSeconds: seconds })));

        const shown = seconds === undefined ? 'missing' : `"${seconds}"`;
        expect(problems).toEqual([
          problem(`InputTimeLimitSeconds is ${shown}; it must be a whole number above 0`),
        ]);
      },
    );

    it('reports a menu condition other than Equals', () => {
      const action = withTransitions(menu, { Conditions: conditions('TextContains', '1') });

      const problems = problemsOf(flowOf(action));

      expect(problems).toEqual([
        problem('condition 1 uses "TextContains"; GetParticipantInput allows Equals'),
      ]);
    });

    it.each(['12', 'a', ''])('reports a menu condition on %j, not a single key', (operand) => {
      const action = withTransitions(menu, { Conditions: conditions('Equals', operand) });

      const problems = problemsOf(flowOf(action));

      expect(problems).toEqual([
        problem(`condition 1 compares with ${JSON.stringify(operand)}; it must be a single key 0-9, * or #`),
      ]);
    });

    it.each(['InputTimeLimitExceeded', 'NoMatchingCondition', 'NoMatchingError'])(
      'reports a menu without a %s branch',
      (errorType) => {
        const problems = problemsOf(flowOf(withoutError(menu, errorType)));

        expect(problems).toEqual([problem(`GetParticipantInput has no ${errorType} branch`)]);
      },
    );

    it('reports a menu with InputValidation', () => {
      const action = withParameters(menu, { InputValidation: { CustomValidation: { MaximumLength: '1' } } });

      const problems = problemsOf(flowOf(action));

      expect(problems).toEqual([problem('InputValidation belongs to StoreInput "True"; a menu has none')]);
    });

    it.each([
      ['no InputValidation', undefined],
      [
        'two validations',
        {
          CustomValidation: { MaximumLength: '10' },
          PhoneNumberValidation: { NumberFormat: 'E164' },
        },
      ],
    ])('reports stored input with %s', (_, validation) => {
      const problems = problemsOf(flowOf(withParameters(storeInput, { InputValidation: validation })));

      expect(problems).toEqual([
        problem('InputValidation must have exactly one of PhoneNumberValidation and CustomValidation'),
      ]);
    });

    it('reports a CustomValidation.MaximumLength that is not a whole number above 0', () => {
      const validation = { CustomValidation: { MaximumLength: '0' } };

      const problems = problemsOf(flowOf(withParameters(storeInput, { InputValidation: validation })));

      expect(problems).toEqual([
        problem('InputValidation.CustomValidation.MaximumLength is "0"; it must be a whole number above 0'),
      ]);
    });

    it('reports stored input with Conditions', () => {
      const action = withTransitions(storeInput, { Conditions: conditions('Equals', '1') });

      const problems = problemsOf(flowOf(action));

      expect(problems).toEqual([problem('StoreInput "True" has no Conditions')]);
    });

    it('reports stored input without a NoMatchingError branch', () => {
      const problems = problemsOf(flowOf(withoutError(storeInput, 'NoMatchingError')));

      expect(problems).toEqual([problem('GetParticipantInput has no NoMatchingError branch')]);
    });

    it.each(['', '123456', '1a'])('reports the InputTerminationSequence %j', (sequence) => {
      const configuration = { InputTerminationSequence: sequence, DisableCancelKey: 'False' };

      const problems = problemsOf(flowOf(withParameters(storeInput, { DTMFConfiguration: configuration })));

      expect(problems).toEqual([
        problem(
          `DTMFConfiguration.InputTerminationSequence is ${JSON.stringify(sequence)}; it must be 1 to 5 of the keys 0-9, # and *`,
        ),
      ]);
    });
  });

  describe('ConnectParticipantWithLexBot', () => {
    const lex = VALID.ConnectParticipantWithLexBot;

    it('reports an AliasArn that is not the placeholder of the bot alias', () => {
      const action = withParameters(lex, { LexV2Bot: { AliasArn: placeholder('GeneralQueueArn') } });

      const problems = problemsOf(flowOf(action));

      expect(problems).toEqual([
        problem(
          `LexV2Bot.AliasArn is "${placeholder('GeneralQueueArn')}"; it must be ${placeholder('OrderBotAliasArn')}`,
        ),
      ]);
    });

    it('reports a condition other than Equals', () => {
      const action = withTransitions(lex, { Conditions: conditions('TextStartsWith', 'Check') });

      const problems = problemsOf(flowOf(action));

      expect(problems).toEqual([
        problem('condition 1 uses "TextStartsWith"; ConnectParticipantWithLexBot allows Equals'),
      ]);
    });

    it.each(['NoMatchingCondition', 'InputTimeLimitExceeded', 'NoMatchingError'])(
      'reports a Lex input without a %s branch',
      (errorType) => {
        const problems = problemsOf(flowOf(withoutError(lex, errorType)));

        expect(problems).toEqual([problem(`ConnectParticipantWithLexBot has no ${errorType} branch`)]);
      },
    );
  });

  describe('Compare', () => {
    it.each(['found', 'Status: $.External.outcome'])(
      'reports the ComparisonValue %j, not a single JSONPath',
      (value) => {
        const problems = problemsOf(flowOf(withParameters(VALID.Compare, { ComparisonValue: value })));

        expect(problems).toEqual([
          problem(
            `ComparisonValue is ${JSON.stringify(value)}; it must be a single JSONPath, such as "$.External.x"`,
          ),
        ]);
      },
    );

    it('reports an operator that Compare lacks', () => {
      const action = withTransitions(VALID.Compare, { Conditions: conditions('NotEquals', 'found') });

      const problems = problemsOf(flowOf(action));

      expect(problems).toEqual([
        problem(
          'condition 1 uses "NotEquals"; Compare allows Equals, TextStartsWith, TextEndsWith, TextContains, ' +
            'NumberGreaterThan, NumberGreaterOrEqualTo, NumberLessThan, NumberLessOrEqualTo',
        ),
      ]);
    });

    it('reports a condition with two operands', () => {
      const condition = { NextAction: END, Condition: { Operator: 'Equals', Operands: ['found', 'lost'] } };

      const problems = problemsOf(flowOf(withTransitions(VALID.Compare, { Conditions: [condition] })));

      expect(problems).toEqual([
        problem('condition 1 has the operands ["found","lost"]; it needs exactly one string'),
      ]);
    });

    it('reports a Compare without a NoMatchingCondition branch', () => {
      const problems = problemsOf(flowOf(withoutError(VALID.Compare, 'NoMatchingCondition')));

      expect(problems).toEqual([problem('Compare has no NoMatchingCondition branch')]);
    });
  });

  describe('CheckHoursOfOperation', () => {
    it.each([
      ['only True', conditions('Equals', 'True')],
      ['a third condition', conditions('Equals', 'True', 'False', 'Maybe')],
    ])('reports conditions with %s', (_, hoursConditions) => {
      const action = withTransitions(VALID.CheckHoursOfOperation, { Conditions: hoursConditions });

      const problems = problemsOf(flowOf(action));

      expect(problems).toEqual([
        problem('CheckHoursOfOperation must have exactly the conditions Equals "True" and Equals "False"'),
      ]);
    });

    it('reports a CheckHoursOfOperation without a NoMatchingError branch', () => {
      const problems = problemsOf(flowOf(withoutError(VALID.CheckHoursOfOperation, 'NoMatchingError')));

      expect(problems).toEqual([problem('CheckHoursOfOperation has no NoMatchingError branch')]);
    });
  });

  describe('Loop', () => {
    it.each(['101', '-1', 'three'])('reports the LoopCount %j', (count) => {
      const problems = problemsOf(flowOf(withParameters(VALID.Loop, { LoopCount: count })));

      expect(problems).toEqual([
        problem(`LoopCount is ${JSON.stringify(count)}; it must be a whole number 0 to 100`),
      ]);
    });

    it('reports a Loop without the DoneLooping condition', () => {
      const action = withTransitions(VALID.Loop, { Conditions: conditions('Equals', 'ContinueLooping') });

      const problems = problemsOf(flowOf(action));

      expect(problems).toEqual([
        problem('Loop must have exactly the conditions Equals "ContinueLooping" and Equals "DoneLooping"'),
      ]);
    });
  });

  describe('UpdateContactEventHooks', () => {
    const hooks = VALID.UpdateContactEventHooks;

    it('reports an event Connect lacks', () => {
      const action = withParameters(hooks, {
        EventHooks: { DisconnectFlow: placeholder('PostCallSurveyFlowArn') },
      });

      const problems = problemsOf(flowOf(action));

      expect(problems).toEqual([problem('EventHooks has "DisconnectFlow", no event of Connect')]);
    });

    it('reports two events in one action', () => {
      const events = {
        CustomerQueue: placeholder('CustomerQueueFlowArn'),
        AgentWhisper: placeholder('AgentWhisperFlowArn'),
      };

      const problems = problemsOf(flowOf(withParameters(hooks, { EventHooks: events })));

      expect(problems).toEqual([problem('EventHooks has 2 events; an action sets exactly one')]);
    });

    it('reports an event set to something other than the placeholder of a flow', () => {
      const action = withParameters(hooks, { EventHooks: { CustomerQueue: placeholder('GeneralQueueArn') } });

      const problems = problemsOf(flowOf(action));

      const flows = ['CustomerQueueFlowArn', 'AgentWhisperFlowArn', 'PostCallSurveyFlowArn'].map(placeholder);
      expect(problems).toEqual([
        problem(
          `EventHooks.CustomerQueue is "${placeholder('GeneralQueueArn')}"; it must be ${flows.join(' or ')}`,
        ),
      ]);
    });

    it('reports an UpdateContactEventHooks without a NoMatchingError branch', () => {
      const problems = problemsOf(flowOf(withoutError(hooks, 'NoMatchingError')));

      expect(problems).toEqual([problem('UpdateContactEventHooks has no NoMatchingError branch')]);
    });
  });

  describe('queues', () => {
    it('reports a QueueId that is neither the placeholder of a queue nor a JSONPath', () => {
      const action = withParameters(VALID.UpdateContactTargetQueue, { QueueId: 'General' });

      const problems = problemsOf(flowOf(action));

      expect(problems).toEqual([
        problem(`QueueId is "General"; it must be ${placeholder('GeneralQueueArn')} or a single JSONPath`),
      ]);
    });

    it('accepts a QueueId that is a single JSONPath', () => {
      const action = withParameters(VALID.UpdateContactTargetQueue, { QueueId: '$.External.queueArn' });

      expect(problemsOf(flowOf(action))).toEqual([]);
    });

    it('reports an UpdateContactTargetQueue without a NoMatchingError branch', () => {
      const problems = problemsOf(flowOf(withoutError(VALID.UpdateContactTargetQueue, 'NoMatchingError')));

      expect(problems).toEqual([problem('UpdateContactTargetQueue has no NoMatchingError branch')]);
    });

    it.each(['QueueAtCapacity', 'NoMatchingError'])(
      'reports a TransferContactToQueue without a %s branch',
      (errorType) => {
        const problems = problemsOf(flowOf(withoutError(VALID.TransferContactToQueue, errorType)));

        expect(problems).toEqual([problem(`TransferContactToQueue has no ${errorType} branch`)]);
      },
    );
  });

  describe('queue metrics and call backs', () => {
    it('reports a QueueChannel other than Voice or Chat, and a Get queue metrics without NoMatchingError', () => {
      const action = withParameters(VALID.GetMetricData, { QueueChannel: 'Phone' });

      expect(problemsOf(flowOf(action))).toEqual([
        problem('QueueChannel is "Phone"; it must be "Voice" or "Chat"'),
      ]);
      expect(problemsOf(flowOf(withoutError(VALID.GetMetricData, 'NoMatchingError')))).toEqual([
        problem('GetMetricData has no NoMatchingError branch'),
      ]);
    });

    it('accepts the metrics of another queue, named by placeholder', () => {
      const action = withParameters(VALID.GetMetricData, { QueueId: placeholder('GeneralQueueArn') });

      expect(problemsOf(flowOf(action))).toEqual([]);
    });

    it('reports a callback number written out rather than referred to', () => {
      const action = withParameters(VALID.UpdateContactCallbackNumber, { CallbackNumber: '+923001234567' });

      expect(problemsOf(flowOf(action))).toEqual([
        problem('CallbackNumber is "+923001234567"; it must be a single JSONPath, such as "$.External.x"'),
      ]);
    });

    it.each(['InvalidCallbackNumber', 'CallbackNumberNotDialable'])(
      'reports a Set callback number without a %s branch',
      (errorType) => {
        const problems = problemsOf(flowOf(withoutError(VALID.UpdateContactCallbackNumber, errorType)));

        expect(problems).toEqual([problem(`UpdateContactCallbackNumber has no ${errorType} branch`)]);
      },
    );

    it.each([
      ['InitialCallDelaySeconds', '0', 'whole seconds from 1 to 259200 (three days)'],
      ['RetryDelaySeconds', '259201', 'whole seconds from 1 to 259200 (three days)'],
      ['MaximumConnectionAttempts', '$.External.tries', 'a whole number above 0'],
    ])('reports a call back whose %s is %s', (name, value, says) => {
      const action = withParameters(VALID.CreateCallbackContact, { [name]: value });

      expect(problemsOf(flowOf(action))).toEqual([problem(`${name} is "${value}"; it must be ${says}`)]);
    });

    it('reads the metrics Get queue metrics loads, and no other', () => {
      const action = withParameters(VALID.MessageParticipant, {
        SSML: undefined,
        Text: '$.Metrics.Queue.Size waiting, $.Metrics.Agents.Available.Count free.',
      });

      expect(problemsOf(flowOf(action))).toEqual([]);
    });
  });

  describe('UpdateContactTextToSpeechVoice', () => {
    const voice = VALID.UpdateContactTextToSpeechVoice;

    it('reports a missing TextToSpeechVoice', () => {
      const problems = problemsOf(flowOf(withParameters(voice, { TextToSpeechVoice: undefined })));

      expect(problems).toEqual([problem('TextToSpeechVoice is missing; it must be a voice such as "Kajal"')]);
    });

    it('reports a TextToSpeechEngine that Connect does not name so', () => {
      const problems = problemsOf(flowOf(withParameters(voice, { TextToSpeechEngine: 'neural' })));

      expect(problems).toEqual([
        problem(
          'TextToSpeechEngine is "neural"; it must be one of Standard, Neural, Generative or a JSONPath',
        ),
      ]);
    });

    it('reports an UpdateContactTextToSpeechVoice without a NoMatchingError branch', () => {
      const problems = problemsOf(flowOf(withoutError(voice, 'NoMatchingError')));

      expect(problems).toEqual([problem('UpdateContactTextToSpeechVoice has no NoMatchingError branch')]);
    });
  });

  describe('contact attributes and logging', () => {
    it.each(['UpdateContactAttributes', 'UpdateContactData'] as const)(
      'reports an %s without a NoMatchingError branch',
      (type) => {
        const problems = problemsOf(flowOf(withoutError(VALID[type], 'NoMatchingError')));

        expect(problems).toEqual([problem(`${type} has no NoMatchingError branch`)]);
      },
    );

    it.each(['order id', 'order.id', 'länge'])('reports the attribute name %j', (name) => {
      const action = withParameters(VALID.UpdateContactAttributes, { Attributes: { [name]: 'x' } });

      const problems = problemsOf(flowOf(action));

      expect(problems).toEqual([
        problem(`the attribute name ${JSON.stringify(name)} has more than 0-9 A-Z a-z - _`),
      ]);
    });

    it('reports a FlowLoggingBehavior other than Enabled or Disabled', () => {
      const action = withParameters(VALID.UpdateFlowLoggingBehavior, { FlowLoggingBehavior: 'On' });

      const problems = problemsOf(flowOf(action));

      expect(problems).toEqual([problem('FlowLoggingBehavior is "On"; it must be "Enabled" or "Disabled"')]);
    });
  });

  describe('placeholders', () => {
    it('reports a placeholder that FLOW_PLACEHOLDERS does not list', () => {
      const action = withParameters(VALID.MessageParticipant, {
        SSML: undefined,
        PromptId: placeholder('WelcomePromptArn'),
      });

      const problems = problemsOf(flowOf(action));

      expect(problems).toEqual([
        problem(`${placeholder('WelcomePromptArn')} is not a placeholder of FLOW_PLACEHOLDERS`),
      ]);
    });

    it('reports the placeholder of a flow that is not among the flows', () => {
      const flow = flowOf(VALID.UpdateContactEventHooks);

      const problems = checkFlows(new Map([['test', flow]]));

      expect(problems).toEqual([
        problem(
          `${placeholder('CustomerQueueFlowArn')} stands for the flow "customer-queue", which is not one of the flows`,
        ),
      ]);
    });

    it('reports the ARN of one instance written into a flow', () => {
      const arn = 'arn:aws:connect:eu-west-2:111122223333:instance/abc/queue/def';

      const problems = problemsOf(flowOf(withParameters(VALID.UpdateContactTargetQueue, { QueueId: arn })));

      expect(problems).toContain(
        problem(`${JSON.stringify(arn)} holds an ARN; flows name resources by placeholders`),
      );
    });

    it('does not take a word ending in "arn:" for an ARN', () => {
      const action = withParameters(VALID.MessageParticipant, { SSML: '<speak>To learn: press 1.</speak>' });

      expect(problemsOf(flowOf(action))).toEqual([]);
    });
  });

  describe('JSONPath references', () => {
    it.each(['$.Name', '$.Attributes', '$.Metrics.Queue.Length', '$.Queue.OutboundCallerId'])(
      'reports %s, which the flows do not read',
      (reference) => {
        const action = withParameters(VALID.MessageParticipant, {
          SSML: undefined,
          Text: `Hello ${reference}.`,
        });

        const problems = problemsOf(flowOf(action));

        expect(problems).toEqual([problem(`${reference} is not a JSONPath the IVR's flows read`)]);
      },
    );

    it.each([
      '$.Attributes.orderNumber',
      "$.Attributes.['orderNumber']",
      '$.External.ssml',
      '$.Lex.Slots.OrderNumber',
      '$.StoredCustomerInput',
      '$.CustomerEndpoint.Address',
      '$.SystemEndpoint.Address',
      '$.ContactId',
      '$.InitialContactId',
      '$.PreviousContactId',
      '$.Channel',
      '$.InitiationMethod',
      '$.LanguageCode',
      '$.Queue.Name',
      '$.Queue.ARN',
      '$.TextToSpeechVoiceId',
      '$.AwsRegion',
    ])('accepts %s', (reference) => {
      // An attribute read must be set somewhere (flow-contract-check.test.ts).
      const setOrderNumber: FlowAction = {
        Identifier: 'set-order-number',
        Type: 'UpdateContactAttributes',
        Parameters: { Attributes: { orderNumber: '10000001' }, TargetContact: 'Current' },
        Transitions: { NextAction: STEP, Errors: [{ ErrorType: 'NoMatchingError', NextAction: STEP }] },
      };
      const action = withParameters(VALID.MessageParticipant, {
        SSML: undefined,
        Text: `Hello ${reference}.`,
      });

      expect(problemsOf(flowOf(setOrderNumber, action))).toEqual([]);
    });
  });
});
