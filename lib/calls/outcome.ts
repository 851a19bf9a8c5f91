/**
 * How a call ended, for callers' reports and managers' figures, decided in one place. The flows mark it in the
 * contact attribute `callOutcome`: `self-served` once an answer has been spoken, `transferred` once the caller
 * is in an agent's queue. A call that carries no mark (it ended in an error, or ran an older flow) is judged
 * by what Connect recorded: a queue means it was transferred.
 */
export const CALL_OUTCOMES = ['self-served', 'transferred', 'abandoned'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

/** The contact attribute the flows set. */
export const CALL_OUTCOME_ATTRIBUTE = 'callOutcome';

export interface CallEnding {
  attributes: Readonly<Record<string, string | undefined>>;
  /** Whether Connect put the contact in a queue. */
  queued: boolean;
}

/** Transferred when queued; self-served when an answer was spoken; else the caller left before any answer. */
export function callOutcome({ attributes, queued }: CallEnding): CallOutcome {
  const marked = attributes[CALL_OUTCOME_ATTRIBUTE];
  if (queued || marked === 'transferred') return 'transferred';
  if (marked === 'self-served') return 'self-served';
  return 'abandoned';
}
