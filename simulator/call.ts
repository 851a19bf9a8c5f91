/**
 * The call simulator: an interpreter of Connect's flow language that runs flows/*.json as Connect would, with
 * the real handlers (through template.yaml) and whatever databases the environment names. Each action type it
 * knows is one entry of ACTIONS; an action of any other type stops the call with an error naming it, never
 * skipped. Time on the call is simulated: prompts take their speaking time (less where the caller keys, speaks or
 * hangs up over them), the caller their time to react and key or speak, timeouts their seconds and functions
 * their measured milliseconds (and a cold start on their first invocation in the call, when one is set). Each
 * rule and what Connect does is in flows/README.md, "How the simulator runs a call".
 */
import { allQueues } from '#lib/calls/hand-over.ts';
import { callOutcome } from '#lib/calls/outcome.ts';
import { CONTACT_ATTRIBUTES } from '#lib/connect/contracts.ts';
import {
  ATTRIBUTE_KEY,
  CONDITION_OPERATORS,
  type Flow,
  type FlowAction,
  loadFlows,
  MAX_CONNECT_BYTES,
} from '#lib/connect/flow-language.ts';
import { type FlowPlaceholder, wholePlaceholder } from '#lib/connect/flow-placeholders.ts';
import { lexLocaleId } from '#lib/lex/bot.ts';
import { LEX_LISTENING, LEX_LISTENING_DEFAULTS } from '#lib/lex/listening.ts';
import { isLocale, LOCALES, type Locale } from '#lib/markets.ts';
import { checkSsml, type Engine, speakingSeconds, transcript, voiceFor } from '#lib/speech/index.ts';
import { speak } from '#lib/speech/ssml.ts';
import {
  CALLER_PACE,
  inputSeconds,
  parseStep,
  type SimulatedCaller,
  scriptedCaller,
} from '#simulator/caller.ts';
import { DEFAULT_VOICE, newContact, resolve, resolveMap } from '#simulator/contact.ts';
import { contactRecord, kinesisEventOf, type StreamedContactRecord } from '#simulator/contact-record.ts';
import { LambdaRunner } from '#simulator/lambda.ts';
import { type LexBot, LocalLex } from '#simulator/lex.ts';
import {
  type CallEvent,
  type CallerInput,
  type CallTimeline,
  type Contact,
  type EndedCall,
  INSTANCE_ARN,
} from '#simulator/model.ts';
import { IDLE_QUEUE, type QueueMetrics } from '#simulator/queue-state.ts';
import type { SamTemplate } from '#simulator/sam-template.ts';

/** The flow a call starts in. */
export const INBOUND_FLOW = 'order-status-inbound';

/** The Pakistan support line: the line a call dials unless it says otherwise (DESIGN.md, "The call"). */
export const DEFAULT_LINE = '+922111000000';

export type CallOptions = {
  /** The caller's number in E.164, or null for a withheld number. */
  from: string | null;
  /** The support line dialled, which picks the market: the Pakistan line unless given. */
  to?: string;
  /** The flows, by name: flows/ unless a test brings its own. */
  flows?: ReadonlyMap<string, Flow>;
  /** Whether the queue's hours of operation are open now (CheckHoursOfOperation); open unless said. */
  open?: boolean;
  /**
   * Seconds from the transfer until an agent answers, and that they talk; then who hangs up first: the agent
   * unless said (the caller stays for the survey), or the caller (no survey).
   */
  agent?: { answersAfterSeconds: number; talksForSeconds: number; hangsUpFirst?: 'agent' | 'caller' };
  /** The queue's state as the Get queue metrics block reports it: nobody waiting and an agent free unless said. */
  queue?: QueueMetrics;
  /** Told of each event as it happens (the interactive mode prints them). */
  onEvent?: (event: CallEvent) => void;
  /** The SAM template whose functions the flows invoke: template.yaml unless a test brings its own. */
  template?: SamTemplate;
  /**
   * Variables the functions run with besides the process's own, as template.yaml's Environment gives them in
   * AWS. Unless given, QUEUE_ARNS names a queue of the simulated instance for every queue the escalation
   * function may choose, as a deployment would.
   */
  environment?: Readonly<Record<string, string>>;
  /**
   * Milliseconds each function invocation counts on the call's clock, whatever it took: for assertions on the
   * call's times that must not depend on the machine's load. Measured unless given.
   */
  functionMs?: number;
  /**
   * Milliseconds of a cold start (Lambda's init phase) added to the first invocation of each function in the
   * call, as if each call met fresh execution environments; none unless given.
   */
  coldStartMs?: number;
  /**
   * A caller who knows what to key or say: every input of keys or words is given over the prompt of the block
   * that takes it, where the block lets them (as `barge:` before one input does).
   */
  bargeIn?: boolean;
  /** The bot of the Lex blocks: the local bot of bots/ with the code hook of template.yaml unless given. */
  lex?: LexBot;
  /** Whether the call's contact record goes to the contact-records function (so reports count it); yes unless said. */
  storeContactRecord?: boolean;
} & (
  | {
      /**
       * What the caller does at each block that listens, in order, as `ivr call --input` takes it: `1` or
       * `dtmf:123#` (keys), `say:where is my refund`, `silence`, `hangup`, `hangup:4`, `barge:…` and the mark
       * `after-agent` (simulator/caller.ts). With none left they hang up.
       */
      inputs?: readonly string[];
      caller?: never;
    }
  | {
      /** A caller of your own (the one at the keyboard), instead of inputs. */ caller: SimulatedCaller;
      inputs?: never;
    }
);

