/**
 * The check of flows/ before they are deployed or simulated: what Connect's import refuses (reference §2),
 * what the local simulator cannot run, the product's own rules (no instance ARNs, a timeout on every
 * input, SSML the neural voices accept), and the contracts with the functions and the bot. Connect reports some of these only at import, one at a time, and
 * others not at all: the call then takes an error branch.
 */
import { INVOCATION_MARGIN_MS, MAX_TIME_BUDGET_MS } from '#lib/budget.ts';
import { checkFlowContracts } from '#lib/connect/flow-contract-check.ts';
import {
  ATTRIBUTE_KEY,
  CONDITION_OPERATORS,
  type Flow,
  type FlowAction,
  type Transitions,
} from '#lib/connect/flow-language.ts';
import {
  FLOW_PLACEHOLDERS,
  type FlowPlaceholder,
  PLACEHOLDER_PATTERN,
  wholePlaceholder,
} from '#lib/connect/flow-placeholders.ts';
import { checkSsml, SsmlError } from '#lib/speech/index.ts';

type Report = (problem: string) => void;
type ActionCheck = (action: FlowAction, report: Report) => void;

const VERSION = '2019-10-30';
const MAX_ACTIONS = 250;
const MAX_IDENTIFIER_LENGTH = 50;
const FORBIDDEN_IDENTIFIER_CHARACTERS = /[%:()\\/=$,;[\]{}]/g;
// biome-ignore format: a list of names reads better packed
const RESERVED_IDENTIFIERS = ['__proto__', 'constructor', '__defineGetter__', '__defineSetter__', 'toString',
  'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', 'valueOf'];
const VALIDATIONS = ['PhoneNumberValidation', 'CustomValidation'];
const TERMINAL_TYPES = ['DisconnectParticipant', 'EndFlowExecution', 'TransferContactToAgent'];
const PROMPT_SOURCES = ['PromptId', 'Text', 'SSML', 'Media'];
// biome-ignore format: a list of names reads better packed
const EVENT_HOOKS = ['AgentHold', 'AgentWhisper', 'CustomerHold', 'CustomerQueue', 'CustomerRemaining',
  'CustomerWhisper', 'DefaultAgentUI', 'DisconnectAgentUI', 'PauseContact', 'ResumeContact'];

/** One JSONPath reference: `$.Attributes.orderId`, `$.Lex.Slots.order`, `$.Attributes.['my key']`. */
const REFERENCE = String.raw`\$\.[A-Za-z0-9_]+(?:\.[A-Za-z0-9_-]+|\.?\['[^']*'\])*`;
const REFERENCES = new RegExp(REFERENCE, 'g');
const SINGLE_REFERENCE = new RegExp(`^${REFERENCE}$`);
const REFERENCE_PREFIXES = ['$.Attributes.', '$.External.', '$.Lex.'];
// biome-ignore format: a list of names reads better packed
const CONTACT_REFERENCES = ['$.StoredCustomerInput', '$.CustomerEndpoint.Address', '$.SystemEndpoint.Address',
  '$.ContactId', '$.InitialContactId', '$.PreviousContactId', '$.Channel', '$.InitiationMethod',
  '$.LanguageCode', '$.Queue.Name', '$.Queue.ARN', '$.TextToSpeechVoiceId', '$.AwsRegion'];
/** What the Get queue metrics block (GetMetricData) gives the flow (reference §1.7, Connect's attribute list). */
// biome-ignore format: a list of names reads better packed
const METRIC_REFERENCES = ['$.Metrics.Queue.Name', '$.Metrics.Queue.ARN', '$.Metrics.Queue.Size',
  '$.Metrics.Queue.OldestContactAge', '$.Metrics.Agents.Online.Count', '$.Metrics.Agents.Available.Count',
  '$.Metrics.Agents.Staffed.Count', '$.Metrics.Agents.AfterContactWork.Count', '$.Metrics.Agents.Busy.Count',
  '$.Metrics.Agents.Missed.Count', '$.Metrics.Agents.NonProductive.Count'];
