/**
 * What the bot does with a caller's request, as a plain function of plain values. It answers what the order
 * data can answer (the status, the refund, the delivery date, whether a return is still possible) and hands
 * the rest to an agent, with the reason, through session attributes the flow reads. The rule of order-status
 * holds here too: nothing about an order before the caller is verified for it; the flow then runs the
 * challenge for the order the bot names in `verifyOrderNumber`. An order the caller names goes through the
 * same lookup step as order-status (lib/orders/call-steps.ts), so the bot is limited as the keypad is. At the
 * menu after a status (the flow gives `menuKeys`), what the caller keys or says is first taken as a choice of
 * the menu (lib/calls/menu.ts).
 */
import { isMenuIntent, keyedChoice, LEAVING_THE_MENU, offers } from '#lib/calls/menu.ts';
import { type HandOverReason, LEX_SESSION } from '#lib/connect/contracts.ts';
import { FALLBACK_INTENT, type IntentName, isIntentName } from '#lib/lex/bot.ts';
import type { Locale } from '#lib/markets.ts';
import { type LookupResult, lookup } from '#lib/orders/call-steps.ts';
import type { CallerNumber } from '#lib/orders/phone.ts';
import type { OrdersRepository } from '#lib/orders/repository.ts';
import { STATUS_TRAITS } from '#lib/orders/status.ts';
import {
  callersOwnOrders,
  type Verification,
  type VerifiedOrder,
  verifiedFor,
} from '#lib/orders/verification.ts';
import { type BotPromptKey, botSsml, deliveryDateSsml, refundSsml, returnSsml } from '#lib/speech/index.ts';

/** Kept between turns: the caller already named an order that does not exist, or was not understood. */
const ORDER_NUMBER_MISSED = 'orderNumberMissed';
const NOT_UNDERSTOOD = 'notUnderstood';
const LAST_UTTERANCE_LENGTH = 100;

export interface BotTurn {
  /** The Connect contact id (Lex's session id): lookups are limited per call. */
  contactId: string;
  intent: string;
  /** The order number slot, as Lex interpreted what the caller said or keyed. */
  orderNumber: string | undefined;
  /** What to change of a delivery: `address` or `date`. */
  changeWhat: string | undefined;
  transcript: string;
  /** Whether the caller keyed rather than spoke (Lex's `inputMode` DTMF). */
  keyed: boolean;
  session: Readonly<Record<string, string>>;
  caller: CallerNumber;
  locale: Locale;
  now: Date;
  /** When the database work must be done by (epoch ms). */
  deadline: number;
  orders: OrdersRepository;
  verification: Verification;
}

export type BotDecision =
  /** Ask for the order number (ElicitSlot). */
  | { kind: 'ask-order-number'; ssml: string; session: Record<string, string> }
  /** Ask again what the caller wants (ElicitIntent). */
  | { kind: 'ask-again'; ssml: string; session: Record<string, string> }
  /**
   * The intent is done (Close); `orderNumber` fills the intent's slot for the flow. `intent`, when given, is the
   * intent the bot closes instead of the one Lex understood: the menu's choice of a key.
   */
  | {
      kind: 'done';
      ssml?: string;
      session: Record<string, string>;
      orderNumber?: string;
      intent?: IntentName;
    };

/**
 * The intents only an agent can help with, why the caller is handed over, and what the bot says first. A caller
 * who asked for an agent hears nothing more from the bot: the flow says next how long the wait is, or that the
 * line is closed ("please hold while we connect you" before "we are closed" was a promise broken at once).
 */
const HANDED_OVER: Readonly<Partial<Record<IntentName, { reason: HandOverReason; line?: BotPromptKey }>>> = {
  SpeakToAgent: { reason: 'caller-asked' },
  Complaint: { reason: 'complaint', line: 'bot.handOver.Complaint' },
  CancelOrder: { reason: 'cancel-order', line: 'bot.handOver.CancelOrder' },
  ChangeDelivery: { reason: 'change-delivery', line: 'bot.handOver.ChangeDelivery' },
};

