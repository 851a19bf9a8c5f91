/**
 * How a call ended, for callers' reports and managers' figures, decided in one place. The flows mark it in the
 * contact attribute `callOutcome`: `self-served` once an answer has been spoken, `transferred` once the caller
 * is in an agent's queue. A call that carries no mark (it ended in an error, or ran an older flow) is judged
 * by what Connect recorded: a queue means it was transferred.
 */
import type { ContactAttributes } from '#lib/connect/contracts.ts';

export const CALL_OUTCOMES = ['self-served', 'transferred', 'abandoned'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

export interface CallEnding {
  attributes: ContactAttributes;
  /** Whether Connect put the contact in a queue. */
  queued: boolean;
}

/** Transferred when queued; self-served when an answer was spoken; else the caller left before any answer. */
export function callOutcome({ attributes, queued }: CallEnding): CallOutcome {
  const marked = attributes.callOutcome;
  if (queued || marked === 'transferred') return 'transferred';
  if (marked === 'self-served') return 'self-served';
  return 'abandoned';
}