/** A call placed: how it ended, the contact record Connect would stream for it, and whether it was stored. */
export interface SimulatedCall extends EndedCall {
  contactRecord: StreamedContactRecord;
  /** Whether the contact-records function stored it (when template.yaml has that function). */
  contactRecordStored: boolean;
}

/** A flow that cannot run as written, or an action the simulator does not know: the call stops here. */
export class SimulationError extends Error {
  override name = 'SimulationError';
}

/** An agent answers 20 s after the transfer and talks for a minute, unless the call's options say otherwise. */
export const DEFAULT_AGENT: NonNullable<CallOptions['agent']> = {
  answersAfterSeconds: 20,
  talksForSeconds: 60,
};
/** More actions than this in one run of a flow is a loop with no way out. */
const MAX_ACTIONS_PER_RUN = 500;
/** Connect waits this long between keys before it takes what was keyed (reference §7). */
const INTERDIGIT_TIMEOUT_SECONDS = 5;
/** Voices the simulator can speak with: ours, and Connect's default. */
const KNOWN_VOICES = new Set([DEFAULT_VOICE, ...LOCALES.map((locale) => voiceFor(locale).voiceId)]);

type FlowEnd =
  | 'disconnected'
  | 'caller-hung-up'
  | 'flow-ended'
  | 'queued'
  | 'holding'
  | { transferTo: string };
type Step =
  | { kind: 'next' }
  | { kind: 'error'; type: string; why?: string }
  | { kind: 'value'; value: string }
  | { kind: 'end'; end: FlowEnd };
type ActionRunner = (call: Simulation, action: FlowAction, flow: string) => Promise<Step>;

const NEXT: Step = { kind: 'next' };
const error = (type: string, why?: string): Step => ({ kind: 'error', type, why });
const value = (text: string): Step => ({ kind: 'value', value: text });
const end = (how: FlowEnd): Step => ({ kind: 'end', end: how });

/** The function that stores contact records, as Connect's data streaming would feed it. */
const CONTACT_RECORDS_FUNCTION = 'ContactRecordsFunction';

/**
 * Places one call through the flows, from the inbound flow to the caller's or the flow's hang-up, then hands
 * its contact record to the contact-records function, so that reports count simulated calls too.
 */
export async function placeCall(options: CallOptions): Promise<SimulatedCall> {
  const simulation = new Simulation(options);
  const ended = await simulation.run();
  const record = contactRecord(ended);
  const stored = options.storeContactRecord === false ? false : await simulation.storeContactRecord(record);
  return { ...ended, contactRecord: record, contactRecordStored: stored };
}

/** What a deployment gives the functions that the process does not: every queue a queue of the instance. */
function deployedEnvironment(): Record<string, string> {
  return {
    QUEUE_ARNS: JSON.stringify(Object.fromEntries(allQueues().map((name) => [name, queueArn(name)]))),
  };
}

let projectFlows: ReadonlyMap<string, Flow> | undefined;

/** flows/, read once per process: every simulated call of a run needs them. */
function defaultFlows(): ReadonlyMap<string, Flow> {
  projectFlows ??= loadFlows();
  return projectFlows;
}

/** What the caller heard, prompt by prompt (the agent's whisper left out). */
export function heard(call: EndedCall): string[] {
  return call.events.flatMap((event) =>
    event.type === 'prompt' && event.to === 'caller' ? [event.text] : [],
  );
}

function queueArn(name: string): string {
  return `${INSTANCE_ARN}/queue/${encodeURIComponent(name)}`;
}

function queueNameOf(arn: string): string | undefined {
  const prefix = `${INSTANCE_ARN}/queue/`;
  return arn.startsWith(prefix) ? decodeURIComponent(arn.slice(prefix.length)) : undefined;
}

class Simulation {
  readonly contact: Contact;
  readonly events: CallEvent[] = [];
  readonly caller: SimulatedCaller;
  readonly flows: ReadonlyMap<string, Flow>;
  readonly lambdas: LambdaRunner;
  readonly startedAt = new Date();
  clock = 0;
  spokenSeconds = 0;
  /** Who hears prompts now: the agent during the whisper flow. */
  listener: 'caller' | 'agent' = 'caller';
  /** The prompt said last, which the caller may cut short by keying, speaking or hanging up over it. */
  lastPrompt: PlayedPrompt | null = null;
  /** When the caller will hang up, whatever plays then (a script's `hangup:SECONDS`), or null. */
  private hangUpAt: number | null = null;
  /** The functions invoked so far in the call: their execution environments are warm. */
  private readonly warmFunctions = new Set<string>();
  private readonly loopCounts = new Map<string, number>();
  private readonly timeline: CallTimeline = {
    queuedAt: null,
    agentAt: null,
    agentLeftAt: null,
    endedAt: 0,
  };

