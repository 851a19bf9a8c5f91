/**
 * Logging and metrics, set up once per container with Powertools. The service name comes from
 * POWERTOOLS_SERVICE_NAME (set per function in template.yaml). Logs are structured JSON; they carry the
 * contact id and never a name or a whole phone number (see maskPhone).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'order-status-ivr' });

export const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'OrderStatusIvr',
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'order-status-ivr',
});
