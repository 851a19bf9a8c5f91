/**
 * The simulator's rules of a call as Connect runs it (flows/README.md, "How the simulator runs a call"): keys and
 * words over prompts (barge-in), words lost at a keypad block, the caller's hang-up mid-prompt, who hangs up
 * first after an agent, inputs left over when an agent answers, and a function's cold start.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Flow, FlowAction, Transitions } from '#lib/connect/flow-language.ts';
import { PROJECT_ROOT } from '#lib/paths.ts';
import { type CallOptions, INBOUND_FLOW, placeCall, type SimulatedCall } from '#simulator/call.ts';
import { CALLER_PACE, parseStep, scriptedCaller } from '#simulator/caller.ts';
import type { LexBot } from '#simulator/lex.ts';
import type { CallEvent } from '#simulator/model.ts';
import { loadTemplate } from '#simulator/sam-template.ts';

const fixtureFunctions = loadTemplate(join(PROJECT_ROOT, 'test', 'fixtures', 'template.yaml'));
const HANG_UP: FlowAction = {
  Identifier: 'end',
  Type: 'DisconnectParticipant',
  Parameters: {},
  Transitions: {},
};
const LONG_PROMPT =
  'Your order is on its way and should arrive on Saturday. For this again, press 1. For another order, press 2. To speak to an agent, press 0.';

function act(
  Identifier: string,
  Type: string,
  Parameters: Record<string, unknown>,
  Transitions: Transitions,
): FlowAction {
  return { Identifier, Type, Parameters, Transitions };
}

function placeholder(name: string): string {
  return `\${${name}}`;
}

function say(Identifier: string, text: string, next = 'end'): FlowAction {
  return act(
    Identifier,
    'MessageParticipant',
    { Text: text },
    { NextAction: next, Errors: [{ ErrorType: 'NoMatchingError', NextAction: next }] },
  );
}

/** A Store customer input block: keys up to # into $.StoredCustomerInput. */
function storeKeys(Identifier: string, text: string | null, next: string): FlowAction {
  return act(
    Identifier,
    'GetParticipantInput',
    {
      ...(text ? { Text: text } : {}),
      StoreInput: 'True',
      InputTimeLimitSeconds: '5',
      InputValidation: { CustomValidation: { MaximumLength: '8' } },
    },
    { NextAction: next, Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'end' }] },
  );
}

const menu = act(
  'menu',
  'GetParticipantInput',
  { Text: LONG_PROMPT, StoreInput: 'False', InputTimeLimitSeconds: '5' },
  {
    NextAction: 'other',
    Conditions: [{ NextAction: 'zero', Condition: { Operator: 'Equals', Operands: ['0'] } }],
    Errors: [
      { ErrorType: 'InputTimeLimitExceeded', NextAction: 'timeout' },
      { ErrorType: 'NoMatchingCondition', NextAction: 'other' },
      { ErrorType: 'NoMatchingError', NextAction: 'other' },
    ],
  },
);
const menuBranches = [say('zero', 'Zero.'), say('other', 'Other.'), say('timeout', 'Timeout.')];

function call(
  flows: Record<string, FlowAction[]>,
  inputs: string[] = [],
  options: Partial<CallOptions> = {},
): Promise<SimulatedCall> {
  const flow = (actions: FlowAction[]): Flow => ({
    Version: '2019-10-30',
    StartAction: actions[0]?.Identifier ?? 'end',
    Actions: [...actions, HANG_UP],
  });
  return placeCall({
    from: '+923001234567',
    caller: scriptedCaller(inputs.map(parseStep)),
    flows: new Map(Object.entries(flows).map(([name, actions]) => [name, flow(actions)])),
    template: fixtureFunctions,
    storeContactRecord: false,
    ...options,
  } as CallOptions);
}