  constructor(readonly options: CallOptions) {
    this.contact = newContact(options.from, options.to ?? DEFAULT_LINE);
    this.caller = options.caller ?? scriptedCaller((options.inputs ?? []).map(parseStep));
    this.flows = options.flows ?? defaultFlows();
    this.lambdas = new LambdaRunner(options.template, options.environment ?? deployedEnvironment());
  }

  private localLex: LexBot | undefined;

  /** The bot behind a bot alias of template.yaml. */
  lexBot(aliasResource: string): LexBot {
    if (this.options.lex) return this.options.lex;
    this.localLex ??= new LocalLex(this.lambdas, this.lambdas.codeHookOf(aliasResource));
    return this.localLex;
  }

  /** Hands the record to the contact-records function of the template, when it has one; true when stored. */
  async storeContactRecord(record: StreamedContactRecord): Promise<boolean> {
    if (!this.lambdas.hasFunction(CONTACT_RECORDS_FUNCTION)) return false;
    const run = await this.lambdas.run(CONTACT_RECORDS_FUNCTION, kinesisEventOf(record), 60);
    const failures = run.ok ? (run.result as { batchItemFailures?: unknown[] }).batchItemFailures : undefined;
    if (run.ok && failures?.length === 0) return true;
    this.emit({
      type: 'note',
      text: `the contact record was not stored: ${run.ok ? 'the function refused it' : run.problem}`,
    });
    return false;
  }

  async run(): Promise<EndedCall> {
    let endedBy: EndedCall['endedBy'] = 'flow';
    let failure: string | null = null;
    this.expectHangUp();
    try {
      const ending = await this.runFlows(INBOUND_FLOW);
      endedBy = ending === 'caller-hung-up' ? 'caller' : 'flow';
      if (ending === 'queued') endedBy = await this.connectToAgent();
    } catch (caught) {
      if (!(caught instanceof SimulationError)) throw caught;
      failure = caught.message;
      endedBy = 'error';
      this.emit({ type: 'note', text: `the call stopped: ${failure}` });
    }
    if (endedBy === 'caller' || endedBy === 'flow') this.emit({ type: 'hangup', by: endedBy });
    this.timeline.endedAt = this.clock;
    const score = Number(this.contact.attributes[CONTACT_ATTRIBUTES.surveyScore]);
    return {
      contact: this.contact,
      startedAt: this.startedAt,
      outcome: failure
        ? 'error'
        : callOutcome({
            attributes: this.contact.attributes,
            queued: this.timeline.queuedAt !== null,
            agentAnswered: this.timeline.agentAt !== null,
          }),
      error: failure,
      queue: this.timeline.queuedAt === null ? null : (this.contact.queue?.name ?? null),
      events: this.events,
      spokenSeconds: round(this.spokenSeconds),
      durationSeconds: round(this.clock),
      surveyScore: Number.isInteger(score) && score >= 1 && score <= 5 ? score : null,
      timeline: this.timeline,
      endedBy,
    };
  }

  /** Runs a flow, and the flows it transfers to, until the call leaves them. */
  private async runFlows(first: string): Promise<Exclude<FlowEnd, { transferTo: string }>> {
    let ending = await this.runFlow(first);
    while (typeof ending === 'object') ending = await this.runFlow(ending.transferTo);
    return ending;
  }

  /**
   * The caller waits in the queue flow (and may hang up there); an agent answers, hears the whisper and talks.
   * Whoever hangs up first ends the talk: when it is the agent, the disconnect flow runs for the caller who
   * remains (Connect's CustomerRemaining event: the survey); when it is the caller, the call is over.
   */
  private async connectToAgent(): Promise<EndedCall['endedBy']> {
    const agent = this.options.agent ?? DEFAULT_AGENT;
    this.timeline.queuedAt = this.clock;
    this.emit({ type: 'transfer', queue: this.contact.queue?.name ?? '' });
    const queueFlow = this.contact.eventHooks.CustomerQueue;
    if (queueFlow && (await this.runFlow(queueFlow)) === 'caller-hung-up') return 'caller';
    const answersAt = Math.max(this.clock, this.timeline.queuedAt + agent.answersAfterSeconds);
    if (this.hangsUpBefore(answersAt)) return 'caller';
    this.clock = answersAt;
    this.timeline.agentAt = this.clock;
    this.emit({ type: 'agent', action: 'answers' });
    const lost = this.caller.agentAnswers?.() ?? [];
    if (lost.length > 0) {
      this.emit({
        type: 'note',
        text: `${lost.length} input(s) meant for the IVR were not given before the agent answered: they are lost`,
      });
    }
    const whisperFlow = this.contact.eventHooks.AgentWhisper;
    if (whisperFlow) {
      this.listener = 'agent';
      await this.runFlow(whisperFlow);
      this.listener = 'caller';
    }
    const talkEndsAt = this.clock + agent.talksForSeconds;
    if (this.hangsUpBefore(talkEndsAt) || agent.hangsUpFirst === 'caller') {
      // A caller who hangs up first (at the end of the talk, unless a timed hang-up came sooner) gets no survey.
      if (agent.hangsUpFirst === 'caller' && this.clock < talkEndsAt) this.clock = talkEndsAt;
      this.timeline.agentLeftAt = this.clock;
      return 'caller';
    }
    this.clock = talkEndsAt;
    this.timeline.agentLeftAt = this.clock;
    this.emit({ type: 'agent', action: 'hangs-up' });
    this.expectHangUp();
    const disconnectFlow = this.contact.eventHooks.CustomerRemaining;
    if (!disconnectFlow) return 'agent';
    return (await this.runFlows(disconnectFlow)) === 'caller-hung-up' ? 'caller' : 'flow';
  }

