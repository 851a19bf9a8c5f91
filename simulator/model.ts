/**
 * The simulated call and what happens on it, as plain data: the contact as the flows see it, the caller's
 * inputs, the events of the call and how it ended. Every part of the simulator reads and writes these; none of
 * them holds code, so that the parts depend on this file and not on one another.
 */
import type { CallOutcome } from '#lib/calls/outcome.ts';

/** The Connect instance of simulated calls: no real account or instance has these ids. */
export const INSTANCE_ARN =
  'arn:aws:connect:eu-west-2:000000000000:instance/00000000-0000-4000-8000-000000000000';

/** What Connect's Lex block knows when the conversation ends: `$.Lex.IntentName`, `$.Lex.Slots`, `$.Lex.SessionAttributes`. */
export interface LexResult {
  IntentName: string;
  Slots: Record<string, string>;
  SessionAttributes: Record<string, string>;
}

/**
 * The contact as a flow sees it while the simulator runs it: what Connect keeps for a call (attributes, the
 * last Lambda result, stored input, Lex's result, language, voice, queue, event hooks).
 */
export interface Contact {
  contactId: string;
  /** The caller's number in E.164; null for a withheld number. */
  callerNumber: string | null;
  dialledNumber: string;
  attributes: Record<string, string>;
  /** The last Lambda result: the next invocation replaces it, and nothing else keeps it. */
  external: Record<string, string>;
  storedCustomerInput?: string;
  lex?: LexResult;
  languageCode: string;
  voice: string;
  /** The working queue, by the name the simulator gives it. */
  queue?: { name: string; arn: string };
  /** Flows to run on events, by Connect's event name (CustomerQueue, AgentWhisper, CustomerRemaining …). */
  eventHooks: Record<string, string>;
  /** What the last Get queue metrics block loaded, by path under `$.Metrics.` (`Queue.Size`). */
  metrics?: Record<string, string>;
  /** The number a queued call back rings, once a Set callback number block has set it. */
  callbackNumber?: string;
}

/** What the caller does at a block that listens. */
export type CallerInput =
  /** `bargeIn`: given over the block's prompt, as soon as the caller has reacted to its start. */
  | { kind: 'keys'; keys: string; bargeIn?: boolean }
  | { kind: 'speech'; utterance: string; bargeIn?: boolean }
  | { kind: 'silence' }
  /** `afterSeconds`: that long after the caller's last input (or the start of the call), whatever is playing. */
  | { kind: 'hangup'; afterSeconds?: number };

/**
 * One thing that happened on the call, `at` seconds after it began. A prompt's `cutAfter`: the seconds of it
 * played before the caller keyed, spoke or hung up over it.
 */
export type CallEvent = { at: number } & (
  | { type: 'prompt'; text: string; ssml: string; to: 'caller' | 'agent'; cutAfter?: number }
  | { type: 'input'; dtmf: string }
  | { type: 'input'; utterance: string }
  | { type: 'timeout'; seconds: number }
  | {
      type: 'lambda';
      function: string;
      parameters: Record<string, string>;
      /** On the call's clock, with the cold start of a function's first invocation in the call. */
      ms: number;
      coldStartMs?: number;
      result: Record<string, string>;
    }
  | { type: 'lex'; intent: string; slots: Record<string, string> }
  | { type: 'transfer'; queue: string }
  | { type: 'callback'; queue: string; number: string; afterSeconds: number }
  | { type: 'agent'; action: 'answers' | 'hangs-up' }
  | { type: 'survey'; score: number }
  | { type: 'hangup'; by: 'caller' | 'flow' }
  | { type: 'note'; text: string }
);

/** Seconds on the call at which the caller was transferred, the agent answered and left, and the call ended. */
export interface CallTimeline {
  queuedAt: number | null;
  agentAt: number | null;
  agentLeftAt: number | null;
  endedAt: number;
}

/** A call that has ended: everything its contact record is made from. */
export interface EndedCall {
  contact: Contact;
  /** When the call began, on the real clock: the contact record lays the simulated seconds from here. */
  startedAt: Date;
  outcome: CallOutcome | 'error';
  /** What stopped the call, when the outcome is `error`. */
  error: string | null;
  queue: string | null;
  events: CallEvent[];
  spokenSeconds: number;
  durationSeconds: number;
  surveyScore: number | null;
  timeline: CallTimeline;
  endedBy: 'caller' | 'flow' | 'agent' | 'error';
}
