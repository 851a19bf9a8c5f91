/**
 * The rules of the flow check (lib/connect/flow-check.ts) that hold flows/ to the contracts of
 * lib/connect/contracts.ts: what the flows pass to the functions and the bot, and what they read back.
 * Connect checks none of it: a flow that tests an outcome no function answers, asks for a prompt that does
 * not exist, reads an attribute nobody sets or hands over for a reason nobody knows runs, and the caller takes
 * the wrong branch. Each rule is one function; problems name the action as the rest of the check does.
 *
 * What `$.External` holds at an action is worked out along the flow's branches: the answer of the function
 * invoked last on the way there, narrowed by the Compare blocks passed since (the `found` branch of a Compare
 * on `$.External.outcome` carries only `found`). Where no function was invoked on any way there, nothing is
 * known, and the rules that need it say nothing.
 */
import {
  CONTACT_ATTRIBUTES,
  type ConnectFunctionContract,
  FUNCTION_CONTRACTS,
  HAND_OVER_REASONS,
  LEX_SESSION,
} from '#lib/connect/contracts.ts';
import type { Flow, FlowAction, Transitions } from '#lib/connect/flow-language.ts';
import { FLOW_PLACEHOLDERS } from '#lib/connect/flow-placeholders.ts';
import { INTENT_NAMES, SLOT_NAMES } from '#lib/lex/bot.ts';

type Report = (problem: string) => void;

/** What `$.External` may hold at an action: each function whose answer it may be, with its outcomes there. */
type Answers = ReadonlyMap<ConnectFunctionContract, ReadonlySet<string>>;

const NOTHING_KNOWN: Answers = new Map();
const OUTCOME = '$.External.outcome';
const HAND_OVER_REASON_FROM_BOT = `$.Lex.SessionAttributes.${LEX_SESSION.handoverReason}`;
/** Session attributes of Lex's own (timeouts, DTMF), which the flow may set for any bot. */
const LEX_OWN_SESSION_ATTRIBUTE = /^x-amz-lex:/;
const ATTRIBUTE_NAME = /^[A-Za-z0-9_-]+$/;
/** A reference to a named value: `$.Attributes.x`, `$.Attributes.['x']`, `$.External.x`, `$.Lex.Slots.x` */
const NAMED_REFERENCE =
  /\$\.(Attributes|External|Lex\.SessionAttributes|Lex\.Slots)(?:\.([A-Za-z0-9_-]+)|\.?\['([^']*)'\])/g;

/** Every problem of the flows with the contracts: empty when every flow keeps them. */
export function checkFlowContracts(flows: ReadonlyMap<string, Flow>): string[] {
  const problems: string[] = [];
  const attributesSet = attributesSetIn(flows);
  for (const [name, flow] of flows) {
    if (!Array.isArray(flow.Actions)) continue;
    const actions = flow.Actions.map(readable);
    const answers = answersAt(flow.StartAction, actions);
    for (const action of actions) {
      const report: Report = (problem) =>
        problems.push(`${name}.json: action "${action.Identifier}": ${problem}`);
      const answered = answers.get(action.Identifier) ?? NOTHING_KNOWN;
      checkFunctionParameters(action, report);
      checkComparedOutcomes(action, answered, report);
      checkResponseKeysRead(action, answered, report);
      checkHandOverReasons(action, answered, report);
      checkAttributesRead(action, attributesSet, report);
      checkAttributesDeclared(action, report);
      checkLexSessionAttributes(action, report);
      checkIntentsAndSlots(action, report);
    }
  }
  return problems;
}

/**
 * The Parameters of an InvokeLambdaFunction are those the function reads, with the values it knows
 * (order-status's `action`, the prompt function's `name`: a prompt of the catalogue), and none it needs is
 * missing.
 */
function checkFunctionParameters(action: FlowAction, report: Report): void {
  const invoked = invocationOf(action, report);
  if (!invoked) return;
  const { contract, parameters } = invoked;
  const names = Object.keys(contract.parameters);
  for (const [name, value] of Object.entries(parameters)) {
    const expected = Object.hasOwn(contract.parameters, name) ? contract.parameters[name] : undefined;
    if (!expected) {
      report(`passes ${shown(name)} to ${contract.name}, which reads ${listed(names, 'no Parameter')}`);
    } else if (expected.values && value !== undefined && !expected.values.includes(value)) {
      report(`passes ${name} ${shown(value)} to ${contract.name}, which knows ${listed(expected.values)}`);
    }
  }
  for (const name of names) {
    if (contract.parameters[name]?.required && !Object.hasOwn(parameters, name)) {
      report(`passes no ${name} to ${contract.name}, which needs it`);
    }
  }
}

