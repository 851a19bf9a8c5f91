/**
 * What goes wrong in a function that a flow or the bot invokes, by name, and what each function then answers:
 * the `outcome` its flow branches on and the prompt the caller hears in their language. One table, so that a
 * failure never improvises a reply and the flow never takes its error branch because of our code. The outcomes
 * are the functions' documented ones (the comment at the top of each functions/<name>/index.ts).
 */
import { CredentialsUnavailableError } from '#lib/db/credentials.ts';
import { DeadlineExceededError } from '#lib/db/deadline.ts';
import { DatabaseUnavailableError } from '#lib/orders/repository.ts';

/**
 * - `malformed-event`: not an event Connect (or Lex) sends
 * - `unknown-action`: a parameter names an action or a prompt the function does not have
 * - `database-unavailable`: a database, or its credentials, could not be reached in time
 * - `deadline-exceeded`: the time budget ran out (lib/budget.ts)
 * - `unexpected`: anything else, a bug among them
 */
export type Failure =
  | 'malformed-event'
  | 'unknown-action'
  | 'database-unavailable'
  | 'deadline-exceeded'
  | 'unexpected';

/** A parameter names an action (order-status) or a prompt (prompt) that the function does not have. */
export class UnknownActionError extends Error {
  override name = 'UnknownActionError';
}

/** The named failure an error stands for. */
export function failureOf(error: unknown): Failure {
  if (error instanceof UnknownActionError) return 'unknown-action';
  if (error instanceof DatabaseUnavailableError || error instanceof CredentialsUnavailableError) {
    return 'database-unavailable';
  }
  if (error instanceof DeadlineExceededError) return 'deadline-exceeded';
  return 'unexpected';
}

export interface FailureReply {
  outcome: string;
  /** What the caller hears, in their language (lib/speech `promptSsml`); none where the flow speaks itself. */
  prompt?: 'error' | 'unavailable';
  /** Keys the function's contract gives every answer, failures too. */
  attributes?: Readonly<Record<string, string>>;
}

/** Offers an agent: the flow hands over. */
const ERROR = { outcome: 'error', prompt: 'error' } as const;
/** The orders could not be read in time: offers an agent. */
const UNAVAILABLE = { outcome: 'unavailable', prompt: 'unavailable' } as const;
const NOT_VERIFIED = { verified: 'false' } as const;

/** Each function's answer to each failure. */
export const FAILURE_REPLIES = {
  'order-status': {
    'malformed-event': { ...ERROR, attributes: NOT_VERIFIED },
    'unknown-action': { ...ERROR, attributes: NOT_VERIFIED },
    'database-unavailable': { ...UNAVAILABLE, attributes: NOT_VERIFIED },
    'deadline-exceeded': { ...UNAVAILABLE, attributes: NOT_VERIFIED },
    unexpected: { ...ERROR, attributes: NOT_VERIFIED },
  },
  // The outcome becomes the session's `handoverReason`, and the bot hands the caller over.
  'lex-hook': {
    'malformed-event': ERROR,
    'unknown-action': ERROR,
    'database-unavailable': UNAVAILABLE,
    'deadline-exceeded': UNAVAILABLE,
    unexpected: ERROR,
  },
  prompt: {
    'malformed-event': ERROR,
    'unknown-action': ERROR,
    'database-unavailable': ERROR,
    'deadline-exceeded': ERROR,
    unexpected: ERROR,
  },
  // The flow says goodbye; the score it kept as `surveyScore` reaches the reports by the contact record.
  survey: {
    'malformed-event': { outcome: 'unavailable' },
    'unknown-action': { outcome: 'unavailable' },
    'database-unavailable': { outcome: 'unavailable' },
    'deadline-exceeded': { outcome: 'unavailable' },
    unexpected: { outcome: 'unavailable' },
  },
  // The flow hands the caller to its general queue, with what it knows; it has spoken already.
  escalation: {
    'malformed-event': { outcome: 'no-queue' },
    'unknown-action': { outcome: 'error' },
    'database-unavailable': { outcome: 'error' },
    'deadline-exceeded': { outcome: 'error' },
    unexpected: { outcome: 'error' },
  },
} as const satisfies Record<string, Record<Failure, FailureReply>>;

export type FailingFunction = keyof typeof FAILURE_REPLIES;
