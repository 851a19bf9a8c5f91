/**
 * The caller of a simulated call: what they key, say or do at each block that listens, and how long it takes
 * them. An input is `1` or `dtmf:123#` (keys), `say:where is my refund` (speech), `silence` (let the block time
 * out) or `hangup`. When a caller has nothing more to say, they hang up.
 */
import type { CallerInput } from '#simulator/model.ts';

/** An input or a scenario file written wrong: the message says what to fix. */
export class CallScriptError extends Error {
  override name = 'CallScriptError';
}

/** What the block that listens asks for. */
export interface Listening {
  /** `keys`: a keypad block; `speech`: the Lex block, which also takes keys. */
  accepts: 'keys' | 'speech';
  /** The prompt the caller has just heard, as text. */
  prompt: string;
}

export interface SimulatedCaller {
  /** The caller's next input, when a block listens. */
  next(listening: Listening): Promise<CallerInput>;
  /** An input the caller gave that the block could not take (speech to a keypad), kept for the next block. */
  keep(input: CallerInput): void;
  /**
   * Whether the caller hangs up as the next block that listens begins, before its prompt: a scripted caller
   * with nothing more to say does. A caller at the keyboard decides after hearing the prompt.
   */
  hangsUpNow?(): Promise<boolean>;
}

const KEYS = /^[0-9*#]+$/;

/** One input as written on the command line or in a scenario file. */
export function parseInput(text: string): CallerInput {
  const trimmed = text.trim();
  if (trimmed === 'silence') return { kind: 'silence' };
  if (trimmed === 'hangup') return { kind: 'hangup' };
  if (KEYS.test(trimmed)) return { kind: 'keys', keys: trimmed };
  if (trimmed.startsWith('dtmf:')) {
    const keys = trimmed.slice('dtmf:'.length);
    if (KEYS.test(keys)) return { kind: 'keys', keys };
    throw new CallScriptError(`"${text}": keys are 0-9, * and #`);
  }
  if (trimmed.startsWith('say:') && trimmed.length > 'say:'.length) {
    return { kind: 'speech', utterance: trimmed.slice('say:'.length).trim() };
  }
  throw new CallScriptError(`"${text}" is not an input: give 1, dtmf:123#, say:words, silence or hangup`);
}

/** A caller who gives the inputs in order, then hangs up. */
export function scriptedCaller(inputs: readonly CallerInput[]): SimulatedCaller {
  const queue = [...inputs];
  return {
    next: async () => queue.shift() ?? { kind: 'hangup' },
    keep: (input) => queue.unshift(input),
    hangsUpNow: async () => (queue[0] ?? { kind: 'hangup' }).kind === 'hangup',
  };
}

/** How long a caller takes, in seconds of the call. */
export const CALLER_PACE = {
  /** From the end of a prompt to the first key or word. */
  reaction: 1,
  /** From one key to the next. */
  perKey: 0.3,
  /** Words a second of a caller speaking to a machine, a little slower than conversation. */
  wordsPerSecond: 2.2,
} as const;

export function inputSeconds(input: CallerInput): number {
  switch (input.kind) {
    case 'keys':
      return CALLER_PACE.reaction + CALLER_PACE.perKey * (input.keys.length - 1);
    case 'speech':
      return CALLER_PACE.reaction + input.utterance.split(/\s+/).length / CALLER_PACE.wordsPerSecond;
    default:
      return 0;
  }
}