/** A Compare on `$.External.outcome` tests only outcomes the function whose answer it holds can answer there. */
function checkComparedOutcomes(action: FlowAction, answers: Answers, report: Report): void {
  if (action.Type !== 'Compare' || action.Parameters.ComparisonValue !== OUTCOME || answers.size === 0)
    return;
  const possible = outcomesIn(answers);
  for (const [index, operand] of equalsOperands(action.Transitions).entries()) {
    if (operand !== undefined && !possible.has(operand)) {
      report(
        `condition ${index + 1} tests the outcome ${shown(operand)}, which ${functionsIn(answers)} does not ` +
          `answer here; it answers ${listed([...possible])}`,
      );
    }
  }
}

/** `$.External.<key>` is a key of the response of every function whose answer it may be. */
function checkResponseKeysRead(action: FlowAction, answers: Answers, report: Report): void {
  if (answers.size === 0) return;
  for (const key of new Set(namesReferenced(action, 'External'))) {
    for (const contract of contractsIn(answers)) {
      if (key !== 'outcome' && !contract.response.includes(key)) {
        report(`reads $.External.${key}, which ${contract.name} does not answer`);
      }
    }
  }
}

/**
 * `handoverReason` is set to a hand-over reason: one of the union, an outcome that is one wherever the flow
 * passes (`locked`, `unavailable`, …), or the reason the bot gave.
 */
function checkHandOverReasons(action: FlowAction, answers: Answers, report: Report): void {
  if (action.Type !== 'UpdateContactAttributes') return;
  const attributes = isRecord(action.Parameters.Attributes) ? action.Parameters.Attributes : {};
  const name = CONTACT_ATTRIBUTES.handoverReason;
  if (!Object.hasOwn(attributes, name)) return;
  const value = attributes[name];
  if (typeof value !== 'string' || value === HAND_OVER_REASON_FROM_BOT) return;
  if (value === OUTCOME) {
    const notReasons = [...outcomesIn(answers)].filter((outcome) => !isHandOverReason(outcome));
    if (notReasons.length > 0) {
      report(`sets ${name} to ${OUTCOME}, which may be ${listed(notReasons)} here: no hand-over reason`);
    }
  } else if (!isHandOverReason(value)) {
    report(`sets ${name} to ${shown(value)}, which is not a hand-over reason (HAND_OVER_REASONS)`);
  }
}

/** Every `$.Attributes.<name>` a flow reads is set by an UpdateContactAttributes of some flow. */
function checkAttributesRead(action: FlowAction, attributesSet: ReadonlySet<string>, report: Report): void {
  for (const name of new Set(namesReferenced(action, 'Attributes'))) {
    if (!attributesSet.has(name)) report(`reads $.Attributes.${name}, which no flow sets`);
  }
}

/** Every attribute a flow sets is one of CONTACT_ATTRIBUTES, the table the code reads them by. */
function checkAttributesDeclared(action: FlowAction, report: Report): void {
  if (action.Type !== 'UpdateContactAttributes' || !isRecord(action.Parameters.Attributes)) return;
  for (const name of Object.keys(action.Parameters.Attributes)) {
    // A name Connect refuses is reported by the shape of the flow already.
    if (ATTRIBUTE_NAME.test(name) && !Object.hasOwn(CONTACT_ATTRIBUTES, name)) {
      report(`sets the attribute ${shown(name)}, which CONTACT_ATTRIBUTES does not declare`);
    }
  }
}

/** The session attributes the flow gives the bot and reads back are those of LEX_SESSION (or Lex's own). */
function checkLexSessionAttributes(action: FlowAction, report: Report): void {
  for (const name of new Set(namesReferenced(action, 'Lex.SessionAttributes'))) {
    if (!Object.hasOwn(LEX_SESSION, name)) {
      report(`reads $.Lex.SessionAttributes.${name}, which is not a session attribute of LEX_SESSION`);
    }
  }
  if (action.Type !== 'ConnectParticipantWithLexBot') return;
  const given = action.Parameters.LexSessionAttributes;
  for (const name of Object.keys(isRecord(given) ? given : {})) {
    if (!LEX_OWN_SESSION_ATTRIBUTE.test(name) && !Object.hasOwn(LEX_SESSION, name)) {
      report(`gives the bot the session attribute ${shown(name)}, which is not one of LEX_SESSION`);
    }
  }
}