const ORDER_QUESTIONS: readonly IntentName[] = [
  'CheckOrderStatus',
  'RefundStatus',
  'DeliveryDate',
  'ReturnItem',
];

export async function decide(turn: BotTurn): Promise<BotDecision> {
  const menuKeys = turn.session[LEX_SESSION.menuKeys];
  const session: Record<string, string> = {
    ...turn.session,
    [LEX_SESSION.lastUtterance]: turn.transcript.slice(0, LAST_UTTERANCE_LENGTH),
    // Only the caller's first turn at the menu is a choice of it: whatever follows is the bot's.
    ...(menuKeys ? LEAVING_THE_MENU : {}),
  };
  // An intent this hook does not know is taken as the fallback.
  const understood = isIntentName(turn.intent) ? turn.intent : FALLBACK_INTENT;
  const choice = menuKeys ? menuChoice(turn, understood, menuKeys) : understood;
  if (choice === 'missed') return { kind: 'done', session, intent: FALLBACK_INTENT };
  // Hear it again, the other orders, the other language, something else: the flow does them. Away from the
  // menu they mean nothing, and are not understood.
  if (menuKeys && isMenuIntent(choice)) return { kind: 'done', session, intent: choice };
  const intent = isMenuIntent(choice) ? FALLBACK_INTENT : choice;
  const handedOver = HANDED_OVER[intent];
  if (handedOver) {
    const reason =
      intent === 'ChangeDelivery' && (turn.changeWhat === 'address' || turn.changeWhat === 'date')
        ? (`change-${turn.changeWhat}` as const)
        : handedOver.reason;
    if (turn.orderNumber) session[LEX_SESSION.orderNumber] = turn.orderNumber;
    return handOver(turn.locale, session, reason, handedOver.line ? [handedOver.line] : [], intent);
  }
  if (ORDER_QUESTIONS.includes(intent)) return answerAboutOrder(turn, intent, session);
  if (intent === 'Goodbye') return { kind: 'done', session };
  // The fallback, and a choice of the menu said away from it: once more, then a person.
  if (session[NOT_UNDERSTOOD]) return handOver(turn.locale, session, 'not-understood', ['transferring']);
  return {
    kind: 'ask-again',
    ssml: botSsml(turn.locale, 'bot.notUnderstood'),
    session: { ...session, [NOT_UNDERSTOOD]: '1' },
  };
}

async function answerAboutOrder(
  turn: BotTurn,
  intent: IntentName,
  session: Record<string, string>,
): Promise<BotDecision> {
  const named = turn.orderNumber === undefined ? undefined : await lookUpNamed(turn);
  switch (named?.outcome) {
    case 'not-found':
    case 'invalid-input':
      // An order number that does not exist is asked for once more, then an agent takes over.
      if (session[ORDER_NUMBER_MISSED]) {
        return handOver(turn.locale, session, 'order-not-found', ['orderNotFound', 'transferring']);
      }
      return {
        kind: 'ask-order-number',
        ssml: botSsml(turn.locale, 'orderNotFound', 'bot.askOrderNumber'),
        session: { ...session, [ORDER_NUMBER_MISSED]: '1' },
      };
    case 'locked':
      return handOver(turn.locale, session, 'locked', ['lockedOut']);
    case 'verify':
      // The flow speaks the status through order-status, which runs the challenge itself and keeps the order.
      if (intent === 'CheckOrderStatus') return { kind: 'done', session, orderNumber: named.orderNumber };
      return {
        kind: 'done',
        ssml: botSsml(turn.locale, 'bot.verifyFirst'),
        session: { ...session, [LEX_SESSION.verifyOrderNumber]: named.orderNumber },
      };
  }
  const order = named?.order ?? (await orderOfCaller(turn, intent));
  if (!order) return { kind: 'ask-order-number', ssml: botSsml(turn.locale, 'bot.askOrderNumber'), session };
  if (intent === 'CheckOrderStatus') return { kind: 'done', session, orderNumber: order.orderNumber };
  const about = {
    ...session,
    [LEX_SESSION.orderNumber]: order.orderNumber,
    [LEX_SESSION.verifiedOrderNumber]: order.orderNumber,
    [LEX_SESSION.orderStatus]: order.status,
  };
  // An answer to the question asked: no greeting, thanks or count of other orders (the flow's status had them).
  const speech = { locale: turn.locale, now: turn.now };
  switch (intent) {
    case 'RefundStatus':
      return { kind: 'done', ssml: refundSsml(order, speech), session: about };
    case 'ReturnItem': {
      const { ssml, pickup } = returnSsml(order, speech);
      if (pickup)
        return {
          kind: 'done',
          ssml,
          session: {
            ...about,
            [LEX_SESSION.handOver]: 'true',
            [LEX_SESSION.handoverReason]: 'return-pickup',
          },
        };
      return { kind: 'done', ssml, session: about };
    }
    default:
      // DeliveryDate: the day it comes, or what became of the delivery.
      return { kind: 'done', ssml: deliveryDateSsml(order, speech), session: about };
  }
}