function prompt(result: SimulatedCall, text: string) {
  const found = result.events.find((event) => event.type === 'prompt' && event.text.startsWith(text));
  if (found?.type !== 'prompt') throw new Error(`no prompt "${text}"`);
  return found;
}

function firstOf<T extends CallEvent['type']>(result: SimulatedCall, type: T) {
  return result.events.find((event): event is Extract<CallEvent, { type: T }> => event.type === type);
}

describe('keys over a prompt (DTMF barge-in)', () => {
  it('lets a caller who knows the key press it once they have reacted to the menu’s start', async () => {
    const listening = await call({ [INBOUND_FLOW]: [menu, ...menuBranches] }, ['0']);
    const knowing = await call({ [INBOUND_FLOW]: [menu, ...menuBranches] }, ['barge:0']);

    expect(firstOf(knowing, 'input')?.at).toBe(CALLER_PACE.reaction);
    expect(prompt(knowing, 'Your order').cutAfter).toBe(CALLER_PACE.reaction);
    expect(prompt(knowing, 'Zero.').at).toBe(CALLER_PACE.reaction);
    const menuSeconds = prompt(listening, 'Zero.').at - CALLER_PACE.reaction;
    expect(menuSeconds).toBeGreaterThan(5);
    expect(knowing.spokenSeconds).toBeCloseTo(
      listening.spokenSeconds - menuSeconds + CALLER_PACE.reaction,
      1,
    );
    expect(prompt(listening, 'Your order').cutAfter).toBeUndefined();
  });

  it('does so for every input when the call says the caller knows', async () => {
    const knowing = await call({ [INBOUND_FLOW]: [menu, ...menuBranches] }, ['0'], { bargeIn: true });

    expect(prompt(knowing, 'Zero.').at).toBe(CALLER_PACE.reaction);
  });

  it('cuts only the input block’s own prompt: keys during a Play prompt before it are not heard there', async () => {
    const result = await call(
      {
        [INBOUND_FLOW]: [
          say('intro', LONG_PROMPT, 'keys'),
          storeKeys('keys', 'Key in your order number, then press hash.', 'say-keys'),
          say('say-keys', 'You keyed $.StoredCustomerInput.'),
        ],
      },
      ['barge:dtmf:12#'],
    );

    expect(prompt(result, 'Your order').cutAfter).toBeUndefined();
    expect(prompt(result, 'Key in your').cutAfter).toBe(CALLER_PACE.reaction);
    expect(prompt(result, 'You keyed').text).toBe('You keyed 12.');
  });

  it('does not let words cut a keypad block’s prompt', async () => {
    const result = await call({ [INBOUND_FLOW]: [menu, ...menuBranches] }, ['barge:say:agent']);

    expect(prompt(result, 'Your order').cutAfter).toBeUndefined();
    expect(prompt(result, 'Timeout.')).toBeDefined();
  });
});

describe('words at a keypad block', () => {
  const twoBlocks = [
    storeKeys('first', 'Key it in.', 'second'),
    storeKeys('second', 'Once more.', 'say-keys'),
    say('say-keys', 'You keyed $.StoredCustomerInput.'),
  ];

  it('are lost, not carried to the next block that listens', async () => {
    const result = await call({ [INBOUND_FLOW]: twoBlocks }, ['say:one two three', 'dtmf:5#']);

    expect(prompt(result, 'You keyed').text).toBe('You keyed 5.');
    expect(result.events).toContainEqual(
      expect.objectContaining({ type: 'note', text: expect.stringContaining('the caller’s words are lost') }),
    );
  });

  it('take nothing off the block’s time limit, which runs from the end of its prompt', async () => {
    const silent = await call({ [INBOUND_FLOW]: twoBlocks }, ['silence', 'dtmf:5#']);
    const speaking = await call({ [INBOUND_FLOW]: twoBlocks }, ['say:one two three', 'dtmf:5#']);

    expect(prompt(speaking, 'Once more.').at).toBe(prompt(silent, 'Once more.').at);
  });
});