// At a word start, so that prompt text such as "to learn: press 1" is not taken for an ARN.
const LITERAL_ARN = /\barn:/;

/**
 * Every problem of the flows, each naming the flow file and, where there is one, the action: empty when all
 * the flows can be imported into Connect and run by the simulator, and keep the contracts with the functions
 * and the bot (lib/connect/flow-contract-check.ts). `flows` is what `loadFlows` returns.
 */
export function checkFlows(flows: ReadonlyMap<string, Flow>): string[] {
  return [
    ...[...flows].flatMap(([name, flow]) => checkFlow(name, flow, flows)),
    ...checkFlowContracts(flows),
  ];
}

function checkFlow(name: string, flow: Flow, flows: ReadonlyMap<string, Flow>): string[] {
  const problems: string[] = [];
  const reportFlow: Report = (problem) => problems.push(`${name}.json: ${problem}`);
  if (flow.Version !== VERSION) reportFlow(`Version is ${shown(flow.Version)}, not "${VERSION}"`);
  if (!Array.isArray(flow.Actions)) {
    reportFlow('Actions is not an array of actions');
    return problems;
  }
  if (flow.Actions.length > MAX_ACTIONS) {
    reportFlow(`has ${flow.Actions.length} actions; a flow holds at most ${MAX_ACTIONS}`);
  }
  const actions = new Map<string, FlowAction>();
  for (const action of flow.Actions) {
    if (!actions.has(action.Identifier)) actions.set(action.Identifier, action);
  }
  const startKnown = actions.has(flow.StartAction);
  if (!startKnown) reportFlow(`StartAction ${shown(flow.StartAction)} names no action`);
  checkStrings(stringsIn(flow.Metadata), flows, (problem) => reportFlow(`Metadata: ${problem}`));

  const seen = new Set<string>();
  for (const raw of flow.Actions) {
    const report: Report = (problem) => problems.push(`${name}.json: action "${raw.Identifier}": ${problem}`);
    const action = wellFormed(raw, report);
    checkIdentifier(action.Identifier, report);
    if (seen.has(action.Identifier))
      report('an earlier action has the same Identifier; identifiers are unique in a flow');
    seen.add(action.Identifier);
    checkTransitions(action, actions, report);
    if (Object.hasOwn(TYPE_CHECKS, action.Type)) TYPE_CHECKS[action.Type]?.(action, report);
    else report(`${shown(action.Type)} is not an action type the simulator can run`);
    checkSerialisation(action.Parameters, 'Parameters', report);
    checkReferences(action.Parameters, report);
    checkStrings(stringsIn(action), flows, report);
  }
  if (startKnown) {
    for (const unreachable of unreachableFrom(flow.StartAction, actions)) {
      problems.push(`${name}.json: action "${unreachable}": no path leads here from "${flow.StartAction}"`);
    }
  }
  return problems;
}

/** The action with Parameters and Transitions objects that the checks can read; reports those missing. */
function wellFormed(action: FlowAction, report: Report): FlowAction {
  const parameters = isRecord(action.Parameters) ? action.Parameters : {};
  const transitions = isRecord(action.Transitions) ? action.Transitions : {};
  if (parameters !== action.Parameters) report('Parameters is not an object');
  if (transitions !== action.Transitions) report('Transitions is not an object');
  return { ...action, Parameters: parameters, Transitions: transitions };
}