/** The order the caller named, looked up as order-status's lookup step does, with its limits. */
function lookUpNamed(turn: BotTurn): Promise<LookupResult> {
  return lookup(
    {
      contactId: turn.contactId,
      caller: turn.caller,
      verifiedOrderNumber: turn.session[LEX_SESSION.verifiedOrderNumber],
      now: turn.now,
      deadline: turn.deadline,
      orders: turn.orders,
      verification: turn.verification,
    },
    turn.orderNumber,
  );
}

/**
 * The order a caller who named none most likely means: of their own current orders (newest first) and the one
 * they were verified for earlier in the call, the first the question fits: with a refund, delivered (to
 * return), or still on its way; else the verified one, else their newest.
 */
async function orderOfCaller(turn: BotTurn, intent: IntentName): Promise<VerifiedOrder | null> {
  const own =
    turn.caller.kind === 'number'
      ? callersOwnOrders(
          await turn.orders.findCurrentOrdersByPhone(turn.caller.e164, turn.now, turn.deadline),
          turn.caller,
        )
      : [];
  const verifiedNumber = turn.session[LEX_SESSION.verifiedOrderNumber];
  const found =
    verifiedNumber && !own.some((order) => order.orderNumber === verifiedNumber)
      ? await turn.orders.findOrderByNumber(verifiedNumber, turn.deadline)
      : undefined;
  const verified = found && verifiedFor(found, turn.caller, verifiedNumber);
  const candidates = verified ? [verified, ...own] : own;
  const fits: Partial<Record<IntentName, (order: VerifiedOrder) => boolean>> = {
    RefundStatus: (order) => order.refundStatus !== null,
    ReturnItem: (order) => order.status === 'DELIVERED',
  };
  const fit = fits[intent] ?? ((order: VerifiedOrder) => !STATUS_TRAITS[order.status].finished);
  return candidates.find(fit) ?? candidates[0] ?? null;
}

/**
 * What the caller keyed or said at the menu of `keys`: a choice of it, `missed` (a key it does not offer, a
 * choice it does not offer, words the bot did not understand: the flow says so and reads the menu again), or
 * else the intent understood, a question the bot answers as anywhere else.
 */
function menuChoice(turn: BotTurn, understood: IntentName, keys: string): IntentName | 'missed' {
  // A lone digit is a key: keyed, said ("one", which Lex writes as 1), or typed to RecognizeText, which has
  // no keys of its own (`ivr call --lex remote`).
  if (turn.keyed || /^[0-9]$/.test(turn.transcript.trim()))
    return keyedChoice(keys, turn.transcript.trim()) ?? 'missed';
  if (understood === FALLBACK_INTENT) return 'missed';
  if (isMenuIntent(understood) && !offers(keys, understood)) return 'missed';
  return understood;
}

function handOver(
  locale: Locale,
  session: Record<string, string>,
  reason: HandOverReason,
  lines: BotPromptKey[],
  intent?: IntentName,
): BotDecision {
  return {
    kind: 'done',
    ...(lines.length > 0 ? { ssml: botSsml(locale, ...lines) } : {}),
    session: { ...session, [LEX_SESSION.handOver]: 'true', [LEX_SESSION.handoverReason]: reason },
    ...(intent ? { intent } : {}),
  };
}
