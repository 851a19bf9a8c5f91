/**
 * The csat-report function behind its function URL, against the real roll-ups on the replica: three calls on
 * 10 April 2002, a day no other test uses.
 */
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { rebuildDays } from '#lib/calls/rollups.ts';
import { resetConfig } from '#lib/db/config.ts';
import { waitForReplica } from '#lib/local/pair.ts';
import { reportRequest } from '#test/factories/function-url-event.ts';
import { csatReport } from '../../functions/csat-report/index.ts';
import { primaryAdmin, uniqueId } from './databases.ts';

const run = `csat-report-${uniqueId()}`;
const DAY = '2002-04-10';

beforeAll(async () => {
  const db = await primaryAdmin('ivr');
  try {
    await db.query(
      `INSERT INTO calls (contact_id, market, language, initiated_at, disconnected_at, queue_name, agent_id, outcome,
         intent, record_updated_at)
       VALUES (?, 'PK', 'en-IN', '2002-04-10 09:00:00', '2002-04-10 09:00:10', NULL, NULL, 'self-served',
               'CheckOrderStatus', '2002-04-10 09:00:10'),
              (?, 'PK', 'en-IN', '2002-04-10 10:00:00', '2002-04-10 10:03:20', 'PK Returns', 'agent <&> "x"',
               'transferred', 'RefundStatus', '2002-04-10 10:03:20'),
              (?, 'AE', 'ar-AE', '2002-04-10 11:00:00', '2002-04-10 11:00:20', NULL, NULL, 'self-served',
               'CheckOrderStatus', '2002-04-10 11:00:20')`,
      [`${run}-1`, `${run}-2`, `${run}-3`],
    );
    await db.query(
      `INSERT INTO survey_answers (contact_id, score, answered_at)
       VALUES (?, 5, '2002-04-10 09:00:30'), (?, 2, '2002-04-10 10:03:40')`,
      [`${run}-1`, `${run}-2`],
    );
    await rebuildDays(db, [DAY]);
  } finally {
    await db.end();
  }
  await waitForReplica(inject('pair'));
});

afterAll(async () => {
  const db = await primaryAdmin('ivr');
  try {
    await db.query('DELETE FROM survey_answers WHERE contact_id LIKE ?', [`${run}-%`]);
    await db.query('DELETE FROM calls WHERE contact_id LIKE ?', [`${run}-%`]);
    await rebuildDays(db, [DAY]);
  } finally {
    await db.end();
  }
});