  /** Whether the caller's hang-up comes before `moment`: if so, the clock is set to it. */
  private hangsUpBefore(moment: number): boolean {
    if (this.hangUpAt === null || this.hangUpAt >= moment) return false;
    this.hangUpNow();
    return true;
  }

  /** After an input (or at the start, or when the agent leaves): when the caller's next step is a timed hang-up. */
  private expectHangUp(): void {
    const after = this.caller.hangsUpAfter?.();
    this.hangUpAt = after === undefined ? null : this.clock + after;
  }

  /** The caller hangs up at the time they meant to, cutting short the prompt that was playing. */
  private hangUpNow(): void {
    const at = this.hangUpAt ?? this.clock;
    this.hangUpAt = null;
    if (this.lastPrompt) this.cutPrompt(this.lastPrompt, at);
    this.clock = at;
  }

  /** A prompt the caller cut short at `moment`: only what played before it counts as heard. */
  private cutPrompt(prompt: PlayedPrompt, moment: number): void {
    const endsAt = prompt.startedAt + prompt.seconds;
    if (moment >= endsAt || moment < prompt.startedAt) return;
    if (prompt.event.to === 'caller') this.spokenSeconds -= endsAt - moment;
    prompt.event.cutAfter = round(moment - prompt.startedAt);
  }

  private async runFlow(name: string): Promise<FlowEnd> {
    const flow = this.flows.get(name);
    if (!flow) throw new SimulationError(`there is no flow ${name}.json in flows/`);
    const actions = new Map(flow.Actions.map((action) => [action.Identifier, action]));
    let identifier = flow.StartAction;
    for (let count = 0; count < MAX_ACTIONS_PER_RUN; count++) {
      const action = actions.get(identifier);
      if (!action) throw new SimulationError(`${name}: no action "${identifier}"`);
      const runAction = ACTIONS[action.Type];
      if (!runAction) {
        throw new SimulationError(
          `${name}: action "${identifier}" is a ${action.Type}, which the simulator does not know how to run`,
        );
      }
      const step = await runAction(this, action, name);
      if (this.listener === 'caller' && this.hangsUpBefore(this.clock)) return 'caller-hung-up';
      if (step.kind === 'end') return step.end;
      if (step.kind === 'error' && step.why)
        this.emit({ type: 'note', text: `${name}/${identifier}: ${step.why}` });
      identifier = transition(name, action, step);
    }
    throw new SimulationError(
      `${name} ran ${MAX_ACTIONS_PER_RUN} actions without ending: a loop with no way out?`,
    );
  }

  emit<E extends DistributiveOmit<CallEvent, 'at'>>(event: E): E & { at: number } {
    const timed = { at: round(this.clock), ...event };
    this.events.push(timed as CallEvent);
    this.options.onEvent?.(timed as CallEvent);
    return timed;
  }

  /** The contact's language as one of our locales, for the pace of speech; English before a flow sets one. */
  get locale(): Locale {
    return isLocale(this.contact.languageCode) ? this.contact.languageCode : 'en-GB';
  }

  /** Speaks a prompt parameter set (SSML or Text) to whoever listens; an error when Polly would reject it. */
  say(parameters: Record<string, unknown>): Step {
    const engine: Engine = 'neural';
    let ssml: string;
    if (typeof parameters.SSML === 'string') {
      ssml = resolve(this.contact, parameters.SSML);
      if (!ssml.trim()) return error('NoMatchingError', 'the SSML prompt is empty');
      try {
        checkSsml(ssml, engine);
      } catch (problem) {
        return error('NoMatchingError', `Polly would reject this SSML: ${(problem as Error).message}`);
      }
    } else if (typeof parameters.Text === 'string') {
      const text = resolve(this.contact, parameters.Text).trim();
      if (!text) return error('NoMatchingError', 'the text prompt is empty');
      ssml = speak(engine, text);
    } else {
      return NEXT;
    }
    const seconds = speakingSeconds(ssml, this.locale);
    const event: PromptEvent = this.emit({
      type: 'prompt',
      text: transcript(ssml),
      ssml,
      to: this.listener,
    });
    this.lastPrompt = { event, startedAt: this.clock, seconds };
    this.clock += seconds;
    if (this.listener === 'caller') this.spokenSeconds += seconds;
    return NEXT;
  }

