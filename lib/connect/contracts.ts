/**
 * The contracts between the flows (flows/), the Connect-facing functions (functions/) and the bot's code
 * hook, declared once: the contact attributes they share, what each function takes as Parameters and answers
 * (its outcomes and the other keys of its response), the Lex session attributes, and why a caller is handed
 * to an agent. The functions' code is typed by them, so an outcome or a response key not declared here does
 * not compile; the flow check (lib/connect/flow-contract-check.ts) holds flows/ to them, so a flow that tests
 * an outcome no function answers, asks for a prompt that does not exist, or reads an attribute nobody sets
 * fails.
 */
import type { ResponseValue } from '#lib/connect/response.ts';
import { FLOW_PROMPT_NAMES } from '#lib/speech/index.ts';

/**
 * Every contact attribute the flows set and the functions, the agents and the contact records read
 * (`$.Attributes.<name>` in a flow). The flow check reports a flow that sets an attribute not listed here.
 */
export const CONTACT_ATTRIBUTES = {
  /** The locale the caller hears (en-GB, en-IN, ar-AE, hi-IN), as order-status or the language switch said. */
  language: 'language',
  /** The order in hand: the one spoken of, or one named that is still to be verified. */
  orderNumber: 'orderNumber',
  /** The order the caller may hear about; order-status does not ask the challenge again for it. */
  verifiedOrderNumber: 'verifiedOrderNumber',
  /** The status of the order in hand, for the agent and the queue. */
  orderStatus: 'orderStatus',
  /** The market of the order spoken of; contact-records reports the call under it. */
  market: 'market',
  /** `true` once a status was spoken: the caller is thanked by name once in a call, not at every re-read. */
  greeted: 'greeted',
  /**
   * How many other current orders identify found (read with {@link hasOtherOrders}): without any, the menu does
   * not offer them; with some, an order heard again is named again.
   */
  callerOtherOrders: 'callerOtherOrders',
  /** The bot's intent when it closed: the queue, the agent and the reports. */
  intent: 'intent',
  /** What the caller said to the bot last, cut short, for the agent. */
  lastUtterance: 'lastUtterance',
  /** Why the IVR handed the caller over: a {@link HandOverReason}. */
  handoverReason: 'handoverReason',
  /**
   * `self-served` once an answer was spoken, `transferred` once a call back is booked. Not set on the way into
   * the queue: whether an agent answered, the contact record says (lib/calls/outcome.ts).
   */
  callOutcome: 'callOutcome',
  /**
   * `open` from the moment the caller is asked what else they need (the bot listens) until an answer is
   * spoken or they say goodbye (`closed`): a call that ends with it open did not meet the caller's need.
   */
  botRequest: 'botRequest',
  /** `queued` once the caller took the offer of a call back instead of the wait (lib/calls/queue-wait.ts). */
  callback: 'callback',
  /** The survey key, when it is 1 to 5: contact-records stores it when the survey function could not. */
  surveyScore: 'surveyScore',
  /** What the agent hears before the call connects (the whisper flow speaks it). */
  whisper: 'whisper',
  /** The queue escalation chose. */
  queue: 'queue',
  /** The agent's context, from escalation's response: shown on the agent's screen. */
  agentVerified: 'agentVerified',
  agentOrder: 'agentOrder',
  agentOrderStatus: 'agentOrderStatus',
  agentIntent: 'agentIntent',
  agentReason: 'agentReason',
  agentLastSaid: 'agentLastSaid',
  agentLanguage: 'agentLanguage',
} as const;

/** Whether `callerOtherOrders`, as the flow passes it on, counts any other current order. */
export function hasOtherOrders(count: string | undefined): boolean {
  return /^[1-9][0-9]*$/.test(count ?? '');
}

export type ContactAttributeName = keyof typeof CONTACT_ATTRIBUTES;

/** The contact attributes of a contact as the IVR reads them: any of them may be missing. */
export type ContactAttributes = Readonly<Partial<Record<ContactAttributeName, string>>>;

/** Why the IVR hands a caller to an agent, as the flows and the bot set it in `handoverReason`. */
export const HAND_OVER_REASONS = [
  // The bot: what the caller asked for, which only an agent can do.
  'caller-asked',
  'complaint',
  'cancel-order',
  'change-address',
  'change-date',
  'change-delivery',
  'return-pickup',
  // The bot, or order-status's outcome: the order is not found, the caller is locked out, nothing answered.
  'order-not-found',
  'not-understood',
  'locked',
  'unavailable',
  'error',
  // The inbound flow: the caller did not answer, pressed keys the menu does not offer, or a block failed.
  'no-input',
  'no-valid-choice',
  'bot-unavailable',
  'system-error',
] as const;

