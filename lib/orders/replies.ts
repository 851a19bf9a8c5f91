/**
 * The one place that turns what happened on a call step into what the flow branches on (`outcome`), what the
 * caller hears (`ssml`) and what the flow and the agent keep (the other attributes); what went wrong is answered
 * from lib/failures.ts. The keys and outcomes are documented with the function that returns them:
 * functions/order-status/index.ts; they are declared in its contract (`ORDER_STATUS`, lib/connect/contracts.ts),
 * which types a reply.
 */
import type { OrderStatusOutcome, OrderStatusResponse } from '#lib/connect/contracts.ts';
import type { Locale } from '#lib/markets.ts';
import type { StepResult } from '#lib/orders/call-steps.ts';
import { orderStatusSsml, promptSsml, voiceFor } from '#lib/speech/index.ts';

export interface Reply extends OrderStatusResponse {
  outcome: OrderStatusOutcome;
  ssml: string;
  language: Locale;
  /** The Polly voice that speaks `language`, for the flow's Set voice block. */
  voice: string;
  orderNumber?: string;
  orderStatus?: string;
  market?: string;
  verified: boolean;
  verifiedOrderNumber?: string;
  otherOrders?: number;
  attemptsLeft?: number;
}

/**
 * What the caller hears after `result`; `greeted` once the caller was thanked by name earlier in the call
 * (the flow's `greeted` attribute): the greeting is said once.
 */
export function replyFor(result: StepResult, locale: Locale, now: Date, greeted = false): Reply {
  const base = {
    outcome: result.outcome,
    language: locale,
    voice: voiceFor(locale).voiceId,
    verified: false,
  };
  switch (result.outcome) {
    case 'found': {
      const { order, otherCurrentOrders, named, greetByName } = result;
      return {
        ...base,
        ssml: orderStatusSsml(order, {
          locale,
          now,
          otherCurrentOrders,
          named,
          greetByName: greetByName && !greeted,
        }),
        orderNumber: order.orderNumber,
        orderStatus: order.status,
        market: order.market,
        verified: true,
        verifiedOrderNumber: order.orderNumber,
        otherOrders: otherCurrentOrders,
      };
    }
    case 'not-identified':
      // "We could not find an order for this phone number" means nothing to a caller whose number we never had.
      return {
        ...base,
        ssml: promptSsml(result.fromANumber ? 'notRecognised' : 'askOrderNumberOrNeed', locale),
      };
    case 'not-found':
      return { ...base, ssml: promptSsml('orderNotFound', locale), orderNumber: result.orderNumber };
    case 'invalid-input':
      return { ...base, ssml: promptSsml('orderNotFound', locale) };
    case 'verify':
      return {
        ...base,
        ssml: promptSsml('askLastFourDigits', locale, { orderNumber: result.orderNumber }),
        orderNumber: result.orderNumber,
      };
    case 'verify-failed':
      return {
        ...base,
        ssml: promptSsml('verificationFailed', locale, { count: result.attemptsLeft }),
        orderNumber: result.orderNumber,
        attemptsLeft: result.attemptsLeft,
      };
    case 'locked':
      return { ...base, ssml: promptSsml('lockedOut', locale) };
    case 'no-more-orders':
      return { ...base, ssml: promptSsml('noMoreOrders', locale) };
  }
}
