/**
 * `ivr call`: a simulated call through the real flows and handlers (DESIGN.md, "The `ivr` command"), and the
 * demo call `ivr start` ends with.
 */
import { type Command, Option } from 'commander';
import { readRunningPair } from '#lib/local/pair.ts';
import { PROJECT_PAIR_DIR } from '#lib/local/stack.ts';
import { isLocale, type Locale, localeFor, marketOfDialledNumber } from '#lib/markets.ts';
import { DEFAULT_AGENT, DEFAULT_LINE, placeCall, type SimulatedCall } from '#simulator/call.ts';
import { parseStep, type SimulatedCaller, scriptedCaller } from '#simulator/caller.ts';
import { type LexBot, RemoteLex } from '#simulator/lex.ts';
import type { CallEvent } from '#simulator/model.ts';
import { parseQueueInput, type QueueInput } from '#simulator/queue-state.ts';
import { loadScenario, unmetExpectations } from '#simulator/scenario.ts';
import { prepareLocalStack } from '../db.ts';
import { quietFunctionOutput, useEnvironment } from '../environment.ts';
import { UsageError } from '../output.ts';
import { renderCallAudio } from './audio.ts';
import { keyboardCaller } from './interactive.ts';

/** The first demo caller of the README: Ayesha, one order out for delivery. */
export const DEMO_CALLER = '+923001234567';

interface CallFlags {
  from?: string;
  to?: string;
  input: string[];
  script?: string;
  json?: boolean;
  audio?: string;
  closed?: boolean;
  queue?: QueueInput;
  lex: 'local' | 'remote';
  storeRecord?: boolean;
  botId?: string;
  aliasId?: string;
  bargeIn?: boolean;
  coldStart?: number;
  callerHangsUpFirst?: boolean;
}

export function registerCallCommand(program: Command): void {
  program
    .command('call')
    .description(
      'place a simulated call through flows/ with the real functions and databases; without inputs in a terminal, you are the caller',
    )
    .option(
      '--from <number>',
      `the caller's number in E.164, or "anonymous" (default ${DEMO_CALLER}, a demo caller)`,
    )
    .option(
      '--to <number>',
      `the support line dialled, which picks the market (default ${DEFAULT_LINE}, Pakistan)`,
    )
    .addOption(
      new Option(
        '--input <input>',
        'what the caller does at the next block that listens: 1, dtmf:123#, say:words, silence, hangup, hangup:SECONDS (that long after their last input, over whatever plays), barge:… (keys or words over the prompt), or the mark after-agent (the inputs after it are for the survey after an agent) (repeatable)',
      )
        .argParser((value: string, previous: string[]) => [...previous, value])
        .default([]),
    )
    .option(
      '--script <file>',
      'a scenario file (YAML): caller, inputs and the expected outcome; exits 1 when unmet',
    )
    .option(
      '--json',
      'print one JSON object: outcome, queue, attributes, events, durations, survey, contact record',
    )
    .option('--audio <file.wav>', 'render the call to an 8 kHz WAV with espeak-ng and sox')
    .option('--closed', "let the queue's hours of operation be closed")
    .option(
      '--barge-in',
      'a caller who knows what to key or say: every input over the prompt of the block that takes it, where Connect lets them',
    )
    .option(
      '--cold-start <ms>',
      "a cold start added to each function's first invocation in the call (default: none)",
      (value: string) => {
        const ms = Number(value);
        if (!Number.isFinite(ms) || ms < 0) throw new UsageError(`--cold-start ${value}: give milliseconds`);
        return ms;
      },
    )
    .option('--caller-hangs-up-first', 'after talking to the agent, the caller hangs up first (no survey)')
    .option(
      '--queue <state>',
      'the queue when the call is handed over, as Get queue metrics reports it: contacts=N,oldest=SECONDS,agents=N, and answer=SECONDS until an agent answers (default: nobody waiting, an agent free, answering in 20 s)',
      parseQueueInput,
    )
    .option(
      '--store-record',
      "store the call's contact record in the databases the environment names (with the local stack it always is)",
    )
    .addOption(
      new Option(
        '--lex <where>',
        'the bot of the Lex blocks: local (bots/, offline) or remote (a deployed bot)',
      )
        .choices(['local', 'remote'])
        .default('local'),
    )
    .option('--bot-id <id>', 'with --lex remote: the Lex V2 bot id')
    .option(
      '--alias-id <id>',
      'with --lex remote: the bot alias id (AWS credentials and region from the environment)',
    )
    .addHelpText(
      'after',
      `
Without --input or --script, and with a terminal, the prompts are printed as text and you type keys or words.
The databases are those of the environment when IVR_DB_URL or ORDERS_DB_URL is set, else the local stack
(started, migrated and seeded when it is not running).

Examples:
  npx ivr call --from +923001234567 --input hangup
  npx ivr call --from anonymous --input dtmf:10000001# --input 0 --input after-agent --input 5 --json
  npx ivr call --from +923001234567 --input 0 --input 1 --queue contacts=12,oldest=600,agents=0 --json
  npx ivr call --script test/e2e/scenarios/known-caller-one-order.yaml
  npx ivr call --from anonymous --input silence --input "say:where is my refund" --lex remote --bot-id ABCDEFGHIJ --alias-id TSTALIASID`,
    )
    .action(async (flags: CallFlags) => {
      process.exitCode = await callCommand(flags);
    });
}