export type HandOverReason = (typeof HAND_OVER_REASONS)[number];

/**
 * The session attributes of the bot's code hook (functions/lex-hook): the flow gives it some in the Lex
 * block's `LexSessionAttributes`, and reads back what it set as `$.Lex.SessionAttributes.<name>`.
 */
export const LEX_SESSION = {
  /** "true" when the flow should hand the caller to an agent. */
  handOver: 'handOver',
  /** Why: a {@link HandOverReason}. */
  handoverReason: 'handoverReason',
  /** An order the caller named, not verified for: the flow asks for the last four digits of its phone. */
  verifyOrderNumber: 'verifyOrderNumber',
  /** The order the bot spoke of, or the caller named; given by the flow as the order in hand, and kept. */
  orderNumber: 'orderNumber',
  /** The status of the order the bot spoke of, for the agent; given by the flow, and kept. */
  orderStatus: 'orderStatus',
  /** What the caller said last, cut short, for the agent. */
  lastUtterance: 'lastUtterance',
  /** The order the caller may hear about: given by the flow, and set by the bot when it speaks of their own. */
  verifiedOrderNumber: 'verifiedOrderNumber',
  /**
   * Given by the flow at the menu after a status: the keys it takes, in the order offered (`91203`, 3 unsaid).
   * While it is set, the bot takes the caller's first turn as a choice of the menu (lib/calls/menu.ts); it
   * empties it after that turn.
   */
  menuKeys: 'menuKeys',
  /** Given by the flow: the caller's and the dialled number. */
  callerNumber: 'callerNumber',
  dialledNumber: 'dialledNumber',
} as const;

export type LexSessionName = keyof typeof LEX_SESSION;

/** A Parameter a function reads: whether the flow must pass it, and the values it knows (else any text). */
interface ParameterContract {
  required: boolean;
  values?: readonly string[];
}

/** What a Connect-facing function takes from the flow and answers it. */
export interface ConnectFunctionContract {
  /** Its folder under functions/. */
  name: string;
  /** The Parameters of the InvokeLambdaFunction block (`LambdaInvocationAttributes`). */
  parameters: Readonly<Record<string, ParameterContract>>;
  /** The contact attributes it reads. */
  reads: readonly ContactAttributeName[];
  /** Every `outcome` it may answer. */
  outcomes: readonly string[];
  /**
   * The outcomes of one invocation, by its Parameters; a value that is a reference, known only during the
   * call, is undefined. Without it, every outcome.
   */
  outcomesOf?: (parameters: Readonly<Record<string, string | undefined>>) => readonly string[];
  /** The keys of its response besides `outcome`, which a flow reads as `$.External.<key>`. */
  response: readonly string[];
}

/** The fields a function answers with before they become strings: one of its outcomes, and its keys. */
type ResponseFieldsOf<Contract extends { outcomes: readonly string[]; response: readonly string[] }> = {
  outcome: Contract['outcomes'][number];
} & { [Key in Contract['response'][number]]?: ResponseValue };

/** Every outcome order-status answers, by `action`; `unavailable` and `error` can end any of them. */
const ORDER_STATUS_OUTCOMES = {
  identify: ['found', 'not-identified', 'unavailable', 'error'],
  lookup: ['found', 'not-found', 'invalid-input', 'verify', 'locked', 'unavailable', 'error'],
  verify: ['found', 'not-found', 'invalid-input', 'verify-failed', 'locked', 'unavailable', 'error'],
  next: ['found', 'no-more-orders', 'unavailable', 'error'],
} as const;

export type OrderStatusAction = keyof typeof ORDER_STATUS_OUTCOMES;
export type OrderStatusOutcome<Action extends OrderStatusAction = OrderStatusAction> =
  (typeof ORDER_STATUS_OUTCOMES)[Action][number];
const ORDER_STATUS_ACTIONS = Object.keys(ORDER_STATUS_OUTCOMES) as OrderStatusAction[];
const ALL_ORDER_STATUS_OUTCOMES = [
  ...new Set(Object.values(ORDER_STATUS_OUTCOMES).flat()),
] as OrderStatusOutcome[];

function isOrderStatusAction(action: string | undefined): action is OrderStatusAction {
  return action !== undefined && Object.hasOwn(ORDER_STATUS_OUTCOMES, action);
}

