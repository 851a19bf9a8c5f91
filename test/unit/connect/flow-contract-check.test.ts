/**
 * The flow check's rules about contracts (lib/connect/flow-contract-check.ts): flows/ keep them, and each
 * rule is shown failing on a small flow with the kind of typo it is there for, and on flows/ with one typo.
 */
import { describe, expect, it } from 'vitest';
import { checkFlows } from '#lib/connect/flow-check.ts';
import { checkFlowContracts } from '#lib/connect/flow-contract-check.ts';
import { type Flow, type FlowAction, loadFlows } from '#lib/connect/flow-language.ts';
import { FLOW_PROMPT_NAMES } from '#lib/speech/index.ts';

const END = 'end';

/** `${Name}`, written without a template literal's look-alike in a plain string. */
function placeholder(name: string): string {
  return `\${${name}}`;
}

function invoke(
  Identifier: string,
  functionPlaceholder: string,
  parameters: Record<string, string>,
  next = END,
): FlowAction {
  return {
    Identifier,
    Type: 'InvokeLambdaFunction',
    Parameters: {
      LambdaFunctionARN: placeholder(functionPlaceholder),
      InvocationTimeLimitSeconds: '4',
      InvocationType: 'SYNCHRONOUS',
      LambdaInvocationAttributes: parameters,
      ResponseValidation: { ResponseType: 'STRING_MAP' },
    },
    Transitions: { NextAction: next, Errors: [{ ErrorType: 'NoMatchingError', NextAction: END }] },
  };
}

/** A Compare of `value` with each of `branches` (operand: next action); anything else goes to `otherwise`. */
function compare(
  Identifier: string,
  value: string,
  branches: Record<string, string>,
  otherwise = END,
): FlowAction {
  return {
    Identifier,
    Type: 'Compare',
    Parameters: { ComparisonValue: value },
    Transitions: {
      NextAction: otherwise,
      Conditions: Object.entries(branches).map(([operand, next]) => ({
        NextAction: next,
        Condition: { Operator: 'Equals', Operands: [operand] },
      })),
      Errors: [{ ErrorType: 'NoMatchingCondition', NextAction: otherwise }],
    },
  };
}

function setAttributes(Identifier: string, Attributes: Record<string, string>, next = END): FlowAction {
  return {
    Identifier,
    Type: 'UpdateContactAttributes',
    Parameters: { Attributes, TargetContact: 'Current' },
    Transitions: { NextAction: next, Errors: [{ ErrorType: 'NoMatchingError', NextAction: next }] },
  };
}

function say(Identifier: string, SSML: string, next = END): FlowAction {
  return {
    Identifier,
    Type: 'MessageParticipant',
    Parameters: { SSML },
    Transitions: { NextAction: next, Errors: [{ ErrorType: 'NoMatchingError', NextAction: next }] },
  };
}

function bot(
  Identifier: string,
  sessionAttributes: Record<string, string>,
  intents: Record<string, string>,
  next = END,
): FlowAction {
  return {
    Identifier,
    Type: 'ConnectParticipantWithLexBot',
    Parameters: {
      Text: 'How can I help?',
      LexV2Bot: { AliasArn: placeholder('OrderBotAliasArn') },
      LexSessionAttributes: sessionAttributes,
    },
    Transitions: {
      NextAction: next,
      Conditions: Object.entries(intents).map(([intent, target]) => ({
        NextAction: target,
        Condition: { Operator: 'Equals', Operands: [intent] },
      })),
      Errors: [
        { ErrorType: 'NoMatchingCondition', NextAction: next },
        { ErrorType: 'InputTimeLimitExceeded', NextAction: next },
        { ErrorType: 'NoMatchingError', NextAction: next },
      ],
    },
  };
}

/** The actions, starting at the first, and the hang-up END they lead to. */
function flowOf(...actions: FlowAction[]): Flow {
  const hangUp: FlowAction = {
    Identifier: END,
    Type: 'DisconnectParticipant',
    Parameters: {},
    Transitions: {},
  };
  return { Version: '2019-10-30', StartAction: actions[0]?.Identifier ?? END, Actions: [...actions, hangUp] };
}

