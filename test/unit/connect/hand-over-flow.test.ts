/** The hand-over of the inbound flow, as flows/ write it: the wait is learnt before the queue, and recording is told. */
import { describe, expect, it } from 'vitest';
import { type FlowAction, loadFlows } from '#lib/connect/flow-language.ts';

const inbound = loadFlows().get('order-status-inbound');
if (!inbound) throw new Error('flows/order-status-inbound.json is missing');
const actions = new Map(inbound.Actions.map((action) => [action.Identifier, action]));

function nextOf(action: FlowAction): string[] {
  const { NextAction, Errors = [], Conditions = [] } = action.Transitions;
  return [NextAction, ...[...Errors, ...Conditions].map((branch) => branch.NextAction)].filter(
    (next): next is string => next !== undefined,
  );
}

/** The actions reachable from the start without passing an action of type `avoided`. */
function reachableAvoiding(avoided: string): FlowAction[] {
  const reached = new Map<string, FlowAction>();
  const pending = [inbound?.StartAction ?? ''];
  for (let identifier = pending.pop(); identifier !== undefined; identifier = pending.pop()) {
    const action = actions.get(identifier);
    if (!action || reached.has(identifier) || action.Type === avoided) continue;
    reached.set(identifier, action);
    pending.push(...nextOf(action));
  }
  return [...reached.values()];
}

function ofType(type: string): FlowAction[] {
  return inbound?.Actions.filter((action) => action.Type === type) ?? [];
}

describe('the hand-over of the inbound flow', () => {
  it("learns the queue's state before any caller is queued or called back", () => {
    const unguarded = reachableAvoiding('GetMetricData').filter((action) =>
      ['TransferContactToQueue', 'CreateCallbackContact'].includes(action.Type),
    );

    expect(ofType('TransferContactToQueue')).not.toEqual([]);
    expect(unguarded.map((action) => action.Identifier)).toEqual([]);
  });

  it('tells the caller of the recording exactly when the flow records the customer', () => {
    const recordsCustomer = ofType('UpdateContactRecordingBehavior').some((action) => {
      const behaviour = action.Parameters.RecordingBehavior as
        | { RecordedParticipants?: string[] }
        | undefined;
      return behaviour?.RecordedParticipants?.includes('Customer') ?? false;
    });
    const waitPrompts = ofType('InvokeLambdaFunction').filter(
      (action) =>
        (action.Parameters.LambdaInvocationAttributes as Record<string, string>).name === 'queueWait',
    );

    expect(waitPrompts).not.toEqual([]);
    for (const prompt of waitPrompts) {
      const { recorded } = prompt.Parameters.LambdaInvocationAttributes as Record<string, string>;
      expect(recorded === 'true').toBe(recordsCustomer);
    }
  });

  it('calls back only the number the caller called from', () => {
    const numbers = ofType('UpdateContactCallbackNumber').map((action) => action.Parameters.CallbackNumber);

    expect(numbers).toEqual(['$.CustomerEndpoint.Address']);
  });
});