  /**
   * The caller's turn at a block that listens: their input and the time it took them. `interruptible` is the
   * block's own prompt, when the block lets the caller cut it short; `timeoutSeconds` how long it waits.
   */
  async listen(
    accepts: 'keys' | 'speech',
    { interruptible, timeoutSeconds }: { interruptible: PlayedPrompt | null; timeoutSeconds: number },
  ): Promise<CallerInput> {
    if (this.hangUpAt !== null) {
      // The caller says nothing more: they hang up, here, unless the block times out before they do.
      if (this.hangUpAt > this.clock + timeoutSeconds) return { kind: 'silence' };
      this.hangUpNow();
      return { kind: 'hangup' };
    }
    const input = await this.caller.next({ accepts, prompt: this.lastPrompt?.event.text ?? '' });
    if (input.kind === 'keys' || input.kind === 'speech') {
      const heardBy = accepts === 'speech' || input.kind === 'keys';
      const promptEndsNow =
        interruptible !== null &&
        Math.abs(interruptible.startedAt + interruptible.seconds - this.clock) < 1e-9;
      if ((input.bargeIn || this.options.bargeIn) && heardBy && interruptible && promptEndsNow) {
        // The caller who knows what to give does so once they have reacted to the prompt's start.
        this.cutPrompt(interruptible, interruptible.startedAt + CALLER_PACE.reaction);
        this.clock = Math.min(this.clock, interruptible.startedAt);
      }
      this.clock += inputSeconds(input);
      this.emit(
        input.kind === 'keys'
          ? { type: 'input', dtmf: input.keys }
          : { type: 'input', utterance: input.utterance },
      );
    }
    this.expectHangUp();
    return input;
  }

  /** A block's time limit of `seconds` runs out: counted from `since` (the caller's words may have filled part of it). */
  waitOut(seconds: number, since = this.clock): void {
    this.clock = Math.max(this.clock, since + seconds);
    this.emit({ type: 'timeout', seconds });
  }

  /** A loop block's count: ContinueLooping until it has looped `times` times, then DoneLooping (and again from 0). */
  loop(key: string, times: number): string {
    const count = (this.loopCounts.get(key) ?? 0) + 1;
    if (count <= times) {
      this.loopCounts.set(key, count);
      return 'ContinueLooping';
    }
    this.loopCounts.delete(key);
    return 'DoneLooping';
  }

  /** The cold start of a function's invocation: the call's cold-start time the first time, else nothing. */
  coldStart(resource: string): number {
    if (this.warmFunctions.has(resource)) return 0;
    this.warmFunctions.add(resource);
    return this.options.coldStartMs ?? 0;
  }

  get hoursOpen(): boolean {
    return this.options.open ?? true;
  }
}