function checkIdentifier(identifier: unknown, report: Report): void {
  if (typeof identifier !== 'string') {
    report(`the Identifier is ${shown(identifier)}, not a string`);
    return;
  }
  const length = [...identifier].length;
  if (length < 1 || length > MAX_IDENTIFIER_LENGTH) {
    report(`the Identifier has ${length} characters; it may have 1 to ${MAX_IDENTIFIER_LENGTH}`);
  }
  const forbidden = [...new Set(identifier.match(FORBIDDEN_IDENTIFIER_CHARACTERS))];
  if (forbidden.length > 0) report(`the Identifier holds the forbidden ${forbidden.map(shown).join(', ')}`);
  if (RESERVED_IDENTIFIERS.includes(identifier)) report('the Identifier is a reserved string');
}

function checkTransitions(action: FlowAction, actions: ReadonlyMap<string, FlowAction>, report: Report) {
  const { NextAction, Errors = [], Conditions = [] } = action.Transitions;
  const branches = [
    ...(NextAction === undefined ? [] : [{ branch: 'NextAction', target: NextAction }]),
    ...Errors.map((error) => ({ branch: `the ${error.ErrorType} branch`, target: error.NextAction })),
    ...Conditions.map((condition, index) => ({
      branch: `condition ${index + 1}`,
      target: condition.NextAction,
    })),
  ];
  for (const { branch, target } of branches) {
    if (!actions.has(target)) report(`${branch} leads to ${shown(target)}, no action of the flow`);
  }
  if (TERMINAL_TYPES.includes(action.Type)) {
    if (Object.keys(action.Transitions).length > 0) report(`${action.Type} ends the flow; Transitions is {}`);
  } else if (action.Type === 'TransferToFlow') {
    if (NextAction !== undefined) report('TransferToFlow leaves the flow, so it has no NextAction');
  } else if (NextAction === undefined) {
    report(`${action.Type} has no NextAction`);
  }
}

/** A value a parameter may take, and how a problem describes it. */
interface Rule {
  valid: (text: string) => boolean;
  says: string;
}

const pattern = (regex: RegExp, says: string): Rule => ({ valid: (text) => regex.test(text), says });
const TRUE_OR_FALSE = pattern(/^(True|False)$/, '"True" or "False"');
const POSITIVE_WHOLE_NUMBER = pattern(/^[1-9]\d*$/, 'a whole number above 0');
const SINGLE_REFERENCE_RULE: Rule = { valid: isReference, says: 'a single JSONPath, such as "$.External.x"' };
/** Connect's limit on a callback's delays: more than 0, at most three days. */
const CALLBACK_SECONDS = {
  valid: (text: string) => /^[1-9]\d*$/.test(text) && Number(text) <= 259_200,
  says: 'whole seconds from 1 to 259200 (three days)',
};