/** The call `ivr start` ends with: a demo caller, you at the keyboard. */
export async function demoCall(): Promise<void> {
  if (!process.stdin.isTTY) {
    console.log(`\nCall the IVR as a demo caller: npx ivr call --from ${DEMO_CALLER}`);
    return;
  }
  console.log(`\nCalling the IVR from ${DEMO_CALLER} (Ayesha, a demo caller) on the Pakistan line.`);
  await callCommand({ from: DEMO_CALLER, input: [], lex: 'local' });
}

async function callCommand(flags: CallFlags): Promise<number> {
  const scenario = flags.script ? loadScenario(flags.script) : undefined;
  if (scenario && (flags.from || flags.to || flags.input.length > 0 || flags.closed || flags.queue)) {
    throw new UsageError(
      '--script holds the caller, the line, the inputs and the queue: leave out --from, --to, --input, --closed and --queue',
    );
  }
  const queue = scenario?.queue ?? flags.queue;
  const from = callerNumber(scenario?.from ?? flags.from ?? DEMO_CALLER);
  const to = e164(scenario?.to ?? flags.to ?? DEFAULT_LINE, '--to');
  const inputs = (scenario?.inputs ?? flags.input).map(parseStep);
  const lex = lexOf(flags);
  const localStack = await prepareEnvironment(flags.json ? console.error : console.log);

  const interactive = !scenario && inputs.length === 0 && process.stdin.isTTY === true;
  const caller: SimulatedCaller & { close?(): void } = interactive
    ? keyboardCaller()
    : scriptedCaller(inputs);
  const call = await placeCall({
    from,
    to,
    caller,
    open: !(scenario?.closed ?? flags.closed),
    queue: queue?.metrics,
    agent: {
      ...DEFAULT_AGENT,
      ...(queue?.answersAfterSeconds === undefined ? {} : { answersAfterSeconds: queue.answersAfterSeconds }),
      ...(flags.callerHangsUpFirst ? { hangsUpFirst: 'caller' as const } : {}),
    },
    bargeIn: scenario?.bargeIn ?? flags.bargeIn,
    coldStartMs: scenario?.coldStartMs ?? flags.coldStart,
    lex,
    // Simulated calls count in the local stack's reports; in databases the environment names, only when asked.
    storeContactRecord: localStack || flags.storeRecord === true,
    onEvent: flags.json ? undefined : (event) => console.log(describeEvent(event)),
  }).finally(() => caller.close?.());

  if (flags.json) console.log(JSON.stringify(callJson(call), null, 2));
  else console.log(`\n${summary(call)}`);
  if (flags.audio) {
    await renderCallAudio(call, callLocale(call), flags.audio);
    console.error(`wrote ${flags.audio} (${call.durationSeconds} s, 8 kHz mono)`);
  }
  if (scenario) {
    const problems = unmetExpectations(call, scenario.expect);
    for (const problem of problems) console.error(`unmet: ${problem}`);
    if (problems.length > 0) return 1;
    console.error(`scenario met${scenario.description ? `: ${scenario.description}` : ''}`);
  }
  return call.outcome === 'error' ? 1 : 0;
}