const ACTIONS: Readonly<Record<string, ActionRunner>> = {
  MessageParticipant: async (call, { Parameters }) => call.say(Parameters),

  /** In a queue flow: the messages play once, then the caller holds until an agent answers. */
  MessageParticipantIteratively: async (call, { Parameters }) => {
    for (const message of (Parameters.Messages as Record<string, unknown>[] | undefined) ?? []) {
      const step = call.say(message);
      if (step.kind === 'error') return step;
    }
    return end('holding');
  },

  /** Keys may cut its own prompt short; keys pressed before it (during a Play prompt) never reach it. */
  GetParticipantInput: async (call, { Parameters }) => {
    if (await hangsUpBeforePrompt(call)) return end('caller-hung-up');
    call.lastPrompt = null;
    const said = call.say(Parameters);
    if (said.kind === 'error') return said;
    const storeInput = Parameters.StoreInput === 'True';
    const timeoutSeconds = Number(Parameters.InputTimeLimitSeconds);
    const listeningFrom = call.clock;
    const input = await call.listen('keys', { interruptible: call.lastPrompt, timeoutSeconds });
    switch (input.kind) {
      case 'hangup':
        return end('caller-hung-up');
      case 'speech':
        // A keypad block hears no words: they are lost (not kept for a later block), and it times out.
        call.emit({ type: 'note', text: 'this block listens for keys only: the caller’s words are lost' });
        return timedOut(call, timeoutSeconds, storeInput, listeningFrom);
      case 'silence':
        return timedOut(call, timeoutSeconds, storeInput, listeningFrom);
      case 'keys':
        if (!storeInput) return value(input.keys.slice(0, 1));
        call.contact.storedCustomerInput = storedKeys(call, input.keys, Parameters);
        return NEXT;
    }
  },

  /** Words or keys may cut short its prompt and the bot's, unless the block turns Lex's barge-in off. */
  ConnectParticipantWithLexBot: async (call, { Parameters }) => {
    if (await hangsUpBeforePrompt(call)) return end('caller-hung-up');
    call.lastPrompt = null;
    const said = call.say(Parameters);
    if (said.kind === 'error') return said;
    const alias = placeholderOf(
      (Parameters.LexV2Bot as Record<string, unknown> | undefined)?.AliasArn,
      'lex-bot-alias',
    );
    const sessionAttributes = resolveMap(call.contact, Parameters.LexSessionAttributes);
    const bargeIn = sessionAttributes[LEX_LISTENING.allowInterrupt]?.toLowerCase() !== 'false';
    const startTimeoutMs = Number(
      sessionAttributes[LEX_LISTENING.audioStartTimeoutMs] ?? LEX_LISTENING_DEFAULTS.audioStartTimeoutMs,
    );
    const outcome = await call.lexBot(alias.resource).converse({
      contactId: call.contact.contactId,
      localeId: lexLocaleId(call.contact.languageCode),
      sessionAttributes,
      listen: async (session) => {
        const input = await call.listen('speech', {
          interruptible: bargeIn ? call.lastPrompt : null,
          timeoutSeconds: startTimeoutMs / 1000,
        });
        if (input.kind !== 'keys') return input;
        const { keys, waitSeconds } = keysLexTakes(input.keys, session);
        if (waitSeconds > 0) {
          call.clock += waitSeconds;
          call.emit({ type: 'note', text: `Lex waited ${waitSeconds} s for more keys or the end key` });
        }
        return { ...input, keys };
      },
      say: (message) => {
        call.say(message.ssml ? { SSML: message.ssml } : { Text: message.text });
      },
      understood: (intent, slots) => call.emit({ type: 'lex', intent, slots }),
    });
    switch (outcome.kind) {
      case 'hangup':
        return end('caller-hung-up');
      case 'no-input':
        call.waitOut(startTimeoutMs / 1000);
        return error('InputTimeLimitExceeded');
      case 'error':
        return error('NoMatchingError', outcome.why);
      case 'closed':
        call.contact.lex = outcome.result;
        return value(outcome.result.IntentName);
    }
  },

  InvokeLambdaFunction: async (call, { Parameters }) => {
    const resource = placeholderOf(Parameters.LambdaFunctionARN, 'function').resource;
    const parameters = resolveMap(call.contact, Parameters.LambdaInvocationAttributes);
    const limitSeconds = Number(Parameters.InvocationTimeLimitSeconds);
    const invocation = await call.lambdas.invoke(resource, call.contact, parameters, limitSeconds);
    const coldStartMs = call.coldStart(resource);
    const ms = (call.options.functionMs ?? invocation.ms) + coldStartMs;
    call.clock += Math.min(ms, limitSeconds * 1000) / 1000;
    const name = call.lambdas.functionName(resource);
    const cold = coldStartMs > 0 ? { coldStartMs } : {};
    // Connect's time limit counts Lambda's init phase too: a cold start can take the block past it.
    const problem = !invocation.ok
      ? invocation.problem
      : ms > limitSeconds * 1000
        ? `no answer within the block's ${limitSeconds} s (with a cold start of ${coldStartMs} ms)`
        : null;
    if (problem || !invocation.ok) {
      call.contact.external = {};
      call.emit({ type: 'lambda', function: name, parameters, ms, ...cold, result: {} });
      return error('NoMatchingError', `${name}: ${problem}`);
    }
    call.contact.external = invocation.result;
    call.emit({ type: 'lambda', function: name, parameters, ms, ...cold, result: invocation.result });
    return NEXT;
  },

  UpdateContactAttributes: async (call, { Parameters }) => {
    const attributes = resolveMap(call.contact, Parameters.Attributes);
    const badKey = Object.keys(attributes).find((key) => !ATTRIBUTE_KEY.test(key));
    if (badKey)
      return error('NoMatchingError', `attribute key "${badKey}" has characters Connect does not accept`);
    const merged = { ...call.contact.attributes, ...attributes };
    if (Buffer.byteLength(JSON.stringify(merged), 'utf8') > MAX_CONNECT_BYTES) {
      return error('NoMatchingError', 'the contact attributes would pass 32 KB');
    }
    call.contact.attributes = merged;
    const score = attributes[CONTACT_ATTRIBUTES.surveyScore];
    if (score !== undefined) call.emit({ type: 'survey', score: Number(score) });
    return NEXT;
  },

  UpdateContactData: async (call, { Parameters }) => {
    if (typeof Parameters.LanguageCode !== 'string') return NEXT;
    const languageCode = resolve(call.contact, Parameters.LanguageCode);
    if (!/^[a-z]{2}-[A-Z]{2}$/.test(languageCode)) {
      return error('NoMatchingError', `"${languageCode}" is not a language code`);
    }
    call.contact.languageCode = languageCode;
    return NEXT;
  },

  UpdateContactTextToSpeechVoice: async (call, { Parameters }) => {
    const voice = resolve(call.contact, String(Parameters.TextToSpeechVoice ?? ''));
    if (!KNOWN_VOICES.has(voice))
      return error('NoMatchingError', `"${voice}" is not a voice the simulator knows`);
    call.contact.voice = voice;
    return NEXT;
  },

  UpdateContactEventHooks: async (call, { Parameters }) => {
    for (const [event, reference] of Object.entries(
      (Parameters.EventHooks as Record<string, unknown>) ?? {},
    )) {
      call.contact.eventHooks[event] = placeholderOf(reference, 'flow').flow;
    }
    return NEXT;
  },

  UpdateContactTargetQueue: async (call, { Parameters }) => {
    const queue = queueOf(call, Parameters.QueueId);
    if (typeof queue === 'string') return error('NoMatchingError', queue);
    call.contact.queue = queue;
    return NEXT;
  },

  /** Loads the queue's state of the call's options as Connect's attributes `$.Metrics.…`, for the working queue. */
  GetMetricData: async (call, { Parameters }) => {
    const queue = blockQueue(call, Parameters.QueueId);
    if (typeof queue === 'string') return error('NoMatchingError', queue);
    if (!queue) return error('NoMatchingError', 'no working queue is set, and the block names none');
    const { contactsInQueue, oldestContactSeconds, agentsAvailable } = call.options.queue ?? IDLE_QUEUE;
    const metrics: Record<string, number | string | undefined> = {
      'Queue.Name': queue.name,
      'Queue.ARN': queue.arn,
      'Queue.Size': contactsInQueue,
      'Queue.OldestContactAge': oldestContactSeconds,
      'Agents.Available.Count': agentsAvailable,
    };
    call.contact.metrics = Object.fromEntries(
      Object.entries(metrics).flatMap(([path, metric]) =>
        metric === undefined ? [] : [[path, String(metric)]],
      ),
    );
    return NEXT;
  },

  UpdateContactCallbackNumber: async (call, { Parameters }) => {
    const number = resolve(call.contact, String(Parameters.CallbackNumber ?? ''));
    if (!/^\+[1-9]\d{6,14}$/.test(number)) {
      return error('InvalidCallbackNumber', `"${number}" is not a phone number in E.164`);
    }
    call.contact.callbackNumber = number;
    return NEXT;
  },

  /** A call back queued for later: this call goes on in its flow (which says so and hangs up); nobody is queued now. */
  CreateCallbackContact: async (call, { Parameters }) => {
    const queue = blockQueue(call, Parameters.QueueId);
    if (typeof queue === 'string') return error('NoMatchingError', queue);
    // Without a Set callback number block, Connect calls back the number the caller called from.
    const number = call.contact.callbackNumber ?? call.contact.callerNumber;
    if (!queue || !number) return error('NoMatchingError', 'a call back needs a working queue and a number');
    call.emit({
      type: 'callback',
      queue: queue.name,
      number,
      afterSeconds: Number(Parameters.InitialCallDelaySeconds),
    });
    return NEXT;
  },

  TransferContactToQueue: async (call) =>
    call.contact.queue ? end('queued') : error('NoMatchingError', 'no working queue is set'),

  Compare: async (call, { Parameters }) =>
    value(resolve(call.contact, String(Parameters.ComparisonValue ?? ''))),

  CheckHoursOfOperation: async (call) => value(call.hoursOpen ? 'True' : 'False'),

  Loop: async (call, { Identifier, Parameters }, flow) =>
    value(call.loop(`${flow}/${Identifier}`, Number(Parameters.LoopCount))),

  UpdateFlowLoggingBehavior: async () => NEXT,
  UpdateContactRecordingBehavior: async () => NEXT,
  DisconnectParticipant: async () => end('disconnected'),
  EndFlowExecution: async () => end('flow-ended'),
  TransferToFlow: async (_, { Parameters }) =>
    end({ transferTo: placeholderOf(Parameters.ContactFlowId, 'flow').flow }),
};