/** functions/order-status: its header says what each outcome and key means. */
export const ORDER_STATUS = {
  name: 'order-status',
  parameters: {
    action: { required: true, values: ORDER_STATUS_ACTIONS },
    orderNumber: { required: false },
    digits: { required: false },
  },
  reads: ['language', 'verifiedOrderNumber', 'greeted', 'callerOtherOrders'],
  outcomes: ALL_ORDER_STATUS_OUTCOMES,
  outcomesOf: ({ action }) =>
    isOrderStatusAction(action) ? ORDER_STATUS_OUTCOMES[action] : ALL_ORDER_STATUS_OUTCOMES,
  response: [
    'ssml',
    'language',
    'voice',
    'verified',
    'orderNumber',
    'verifiedOrderNumber',
    'orderStatus',
    'market',
    'otherOrders',
    'attemptsLeft',
  ],
} as const satisfies ConnectFunctionContract;

export type OrderStatusResponse = ResponseFieldsOf<typeof ORDER_STATUS>;

/** The prompt function's `name` that switches to the market's other language instead of speaking. */
const SWITCH_LANGUAGE = 'switchLanguage';
/** The prompt function's `name` that says the wait before the queue (lib/calls/queue-wait.ts). */
const QUEUE_WAIT = 'queueWait';
/** The prompt function's `name` that confirms the call back on the caller's number. */
const CALLBACK_BOOKED = 'callbackBooked';
const SWITCH_OUTCOMES = ['switched', 'no-other-language', 'error'] as const;
const QUEUE_WAIT_OUTCOMES = ['offer-callback', 'hold', 'error'] as const;
const SPEAK_OUTCOMES = ['spoken', 'error'] as const;
const PROMPT_OUTCOMES = [
  'spoken',
  'switched',
  'no-other-language',
  'offer-callback',
  'hold',
  'error',
] as const;

/** functions/prompt: the flow prompts of lib/speech/flow-prompts.ts, the language switch, and the wait. */
export const PROMPT = {
  name: 'prompt',
  parameters: {
    name: {
      required: true,
      values: [...FLOW_PROMPT_NAMES, SWITCH_LANGUAGE, QUEUE_WAIT, CALLBACK_BOOKED],
    },
    otherOrders: { required: false },
    // queueWait: the Get queue metrics block's values, which may be empty, and whether the call is recorded.
    contactsInQueue: { required: false },
    oldestContactSeconds: { required: false },
    agentsAvailable: { required: false },
    recorded: { required: false, values: ['true', 'false'] },
  },
  reads: ['language'],
  outcomes: PROMPT_OUTCOMES,
  outcomesOf: ({ name }) => {
    if (name === undefined) return PROMPT_OUTCOMES;
    if (name === SWITCH_LANGUAGE) return SWITCH_OUTCOMES;
    return name === QUEUE_WAIT ? QUEUE_WAIT_OUTCOMES : SPEAK_OUTCOMES;
  },
  response: ['ssml', 'language', 'voice', 'menuKeys'],
} as const satisfies ConnectFunctionContract;

export type PromptResponse = ResponseFieldsOf<typeof PROMPT>;

/** functions/survey: the post-call survey's answer. */
export const SURVEY = {
  name: 'survey',
  parameters: { key: { required: true } },
  reads: ['language'],
  outcomes: ['recorded', 'no-answer', 'unavailable'],
  response: ['score', 'ssml'],
} as const satisfies ConnectFunctionContract;

export type SurveyResponse = ResponseFieldsOf<typeof SURVEY>;

/** functions/escalation: the queue, the whisper and the agent's context of a hand-over. */
export const ESCALATION = {
  name: 'escalation',
  parameters: {},
  reads: [
    'language',
    'verifiedOrderNumber',
    'orderNumber',
    'orderStatus',
    'intent',
    'handoverReason',
    'lastUtterance',
  ],
  outcomes: ['queued', 'no-queue', 'error'],
  response: [
    'queue',
    'queueArn',
    'whisper',
    'agentVerified',
    'agentOrder',
    'agentOrderStatus',
    'agentIntent',
    'agentReason',
    'agentLastSaid',
    'agentLanguage',
  ],
} as const satisfies ConnectFunctionContract;

export type EscalationResponse = ResponseFieldsOf<typeof ESCALATION>;

/**
 * The contract of each function a flow may invoke, by its resource in template.yaml (the `resource` of its
 * placeholder in lib/connect/flow-placeholders.ts).
 */
export const FUNCTION_CONTRACTS: Readonly<Record<string, ConnectFunctionContract>> = {
  OrderStatusFunction: ORDER_STATUS,
  PromptFunction: PROMPT,
  SurveyFunction: SURVEY,
  EscalationFunction: ESCALATION,
};
