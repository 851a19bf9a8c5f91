/**
 * The caller of a simulated call: what they key, say or do at each block that listens, and how long it takes
 * them. An input is `1` or `dtmf:123#` (keys), `say:where is my refund` (speech), `silence` (let the block time
 * out), `hangup` (as the next block that listens begins) or `hangup:4` (4 s after their last input, whatever is
 * playing). `barge:` before keys or words (`barge:0`, `barge:say:agent`) is a caller who knows what to give and
 * gives it over the block's prompt, where the block lets them. `after-agent` marks where the inputs for after an
 * agent begin (the survey); inputs before it that the IVR did not take are lost when an agent answers. When a
 * caller has nothing more to say, they hang up.
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
  /**
   * An agent has answered: what the caller meant for the IVR and did not give is lost (Connect hands no keys
   * from before the agent to a block after). Returns the inputs dropped.
   */
  agentAnswers?(): CallerInput[];
  /** Seconds after their last input (or the start of the call) at which the caller hangs up, if they do. */
  hangsUpAfter?(): number | undefined;
  /**
   * Whether the caller hangs up as the next block that listens begins, before its prompt: a scripted caller
   * with nothing more to say does. A caller at the keyboard decides after hearing the prompt.
   */
  hangsUpNow?(): Promise<boolean>;
}

const KEYS = /^[0-9*#]+$/;

/** Where a script's inputs for after an agent (the survey) begin. */
export const AFTER_AGENT = { kind: 'after-agent' } as const;
/** One step of a caller's script: an input, or the mark where the inputs for after an agent begin. */
export type ScriptStep = CallerInput | typeof AFTER_AGENT;

/** One input as written on the command line or in a scenario file. */
export function parseInput(text: string): CallerInput {
  const step = parseStep(text);
  if (step.kind === 'after-agent')
    throw new CallScriptError(`"${text}" marks a place in a script, not an input`);
  return step;
}

/** One step of a script as written on the command line or in a scenario file: an input or `after-agent`. */
export function parseStep(text: string): ScriptStep {
  const trimmed = text.trim();
  if (trimmed === 'after-agent') return AFTER_AGENT;
  if (trimmed.startsWith('barge:')) {
    const input = parseInput(trimmed.slice('barge:'.length));
    if (input.kind === 'keys' || input.kind === 'speech') return { ...input, bargeIn: true };
    throw new CallScriptError(`"${text}": only keys or words can be given over a prompt`);
  }
  if (trimmed === 'silence') return { kind: 'silence' };
  if (trimmed === 'hangup') return { kind: 'hangup' };
  const timedHangUp = /^hangup:(\d+(?:\.\d+)?)$/.exec(trimmed);
  if (timedHangUp) return { kind: 'hangup', afterSeconds: Number(timedHangUp[1]) };
  if (KEYS.test(trimmed)) return { kind: 'keys', keys: trimmed };
  if (trimmed.startsWith('dtmf:')) {
    const keys = trimmed.slice('dtmf:'.length);
    if (KEYS.test(keys)) return { kind: 'keys', keys };
    throw new CallScriptError(`"${text}": keys are 0-9, * and #`);
  }
  if (trimmed.startsWith('say:') && trimmed.length > 'say:'.length) {
    return { kind: 'speech', utterance: trimmed.slice('say:'.length).trim() };
  }
  throw new CallScriptError(
    `"${text}" is not an input: give 1, dtmf:123#, say:words, barge:…, silence, hangup, hangup:SECONDS or after-agent`,
  );
}

/**
 * A caller who gives the inputs in order, then hangs up. Before an agent answers, the `after-agent` mark ends
 * what they have to say; when an agent answers, what is left before it is lost.
 */
export function scriptedCaller(steps: readonly ScriptStep[]): SimulatedCaller {
  const queue = [...steps];
  const upcoming = (): CallerInput => {
    const step = queue[0];
    return !step || step.kind === 'after-agent' ? { kind: 'hangup' } : step;
  };
  return {
    next: async () => {
      const input = upcoming();
      if (queue[0] && queue[0].kind !== 'after-agent') queue.shift();
      return input;
    },
    hangsUpNow: async () => {
      const input = upcoming();
      return input.kind === 'hangup' && input.afterSeconds === undefined;
    },
    hangsUpAfter: () => {
      const input = upcoming();
      return input.kind === 'hangup' ? input.afterSeconds : undefined;
    },
    agentAnswers: () => {
      const mark = queue.findIndex((step) => step.kind === 'after-agent');
      const lost = queue.splice(0, mark === -1 ? queue.length : mark + 1);
      return lost.filter((step): step is CallerInput => step.kind !== 'after-agent');
    },
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

/**
 * Seconds from the caller's cue (the end of the prompt, or its start for a caller who barges in) to the end of
 * their input: their reaction, then the keys or the words.
 */
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
