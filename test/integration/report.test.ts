/**
 * The CSAT report read from the real roll-ups, on the replica as in AWS: a fixed set of calls and answers in
 * March 2001 (test/fixtures/report-data-set.ts), far from other tests' days, with every figure worked out by
 * hand there.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { rebuildDays } from '#lib/calls/rollups.ts';
import { ivrReportPool } from '#lib/db/pools.ts';
import { waitForReplica } from '#lib/local/pair.ts';
import { reportCsv } from '#lib/reports/csv.ts';
import { reportHtml } from '#lib/reports/html.ts';
import { buildReport } from '#lib/reports/query.ts';
import { parseReportPeriod, type Report } from '#lib/reports/report.ts';
import {
  answeredAtOf,
  endOf,
  FIXED_CALLS,
  FIXED_DAYS,
  fixedReport,
  startOf,
} from '#test/fixtures/report-data-set.ts';
import { primaryAdmin, uniqueId } from './databases.ts';
import { ivr } from './run-ivr.ts';

const run = `report-${uniqueId()}`;
const contactId = (n: number) => `${run}-${n}`;
const expected = fixedReport(contactId);
const period = parseReportPeriod({ from: '2001-03-05', to: '2001-03-08' });

beforeAll(async () => {
  const db = await primaryAdmin('ivr');
  try {
    for (const call of FIXED_CALLS) {
      const end = endOf(call);
      await db.query(
        `INSERT INTO calls (contact_id, market, language, initiated_at, disconnected_at, queue_name, agent_id,
           outcome, intent, handover_reason, record_updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          contactId(call.n),
          call.market,
          call.language,
          startOf(call),
          end,
          call.queue,
          call.agent,
          call.outcome,
          call.intent,
          call.handoverReason,
          end ?? startOf(call),
        ],
      );
      if (call.score !== undefined)
        await db.query('INSERT INTO survey_answers (contact_id, score, answered_at) VALUES (?, ?, ?)', [
          contactId(call.n),
          call.score,
          answeredAtOf(call),
        ]);
    }
    await rebuildDays(db, FIXED_DAYS);
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
    await rebuildDays(db, FIXED_DAYS);
  } finally {
    await db.end();
  }
});

describe('the CSAT report of a period', () => {
  let report: Report;
  beforeAll(async () => {
    report = await buildReport(ivrReportPool(), period);
  });

  it('names the period it covers', () => {
    expect(report.period).toEqual({ from: '2001-03-05', to: '2001-03-08', market: null });
  });

  it('counts the calls of the period by how they ended, those abandoned in a queue, and the share the IVR finished alone', () => {
    expect({
      calls: report.calls,
      selfServed: report.selfServed,
      transferred: report.transferred,
      abandoned: report.abandoned,
      abandonedInQueue: report.abandonedInQueue,
      containmentRate: report.containmentRate,
    }).toEqual({
      calls: expected.calls,
      selfServed: expected.selfServed,
      transferred: expected.transferred,
      abandoned: expected.abandoned,
      abandonedInQueue: expected.abandonedInQueue,
      containmentRate: expected.containmentRate,
    });
  });

  it('counts survey answers with a score as responses, and averages and distributes their scores', () => {
    expect(report.surveys).toEqual(expected.surveys);
  });

  it('measures the median and 90th-percentile call, and the share of quick self-served calls', () => {
    expect(report.durations).toEqual(expected.durations);
  });

  it('lists every day of the period, a day without calls with nothing measured', () => {
    expect(report.byDay).toEqual(expected.byDay);
  });

  it.each(['byMarket', 'byLanguage', 'byIntent', 'byOutcome', 'byQueue', 'byAgent'] as const)(
    'breaks the figures down %s, the most calls first',
    (breakdown) => {
      expect(report[breakdown]).toEqual(expected[breakdown]);
    },
  );

  it('lists the scores of 1 and 2 for follow-up, the newest first, only of calls in the period', () => {
    expect(report.lowScores).toEqual(expected.lowScores);
  });

  it('is the whole report worked out by hand, and nothing else', () => {
    expect(report).toEqual(expected);
  });
});

describe('the CSAT report of one market', () => {
  it('counts only the calls of that market', async () => {
    const report = await buildReport(ivrReportPool(), parseReportPeriod({ ...period, market: 'ae' }));

    expect(report).toMatchObject({
      period: { from: '2001-03-05', to: '2001-03-08', market: 'AE' },
      // AE: 5 6 10 11 14 17 18
      calls: 7,
      selfServed: 3, // 5 11 17
      transferred: 2, // 10 18
      abandoned: 1, // 6
      abandonedInQueue: 0,
      containmentRate: 0.42857142857142855, // 3 / 7
      surveys: {
        responses: 5,
        responseRate: 0.7142857142857143, // 5 / 7
        average: 4.2, // (5 + 4 + 5 + 2 + 5) / 5
        distribution: { '1': 0, '2': 1, '3': 0, '4': 1, '5': 3 },
      },
      durations: {
        // 6 9 14 16 30 200 300
        calls: 7,
        medianSeconds: 16, // rank ⌈0.5·7⌉ = 4
        p90Seconds: 300, // rank ⌈0.9·7⌉ = 7
        shareUnder15s: 0.6666666666666666, // self-served 9 16 14: 2 / 3
      },
      byMarket: [expected.byMarket[1]],
      lowScores: [expected.lowScores[1]],
    });
    expect(report.byDay.map((day) => day.calls)).toEqual([2, 3, 2, 0]); // 5 6 | 10 11 14 | 17 18
  });
});

describe('the CSAT report of a period without calls', () => {
  it('counts 0 and measures nothing, rather than a 0 that looks like a measurement', async () => {
    const report = await buildReport(
      ivrReportPool(),
      parseReportPeriod({ from: '2001-02-01', to: '2001-02-02' }),
    );

    const none = {
      calls: 0,
      selfServed: 0,
      transferred: 0,
      abandoned: 0,
      containmentRate: null,
      responses: 0,
      average: null,
    };
    expect(report).toEqual({
      period: { from: '2001-02-01', to: '2001-02-02', market: null },
      calls: 0,
      selfServed: 0,
      transferred: 0,
      abandoned: 0,
      abandonedInQueue: 0,
      containmentRate: null,
      surveys: {
        responses: 0,
        responseRate: null,
        average: null,
        distribution: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 },
      },
      durations: { calls: 0, medianSeconds: null, p90Seconds: null, shareUnder15s: null },
      byDay: [
        { key: '2001-02-01', ...none },
        { key: '2001-02-02', ...none },
      ],
      byMarket: [],
      byLanguage: [],
      byIntent: [],
      byOutcome: [],
      byQueue: [],
      byAgent: [],
      lowScores: [],
    });
  });
});

describe('the CSAT report as files', () => {
  it('puts the figures in the CSV, a section after another', async () => {
    const csv = reportCsv(await buildReport(ivrReportPool(), period));

    expect(csv).toContain(
      'section,calls,selfServed,transferred,abandoned,abandonedInQueue,containmentRate,surveyResponses,responseRate,averageScore,durationCalls,medianSeconds,p90Seconds,shareUnder15s\r\n' +
        'summary,20,11,6,2,1,0.55,14,0.7,3.5,19,16,240,0.8\r\n',
    );
    expect(csv).toContain('byMarket,PK,13,8,4,1,0.6153846153846154,9,3.111111111111111\r\n');
    expect(csv).toContain('byDay,2001-03-08,0,0,0,0,,0,\r\n');
    expect(csv).toContain(
      `lowScores,${contactId(19)},2001-03-07T11:12:20.000Z,1,PK,hi-IN,CheckOrderStatus,transferred,not-understood,PK Deliveries (hi-IN),agent-bilal\r\n`,
    );
  });

  it('puts the headline figures, the breakdowns and the low scores on the page', async () => {
    const html = reportHtml(await buildReport(ivrReportPool(), period));

    for (const figure of ['20', '55.0 %', '3.50', '70.0 %', '16 s', '4 min'])
      expect(html).toContain(`<div class="value">${figure}`);
    expect(html).toContain('<td>PK Deliveries (hi-IN)</td>');
    expect(html).toContain('<td>agent-omar</td><td class="n">2</td>');
    expect(html).toContain(`<td class="id">${contactId(4)}</td>`);
  });
});

describe('ivr report', () => {
  const env = () => inject('databaseEnv');

  it('prints the report as JSON', async () => {
    const result = await ivr(
      ['report', '--from', '2001-03-05', '--to', '2001-03-08', '--format', 'json'],
      env(),
    );

    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(result.stdout)).toEqual(expected);
  });

  it('prints the report as CSV, for one market', async () => {
    const result = await ivr(
      ['report', '--from', '2001-03-05', '--to', '2001-03-08', '--market', 'AE', '--format', 'csv'],
      env(),
    );

    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^\uFEFFsection,from,to,market\r\nperiod,2001-03-05,2001-03-08,AE\r\n/);
    expect(result.stdout).toContain(
      'summary,7,3,2,1,0,0.42857142857142855,5,0.7142857142857143,4.2,7,16,300,',
    );
  });

  it('says in one line that the period is inverted', async () => {
    const result = await ivr(
      ['report', '--from', '2001-03-08', '--to', '2001-03-05', '--format', 'json'],
      env(),
    );

    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: 'ivr: from (2001-03-08) is after to (2001-03-05)\n',
    });
  });
});

describe('the period of a report', () => {
  it.each([
    [{ from: '2001-03-08', to: '2001-03-05' }, 'from (2001-03-08) is after to (2001-03-05)'],
    [{ from: '5 March 2001', to: '2001-03-08' }, 'from "5 March 2001" is not a date: give it as YYYY-MM-DD'],
    [{ from: '2001-03-05', to: '2001-02-29' }, 'to "2001-02-29" is not a day of the calendar'],
    [{ from: undefined, to: '2001-03-08' }, 'from is missing: give a YYYY-MM-DD date'],
    [
      { from: '2001-03-05', to: '2001-03-08', market: 'FR' },
      'market "FR" is not one of PK, BD, LK, NP, MM, AE, SA, KW, GB',
    ],
    [
      { from: '2000-01-01', to: '2001-01-01' },
      'the period from 2000-01-01 to 2001-01-01 has 367 days; a report covers at most 366',
    ],
  ])('refuses %o, saying what is wrong', (input, message) => {
    expect(() => parseReportPeriod(input)).toThrow(message);
  });

  it('takes a leap year of 366 days, and a market in any case', () => {
    expect(parseReportPeriod({ from: '2000-01-01', to: '2000-12-31', market: 'pk' })).toEqual({
      from: '2000-01-01',
      to: '2000-12-31',
      market: 'PK',
    });
  });
});