/** The queue a QueueId parameter names (a placeholder, or a reference to a queue's ARN), or why it names none. */
function queueOf(call: Simulation, queueId: unknown): { name: string; arn: string } | string {
  const text = String(queueId ?? '');
  if (text.startsWith('$.')) {
    const arn = resolve(call.contact, text);
    const name = queueNameOf(arn);
    return name ? { name, arn } : `"${arn}" is not a queue of the instance`;
  }
  const { name } = placeholderOf(text, 'queue');
  return { name, arn: queueArn(name) };
}

/** The queue of a block whose QueueId is optional: the one it names, else the working queue (if any). */
function blockQueue(call: Simulation, queueId: unknown): { name: string; arn: string } | string | undefined {
  return queueId === undefined ? call.contact.queue : queueOf(call, queueId);
}

/** A caller with nothing more to say hangs up as the next block that listens begins, without its prompt. */
async function hangsUpBeforePrompt(call: Simulation): Promise<boolean> {
  return (await call.caller.hangsUpNow?.()) ?? false;
}

/**
 * No keys within the time limit, which runs from the end of the prompt (`since`): a menu takes its timeout
 * branch; a stored input holds "Timeout".
 */
function timedOut(call: Simulation, seconds: number, storeInput: boolean, since: number): Step {
  call.waitOut(seconds, since);
  if (!storeInput) return error('InputTimeLimitExceeded');
  call.contact.storedCustomerInput = 'Timeout';
  return NEXT;
}

