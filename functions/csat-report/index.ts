/**
 * The csat-report function: the managers' report behind a Lambda function URL (IAM auth), read from the IVR
 * database's replica (IVR_DB_READER_URL, else IVR_DB_URL).
 *
 * GET with the query:
 * - `from`, `to`: the period's first and last UTC day, `YYYY-MM-DD`; left out, the last 30 days to today
 *   (or the 30 days to `to`, or `from` to today)
 * - `market`: one market's calls (PK, AE, …); all when left out
 * - `format`: `html` (default: a page with charts), `csv` or `json`
 *
 * Answers 200 with the report (HEAD: its headers only); 400 with a one-line message, in the format asked, for a
 * query it cannot use (an unknown format is not repeated back); 405, with `Allow`, for any other method; 503
 * when the database cannot be read in time. Nothing is cached (`cache-control: no-store`): the figures change
 * with every call. Every answer names its content type and forbids browsers to guess another
 * (`x-content-type-options: nosniff`), so no text of the query can be run as a page.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { deadlineOf, REPORT_BUDGET, startTheClock } from '#lib/budget.ts';
import { databaseCredentials } from '#lib/db/credentials.ts';
import { beforeDeadline } from '#lib/db/deadline.ts';
import { ivrReportPool } from '#lib/db/pools.ts';
import { logger } from '#lib/observability/index.ts';
import { buildReport } from '#lib/reports/query.ts';
import { isReportFormat, type ReportFormat, renderReport } from '#lib/reports/render.ts';
import { parseReportPeriod, type Report, ReportPeriodError } from '#lib/reports/report.ts';
import { escapeHtml } from '#lib/reports/text.ts';

const DEFAULT_DAYS = 30;
const DAY_MS = 86_400_000;

const CONTENT_TYPES: Record<ReportFormat, string> = {
  html: 'text/html; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json',
};

export async function csatReport(
  event: APIGatewayProxyEventV2,
  context?: Pick<Context, 'getRemainingTimeInMillis'>,
): Promise<APIGatewayProxyStructuredResultV2> {
  const method = event.requestContext?.http?.method?.toUpperCase();
  if (method !== 'GET' && method !== 'HEAD') {
    return respond(405, 'text/plain; charset=utf-8', 'only GET and HEAD are answered here\n', {
      allow: 'GET, HEAD',
    });
  }
  const query = event.queryStringParameters ?? {};
  const format = query.format?.trim().toLowerCase() || 'html';
  if (!isReportFormat(format))
    return respond(400, 'text/plain; charset=utf-8', 'format is not html, csv or json\n');
  let period: Report['period'];
  try {
    period = parseReportPeriod({ ...defaultPeriod(query.from, query.to), market: query.market });
  } catch (error) {
    if (error instanceof ReportPeriodError) return failure(400, format, error.message);
    throw error;
  }
  logger.appendKeys({ from: period.from, to: period.to, market: period.market, format });
  let report: Report;
  try {
    const deadline = deadlineOf(context, REPORT_BUDGET.budgetMs, REPORT_BUDGET.answerMarginMs);
    report = await beforeDeadline(buildReport(ivrReportPool(), period), deadline);
  } catch (error) {
    logger.error('the report could not be read', { error });
    return failure(503, format, 'the report database could not be read just now; try again in a minute');
  }
  logger.info('report', { calls: report.calls });
  return respond(200, CONTENT_TYPES[format], method === 'HEAD' ? '' : renderReport(report, format), {
    ...(format === 'csv' && {
      'content-disposition': `attachment; filename="csat-report-${period.from}-to-${period.to}${period.market ? `-${period.market}` : ''}.csv"`,
    }),
  });
}

/** The 30 days to today (UTC) for what the query leaves out. */
function defaultPeriod(from: string | undefined, to: string | undefined): { from: string; to: string } {
  const end = to || new Date().toISOString().slice(0, 10);
  const start =
    from ||
    (() => {
      const endTime = Date.parse(`${end}T00:00:00Z`);
      // A malformed `to` is reported as such by parseReportPeriod; any start will do meanwhile.
      return Number.isNaN(endTime)
        ? end
        : new Date(endTime - (DEFAULT_DAYS - 1) * DAY_MS).toISOString().slice(0, 10);
    })();
  return { from: start, to: end };
}

/** A one-line message, in the format asked. */
function failure(
  statusCode: number,
  format: ReportFormat,
  message: string,
): APIGatewayProxyStructuredResultV2 {
  if (format === 'json') return respond(statusCode, CONTENT_TYPES.json, JSON.stringify({ error: message }));
  if (format === 'html')
    return respond(
      statusCode,
      CONTENT_TYPES.html,
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>CSAT report</title></head><body><p>${escapeHtml(message)}</p></body></html>\n`,
    );
  return respond(statusCode, 'text/plain; charset=utf-8', `${message}\n`);
}

function respond(
  statusCode: number,
  contentType: string,
  body: string,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: {
      ...headers,
      'content-type': contentType,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
    body,
  };
}

export const handler = middy(csatReport)
  .use(startTheClock())
  .use(injectLambdaContext(logger, { resetKeys: true, logEvent: false }))
  .use(databaseCredentials());
