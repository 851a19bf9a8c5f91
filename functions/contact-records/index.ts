/**
 * The contact-records function: Connect's contact records from Kinesis, stored as calls (reference §5).
 *
 * Each Kinesis record's data is one contact record, JSON in UTF-8. A record that cannot be read (not UTF-8,
 * not JSON, not a contact record) is reported in `batchItemFailures` with its reason logged, never its
 * content (it holds the caller's number); the others are stored all the same. So is a record whose values
 * cannot be those of a real contact (a timestamp out of range, a disconnect before the call began): the
 * schema refuses it up front, so it never reaches the database and never fails a batch or a later one.
 * It is reported rather than dropped so that the event source mapping's retries and its on-failure
 * destination keep its place in the stream: once the cause is known, it can be read again.
 *
 * The calls of a batch are written together, the newest version of each contact winning, with the survey
 * scores their records carry (kept where the survey function could not store them), and the daily roll-ups
 * follow call by call; then answers given after their call was stored are counted. When the database cannot
 * be written the invocation fails, so that Kinesis delivers the whole batch again: every write here may be
 * repeated.
 *
 * Metrics (EMF): `CallDuration` (seconds) of each call and the counts `SelfServed`, `HandedOver` and
 * `Abandoned`, by `market`; `RejectedContactRecords` per batch.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type {
  Context,
  KinesisStreamBatchResponse,
  KinesisStreamEvent,
  KinesisStreamRecord,
} from 'aws-lambda';
import { type CallRow, callFromContactRecord, newestPerContact } from '#lib/calls/call-record.ts';
import { countWaitingAnswers, storeCalls } from '#lib/calls/calls-repository.ts';
import type { CallOutcome } from '#lib/calls/outcome.ts';
import { type SurveyAnswer, surveyAnswerFromContactRecord } from '#lib/calls/survey.ts';
import { type ContactRecord, parseContactRecord } from '#lib/connect/contact-record.ts';
import { databaseCredentials } from '#lib/db/credentials.ts';
import { ivrPool } from '#lib/db/pools.ts';
import { logger, metrics } from '#lib/observability/index.ts';

const processor = new BatchProcessor(EventType.KinesisDataStreams);

/** Stores the calls of a batch; the response names the records that hold none, for Kinesis to retry. */
async function storeContactRecords(
  event: KinesisStreamEvent,
  context: Context,
): Promise<KinesisStreamBatchResponse> {
  const calls: CallRow[] = [];
  const recordedScores: SurveyAnswer[] = [];
  const response = await processPartialResponse(
    event,
    (kinesisRecord: KinesisStreamRecord) => {
      const record = contactRecordOf(kinesisRecord);
      calls.push(callFromContactRecord(record));
      const answer = surveyAnswerFromContactRecord(record);
      if (answer) recordedScores.push(answer);
    },
    processor,
    // A batch of nothing but bad records is reported like any other: it is their content, not a retry, at fault.
    // One after another: reading a record is CPU work, and two versions of equal time keep their order.
    { context, throwOnFullBatchFailure: false, processInParallel: false },
  );
  metrics.addMetric('RejectedContactRecords', MetricUnit.Count, response.batchItemFailures.length);
  const newest = newestPerContact(calls);
  const conn = await ivrPool().getConnection();
  let answersCounted: number;
  try {
    await storeCalls(conn, newest, recordedScores);
    answersCounted = await countWaitingAnswers(conn);
  } finally {
    conn.release();
  }
  publishCallMetrics(newest);
  logger.info('stored contact records', {
    records: event.Records.length,
    calls: newest.length,
    rejected: response.batchItemFailures.length,
    answersCounted,
  });
  return response;
}

/** The contact record a Kinesis record holds; throws, with the reason logged, when it holds none. */
function contactRecordOf(record: KinesisStreamRecord): ContactRecord {
  const { sequenceNumber } = record.kinesis;
  const reject = (reason: string) => {
    logger.warn('rejected a contact record', { sequenceNumber, reason });
    return new Error(reason);
  };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(record.kinesis.data, 'base64'));
  } catch {
    throw reject('not UTF-8');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // JSON.parse's message quotes the text, so it is not passed on.
    throw reject('not JSON');
  }
  const parsed = parseContactRecord(json);
  if (!parsed.ok) throw reject(`not a contact record: ${parsed.reason}`);
  return parsed.record;
}

const COUNTED_OUTCOMES: Record<CallOutcome, string> = {
  'self-served': 'SelfServed',
  transferred: 'HandedOver',
  abandoned: 'Abandoned',
};

/**
 * One set of metrics per market. A metric's dimensions hold for a whole EMF document, so each market gets a
 * single-metric instance of its own, with the market as a default dimension that outlives each flush.
 */
function publishCallMetrics(calls: readonly CallRow[]): void {
  for (const market of new Set(calls.map((call) => call.market))) {
    const ofMarket = calls.filter((call) => call.market === market);
    const marketMetrics = metrics.singleMetric();
    marketMetrics.setDefaultDimensions({ market });
    for (const call of ofMarket) {
      if (call.disconnected_at === null) continue;
      const seconds = Math.round((call.disconnected_at.getTime() - call.initiated_at.getTime()) / 1000);
      marketMetrics.addMetric('CallDuration', MetricUnit.Seconds, Math.max(0, seconds));
    }
    for (const [outcome, name] of Object.entries(COUNTED_OUTCOMES)) {
      const count = ofMarket.filter((call) => call.outcome === outcome).length;
      if (count > 0) marketMetrics.addMetric(name, MetricUnit.Count, count);
    }
  }
}

/**
 * The function's logs carry the Lambda context, and never the event (it holds callers' numbers); metrics are
 * flushed when the invocation ends, also when it throws.
 */
export const handler = middy(storeContactRecords)
  .use(injectLambdaContext(logger, { resetKeys: true, logEvent: false }))
  .use(logMetrics(metrics, { captureColdStartMetric: true }))
  .use(databaseCredentials());