/**
 * The keys a Lex block takes of those the caller pressed, and how long it waits after them: Lex stops at its
 * end character (`#`) or once it has its most keys (`x-amz-lex:dtmf:max-length`, 1 at our menu), and else
 * waits out its end timeout (5 s unless set) before it takes what it has (reference §3.7). Keys past the most
 * it takes are lost.
 */
function keysLexTakes(
  pressed: string,
  session: Readonly<Record<string, string>>,
): { keys: string; waitSeconds: number } {
  const endCharacter = session[LEX_LISTENING.dtmfEndCharacter] ?? LEX_LISTENING_DEFAULTS.dtmfEndCharacter;
  const maxLength = Number(session[LEX_LISTENING.dtmfMaxLength] ?? LEX_LISTENING_DEFAULTS.dtmfMaxLength);
  const endTimeoutMs = Number(
    session[LEX_LISTENING.dtmfEndTimeoutMs] ?? LEX_LISTENING_DEFAULTS.dtmfEndTimeoutMs,
  );
  const ended = pressed.indexOf(endCharacter);
  if (ended !== -1 && ended <= maxLength) return { keys: pressed.slice(0, ended + 1), waitSeconds: 0 };
  if (pressed.length >= maxLength) return { keys: pressed.slice(0, maxLength), waitSeconds: 0 };
  return { keys: pressed, waitSeconds: endTimeoutMs / 1000 };
}

/**
 * The keys a Store customer input block keeps: up to the terminating sequence or the maximum length, `*`
 * clearing what came before unless the cancel key is disabled. Without either ending, Connect waits out its
 * inter-digit timeout before it takes the keys.
 */
function storedKeys(call: Simulation, keys: string, parameters: Record<string, unknown>): string {
  const dtmf = (parameters.DTMFConfiguration ?? {}) as Record<string, string>;
  const validation = (parameters.InputValidation ?? {}) as { CustomValidation?: { MaximumLength?: string } };
  const terminator = dtmf.InputTerminationSequence ?? '#';
  const cancels = dtmf.DisableCancelKey !== 'True';
  const maximum = Number(validation.CustomValidation?.MaximumLength ?? Number.POSITIVE_INFINITY);
  let entered = '';
  for (const key of keys) {
    if (cancels && key === '*') entered = '';
    else entered += key;
    if (entered.endsWith(terminator)) return entered.slice(0, -terminator.length);
    if (entered.length >= maximum) return entered;
  }
  call.waitOut(INTERDIGIT_TIMEOUT_SECONDS);
  return entered;
}

/** The next action after a step, by the action's transitions; a missing branch stops the call. */
function transition(flow: string, action: FlowAction, step: Exclude<Step, { kind: 'end' }>): string {
  const { Conditions = [], Errors = [], NextAction } = action.Transitions;
  const branch = (errorType: string) => {
    const match =
      Errors.find((entry) => entry.ErrorType === errorType) ??
      Errors.find((entry) => entry.ErrorType === 'NoMatchingError');
    if (!match) {
      throw new SimulationError(
        `${flow}: action "${action.Identifier}" raised ${errorType} and has no branch for it`,
      );
    }
    return match.NextAction;
  };
  if (step.kind === 'value') {
    const match = Conditions.find(({ Condition }) =>
      holds(Condition.Operator, step.value, Condition.Operands[0] ?? ''),
    );
    return match ? match.NextAction : branch('NoMatchingCondition');
  }
  if (step.kind === 'error') return branch(step.type);
  if (!NextAction) throw new SimulationError(`${flow}: action "${action.Identifier}" has no NextAction`);
  return NextAction;
}

/** A condition of the flow language; an operator the language does not have stops the call. */
function holds(operator: string, actual: string, operand: string): boolean {
  const judge = Object.hasOwn(CONDITION_OPERATORS, operator) ? CONDITION_OPERATORS[operator] : undefined;
  if (!judge)
    throw new SimulationError(`the condition operator ${operator} is not one of the flow language's`);
  return judge(actual, operand);
}

/** The placeholder table's entry for a `${Name}` value, which must be of the kind the parameter needs. */
function placeholderOf<K extends FlowPlaceholder['kind']>(
  reference: unknown,
  kind: K,
): Extract<FlowPlaceholder, { kind: K }> {
  const entry = wholePlaceholder(String(reference));
  if (entry?.kind !== kind) {
    throw new SimulationError(
      `${String(reference)} is not a placeholder of a ${kind} (lib/connect/flow-placeholders.ts)`,
    );
  }
  return entry as Extract<FlowPlaceholder, { kind: K }>;
}

function round(seconds: number): number {
  return Math.round(seconds * 10) / 10;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

type PromptEvent = Extract<CallEvent, { type: 'prompt' }>;

/** A prompt as it was played: its event (to mark it cut short), when it began and how long it takes. */
interface PlayedPrompt {
  event: PromptEvent;
  startedAt: number;
  seconds: number;
}
