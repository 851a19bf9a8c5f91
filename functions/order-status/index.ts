/**
 * The order-status function. Connect's InvokeLambdaFunction block calls it with Parameters:
 * - `action`: identify | lookup | verify | next
 * - `orderNumber`: the order in hand (lookup: as keyed or said; verify, next: as returned before)
 * - `digits`: the last four digits of the order's phone, as keyed (verify)
 * and the contact attributes `language` (the caller's choice, if any), `verifiedOrderNumber`, `greeted`
 * (`true` once a status was spoken in the call: the caller is thanked by name only once) and
 * `callerOtherOrders` (how many other current orders identify found: an order heard again is named again). Without a choice,
 * the person on the order hears the language they saved with the shop where the line speaks it, else the
 * line's own (lib/markets.ts localeFor).
 *
 * It always answers, within IVR_TIME_BUDGET_MS of the invocation's start, a flat map of strings:
 * - `outcome`, for the flow to branch on:
 *   - `found`: the order's status is in `ssml` (identify, lookup, verify, next)
 *   - `not-identified`: a withheld number, or one with no current orders: ask for an order number (identify)
 *   - `not-found`: no order has that number (lookup, verify)
 *   - `invalid-input`: what was keyed or said is not an order number (lookup, verify), or the digits are not
 *     exactly four digits (verify; never counted as a try)
 *   - `verify`: the order is not the caller's; `ssml` asks for the last four digits of its phone (lookup)
 *   - `verify-failed`: wrong digits; `attemptsLeft` more tries before a lockout (verify)
 *   - `locked`: three failures within the hour for this order, this number or this call, or too many lookups
 *     of orders not the caller's (lookup, verify); `ssml` offers an agent. The rules are stated in
 *     lib/orders/verification.ts
 *   - `no-more-orders`: the caller has no further current order (next)
 *   - `unavailable`: the orders could not be read in time; `ssml` offers an agent
 *   - `error`: a malformed event, an unknown action, anything unexpected; `ssml` offers an agent
 * - `ssml`: a whole `<speak>` document in the caller's language, checked against the voice's engine. A status
 *   comes first: the order named by what was bought when the caller has several (or gave its number), then
 *   its status; it thanks the caller by the order's first name, after the status, only when they call from
 *   the order's phone and were not thanked before in the call
 * - `language`: the locale spoken (en-GB, en-IN, ar-AE, hi-IN); the flow sets it as the contact's language
 * - `voice`: the Polly voice for that locale (Amy, Kajal, Hala), for the flow's Set voice block
 * - `verified`: "true" when the caller may hear about `orderNumber`, else "false"
 * - `orderNumber`: the order in hand (found, not-found, verify, verify-failed)
 * - `verifiedOrderNumber`: the order the caller may hear about (found); keep it as a contact attribute of
 *   that name so that the challenge is not asked twice in a call
 * - `orderStatus`, `market`, `otherOrders`: the order's status and market, and how many other current orders
 *   the caller has (found)
 * - `attemptsLeft`: verification attempts left (verify-failed)
 *
 * Its contract, ORDER_STATUS in lib/connect/contracts.ts, declares these Parameters, outcomes (by action) and
 * keys; the code is typed by it, and the flow check holds the flows to it.
 */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import middy, { type MiddlewareObj } from '@middy/core';
import { startTheClock } from '#lib/budget.ts';
import {
  hasOtherOrders,
  type OrderStatusAction,
  type OrderStatusOutcome,
  type OrderStatusResponse,
} from '#lib/connect/contracts.ts';
import { connectFunction } from '#lib/connect/handler.ts';
import { connectResponse } from '#lib/connect/response.ts';
import { databaseCredentials } from '#lib/db/credentials.ts';
import { UnknownActionError } from '#lib/failures.ts';
import { localeFor } from '#lib/markets.ts';
import { connectFunctionObservability, logger, metrics } from '#lib/observability/index.ts';
import { identify, lookup, next, type StepContext, type StepResult, verify } from '#lib/orders/call-steps.ts';
import { logSafeCaller, normalizeCallerNumber } from '#lib/orders/phone.ts';
import { replyFor } from '#lib/orders/replies.ts';
import { ordersRepository, verificationRecords } from '#lib/orders/stores.ts';

type Parameters = Record<string, string | undefined>;
type Step<Outcome extends string = string> = (
  context: StepContext,
  parameters: Parameters,
) => Promise<StepResult & { outcome: Outcome }>;

// Each action's step answers only the outcomes its contract declares for that action.
const STEPS: Record<string, Step> = {
  identify: (context) => identify(context),
  lookup: (context, { orderNumber }) => lookup(context, orderNumber),
  verify: (context, { orderNumber, digits }) => verify(context, orderNumber, digits),
  next: (context, { orderNumber }) => next(context, orderNumber),
} satisfies { [Action in OrderStatusAction]: Step<OrderStatusOutcome<Action>> };

export const orderStatus = connectFunction('order-status', async (call) => {
  const startedAt = Date.now();
  const action = call.parameters.action ?? '';
  const caller = normalizeCallerNumber(call.callerNumber, call.market);
  // Only a known action is logged: a parameter the flow got wrong may hold anything, a phone number included.
  const step = Object.hasOwn(STEPS, action) ? STEPS[action] : undefined;
  logger.appendKeys({ action: step ? action : 'unknown', caller: logSafeCaller(caller) });
  if (!step) throw new UnknownActionError('the flow named no action of order-status');
  const result = await step(
    {
      contactId: call.contactId,
      caller,
      verifiedOrderNumber: call.attributes.verifiedOrderNumber,
      now: new Date(),
      deadline: call.deadline(),
      orders: ordersRepository(),
      verification: verificationRecords(),
      callerHasOtherOrders: hasOtherOrders(call.attributes.callerOtherOrders),
    },
    call.parameters,
  );
  metrics.addMetric('LookupLatency', MetricUnit.Milliseconds, Date.now() - startedAt);
  if (result.outcome === 'locked') metrics.addMetric('Lockouts', MetricUnit.Count, 1);
  // The saved language comes with the caller's order, and counts only while the call has none: the `language`
  // attribute is the caller's key 9, or what the first reply spoke, which the call keeps to.
  const savedLanguage = result.outcome === 'found' ? result.savedLanguage : null;
  const locale = localeFor(call.market, call.attributes.language, savedLanguage);
  const reply = replyFor(result, locale, new Date(), call.attributes.greeted === 'true');
  logger.info('reply', { outcome: reply.outcome, orderStatus: reply.orderStatus, verified: reply.verified });
  return connectResponse<OrderStatusResponse>({ ...reply });
});

/** Every answer counted by its outcome (`Outcome_found`, …), failures too. */
const countOutcomes: MiddlewareObj<unknown, Record<string, string>> = {
  after: ({ response }) => {
    metrics.addMetric(`Outcome_${response?.outcome}`, MetricUnit.Count, 1);
  },
};

export const handler = middy(orderStatus)
  .use(startTheClock())
  .use(connectFunctionObservability())
  .use(databaseCredentials())
  .use(countOutcomes);