describe('the csat-report function', () => {
  it('answers an HTML page with charts by default, never to be cached', async () => {
    const response = await csatReport(reportRequest({ from: DAY, to: DAY }));

    expect(response).toMatchObject({
      statusCode: 200,
      headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
    });
    expect(response.body).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(response.body).toContain('<title>CSAT report 2002-04-10 to 2002-04-10, all markets</title>');
    expect(response.body).toContain('<div class="value">66.7 %'); // 2 of 3 self-served
    expect(response.body).toContain('<div class="value">3.50'); // (5 + 2) / 2
    expect(response.body).toContain('<td>agent &lt;&amp;&gt; &quot;x&quot;</td>');
    expect(response.body).not.toContain('agent <&>');
  });

  it('answers CSV to download when asked for csv', async () => {
    const response = await csatReport(reportRequest({ from: DAY, to: DAY, market: 'PK', format: 'csv' }));

    expect(response).toMatchObject({
      statusCode: 200,
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'cache-control': 'no-store',
        'content-disposition': 'attachment; filename="csat-report-2002-04-10-to-2002-04-10-PK.csv"',
      },
    });
    // PK: 2 calls, 1 self-served; scores 5 and 2; lengths 10 and 200 s
    expect(response.body).toContain('summary,2,1,1,0,0,0.5,2,1,3.5,2,10,200,1\r\n');
  });

  it('answers the figures as JSON when asked for json', async () => {
    const response = await csatReport(reportRequest({ from: DAY, to: DAY, format: 'json' }));

    expect(response).toMatchObject({
      statusCode: 200,
      headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
    });
    expect(JSON.parse(response.body as string)).toMatchObject({
      period: { from: DAY, to: DAY, market: null },
      calls: 3,
      selfServed: 2,
      transferred: 1,
      containmentRate: 0.6666666666666666, // 2 / 3
      surveys: { responses: 2, responseRate: 0.6666666666666666, average: 3.5 },
      // 10 20 200: median rank ⌈1.5⌉ = 2, p90 rank ⌈2.7⌉ = 3; self-served 10 20: 1 of 2 under 15 s
      durations: { calls: 3, medianSeconds: 20, p90Seconds: 200, shareUnder15s: 0.5 },
      lowScores: [{ contactId: `${run}-2`, score: 2, agent: 'agent <&> "x"' }],
    });
  });

  it('covers the last 30 days to today when the query names no period', async () => {
    const response = await csatReport(reportRequest({ format: 'json' }));

    const today = new Date().toISOString().slice(0, 10);
    const first = new Date(Date.parse(`${today}T00:00:00Z`) - 29 * 86_400_000).toISOString().slice(0, 10);
    expect(response.statusCode).toBe(200);
    const report = JSON.parse(response.body as string);
    expect(report.period).toEqual({ from: first, to: today, market: null });
    expect(report.byDay).toHaveLength(30);
  });

  it('answers 400 with one line, as JSON, for an inverted range asked as JSON', async () => {
    const response = await csatReport(reportRequest({ from: '2002-04-11', to: DAY, format: 'json' }));

    expect(response).toMatchObject({ statusCode: 400, headers: { 'content-type': 'application/json' } });
    expect(JSON.parse(response.body as string)).toEqual({
      error: 'from (2002-04-11) is after to (2002-04-10)',
    });
  });

  it('answers 400 with the message on a page for a bad date asked as HTML', async () => {
    const response = await csatReport(reportRequest({ from: '2002-02-30', to: DAY }));

    expect(response).toMatchObject({
      statusCode: 400,
      headers: { 'content-type': 'text/html; charset=utf-8' },
    });
    expect(response.body).toContain('<p>from &quot;2002-02-30&quot; is not a day of the calendar</p>');
  });

  it('answers 400 in plain text for a format it does not make, without repeating what was asked', async () => {
    const response = await csatReport(
      reportRequest({ from: DAY, to: DAY, format: '<script>alert(1)</script>' }),
    );

    expect(response).toEqual({
      statusCode: 400,
      headers: {
        'content-type': 'text/plain; charset=utf-8',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      },
      body: 'format is not html, csv or json\n',
    });
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'])(
    'answers %s with 405 and the methods it allows, reading nothing',
    async (method) => {
      const response = await csatReport(reportRequest({ from: DAY, to: DAY }, method));

      expect(response).toEqual({
        statusCode: 405,
        headers: {
          allow: 'GET, HEAD',
          'content-type': 'text/plain; charset=utf-8',
          'cache-control': 'no-store',
          'x-content-type-options': 'nosniff',
        },
        body: 'only GET and HEAD are answered here\n',
      });
    },
  );

  it('answers HEAD with the headers of GET and no body', async () => {
    const response = await csatReport(reportRequest({ from: DAY, to: DAY, format: 'csv' }, 'HEAD'));

    expect(response).toMatchObject({
      statusCode: 200,
      headers: { 'content-type': 'text/csv; charset=utf-8', 'x-content-type-options': 'nosniff' },
      body: '',
    });
  });

  it.each([
    [{ from: DAY, to: DAY }],
    [{ from: DAY, to: DAY, format: 'csv' }],
    [{ from: DAY, to: DAY, format: 'json' }],
    [{ from: '2002-02-30', to: DAY, format: 'json' }],
    [{ from: '2002-02-30', to: DAY, format: 'csv' }],
  ])('tells the browser not to guess the type of %o', async (query) => {
    const response = await csatReport(reportRequest(query));

    expect(response.headers).toMatchObject({
      'content-type': expect.stringMatching(/^(text\/html|text\/csv|text\/plain|application\/json)\b/),
      'x-content-type-options': 'nosniff',
    });
  });
});

describe('the csat-report function when the database does not answer', () => {
  const reader = process.env.IVR_DB_READER_URL;
  afterEach(() => {
    process.env.IVR_DB_READER_URL = reader;
    resetConfig();
  });

  it('answers 503 with one line in the format asked', async () => {
    process.env.IVR_DB_READER_URL = 'mysql://ivr_report_reader:secret@127.0.0.1:9/ivr';
    resetConfig();

    const response = await csatReport(reportRequest({ from: DAY, to: DAY, format: 'csv' }));

    expect(response).toEqual({
      statusCode: 503,
      headers: {
        'content-type': 'text/plain; charset=utf-8',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      },
      body: 'the report database could not be read just now; try again in a minute\n',
    });
  });
});
