/**
 * How a call ended, for callers' reports and managers' figures, decided in one place.
 *
 * - Transferred: a person took the caller's need over. Either an agent answered (the contact record's
 *   `Agent` has a `ConnectedToAgentTimestamp`), or the caller booked a call back (`callback=queued`): they
 *   chose to be rung by an agent instead of waiting, and hung up on purpose.
 * - Self-served: the caller's need was met by the IVR. The flows mark `callOutcome=self-served` once an answer
 *   has been spoken; `botRequest` is `open` while the caller has asked the bot something it has not answered
 *   (it did not understand, it asked for an order number, the caller hung up before the answer) and `closed`
 *   once it answered or the caller said goodbye.
 * - Abandoned: the caller left before their need was met.
 *
 * A caller who reached a queue and hung up before any agent answered is abandoned, not transferred: being in
 * a queue is a promise of a person, not a person. Nor are they self-served when they had heard their answer
 * before (the status spoken, the bot's request closed): they then asked for an agent, so the IVR's answer was
 * not all they needed, and they left without it. Whether an agent answered only Connect knows, so it is read
 * from the contact record, never from a mark a flow sets on the way into the queue. A call back is the one
 * hand-over that ends before an agent answers and is still transferred: the caller left because the agent
 * will ring them, not because they gave up.
 */
import type { ContactAttributes } from '#lib/connect/contracts.ts';

export const CALL_OUTCOMES = ['self-served', 'transferred', 'abandoned'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

/** What a call's contact record says of its end: the flows' attributes and what Connect recorded. */
export interface CallEnding {
  attributes: ContactAttributes;
  /** Whether Connect put the contact in a queue (the record's `Queue`). */
  queued: boolean;
  /** Whether an agent answered (the record's `Agent.ConnectedToAgentTimestamp`). */
  agentAnswered: boolean;
}

/**
 * Transferred when an agent answered or a call back was booked; abandoned when the caller reached a queue
 * and left before an agent answered; self-served when an answer was spoken and no later request was left
 * open; else abandoned.
 */
export function callOutcome({ attributes, queued, agentAnswered }: CallEnding): CallOutcome {
  if (agentAnswered || attributes.callback === 'queued') return 'transferred';
  if (queued) return 'abandoned';
  if (attributes.callOutcome === 'self-served' && attributes.botRequest !== 'open') return 'self-served';
  return 'abandoned';
}
