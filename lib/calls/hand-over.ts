/**
 * The hand-over to an agent, decided in one place: which queue takes the caller (by market, language and
 * what they want), what the agent hears in the whisper before the call connects, and the context the agent
 * sees as contact attributes. Nothing about an order the caller is not verified for: its status is left out,
 * and the order is "asked about", not "verified".
 */
import type { HandOverReason } from '#lib/connect/contracts.ts';
import { type IntentName, isIntentName } from '#lib/lex/bot.ts';
import { type Locale, MARKETS, type MarketCode } from '#lib/markets.ts';
import { isOrderStatus, STATUS_TRAITS } from '#lib/orders/status.ts';

export type QueueArea = 'Returns' | 'Deliveries' | 'General';

/**
 * What each intent of the bot is about, for the agents who know it best. A caller who only asked for an agent
 * goes to the team of the order in hand (the one they just heard about), else to General.
 */
const AREA_OF_INTENT: Readonly<Partial<Record<IntentName, QueueArea>>> = {
  RefundStatus: 'Returns',
  ReturnItem: 'Returns',
  CheckOrderStatus: 'Deliveries',
  DeliveryDate: 'Deliveries',
  ChangeDelivery: 'Deliveries',
  CancelOrder: 'Deliveries',
  Complaint: 'General',
};

const AREAS: readonly QueueArea[] = ['Returns', 'Deliveries', 'General'];

/**
 * The queue: "<market> <area>", and the language when it is not the market's first ("PK Deliveries",
 * "PK Deliveries (hi-IN)", "AE Returns (en-GB)"), so each queue's agents speak the caller's language.
 */
export function queueFor(
  market: MarketCode,
  locale: Locale,
  intent: string | undefined,
  orderStatus: string | undefined,
): string {
  const area = (isIntentName(intent) ? AREA_OF_INTENT[intent] : undefined) ?? areaOfStatus(orderStatus);
  return queueName(market, locale, area);
}

/** An order that is a returns and refunds matter goes to Returns, whatever the caller pressed; any other to Deliveries. */
function areaOfStatus(orderStatus: string | undefined): QueueArea {
  if (!orderStatus) return 'General';
  return isOrderStatus(orderStatus) && STATUS_TRAITS[orderStatus].refundMatter ? 'Returns' : 'Deliveries';
}

/** Every queue `queueFor` may choose, for deployment to map to ARNs (QUEUE_ARNS). */
export function allQueues(): string[] {
  return Object.values(MARKETS).flatMap((market) =>
    market.locales.flatMap((locale) => AREAS.map((area) => queueName(market.code, locale, area))),
  );
}

function queueName(market: MarketCode, locale: Locale, area: QueueArea): string {
  const language = locale === MARKETS[market].locales[0] ? '' : ` (${locale})`;
  return `${market} ${area}${language}`;
}

/** What the agent is told about the caller: plain English, short enough to whisper in a few seconds. */
export interface HandOverContext {
  verifiedOrderNumber: string | undefined;
  /** An order the caller named or keyed but is not verified for. */
  statedOrderNumber: string | undefined;
  /** The status of the verified order. */
  orderStatus: string | undefined;
  intent: string | undefined;
  reason: string | undefined;
  locale: Locale;
}

/** What the agent is told the caller wants, for each reason the IVR hands a caller over. */
const WANTS: Readonly<Record<HandOverReason, string>> = {
  'caller-asked': 'asked for an agent',
  complaint: 'has a complaint',
  'cancel-order': 'wants to cancel',
  'change-address': 'wants to change the address',
  'change-date': 'wants to change the delivery date',
  'change-delivery': 'wants to change the delivery',
  'return-pickup': 'wants to return it, needs a pickup',
  locked: 'failed the security check three times',
  unavailable: 'the order system did not answer',
  'order-not-found': 'order number not found',
  'not-understood': 'the bot did not understand',
  'no-input': 'did not answer the IVR',
  'no-valid-choice': 'pressed keys the menu does not offer',
  'bot-unavailable': 'the bot did not answer',
  'system-error': 'the IVR had a technical problem',
  error: 'the IVR had a technical problem',
};

const LANGUAGE_NAMES: Readonly<Record<Locale, string>> = {
  'en-GB': 'English',
  'en-IN': 'English',
  'hi-IN': 'Hindi',
  'ar-AE': 'Arabic',
};

/**
 * A hand-over reason as it may be logged: one of the reasons the flows and the bot set, else `unknown`. The
 * attribute comes from the contact, so anything else in it (a number, a name) never reaches the logs.
 */
export function loggableHandOverReason(reason: string | undefined): HandOverReason | 'unknown' {
  return handOverReasonOf(reason) ?? 'unknown';
}

/** The reason an attribute names; undefined for anything else, a missing attribute included. */
function handOverReasonOf(text: string | undefined): HandOverReason | undefined {
  return text !== undefined && Object.hasOwn(WANTS, text) ? (text as HandOverReason) : undefined;
}

/** "Verified caller, order ending 4821, out for delivery, wants to change the address." */
export function whisperFor(context: HandOverContext): string {
  const parts = [context.verifiedOrderNumber ? 'Verified caller' : 'Unverified caller'];
  if (context.verifiedOrderNumber) {
    parts.push(`order ending ${context.verifiedOrderNumber.slice(-4)}`);
    if (context.orderStatus) parts.push(context.orderStatus.toLowerCase().replaceAll('_', ' '));
  } else if (context.statedOrderNumber) {
    parts.push(`asks about order ending ${context.statedOrderNumber.slice(-4)}`);
  }
  const reason = handOverReasonOf(context.reason);
  // The attribute comes from the contact; the flow check and the types keep the IVR's reasons in the union.
  parts.push(reason ? WANTS[reason] : 'the IVR could not help');
  if (LANGUAGE_NAMES[context.locale] !== 'English') parts.push(`speaks ${LANGUAGE_NAMES[context.locale]}`);
  return `${parts.join(', ')}.`;
}

/**
 * QUEUE_ARNS (a JSON object of queue name to ARN) as the escalation function and `ivr connect setup` read it:
 * the names with an ARN, and the names whose value is not one (`ignored`: they would send the caller to a
 * queue that does not exist); null when the text is not such an object at all.
 */
export function parseQueueArns(json: string): { arns: Record<string, string>; ignored: string[] } | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
  const entries = Object.entries(parsed);
  const isArn = (value: unknown): value is string => typeof value === 'string' && value.startsWith('arn:');
  return {
    arns: Object.fromEntries(entries.filter((entry): entry is [string, string] => isArn(entry[1]))),
    ignored: entries.filter(([, value]) => !isArn(value)).map(([name]) => name),
  };
}
