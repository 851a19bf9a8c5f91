/**
 * What the caller hears: the decision of what to say about an order, and the prompts around it, as whole
 * `<speak>` documents for the locale's voice. The answer comes first, in short sentences, with no greeting or
 * order number before it: a known caller hears their status within six seconds of the call's start.
 */
import { type Locale, MARKETS } from '#lib/markets.ts';
import { hasCashToPay, type Order } from '#lib/orders/order.ts';
import { type OrderStatus, STATUS_TRAITS } from '#lib/orders/status.ts';
import type { VerifiedOrder } from '#lib/orders/verification.ts';
import { type MessageKey, type MessageValues, renderMessage } from '#lib/speech/catalogue.ts';
import { spokenDay, spokenPromise } from '#lib/speech/dates.ts';
import { sayable } from '#lib/speech/foreign-words.ts';
import { shortItemName } from '#lib/speech/item-name.ts';
import { spokenAmount } from '#lib/speech/money.ts';
import { pause, type SsmlNode, sayAs, speak } from '#lib/speech/ssml.ts';
import { voiceFor } from '#lib/speech/voices.ts';

/**
 * How an order's facts are spoken. Nothing about an order is said to a caller not verified for it: the
 * functions below take only a VerifiedOrder, which only the verification rule (lib/orders/verification.ts)
 * makes.
 */
export interface StatusSpeechContext {
  locale: Locale;
  now: Date;
  /** The caller's other current orders after this one: when there are some, we say how many. */
  otherCurrentOrders: number;
  /**
   * Name the order first, by what was bought ("About your Philips Air Fryer."), or by the last digits of its
   * number when the voice cannot say the item: one of the caller's several orders, or one they gave the
   * number of.
   */
  named?: boolean;
  /**
   * Thank the caller by the order's first name, after the status: only when they are the person on the
   * order (they call from its phone), and only once in a call. Someone who passed the challenge for it may be
   * anyone who knows the digits.
   */
  greetByName: boolean;
}

/** What a bot's answer about one order needs: the language and the moment, nothing of the call around it. */
export type AnswerSpeechContext = Pick<StatusSpeechContext, 'locale' | 'now'>;

/**
 * The status of `order` for a caller verified for it, the status first: "TCS is delivering your order
 * today. Please keep 12,499 rupees ready. Thank you for calling, Ayesha."
 */
export function orderStatusSsml(order: VerifiedOrder, context: StatusSpeechContext): string {
  const words = new OrderWords(order, context.locale, context.now);
  // A name the voice cannot say (Amy and an Arabic name) is left out with the greeting it was for.
  const firstName = context.greetByName ? sayable(order.customerFirstName, context.locale) : undefined;
  const others = context.otherCurrentOrders;
  return speakLines(context.locale, [
    ...(context.named ? [nameLine(order, context.locale)] : []),
    ...statusLines(order, words),
    // A refund of an order still on its way (of a missing item, say) is the refund question, not status.
    ...(STATUS_TRAITS[order.status].refundMatter ? refundLines(order, words, 'paid') : []),
    ...cashLines(order, words),
    ...(others > 0 ? [line('otherOrders', {}, others)] : []),
    ...(firstName ? [line('greeting', { firstName })] : []),
  ]);
}

/** The order by what was bought, as the voice can say it; else by the last four digits of its number. */
function nameLine(order: Order, locale: Locale): Line {
  const item = sayable(shortItemName(order.firstItemName), locale);
  if (item) return line('orderNamed', { item });
  return line('orderNamed.ending', { orderEnding: spokenDigits(order.orderNumber.slice(-4)) });
}

/**
 * When `order` comes, as the bot answers "when will it arrive": the promised day while it is on its way ("Your
 * order should arrive on Saturday."), else what its status says of the delivery (late, failed and tried
 * again, delivered, cancelled). Nothing the caller did not ask: no greeting, no cash, no other orders.
 */
export function deliveryDateSsml(order: VerifiedOrder, context: AnswerSpeechContext): string {
  const words = new OrderWords(order, context.locale, context.now);
  const promise = words.upcomingPromise();
  const onItsWay = TO_BE_DELIVERED.includes(order.status);
  if (onItsWay && promise) return speakLines(context.locale, [line('bot.delivery.due', { date: promise })]);
  const late = order.promisedTo !== null && order.promisedTo < context.now;
  // Out for delivery without a promised slot is coming today: its status sentence says so.
  if (onItsWay && !late && order.status !== 'OUT_FOR_DELIVERY') {
    return speakLines(context.locale, [line('bot.delivery.noDate')]);
  }
  return speakLines(context.locale, statusLines(order, words));
}