describe('words over the Lex block’s prompt (barge-in)', () => {
  const closesOnFirstInput: LexBot = {
    converse: async (conversation) => {
      const input = await conversation.listen(conversation.sessionAttributes);
      if (input.kind === 'hangup') return { kind: 'hangup' };
      return { kind: 'closed', result: { IntentName: 'Agent', Slots: {}, SessionAttributes: {} } };
    },
  };
  const bot = (sessionAttributes: Record<string, string> = {}) =>
    act(
      'bot',
      'ConnectParticipantWithLexBot',
      {
        Text: LONG_PROMPT,
        LexV2Bot: { AliasArn: placeholder('OrderBotAliasArn') },
        LexSessionAttributes: sessionAttributes,
      },
      {
        NextAction: 'end',
        Conditions: [{ NextAction: 'agent', Condition: { Operator: 'Equals', Operands: ['Agent'] } }],
        Errors: [
          { ErrorType: 'NoMatchingCondition', NextAction: 'end' },
          { ErrorType: 'InputTimeLimitExceeded', NextAction: 'end' },
          { ErrorType: 'NoMatchingError', NextAction: 'end' },
        ],
      },
    );

  it('lets a caller who knows what to say say it over the prompt', async () => {
    const result = await call({ [INBOUND_FLOW]: [bot(), say('agent', 'An agent.')] }, ['barge:say:agent'], {
      lex: closesOnFirstInput,
    });

    expect(prompt(result, 'Your order').cutAfter).toBe(CALLER_PACE.reaction);
    expect(prompt(result, 'An agent.').at).toBeCloseTo(
      CALLER_PACE.reaction + 1 / CALLER_PACE.wordsPerSecond,
      1,
    );
  });

  it('plays the whole prompt where the block turns Lex’s barge-in off', async () => {
    const result = await call(
      { [INBOUND_FLOW]: [bot({ 'x-amz-lex:allow-interrupt:*:*': 'false' }), say('agent', 'An agent.')] },
      ['barge:say:agent'],
      { lex: closesOnFirstInput },
    );

    expect(prompt(result, 'Your order').cutAfter).toBeUndefined();
  });
});

describe('keys at a Lex block', () => {
  /** A bot that tells what it was given, by the intent it closes with. */
  const echoesKeys: LexBot = {
    converse: async (conversation) => {
      const input = await conversation.listen(conversation.sessionAttributes);
      const heard = input.kind === 'keys' ? input.keys : input.kind;
      conversation.understood(heard, {});
      return { kind: 'closed', result: { IntentName: heard, Slots: {}, SessionAttributes: {} } };
    },
  };
  const keysBot = (sessionAttributes: Record<string, string> = {}) =>
    act(
      'bot',
      'ConnectParticipantWithLexBot',
      {
        Text: 'Key it.',
        LexV2Bot: { AliasArn: placeholder('OrderBotAliasArn') },
        LexSessionAttributes: sessionAttributes,
      },
      {
        NextAction: 'end',
        Conditions: [],
        Errors: [
          { ErrorType: 'NoMatchingCondition', NextAction: 'end' },
          { ErrorType: 'InputTimeLimitExceeded', NextAction: 'end' },
          { ErrorType: 'NoMatchingError', NextAction: 'end' },
        ],
      },
    );
  const keyed = async (keys: string, sessionAttributes?: Record<string, string>) => {
    const result = await call({ [INBOUND_FLOW]: [keysBot(sessionAttributes)] }, [`dtmf:${keys}`], {
      lex: echoesKeys,
    });
    const input = result.events.find((event) => event.type === 'input');
    const end = result.events.find((event) => event.type === 'hangup');
    const heard = result.events.find((event) => event.type === 'lex');
    return { heard: heard?.intent, wait: (end?.at ?? 0) - (input?.at ?? 0), result };
  };

  it('waits Lex’s 5 s end timeout after keys with no hash, then takes them', async () => {
    const withHash = await keyed('10000001#');
    const withoutHash = await keyed('10000001');

    expect(withoutHash.wait - withHash.wait).toBeCloseTo(5, 5);
    expect(withoutHash.heard).toBe('10000001');
    expect(withHash.heard).toBe('10000001#');
  });

  it('takes one key at once where the block sets the most keys to 1, as our menu does, and drops the rest', async () => {
    const one = await keyed('1', { 'x-amz-lex:dtmf:max-length:*:*': '1' });
    const hashed = await keyed('1#');

    expect(one.wait).toBeCloseTo(hashed.wait, 5);
    expect(one.heard).toBe('1');
    const extra = await keyed('12', { 'x-amz-lex:dtmf:max-length:*:*': '1' });
    expect(extra.heard).toBe('1');
  });
});