/** Intents a flow branches on and slots it reads are those of the bot (bots/order-bot.json). */
function checkIntentsAndSlots(action: FlowAction, report: Report): void {
  const branchesOnIntent =
    action.Type === 'ConnectParticipantWithLexBot' ||
    (action.Type === 'Compare' && action.Parameters.ComparisonValue === '$.Lex.IntentName');
  if (branchesOnIntent) {
    for (const [index, operand] of equalsOperands(action.Transitions).entries()) {
      if (operand !== undefined && !(INTENT_NAMES as readonly string[]).includes(operand)) {
        report(`condition ${index + 1} tests the intent ${shown(operand)}, which the bot does not have`);
      }
    }
  }
  for (const name of new Set(namesReferenced(action, 'Lex.Slots'))) {
    if (!(SLOT_NAMES as readonly string[]).includes(name)) {
      report(`reads $.Lex.Slots.${name}, which no intent of the bot has`);
    }
  }
}

/** What `$.External` may hold at each action reached from `start`, worked out along every branch. */
function answersAt(start: string, actions: readonly FlowAction[]): Map<string, Answers> {
  const byIdentifier = new Map(actions.map((action) => [action.Identifier, action]));
  const at = new Map<string, Answers>();
  const pending: [string, Answers][] = [[start, NOTHING_KNOWN]];
  for (let arriving = pending.pop(); arriving !== undefined; arriving = pending.pop()) {
    const [identifier, answers] = arriving;
    const action = byIdentifier.get(identifier);
    if (!action) continue;
    const known = at.get(identifier);
    const merged = known ? merge(known, answers) : answers;
    if (known && sameAnswers(known, merged)) continue;
    at.set(identifier, merged);
    pending.push(...branchesOf(action, merged));
  }
  return at;
}

/** Where each branch of `action` leads, and what `$.External` holds there. */
function branchesOf(action: FlowAction, answers: Answers): [string, Answers][] {
  const { NextAction } = action.Transitions;
  const Errors = listIn(action.Transitions.Errors);
  const Conditions = listIn(action.Transitions.Conditions);
  const branch = (target: unknown, carried: Answers): [string, Answers][] =>
    typeof target === 'string' ? [[target, carried]] : [];
  if (action.Type === 'InvokeLambdaFunction') {
    const invoked = invocationOf(action);
    const answered: Answers = invoked
      ? new Map([[invoked.contract, new Set(outcomesOf(invoked.contract, invoked.parameters))]])
      : NOTHING_KNOWN;
    // After a failed invocation nothing is known of $.External.
    return [
      ...branch(NextAction, answered),
      ...Errors.flatMap((error) => branch(error?.NextAction, NOTHING_KNOWN)),
    ];
  }
  if (action.Type === 'Compare' && action.Parameters.ComparisonValue === OUTCOME) {
    const tested = equalsOperands(action.Transitions);
    const untested = only(answers, (outcome) => !tested.includes(outcome));
    return [
      ...Conditions.flatMap((condition, index) => {
        const operand = tested[index];
        return branch(
          condition?.NextAction,
          operand === undefined ? answers : only(answers, (o) => o === operand),
        );
      }),
      ...branch(NextAction, untested),
      ...Errors.flatMap((error) =>
        branch(error?.NextAction, error?.ErrorType === 'NoMatchingCondition' ? untested : answers),
      ),
    ];
  }
  return [
    ...branch(NextAction, answers),
    ...[...Errors, ...Conditions].flatMap((next) => branch(next?.NextAction, answers)),
  ];
}

/**
 * The function an InvokeLambdaFunction invokes, by the placeholder of its ARN, and its Parameters; a value
 * that holds a reference is known only during the call, so undefined. Undefined for any other action, or an
 * ARN that names no function; a function without a contract is reported when `report` is given.
 */
function invocationOf(
  action: FlowAction,
  report?: Report,
): { contract: ConnectFunctionContract; parameters: Record<string, string | undefined> } | undefined {
  if (action.Type !== 'InvokeLambdaFunction') return undefined;
  const arn = action.Parameters.LambdaFunctionARN;
  const placeholderName = typeof arn === 'string' ? /^\$\{([^}]*)\}$/.exec(arn)?.[1] : undefined;
  const placeholder =
    placeholderName !== undefined && Object.hasOwn(FLOW_PLACEHOLDERS, placeholderName)
      ? FLOW_PLACEHOLDERS[placeholderName]
      : undefined;
  if (placeholder?.kind !== 'function') return undefined;
  const contract = Object.hasOwn(FUNCTION_CONTRACTS, placeholder.resource)
    ? FUNCTION_CONTRACTS[placeholder.resource]
    : undefined;
  if (!contract) {
    report?.(`invokes ${placeholder.resource}, which has no contract in FUNCTION_CONTRACTS`);
    return undefined;
  }
  const given = action.Parameters.LambdaInvocationAttributes;
  const parameters = Object.fromEntries(
    Object.entries(isRecord(given) ? given : {}).map(([name, value]) => [
      name,
      typeof value === 'string' && !value.includes('$.') ? value : undefined,
    ]),
  );
  return { contract, parameters };
}