/** The statuses of an order still to be delivered in its first attempt. */
const TO_BE_DELIVERED: readonly OrderStatus[] = [
  'PLACED',
  'CONFIRMED',
  'PACKED',
  'SHIPPED',
  'OUT_FOR_DELIVERY',
];

/**
 * The refund of `order`, as the bot answers "where is my refund": its state, amount and the day it came to
 * that state (requested, approved or paid), or that there is none.
 */
export function refundSsml(order: VerifiedOrder, context: AnswerSpeechContext): string {
  const refund = refundLines(
    { ...order, status: 'REFUNDED' },
    new OrderWords(order, context.locale, context.now),
    'every',
  );
  return speakLines(context.locale, refund.length > 0 ? refund : [line('bot.noRefund')]);
}

/**
 * Whether `order` may still be returned, as the bot answers "can I return it": until the end of the market's
 * return window after delivery. `pickup` is true when a return is possible, which an agent arranges.
 */
export function returnSsml(
  order: VerifiedOrder,
  context: AnswerSpeechContext,
): { ssml: string; pickup: boolean } {
  const words = new OrderWords(order, context.locale, context.now);
  if (order.status !== 'DELIVERED') {
    return {
      ssml: speakLines(context.locale, [line('bot.notDelivered'), ...statusLines(order, words)]),
      pickup: false,
    };
  }
  const windowEnds = new Date(order.statusAt.getTime() + MARKETS[order.market].returnWindowDays * DAY_MS);
  const pickup = windowEnds > context.now;
  return {
    ssml: speakLines(context.locale, [
      line(pickup ? 'bot.returnOpen' : 'bot.returnClosed', { date: words.day(windowEnds) }),
    ]),
    pickup,
  };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** What the bot says that is not about an order's details. */
export type BotPromptKey =
  | Extract<MessageKey, `bot.${string}`>
  | 'transferring'
  | 'orderNotFound'
  | 'lockedOut';

/** One or more of the bot's lines as a `<speak>` document: `botSsml('en-GB', 'orderNotFound', 'bot.askOrderNumber')`. */
export function botSsml(locale: Locale, ...keys: BotPromptKey[]): string {
  return speakLines(
    locale,
    keys.map((key) => line(key)),
  );
}

/** The prompts that say nothing about an order, and what each needs filled in. */
interface PromptSlots {
  askOrderNumber: undefined;
  /** To a number with no current orders: that we found none, then what askOrderNumberOrNeed asks. */
  notRecognised: undefined;
  /** The first question to a withheld number: the order number, said or keyed, or what they need. */
  askOrderNumberOrNeed: undefined;
  orderNotFound: undefined;
  /** The order is referred to only by the last four digits of its number. */
  askLastFourDigits: { orderNumber: string };
  /** How many attempts are left. */
  verificationFailed: { count: number };
  lockedOut: undefined;
  noMoreOrders: undefined;
  unavailable: undefined;
  error: undefined;
}

export type PromptKey = keyof PromptSlots;

/** A prompt as a whole `<speak>` document: `promptSsml('verificationFailed', 'en-GB', { count: 2 })`. */
export function promptSsml<K extends PromptKey>(
  key: K,
  locale: Locale,
  ...[slots]: PromptSlots[K] extends undefined ? [] : [PromptSlots[K]]
): string {
  // The signature ties each prompt to its slots; inside, every slot any prompt takes is optional.
  const { orderNumber, count } = (slots ?? {}) as { orderNumber?: string; count?: number };
  const values: MessageValues =
    orderNumber === undefined ? {} : { orderEnding: spokenDigits(orderNumber.slice(-4)) };
  return speakLines(locale, [line(key, values, count)]);
}

interface Line {
  key: MessageKey;
  values: MessageValues;
  count?: number;
}

function line(key: MessageKey, values: MessageValues = {}, count?: number): Line {
  return { key, values, count };
}

function speakLines(locale: Locale, lines: Line[]): string {
  const sentences = lines.flatMap(({ key, values, count }) => renderMessage(locale, key, values, count));
  return speak(voiceFor(locale).engine, ...sentences);
}

/** Dates and money of one order, in the words of the caller's language and the time of its market. */
class OrderWords {
  private readonly timeZone: string;

  constructor(
    private readonly order: Order,
    private readonly locale: Locale,
    readonly now: Date,
  ) {
    this.timeZone = MARKETS[order.market].timeZone;
  }

  day(instant: Date): string {
    return spokenDay(instant, this.now, this.timeZone, this.locale, this.order.market);
  }

  /** A name from the shop's data (a courier) as the voice can say it, or undefined. */
  sayable(text: string | null): SsmlNode | undefined {
    return sayable(text, this.locale);
  }

  /** The promised delivery, while it is still to come. */
  upcomingPromise(): string | null {
    const { promisedFrom, promisedTo } = this.order;
    if (!promisedTo || promisedTo < this.now) return null;
    return spokenPromise(promisedFrom, promisedTo, this.now, this.timeZone, this.locale, this.order.market);
  }

  amount(amount: string): string {
    return spokenAmount(amount, this.order.currency, this.locale);
  }
}

function statusLines(order: Order, words: OrderWords): Line[] {
  // A courier the voice cannot say is left out: "Your order has been shipped", without "through أرامكس".
  const carrier = words.sayable(order.carrier);
  const withCarrier = carrier ? '.carrier' : '';
  const promise = words.upcomingPromise();
  const due = promise ? '.due' : '';
  const dueBy = order.promisedTo && order.promisedTo < words.now ? words.day(order.promisedTo) : null;
  const values = { ...(carrier && { carrier }), ...(promise && { date: promise }) };

  switch (order.status) {
    case 'PLACED':
    case 'CONFIRMED':
    case 'PACKED':
      if (dueBy) return [line('late.notShipped', { date: dueBy })];
      return [line(`status.${order.status}${due}`, values)];
    case 'SHIPPED':
      if (dueBy) return [line(`late.SHIPPED${withCarrier}`, { ...values, date: dueBy })];
      return [line(`status.SHIPPED${withCarrier}${due}`, values)];
    case 'OUT_FOR_DELIVERY':
      if (dueBy) return [line(`late.OUT_FOR_DELIVERY${withCarrier}`, values)];
      return [
        line(`status.OUT_FOR_DELIVERY${withCarrier}`, { ...values, date: promise ?? words.day(words.now) }),
      ];
    case 'DELIVERY_FAILED': {
      const failed = line('status.DELIVERY_FAILED', { date: words.day(order.statusAt) });
      // A promise that starts after the failed attempt is the new delivery date.
      const rescheduled =
        promise && (order.promisedFrom ?? order.promisedTo ?? order.statusAt) > order.statusAt;
      return [failed, line(`retry${withCarrier}${rescheduled ? '.due' : ''}`, values)];
    }
    case 'RETURNED':
      // A refund approved or paid says that the item came back, and is what the caller waits for: the
      // refund's sentence alone keeps the status short. One still pending says nothing of the item.
      if (order.refundStatus === 'APPROVED' || order.refundStatus === 'PAID') return [];
      return [line('status.RETURNED', { date: words.day(order.statusAt) })];
    case 'DELIVERED':
    case 'CANCELLED':
      return [line(`status.${order.status}`, { date: words.day(order.statusAt) })];
    case 'RETURN_REQUESTED':
      return [line('status.RETURN_REQUESTED')];
    case 'REFUNDED':
      // The refund sentence says it all when we know the refund.
      return order.refundStatus ? [] : [line('status.REFUNDED')];
  }
}

/**
 * The refund's sentence: its state and amount, and the day it reached that state (refund_at: requested,
 * approved or paid) for the states `daysOf` names. The status says only the day it was paid, to stay short;
 * the bot's answer to "where is my refund" says the day of every state.
 */
function refundLines(order: Order, words: OrderWords, daysOf: 'paid' | 'every'): Line[] {
  if (!order.refundStatus) return [];
  const amount = order.refundAmount === null ? null : words.amount(order.refundAmount);
  const withAmount = amount ? '.amount' : '';
  const values = { ...(amount && { amount }) };
  const day = daysOf === 'every' || order.refundStatus === 'PAID' ? order.refundAt : null;
  if (!day) return [line(`refund.${order.refundStatus}${withAmount}`, values)];
  return [line(`refund.${order.refundStatus}${withAmount}.date`, { ...values, date: words.day(day) })];
}

function cashLines(order: Order, words: OrderWords): Line[] {
  if (!hasCashToPay(order)) return [];
  return [line('cashDue', { amount: words.amount(order.amountDue) })];
}

/** Digits read one by one, in groups of up to four with a short pause, as people read out a long number. */
function spokenDigits(digits: string): SsmlNode[] {
  const groupCount = Math.ceil(digits.length / 4);
  const nodes: SsmlNode[] = [];
  let start = 0;
  for (let group = 0; group < groupCount; group += 1) {
    // Earlier groups take the remainder: 10 digits are read 4, 3, 3.
    const size = Math.floor(digits.length / groupCount) + (group < digits.length % groupCount ? 1 : 0);
    if (group > 0) nodes.push(pause(DIGIT_GROUP_PAUSE_MS));
    nodes.push(sayAs('digits', digits.slice(start, start + size)));
    start += size;
  }
  return nodes;
}

const DIGIT_GROUP_PAUSE_MS = 250;