/** The contract problems of `flow`, checked as test.json beside `others`. */
function problemsOf(flow: Flow, others: Record<string, Flow> = {}): string[] {
  return checkFlowContracts(new Map([['test', flow], ...Object.entries(others)]));
}

function problem(identifier: string, message: string): string {
  return `test.json: action "${identifier}": ${message}`;
}

/**
 * A known caller's call in small: identify, the status or a hand-over for the outcome's reason. It keeps
 * every contract; each test below breaks one.
 */
function identifyFlow(changes: { operand?: string; reason?: string; read?: string } = {}): Flow {
  return flowOf(
    invoke('identify', 'OrderStatusFunctionArn', { action: 'identify' }, 'route'),
    compare(
      'route',
      '$.External.outcome',
      { found: 'keep-order', [changes.operand ?? 'not-identified']: END },
      'hand-over',
    ),
    setAttributes('keep-order', { orderNumber: '$.External.orderNumber' }, 'say-status'),
    say('say-status', changes.read ?? '$.External.ssml'),
    setAttributes('hand-over', { handoverReason: changes.reason ?? '$.External.outcome' }),
  );
}

/** flows/ with one change made to one action of one flow. */
function flowsWith(flowName: string, identifier: string, change: (action: FlowAction) => void) {
  const flows = loadFlows();
  const flow = structuredClone(flows.get(flowName));
  const action = flow?.Actions.find((candidate) => candidate.Identifier === identifier);
  if (!flow || !action) throw new Error(`flows/${flowName}.json has no action ${identifier}`);
  change(action);
  return new Map([...flows, [flowName, flow]]);
}

describe('flows/', () => {
  it('keep every contract with the functions and the bot', () => {
    expect(checkFlowContracts(loadFlows())).toEqual([]);
  });

  it('fail the check when the inbound flow hands over for a reason with a typo', () => {
    // Prepare
    const flows = flowsWith('order-status-inbound', 'no-choice-hand-over', (action) => {
      action.Parameters.Attributes = { handoverReason: 'no-valid-choise' };
    });

    // Act
    const problems = checkFlows(flows);

    // Assess
    expect(problems).toEqual([
      'order-status-inbound.json: action "no-choice-hand-over": sets handoverReason to "no-valid-choise", ' +
        'which is not a hand-over reason (HAND_OVER_REASONS)',
    ]);
  });

  it('fail the check when the inbound flow tests an outcome with a typo', () => {
    const flows = flowsWith('order-status-inbound', 'route-reply', (action) => {
      const condition = action.Transitions.Conditions?.find(
        ({ Condition }) => Condition.Operands[0] === 'verify-failed',
      );
      if (condition) condition.Condition.Operands = ['verify-fail'];
    });

    const problems = checkFlows(flows);

    expect(problems).toContainEqual(
      expect.stringMatching(
        /^order-status-inbound\.json: action "route-reply": condition \d+ tests the outcome "verify-fail", which order-status or prompt does not answer here/,
      ),
    );
  });

  it('fail the check when the survey flow asks for a prompt the catalogue lacks', () => {
    const flows = flowsWith('post-call-survey', 'question-prompt', (action) => {
      action.Parameters.LambdaInvocationAttributes = { name: 'surveyQuestions' };
    });

    const problems = checkFlows(flows);

    expect(problems).toEqual([
      `post-call-survey.json: action "question-prompt": passes name "surveyQuestions" to prompt, which knows ${[...FLOW_PROMPT_NAMES, 'switchLanguage', 'queueWait', 'callbackBooked'].join(', ')}`,
    ]);
  });
});