describe('a caller who hangs up while a prompt plays', () => {
  const status = [
    say('status', LONG_PROMPT, 'mark'),
    act(
      'mark',
      'UpdateContactAttributes',
      { Attributes: { callOutcome: 'self-served' } },
      { NextAction: 'menu', Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'menu' }] },
    ),
    menu,
    ...menuBranches,
  ];

  it('ends the flow there: what came after the prompt never ran, and the record says the customer left', async () => {
    const result = await call({ [INBOUND_FLOW]: status }, ['hangup:2']);

    expect(prompt(result, 'Your order').cutAfter).toBe(2);
    expect(result).toMatchObject({
      endedBy: 'caller',
      outcome: 'abandoned',
      durationSeconds: 2,
      spokenSeconds: 2,
    });
    expect(result.contactRecord.DisconnectReason).toBe('CUSTOMER_DISCONNECT');
    expect(result.contactRecord.Attributes).not.toHaveProperty('callOutcome');
    expect(
      Date.parse(result.contactRecord.DisconnectTimestamp) -
        Date.parse(result.contactRecord.InitiationTimestamp),
    ).toBe(2000);
  });

  it('is counted as answered when they hang up only after the whole status', async () => {
    const result = await call({ [INBOUND_FLOW]: status }, ['hangup']);

    expect(result).toMatchObject({ endedBy: 'caller', outcome: 'self-served' });
  });

  it('hangs up at a block that listens when that comes first, or lets it time out when it comes later', async () => {
    const during = await call({ [INBOUND_FLOW]: [menu, ...menuBranches] }, ['hangup:3']);
    const afterTimeout = await call({ [INBOUND_FLOW]: [menu, ...menuBranches] }, ['hangup:60']);

    expect(during).toMatchObject({ endedBy: 'caller', durationSeconds: 3 });
    expect(heard(afterTimeout)).toContain('Timeout.');
  });
});

function heard(result: SimulatedCall): string[] {
  return result.events.flatMap((event) =>
    event.type === 'prompt' && event.to === 'caller' ? [event.text] : [],
  );
}

