/**
 * Logging and metrics with Powertools, set up once per container. The service name is POWERTOOLS_SERVICE_NAME
 * (set per function in template.yaml), else the product's. Logs are structured JSON carrying the contact id,
 * and never a name or a whole phone number: log a caller through `logSafeCaller` (lib/orders/phone.ts).
 * Metrics go to stdout as CloudWatch EMF, which needs no network; POWERTOOLS_METRICS_DISABLED turns them off.
 */
import { Console } from 'node:console';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { MiddlewareObj } from '@middy/core';
import { peekContactId } from '#lib/connect/event.ts';

const serviceName = process.env.POWERTOOLS_SERVICE_NAME || 'order-status-ivr';

export const logger = new Logger({ serviceName });

export const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE || 'OrderStatusIvr',
  serviceName,
  // Its warnings (an invocation that recorded no metric, say) become structured log lines of the invocation.
  logger,
});

/**
 * Sends the functions' log lines and EMF metrics to `stream` instead of stdout, whatever the log level. For
 * commands that run the functions in their own process (`ivr call`, `ivr serve`), whose stdout is their answer:
 * `ivr call --json` must print one object and nothing before it. Powertools has no option for the stream: each
 * instance writes through a `console` of its own, made when it is constructed, which this replaces. Should a
 * new Powertools drop that field, this throws rather than let logs reach stdout again.
 */
export function writeFunctionOutputTo(stream: NodeJS.WritableStream): void {
  const output = new Console({ stdout: stream, stderr: stream });
  for (const tool of [logger, metrics]) {
    if (!(tool as unknown as { console?: unknown }).console) {
      throw new Error(
        "Powertools no longer writes through its own console: the functions' output cannot be moved",
      );
    }
    Object.assign(tool, { console: output });
  }
}

const contactIdInLogs: MiddlewareObj = {
  before: ({ event }) => {
    const contactId = peekContactId(event);
    if (contactId) logger.appendKeys({ contactId });
  },
};

/**
 * The middlewares of a function that Connect invokes:
 * `export const handler = middy(orderStatus).use(connectFunctionObservability())`.
 *
 * Every log line of an invocation carries the Lambda context and the contact id, even for an event that is
 * otherwise malformed; keys added with `logger.appendKeys` are dropped when the invocation ends, so nothing
 * of one call reaches the next call's logs in a warm container. The event itself is never logged, whatever
 * POWERTOOLS_LOGGER_LOG_EVENT says: it holds the caller's number. Metrics, with a cold-start count, are
 * flushed when the invocation ends, also when it throws; an invocation that recorded none publishes nothing
 * and does not fail (`throwOnEmptyMetrics` stays off: a caller must never hear an error because of metrics).
 */
export function connectFunctionObservability(): MiddlewareObj[] {
  return [
    injectLambdaContext(logger, { resetKeys: true, logEvent: false }),
    contactIdInLogs,
    logMetrics(metrics, { captureColdStartMetric: true }),
  ];
}

/** Lex's session id is Connect's contact id when the bot is reached from a flow. */
const lexSessionInLogs: MiddlewareObj = {
  before: ({ event }) => {
    const sessionId = (event as { sessionId?: unknown } | null)?.sessionId;
    if (typeof sessionId === 'string') logger.appendKeys({ contactId: sessionId });
  },
};

/** The middlewares of the Lex code hook: as for Connect, with the contact id taken from Lex's session id. */
export function lexFunctionObservability(): MiddlewareObj[] {
  return [
    injectLambdaContext(logger, { resetKeys: true, logEvent: false }),
    lexSessionInLogs,
    logMetrics(metrics, { captureColdStartMetric: true }),
  ];
}

/**
 * A read of the orders that went to the primary (lib/orders/repository.ts `onFallback`): a warning with the
 * reason, and the OrdersFallback metric, the same from every function that reads orders.
 */
export function reportOrdersFallback(reason: string): void {
  logger.warn('read the orders from the primary', { reason });
  metrics.addMetric('OrdersFallback', MetricUnit.Count, 1);
}

/**
 * The shop's `ivr_orders` has no `customer_language` (lib/orders/repository.ts `onNoLanguageColumn`): said
 * once a container, as information, since the column is optional; callers hear their line's language.
 */
export function reportNoLanguageColumn(): void {
  logger.info('ivr_orders has no customer_language column: callers hear the language of the line they call');
}