function outcomesOf(
  contract: ConnectFunctionContract,
  parameters: Readonly<Record<string, string | undefined>>,
): readonly string[] {
  return contract.outcomesOf ? contract.outcomesOf(parameters) : contract.outcomes;
}

/** Every contact attribute some UpdateContactAttributes of the flows sets. */
function attributesSetIn(flows: ReadonlyMap<string, Flow>): Set<string> {
  const names = new Set<string>();
  for (const flow of flows.values()) {
    for (const action of Array.isArray(flow.Actions) ? flow.Actions : []) {
      const attributes = isRecord(action?.Parameters) ? action.Parameters.Attributes : undefined;
      if (action?.Type === 'UpdateContactAttributes' && isRecord(attributes)) {
        for (const name of Object.keys(attributes)) names.add(name);
      }
    }
  }
  return names;
}

/** The names an action's Parameters read from `source`: `$.Attributes.x` and `$.Attributes.['x']` read x. */
function namesReferenced(action: FlowAction, source: string): string[] {
  return [...stringsIn(action.Parameters)].flatMap((text) =>
    [...text.matchAll(NAMED_REFERENCE)].flatMap(([, from, dotted, bracketed]) =>
      from === source ? [dotted ?? bracketed ?? ''] : [],
    ),
  );
}

/** The operand of each condition that is Equals with one string operand; undefined for any other. */
function equalsOperands(transitions: Transitions): (string | undefined)[] {
  return listIn(transitions.Conditions).map((condition) => {
    const { Operator, Operands } = condition?.Condition ?? {};
    return Operator === 'Equals' && Array.isArray(Operands) && typeof Operands[0] === 'string'
      ? Operands[0]
      : undefined;
  });
}

/** The items of what should be a list; a file that holds something else has none. */
function listIn<Item>(list: Item[] | undefined): Item[] {
  return Array.isArray(list) ? list : [];
}

function only(answers: Answers, keep: (outcome: string) => boolean): Answers {
  const kept = new Map<ConnectFunctionContract, ReadonlySet<string>>();
  for (const [contract, outcomes] of answers) {
    const remaining = new Set([...outcomes].filter(keep));
    if (remaining.size > 0) kept.set(contract, remaining);
  }
  return kept;
}

function merge(one: Answers, other: Answers): Answers {
  const merged = new Map(one);
  for (const [contract, outcomes] of other) {
    merged.set(contract, new Set([...(merged.get(contract) ?? []), ...outcomes]));
  }
  return merged;
}

/** Whether `other`, which holds all of `one`, holds no more. */
function sameAnswers(one: Answers, other: Answers): boolean {
  return (
    one.size === other.size &&
    [...one].every(([contract, outcomes]) => other.get(contract)?.size === outcomes.size)
  );
}

/** The outcomes `$.External.outcome` may be, function by function in the order of their contracts. */
function outcomesIn(answers: Answers): Set<string> {
  return new Set(
    contractsIn(answers).flatMap((contract) =>
      contract.outcomes.filter((outcome) => answers.get(contract)?.has(outcome)),
    ),
  );
}

function functionsIn(answers: Answers): string {
  return contractsIn(answers)
    .map((contract) => contract.name)
    .join(' or ');
}

/** The functions whose answer `$.External` may be, by name: problems read the same whatever the way there. */
function contractsIn(answers: Answers): ConnectFunctionContract[] {
  return [...answers.keys()].sort((one, other) => one.name.localeCompare(other.name));
}

function isHandOverReason(text: string): boolean {
  return (HAND_OVER_REASONS as readonly string[]).includes(text);
}

/** The action with Parameters and Transitions objects the rules can read, whatever the file held. */
function readable(action: FlowAction): FlowAction {
  return {
    ...action,
    Parameters: isRecord(action?.Parameters) ? action.Parameters : {},
    Transitions: isRecord(action?.Transitions) ? action.Transitions : {},
  };
}

/** Every string value in `value`, however deeply nested (keys are not values). */
function* stringsIn(value: unknown): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) for (const item of value) yield* stringsIn(item);
  else if (isRecord(value)) for (const item of Object.values(value)) yield* stringsIn(item);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function listed(items: readonly string[], none = 'nothing'): string {
  return items.length === 0 ? none : items.join(', ');
}

function shown(value: unknown): string {
  return JSON.stringify(value);
}