describe('checkFlowContracts', () => {
  it('reports nothing for a flow that keeps the contracts, nor does the whole check', () => {
    const flow = identifyFlow();

    expect(problemsOf(flow)).toEqual([]);
    expect(checkFlows(new Map([['test', flow]]))).toEqual([]);
  });

  describe('the Parameters a function is passed', () => {
    it('reports a prompt name that the prompt catalogue lacks', () => {
      const flow = flowOf(invoke('prompt', 'PromptFunctionArn', { name: 'menuu' }));

      const problems = problemsOf(flow);

      const known = [...FLOW_PROMPT_NAMES, 'switchLanguage', 'queueWait', 'callbackBooked'].join(', ');
      expect(problems).toEqual([problem('prompt', `passes name "menuu" to prompt, which knows ${known}`)]);
    });

    it('reports an action order-status does not have', () => {
      const flow = flowOf(invoke('look', 'OrderStatusFunctionArn', { action: 'look-up', orderNumber: '1' }));

      const problems = problemsOf(flow);

      expect(problems).toEqual([
        problem(
          'look',
          'passes action "look-up" to order-status, which knows identify, lookup, verify, next',
        ),
      ]);
    });

    it('reports a Parameter the function does not read, and one it needs that is missing', () => {
      const flow = flowOf(invoke('look', 'OrderStatusFunctionArn', { orderId: '$.StoredCustomerInput' }));

      const problems = problemsOf(flow);

      expect(problems).toEqual([
        problem('look', 'passes "orderId" to order-status, which reads action, orderNumber, digits'),
        problem('look', 'passes no action to order-status, which needs it'),
      ]);
    });

    it('accepts any value that is known only during the call', () => {
      const flow = flowOf(invoke('prompt', 'PromptFunctionArn', { name: '$.External.prompt' }));

      expect(problemsOf(flow)).toEqual([]);
    });
  });

  describe('the outcomes a Compare tests', () => {
    it('reports an operand with a typo', () => {
      const problems = problemsOf(identifyFlow({ operand: 'not-identifed' }));

      expect(problems).toContain(
        problem(
          'route',
          'condition 2 tests the outcome "not-identifed", which order-status does not answer here; ' +
            'it answers found, not-identified, unavailable, error',
        ),
      );
    });

    it("reports an outcome of the function that the invoked action never answers (identify's verify-failed)", () => {
      const problems = problemsOf(identifyFlow({ operand: 'verify-failed' }));

      expect(problems).toContain(
        problem(
          'route',
          'condition 2 tests the outcome "verify-failed", which order-status does not answer here; ' +
            'it answers found, not-identified, unavailable, error',
        ),
      );
    });

    it('knows which function answered on each way to the Compare', () => {
      // Prepare: order-status's identify, or the prompt function's language switch, then one Compare.
      const flow = flowOf(
        compare('start', '$.StoredCustomerInput', { '9': 'switch' }, 'identify'),
        invoke('identify', 'OrderStatusFunctionArn', { action: 'identify' }, 'route'),
        invoke('switch', 'PromptFunctionArn', { name: 'switchLanguage' }, 'route'),
        compare('route', '$.External.outcome', { found: END, switched: END, spoken: END }),
      );

      // Act
      const problems = problemsOf(flow);

      // Assess: only `spoken`, which the language switch does not answer.
      expect(problems).toEqual([
        problem(
          'route',
          'condition 3 tests the outcome "spoken", which order-status or prompt does not answer here; it ' +
            'answers found, not-identified, unavailable, error, switched, no-other-language',
        ),
      ]);
    });

    it('knows that the wait before the queue answers whether to offer a call back, and no prompt was spoken', () => {
      const flow = flowOf(
        invoke(
          'wait',
          'PromptFunctionArn',
          { name: 'queueWait', contactsInQueue: '$.Metrics.Queue.Size' },
          'route',
        ),
        compare('route', '$.External.outcome', { 'offer-callback': END, hold: END, spoken: END }),
      );

      const problems = problemsOf(flow);

      expect(problems).toEqual([
        problem(
          'route',
          'condition 3 tests the outcome "spoken", which prompt does not answer here; it answers ' +
            'offer-callback, hold, error',
        ),
      ]);
    });

    it('says nothing of a Compare that no answer of a function reaches', () => {
      const flow = flowOf(compare('route', '$.External.outcome', { fuond: END }));

      expect(problemsOf(flow)).toEqual([]);
    });
  });

  describe('the keys of a response a flow reads', () => {
    it('reports a key the function does not answer', () => {
      const problems = problemsOf(identifyFlow({ read: '$.External.ssmll' }));

      expect(problems).toEqual([
        problem('say-status', 'reads $.External.ssmll, which order-status does not answer'),
      ]);
    });
  });

  describe('hand-over reasons', () => {
    it('reports a reason with a typo', () => {
      const problems = problemsOf(identifyFlow({ reason: 'no-valid-choise' }));

      expect(problems).toEqual([
        problem(
          'hand-over',
          'sets handoverReason to "no-valid-choise", which is not a hand-over reason (HAND_OVER_REASONS)',
        ),
      ]);
    });

    it('reports an outcome taken for the reason where it may be one that is not a reason', () => {
      const flow = flowOf(
        invoke(
          'look',
          'OrderStatusFunctionArn',
          { action: 'lookup', orderNumber: '$.StoredCustomerInput' },
          'why',
        ),
        setAttributes('why', { handoverReason: '$.External.outcome' }),
      );

      const problems = problemsOf(flow);

      expect(problems).toEqual([
        problem(
          'why',
          'sets handoverReason to $.External.outcome, which may be found, not-found, invalid-input, verify ' +
            'here: no hand-over reason',
        ),
      ]);
    });

    it("accepts the bot's reason", () => {
      const flow = flowOf(setAttributes('why', { handoverReason: '$.Lex.SessionAttributes.handoverReason' }));

      expect(problemsOf(flow)).toEqual([]);
    });
  });

  describe('contact attributes', () => {
    it('reports an attribute read that no flow sets', () => {
      const flow = flowOf(say('say', '<speak>Your order $.Attributes.orderNumbr.</speak>'));

      const problems = problemsOf(flow);

      expect(problems).toEqual([problem('say', 'reads $.Attributes.orderNumbr, which no flow sets')]);
    });

    it('accepts an attribute that another flow sets', () => {
      const flow = flowOf(say('say', "<speak>Your order $.Attributes.['orderNumber'].</speak>"));
      const other = flowOf(setAttributes('keep', { orderNumber: '10000001' }));

      expect(problemsOf(flow, { other })).toEqual([]);
    });

    it('reports an attribute set that CONTACT_ATTRIBUTES does not declare', () => {
      const flow = flowOf(setAttributes('keep', { orderNo: '10000001' }));

      const problems = problemsOf(flow);

      expect(problems).toEqual([
        problem('keep', 'sets the attribute "orderNo", which CONTACT_ATTRIBUTES does not declare'),
      ]);
    });
  });

  describe('the bot', () => {
    it('reports a session attribute given to the bot that the code hook does not know', () => {
      const flow = flowOf(
        bot(
          'bot',
          { callerNumbr: '$.CustomerEndpoint.Address', 'x-amz-lex:audio:start-timeout-ms:*:*': '5000' },
          {},
        ),
      );

      const problems = problemsOf(flow);

      expect(problems).toEqual([
        problem('bot', 'gives the bot the session attribute "callerNumbr", which is not one of LEX_SESSION'),
      ]);
    });

    it('reports a session attribute read back that the code hook does not set', () => {
      const flow = flowOf(setAttributes('why', { intent: '$.Lex.SessionAttributes.handover' }));

      const problems = problemsOf(flow);

      expect(problems).toEqual([
        problem(
          'why',
          'reads $.Lex.SessionAttributes.handover, which is not a session attribute of LEX_SESSION',
        ),
      ]);
    });

    it('reports an intent the bot does not have', () => {
      const flow = flowOf(bot('bot', {}, { CheckOrderStatus: END, GoodBye: END }));

      const problems = problemsOf(flow);

      expect(problems).toEqual([
        problem('bot', 'condition 2 tests the intent "GoodBye", which the bot does not have'),
      ]);
    });

    it('reports a slot no intent of the bot has', () => {
      const flow = flowOf(
        invoke('look', 'OrderStatusFunctionArn', {
          action: 'lookup',
          orderNumber: '$.Lex.Slots.orderNumber',
        }),
      );

      const problems = problemsOf(flow);

      expect(problems).toEqual([
        problem('look', 'reads $.Lex.Slots.orderNumber, which no intent of the bot has'),
      ]);
    });
  });
});