/** What each type of action must hold besides what every action must; the types the simulator can run. */
const TYPE_CHECKS: Record<string, ActionCheck> = {
  MessageParticipant: (action, report) => checkPrompt(action.Parameters, 'MessageParticipant', true, report),
  MessageParticipantIteratively: (action, report) => {
    const { Messages } = action.Parameters;
    if (!Array.isArray(Messages) || Messages.length === 0) report('Messages is not a list of prompts');
    for (const [index, message] of (Array.isArray(Messages) ? Messages : []).entries()) {
      checkPrompt(message, `Messages[${index}]`, true, report);
    }
  },
  GetParticipantInput: (action, report) => {
    const parameters = action.Parameters;
    checkPrompt(parameters, 'GetParticipantInput', false, report);
    // Every input has a timeout: without one a silent caller would hold the line.
    need(parameters, report, { StoreInput: TRUE_OR_FALSE, InputTimeLimitSeconds: POSITIVE_WHOLE_NUMBER });
    if (valueAt(parameters, 'DTMFConfiguration.InputTerminationSequence') !== undefined) {
      const keys = pattern(/^[0-9#*]{1,5}$/, '1 to 5 of the keys 0-9, # and *');
      need(parameters, report, { 'DTMFConfiguration.InputTerminationSequence': keys });
    }
    const validation = isRecord(parameters.InputValidation) ? parameters.InputValidation : undefined;
    if (parameters.StoreInput === 'False') {
      checkConditions(action, ['Equals'], report, pattern(/^[0-9*#]$/, 'a single key 0-9, * or #'));
      if (validation) report('InputValidation belongs to StoreInput "True"; a menu has none');
      requireErrors(action, report, 'InputTimeLimitExceeded', 'NoMatchingCondition', 'NoMatchingError');
    } else if (parameters.StoreInput === 'True') {
      const kinds = VALIDATIONS.filter((kind) => validation?.[kind] !== undefined);
      if (kinds.length !== 1) report(`InputValidation must have exactly one of ${VALIDATIONS.join(' and ')}`);
      if (validation?.CustomValidation !== undefined) {
        const maximumLength = 'InputValidation.CustomValidation.MaximumLength';
        need(parameters, report, { [maximumLength]: POSITIVE_WHOLE_NUMBER });
      }
      if ((action.Transitions.Conditions ?? []).length > 0) report('StoreInput "True" has no Conditions');
      requireErrors(action, report, 'NoMatchingError');
    }
  },
  ConnectParticipantWithLexBot: (action, report) => {
    checkPrompt(action.Parameters, 'ConnectParticipantWithLexBot', false, report);
    needPlaceholder(action, report, 'LexV2Bot.AliasArn', 'lex-bot-alias');
    checkConditions(action, ['Equals'], report);
    requireErrors(action, report, 'NoMatchingCondition', 'InputTimeLimitExceeded', 'NoMatchingError');
  },
  InvokeLambdaFunction: (action, report) => {
    needPlaceholder(action, report, 'LambdaFunctionARN', 'function');
    need(action.Parameters, report, {
      InvocationTimeLimitSeconds: pattern(/^[1-8]$/, 'whole seconds from 1 to 8, the longest Connect waits'),
      'ResponseValidation.ResponseType': pattern(/^(STRING_MAP|JSON)$/, 'STRING_MAP or JSON'),
    });
    checkLimitCoversTimeBudget(action, report);
    const attributes = action.Parameters.LambdaInvocationAttributes;
    if (attributes !== undefined && !(isRecord(attributes) && Object.values(attributes).every(isString))) {
      report('LambdaInvocationAttributes must be a flat map of names to strings');
    }
    requireErrors(action, report, 'NoMatchingError');
  },
  UpdateContactAttributes: (action, report) => {
    const { Attributes } = action.Parameters;
    if (!isRecord(Attributes)) report('Attributes is not a map of attribute names to values');
    for (const key of Object.keys(isRecord(Attributes) ? Attributes : {})) {
      if (!ATTRIBUTE_KEY.test(key)) report(`the attribute name ${shown(key)} has more than 0-9 A-Z a-z - _`);
    }
    requireErrors(action, report, 'NoMatchingError');
  },
  UpdateContactData: (action, report) => requireErrors(action, report, 'NoMatchingError'),
  UpdateContactTextToSpeechVoice: (action, report) => {
    const engines = ['Standard', 'Neural', 'Generative'];
    need(action.Parameters, report, {
      TextToSpeechVoice: pattern(/./, 'a voice such as "Kajal"'),
      TextToSpeechEngine: {
        valid: (engine) => engines.includes(engine) || isReference(engine),
        says: `one of ${engines.join(', ')} or a JSONPath`,
      },
    });
    requireErrors(action, report, 'NoMatchingError');
  },
  UpdateContactEventHooks: (action, report) => {
    const { EventHooks } = action.Parameters;
    const events = Object.keys(isRecord(EventHooks) ? EventHooks : {});
    if (events.length !== 1) report(`EventHooks has ${events.length} events; an action sets exactly one`);
    for (const event of events) {
      if (!EVENT_HOOKS.includes(event)) report(`EventHooks has ${shown(event)}, no event of Connect`);
      needPlaceholder(action, report, `EventHooks.${event}`, 'flow');
    }
    requireErrors(action, report, 'NoMatchingError');
  },
  UpdateContactTargetQueue: (action, report) => {
    needPlaceholder(action, report, 'QueueId', 'queue', true);
    requireErrors(action, report, 'NoMatchingError');
  },
  TransferContactToQueue: (action, report) =>
    requireErrors(action, report, 'QueueAtCapacity', 'NoMatchingError'),
  GetMetricData: (action, report) => {
    if (action.Parameters.QueueId !== undefined) needPlaceholder(action, report, 'QueueId', 'queue', true);
    if (action.Parameters.QueueChannel !== undefined) {
      need(action.Parameters, report, { QueueChannel: pattern(/^(Voice|Chat)$/, '"Voice" or "Chat"') });
    }
    if ((action.Transitions.Conditions ?? []).length > 0) report('GetMetricData has no Conditions');
    requireErrors(action, report, 'NoMatchingError');
  },
  UpdateContactCallbackNumber: (action, report) => {
    need(action.Parameters, report, { CallbackNumber: SINGLE_REFERENCE_RULE });
    requireErrors(action, report, 'InvalidCallbackNumber', 'CallbackNumberNotDialable');
  },
  CreateCallbackContact: (action, report) => {
    if (action.Parameters.QueueId !== undefined) needPlaceholder(action, report, 'QueueId', 'queue', true);
    need(action.Parameters, report, {
      InitialCallDelaySeconds: CALLBACK_SECONDS,
      MaximumConnectionAttempts: POSITIVE_WHOLE_NUMBER,
      RetryDelaySeconds: CALLBACK_SECONDS,
    });
    requireErrors(action, report, 'NoMatchingError');
  },
  Compare: (action, report) => {
    need(action.Parameters, report, { ComparisonValue: SINGLE_REFERENCE_RULE });
    checkConditions(action, Object.keys(CONDITION_OPERATORS), report);
    requireErrors(action, report, 'NoMatchingCondition');
  },
  CheckHoursOfOperation: (action, report) => {
    checkExactConditions(action, ['True', 'False'], report);
    requireErrors(action, report, 'NoMatchingError');
  },
  Loop: (action, report) => {
    need(action.Parameters, report, { LoopCount: pattern(/^(100|[1-9]?\d)$/, 'a whole number 0 to 100') });
    checkExactConditions(action, ['ContinueLooping', 'DoneLooping'], report);
  },
  UpdateFlowLoggingBehavior: (action, report) => {
    need(action.Parameters, report, {
      FlowLoggingBehavior: pattern(/^(Enabled|Disabled)$/, '"Enabled" or "Disabled"'),
    });
  },
  UpdateContactRecordingBehavior: () => {},
  DisconnectParticipant: () => {},
  EndFlowExecution: () => {},
  TransferToFlow: (action, report) => {
    needPlaceholder(action, report, 'ContactFlowId', 'flow', true);
    requireErrors(action, report, 'NoMatchingError');
  },
};

/**
 * A Lambda block waits for its function at least the longest time budget template.yaml allows plus Lambda's own
 * time (lib/budget.ts): a function that answers within its budget is never cut off by its block.
 */
function checkLimitCoversTimeBudget(action: FlowAction, report: Report): void {
  const seconds = Number(action.Parameters.InvocationTimeLimitSeconds);
  const neededMs = MAX_TIME_BUDGET_MS + INVOCATION_MARGIN_MS;
  // A limit that is not whole seconds Connect allows is reported as such by the block's own check.
  if (Number.isInteger(seconds) && seconds >= 1 && seconds * 1000 < neededMs) {
    report(
      `InvocationTimeLimitSeconds is "${seconds}"; the block must wait at least ${neededMs / 1000} s: the longest time budget (${MAX_TIME_BUDGET_MS} ms) and Lambda's own ${INVOCATION_MARGIN_MS} ms (lib/budget.ts)`,
    );
  }
}

/** A prompt: at most one source (exactly one when `required`), and static SSML the neural voices accept. */
function checkPrompt(prompt: unknown, where: string, required: boolean, report: Report): void {
  const parameters = isRecord(prompt) ? prompt : {};
  const sources = PROMPT_SOURCES.filter((source) => parameters[source] !== undefined);
  if (sources.length > 1) report(`${where} has ${sources.join(' and ')}; a prompt has one of them`);
  if (required && sources.length === 0) report(`${where} has no prompt; give one of ${PROMPT_SOURCES}`);
  if (parameters.PromptId !== undefined) {
    const staticOrReference = (id: string) => !id.includes('$.') || isReference(id);
    need(parameters, report, { PromptId: { valid: staticOrReference, says: 'static or a single JSONPath' } });
  }
  const { SSML } = parameters;
  // SSML with a reference in it is complete only during a call, after the Lambda that wrote it checked it.
  if (typeof SSML === 'string' && !SSML.includes('$.')) {
    try {
      // The IVR speaks with neural voices only (lib/speech/voices.ts).
      checkSsml(SSML, 'neural');
    } catch (error) {
      if (!(error instanceof SsmlError)) throw error;
      report(`the neural voices reject the SSML: ${error.message}`);
    }
  }
}

/** Conditions with one of `operators` and exactly one string operand, which `operand` accepts. */
function checkConditions(
  action: FlowAction,
  operators: readonly string[],
  report: Report,
  operand?: Rule,
): void {
  for (const [index, { Condition }] of (action.Transitions.Conditions ?? []).entries()) {
    const where = `condition ${index + 1}`;
    if (!operators.includes(Condition?.Operator)) {
      report(`${where} uses ${shown(Condition?.Operator)}; ${action.Type} allows ${operators.join(', ')}`);
    }
    const operands: unknown = Condition?.Operands;
    if (!Array.isArray(operands) || operands.length !== 1 || typeof operands[0] !== 'string') {
      report(`${where} has the operands ${shown(operands)}; it needs exactly one string`);
    } else if (operand && !operand.valid(operands[0])) {
      report(`${where} compares with ${shown(operands[0])}; it must be ${operand.says}`);
    }
  }
}

/** Conditions that are exactly Equals each of `operands`, in any order (CheckHoursOfOperation, Loop). */
function checkExactConditions(action: FlowAction, operands: readonly string[], report: Report): void {
  const actual = (action.Transitions.Conditions ?? []).map(({ Condition }) =>
    Condition?.Operator === 'Equals' && Condition.Operands?.length === 1 ? Condition.Operands[0] : undefined,
  );
  if (actual.length !== operands.length || !operands.every((operand) => actual.includes(operand))) {
    const expected = operands.map((operand) => `Equals "${operand}"`).join(' and ');
    report(`${action.Type} must have exactly the conditions ${expected}`);
  }
}

function requireErrors(action: FlowAction, report: Report, ...errorTypes: string[]): void {
  const present = (action.Transitions.Errors ?? []).map((error) => error.ErrorType);
  for (const errorType of errorTypes) {
    if (!present.includes(errorType)) report(`${action.Type} has no ${errorType} branch`);
  }
}

/** Connect's JSON holds only strings: a number or boolean was written by hand, and the import refuses it. */
function checkSerialisation(value: unknown, path: string, report: Report): void {
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) checkSerialisation(item, `${path}[${index}]`, report);
  } else if (isRecord(value)) {
    for (const [key, item] of Object.entries(value)) checkSerialisation(item, `${path}.${key}`, report);
  } else if (typeof value !== 'string') {
    report(`${path} is ${shown(value)}; the flow language writes every value as a string`);
  }
}

function checkReferences(parameters: Record<string, unknown>, report: Report): void {
  for (const text of stringsIn(parameters)) {
    for (const [reference] of text.matchAll(REFERENCES)) {
      const known =
        REFERENCE_PREFIXES.some((prefix) => reference.startsWith(prefix)) ||
        CONTACT_REFERENCES.includes(reference) ||
        METRIC_REFERENCES.includes(reference);
      if (!known) report(`${reference} is not a JSONPath the IVR's flows read`);
    }
  }
}

/** Placeholders that deployment can fill, and no ARN of one instance written in their place. */
function checkStrings(texts: Iterable<string>, flows: ReadonlyMap<string, Flow>, report: Report): void {
  for (const text of texts) {
    for (const [whole, name = ''] of text.matchAll(PLACEHOLDER_PATTERN)) {
      const placeholder = Object.hasOwn(FLOW_PLACEHOLDERS, name) ? FLOW_PLACEHOLDERS[name] : undefined;
      if (!placeholder) report(`${whole} is not a placeholder of FLOW_PLACEHOLDERS`);
      else if (placeholder.kind === 'flow' && !flows.has(placeholder.flow)) {
        report(`${whole} stands for the flow "${placeholder.flow}", which is not one of the flows`);
      }
    }
    if (LITERAL_ARN.test(text)) report(`${shown(text)} holds an ARN; flows name resources by placeholders`);
  }
}

/** The parameters at `paths` (dotted) each hold a string their rule accepts. */
function need(parameters: Record<string, unknown>, report: Report, rules: Record<string, Rule>): void {
  for (const [path, rule] of Object.entries(rules)) {
    const value = valueAt(parameters, path);
    if (typeof value !== 'string' || !rule.valid(value)) {
      report(`${path} is ${shown(value)}; it must be ${rule.says}`);
    }
  }
}

/** The parameter at `path` is exactly one placeholder of `kind`, or (where Connect allows) a single JSONPath. */
function needPlaceholder(
  action: FlowAction,
  report: Report,
  path: string,
  kind: FlowPlaceholder['kind'],
  referenceAllowed = false,
): void {
  const choices = Object.keys(FLOW_PLACEHOLDERS).filter((name) => FLOW_PLACEHOLDERS[name]?.kind === kind);
  const isPlaceholder = (text: string) => wholePlaceholder(text)?.kind === kind;
  const says =
    choices.map((name) => `\${${name}}`).join(' or ') + (referenceAllowed ? ' or a single JSONPath' : '');
  const valid = (text: string) => isPlaceholder(text) || (referenceAllowed && isReference(text));
  need(action.Parameters, report, { [path]: { valid, says } });
}

function unreachableFrom(start: string, actions: ReadonlyMap<string, FlowAction>): string[] {
  const reached = new Set<string>();
  const pending = [start];
  for (let identifier = pending.pop(); identifier !== undefined; identifier = pending.pop()) {
    const action = actions.get(identifier);
    if (!action || reached.has(identifier)) continue;
    reached.add(identifier);
    const transitions: Transitions = isRecord(action.Transitions) ? action.Transitions : {};
    const { NextAction, Errors = [], Conditions = [] } = transitions;
    pending.push(
      ...[NextAction, ...[...Errors, ...Conditions].map((branch) => branch.NextAction)].filter(isString),
    );
  }
  return [...actions.keys()].filter((identifier) => !reached.has(identifier));
}

/** The value at a dotted path such as `ResponseValidation.ResponseType`. */
function valueAt(value: unknown, path: string): unknown {
  return path.split('.').reduce((at, key) => (isRecord(at) ? at[key] : undefined), value);
}

/** Every string value in `value`, however deeply nested (keys are not values). */
function* stringsIn(value: unknown): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) for (const item of value) yield* stringsIn(item);
  else if (isRecord(value)) for (const item of Object.values(value)) yield* stringsIn(item);
}

function isReference(value: unknown): boolean {
  return typeof value === 'string' && SINGLE_REFERENCE.test(value);
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function shown(value: unknown): string {
  return value === undefined ? 'missing' : JSON.stringify(value);
}