/** The `--json` object of DESIGN.md, with the contact record Connect would stream. */
function callJson(call: SimulatedCall) {
  return {
    contactId: call.contact.contactId,
    outcome: call.outcome,
    ...(call.error ? { error: call.error } : {}),
    queue: call.queue,
    attributes: call.contact.attributes,
    events: call.events,
    spokenSeconds: call.spokenSeconds,
    durationSeconds: call.durationSeconds,
    surveyScore: call.surveyScore,
    contactRecord: call.contactRecord,
  };
}

/** The deployed bot for --lex remote; the local bot otherwise (the simulator's default). */
function lexOf(flags: CallFlags): LexBot | undefined {
  if (flags.lex !== 'remote') {
    if (flags.botId || flags.aliasId) throw new UsageError('--bot-id and --alias-id go with --lex remote');
    return undefined;
  }
  if (!flags.botId || !flags.aliasId) throw new UsageError('--lex remote needs --bot-id and --alias-id');
  return new RemoteLex(flags.botId, flags.aliasId);
}

/** Points the functions at their databases; true when those are the local stack's. */
async function prepareEnvironment(log: (line: string) => void): Promise<boolean> {
  await quietFunctionOutput();
  const named = process.env.IVR_DB_URL || process.env.ORDERS_DB_URL;
  if (!named && !(await readRunningPair(PROJECT_PAIR_DIR))) {
    log('the local stack is not running: starting it');
    await prepareLocalStack(log);
    return true;
  }
  await useEnvironment();
  return !named;
}

function callerNumber(text: string): string | null {
  return text === 'anonymous' ? null : e164(text, '--from');
}

function e164(text: string, flag: string): string {
  if (!/^\+[1-9]\d{6,14}$/.test(text))
    throw new UsageError(`${flag} ${text}: give a number in E.164, such as +923001234567`);
  return text;
}

/** The language the call ended in, for the audio's voice. */
function callLocale(call: SimulatedCall): Locale {
  const language = call.contact.languageCode;
  return isLocale(language)
    ? language
    : localeFor(marketOfDialledNumber(call.contact.dialledNumber), undefined);
}

/** One line of the transcript printed as the call goes. */
function describeEvent(event: CallEvent): string {
  const at = `${event.at.toFixed(1).padStart(6)} s  `;
  switch (event.type) {
    case 'prompt':
      return `${at}${event.to === 'agent' ? 'whisper to the agent' : 'IVR'}: ${event.text}`;
    case 'input':
      return 'dtmf' in event ? `${at}caller keys ${event.dtmf}` : `${at}caller says "${event.utterance}"`;
    case 'timeout':
      return `${at}(no input for ${event.seconds} s)`;
    case 'lambda':
      return `${at}[${event.function} ${Object.values(event.parameters).join(' ')} → ${event.result.outcome ?? 'failed'}, ${event.ms} ms]`;
    case 'lex':
      return `${at}[Lex: ${event.intent} ${JSON.stringify(event.slots)}]`;
    case 'transfer':
      return `${at}transferred to the ${event.queue} queue`;
    case 'callback':
      return `${at}a call back to ${event.number} is queued in ${event.queue}, from ${event.afterSeconds} s after the call`;
    case 'agent':
      return `${at}the agent ${event.action === 'answers' ? 'answers' : 'hangs up'}`;
    case 'survey':
      return `${at}survey answer: ${event.score}`;
    case 'hangup':
      return `${at}${event.by === 'caller' ? 'the caller hangs up' : 'the IVR hangs up'}`;
    case 'note':
      return `${at}note: ${event.text}`;
  }
}

function summary(call: SimulatedCall): string {
  const parts = [
    call.outcome + (call.queue ? ` to ${call.queue}` : ''),
    `${call.durationSeconds} s on the call`,
    `${call.spokenSeconds} s of speech`,
    `survey: ${call.surveyScore ?? 'no answer'}`,
  ];
  return parts.join(' · ') + (call.error ? `\nstopped: ${call.error}` : '');
}
