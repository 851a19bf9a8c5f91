/**
 * How a call ended, for callers' reports and managers' figures, decided in one place. Self-served means the
 * caller's need was met: an answer was spoken, and nothing the caller asked after it was left unanswered. The
 * flows mark what happened in contact attributes: `callOutcome` is `self-served` once an answer has been
 * spoken and `transferred` once the caller is in an agent's queue; `botRequest` is `open` while the caller has
 * asked the bot something it has not answered (it did not understand, it asked for an order number, the
 * caller hung up before the answer) and `closed` once it answered or the caller said goodbye. A call that
 * carries no mark (it ended in an error, or ran an older flow) is judged by what Connect recorded: a queue
 * means it was transferred.
 */
import type { ContactAttributes } from '#lib/connect/contracts.ts';

export const CALL_OUTCOMES = ['self-served', 'transferred', 'abandoned'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

export interface CallEnding {
  attributes: ContactAttributes;
  /** Whether Connect put the contact in a queue. */
  queued: boolean;
}

/**
 * Transferred when queued; self-served when an answer was spoken and no later request was left open; else
 * abandoned: the caller left before their need was met.
 */
export function callOutcome({ attributes, queued }: CallEnding): CallOutcome {
  const marked = attributes.callOutcome;
  if (queued || marked === 'transferred') return 'transferred';
  if (marked === 'self-served' && attributes.botRequest !== 'open') return 'self-served';
  return 'abandoned';
}
