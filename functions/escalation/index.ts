/**
 * The escalation function: the hand-over to an agent. Connect's InvokeLambdaFunction block calls it with no
 * Parameters; it reads the contact attributes the flow and the bot have set (`language`, `verifiedOrderNumber`,
 * `orderNumber`, `orderStatus`, `intent`, `handoverReason`, `lastUtterance`) and the dialled number. The queue
 * ARNs come from QUEUE_ARNS, a JSON object from queue name (lib/calls/hand-over.ts) to ARN.
 *
 * It answers a flat map of strings, which the flow keeps as contact attributes for the agent:
 * - `outcome`: `queued` (`queueArn` is set), or `no-queue` when QUEUE_ARNS names no ARN for the queue or
 *   QUEUE_ARNS is unusable, or `error` when anything unexpected happened (an attribute too large to hand on,
 *   say): the flow then uses its general queue. It never throws: a throw would send the caller down the
 *   block's error branch with nothing kept for the agent.
 * - `queue`, `queueArn`: the queue chosen, and its ARN
 * - `whisper`: what the agent hears before the call connects
 * - `agentVerified` ("true"/"false"), `agentOrder`, `agentOrderStatus` (verified callers only), `agentIntent`,
 *   `agentReason`, `agentLastSaid`, `agentLanguage`: the agent's context, short
 *
 * Its contract, ESCALATION in lib/connect/contracts.ts, declares the attributes it reads, its outcomes and
 * keys; the reasons `handoverReason` may hold are HAND_OVER_REASONS there.
 */
import middy from '@middy/core';
import { startTheClock } from '#lib/budget.ts';
import { loggableHandOverReason, parseQueueArns, queueFor, whisperFor } from '#lib/calls/hand-over.ts';
import type { EscalationResponse } from '#lib/connect/contracts.ts';
import { connectFunction } from '#lib/connect/handler.ts';
import { connectResponse } from '#lib/connect/response.ts';
import { connectFunctionObservability, logger } from '#lib/observability/index.ts';
import { orderInHand } from '#lib/orders/verification.ts';

const LAST_SAID_LENGTH = 100;

export const escalation = connectFunction('escalation', async ({ attributes, market, locale }) => {
  // The order in hand may be another one, still to be verified: then the agent hears only that it was asked about.
  const { orderNumber: inHand, verified } = orderInHand(
    attributes.orderNumber,
    attributes.verifiedOrderNumber,
  );
  const orderStatus = verified ? attributes.orderStatus || undefined : undefined;
  const intent = attributes.intent || undefined;
  const queue = queueFor(market, locale, intent, orderStatus);
  const queueArn = queueArns()[queue];
  logger.info('hand-over', { queue, reason: loggableHandOverReason(attributes.handoverReason), verified });
  return connectResponse<EscalationResponse>({
    outcome: queueArn ? 'queued' : 'no-queue',
    queue,
    queueArn,
    whisper: whisperFor({
      verifiedOrderNumber: verified ? inHand : undefined,
      statedOrderNumber: verified ? undefined : inHand,
      orderStatus,
      intent,
      reason: attributes.handoverReason,
      locale,
    }),
    agentVerified: verified,
    agentOrder: inHand,
    agentOrderStatus: orderStatus,
    agentIntent: intent,
    agentReason: attributes.handoverReason || undefined,
    agentLastSaid: attributes.lastUtterance?.slice(0, LAST_SAID_LENGTH) || undefined,
    agentLanguage: locale,
  });
});

/** QUEUE_ARNS, read once per container; an unusable value names no queue, and is logged. */
let arns: Record<string, string> | undefined;
function queueArns(): Record<string, string> {
  if (arns) return arns;
  const parsed = parseQueueArns(process.env.QUEUE_ARNS || '{}');
  if (!parsed) logger.error('QUEUE_ARNS is not a JSON object of queue names to ARNs');
  arns = parsed?.arns ?? {};
  return arns;
}

export const handler = middy(escalation).use(startTheClock()).use(connectFunctionObservability());