describe('after an agent', () => {
  const toQueue = [
    act(
      'hooks',
      'UpdateContactEventHooks',
      { EventHooks: { CustomerRemaining: placeholder('PostCallSurveyFlowArn') } },
      { NextAction: 'queue', Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'end' }] },
    ),
    act(
      'queue',
      'UpdateContactTargetQueue',
      { QueueId: placeholder('GeneralQueueArn') },
      { NextAction: 'transfer', Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'end' }] },
    ),
    act(
      'transfer',
      'TransferContactToQueue',
      {},
      { Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'end' }] },
    ),
  ];
  const survey = [
    storeKeys('ask', 'How did we do?', 'thanks'),
    say('thanks', 'Thanks for $.StoredCustomerInput.'),
  ];
  const agent = { answersAfterSeconds: 10, talksForSeconds: 30 };

  it('runs the disconnect flow for the caller who remains when the agent hangs up first', async () => {
    const result = await call(
      { [INBOUND_FLOW]: toQueue, 'post-call-survey': survey },
      ['after-agent', 'dtmf:4#'],
      {
        agent,
      },
    );

    expect(heard(result)).toEqual(['How did we do?', 'Thanks for 4.']);
    expect(result.contactRecord.Agent?.AgentInteractionDuration).toBe(30);
  });

  it('ends the call with no survey when the caller hangs up first', async () => {
    const result = await call(
      { [INBOUND_FLOW]: toQueue, 'post-call-survey': survey },
      ['after-agent', 'dtmf:4#'],
      {
        agent: { ...agent, hangsUpFirst: 'caller' },
      },
    );

    expect(heard(result)).toEqual([]);
    expect(result).toMatchObject({ endedBy: 'caller', outcome: 'transferred', durationSeconds: 40 });
    expect(result.contactRecord.DisconnectReason).toBe('CUSTOMER_DISCONNECT');
    expect(result.contactRecord.Agent?.AgentInteractionDuration).toBe(30);
  });

  it('never takes keys left over from the IVR as the survey’s answer', async () => {
    const result = await call({ [INBOUND_FLOW]: toQueue, 'post-call-survey': survey }, ['dtmf:4#'], {
      agent,
    });

    expect(heard(result)).not.toContain('Thanks for 4.');
    expect(result.events).toContainEqual(
      expect.objectContaining({ type: 'note', text: expect.stringContaining('are lost') }),
    );
  });

  it('lets a caller hang up in the queue before an agent answers, and counts the call abandoned', async () => {
    const result = await call({ [INBOUND_FLOW]: toQueue, 'post-call-survey': survey }, ['hangup:5'], {
      agent,
    });

    expect(result).toMatchObject({ endedBy: 'caller', durationSeconds: 5, outcome: 'abandoned' });
    expect(result.contactRecord.Agent).toBeNull();
    expect(result.contactRecord.Queue?.Duration).toBe(5);
  });
});

describe('a function’s cold start', () => {
  const invoke = (Identifier: string, next: string, limit = '3') =>
    act(
      Identifier,
      'InvokeLambdaFunction',
      {
        LambdaFunctionARN: placeholder('PromptFunctionArn'),
        InvocationTimeLimitSeconds: limit,
        LambdaInvocationAttributes: { echo: 'x' },
        ResponseValidation: { ResponseType: 'STRING_MAP' },
      },
      { NextAction: next, Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'failed' }] },
    );
  const lambdas = (result: SimulatedCall) =>
    result.events.flatMap((event) => (event.type === 'lambda' ? [[event.ms, event.coldStartMs ?? 0]] : []));

  it('is added to the first invocation of each function in the call, on the frozen clock too', async () => {
    const result = await call(
      { [INBOUND_FLOW]: [invoke('first', 'second'), invoke('second', 'end'), say('failed', 'Failed.')] },
      [],
      { coldStartMs: 800, functionMs: 100 },
    );

    expect(lambdas(result)).toEqual([
      [900, 800],
      [100, 0],
    ]);
    expect(result.durationSeconds).toBe(1);
  });

  it('is none unless the call sets one', async () => {
    const result = await call(
      { [INBOUND_FLOW]: [invoke('first', 'second'), invoke('second', 'end'), say('failed', 'Failed.')] },
      [],
      { functionMs: 100 },
    );

    expect(lambdas(result)).toEqual([
      [100, 0],
      [100, 0],
    ]);
  });

  it('takes the block’s error branch when it carries the invocation past the block’s time limit', async () => {
    const result = await call(
      { [INBOUND_FLOW]: [invoke('first', 'end', '1'), say('failed', 'Failed.')] },
      [],
      { coldStartMs: 1500, functionMs: 100 },
    );

    expect(heard(result)).toEqual(['Failed.']);
    expect(prompt(result, 'Failed.').at).toBe(1);
  });
});
