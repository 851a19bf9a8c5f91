import { describe, expect, it } from 'vitest';
import { reportCsv } from '#lib/reports/csv.ts';
import { reportHtml } from '#lib/reports/html.ts';
import { isReportFormat, REPORT_FORMATS, renderReport } from '#lib/reports/render.ts';
import type { Report, ReportBreakdown } from '#lib/reports/report.ts';
import { fixedReport } from '#test/fixtures/report-data-set.ts';

const report = fixedReport((n) => `contact-${n}`);

function emptyReport(): Report {
  return {
    period: { from: '2001-02-01', to: '2001-02-01', market: 'AE' },
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
      {
        key: '2001-02-01',
        calls: 0,
        selfServed: 0,
        transferred: 0,
        abandoned: 0,
        containmentRate: null,
        responses: 0,
        average: null,
      },
    ],
    byMarket: [],
    byLanguage: [],
    byIntent: [],
    byOutcome: [],
    byQueue: [],
    byAgent: [],
    lowScores: [],
  };
}

function queue(key: string): ReportBreakdown {
  return {
    key,
    calls: 1,
    selfServed: 0,
    transferred: 1,
    abandoned: 0,
    containmentRate: 0,
    responses: 1,
    average: 2,
  };
}

describe('the report as CSV', () => {
  it('opens with a byte-order mark and ends its lines with CRLF, a blank line between sections', () => {
    const csv = reportCsv(report);

    expect(
      csv.startsWith('\uFEFFsection,from,to,market\r\nperiod,2001-03-05,2001-03-08,\r\n\r\nsection,calls,'),
    ).toBe(true);
    expect(csv.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    expect(csv.slice(1).match(/^section,/gm)).toHaveLength(11);
  });

  it('counts the calls abandoned in a queue in the summary, beside the abandoned calls', () => {
    const csv = reportCsv(report);

    expect(csv).toContain('section,calls,selfServed,transferred,abandoned,abandonedInQueue,containmentRate,');
    expect(csv).toContain('\r\nsummary,20,11,6,2,1,0.55,');
  });

  it('gives every row its section, and leaves a figure with nothing to measure empty', () => {
    const csv = reportCsv(report);

    expect(csv).toContain('section,score,responses\r\nscores,1,2\r\nscores,2,3\r\nscores,3,1\r\n');
    expect(csv).toContain(
      'section,intent,calls,selfServed,transferred,abandoned,containmentRate,responses,average\r\n',
    );
    expect(csv).toContain('byIntent,,2,0,0,2,0,0,\r\n');
  });

  it('quotes a field with a comma, a quote or a line break, doubling the quotes (RFC 4180)', () => {
    const csv = reportCsv({
      ...report,
      byQueue: [queue('PK, "priority"'), queue('two\nlines'), queue('plain')],
    });

    expect(csv).toContain('byQueue,"PK, ""priority""",1,0,1,0,0,1,2\r\n');
    expect(csv).toContain('byQueue,"two\nlines",1,0,1,0,0,1,2\r\n');
    expect(csv).toContain('byQueue,plain,1,0,1,0,0,1,2\r\n');
  });

  it('keeps a spreadsheet from running a text from a call as a formula', () => {
    const csv = reportCsv({ ...report, byAgent: [queue('=HYPERLINK("http://x")'), queue('@agent')] });

    expect(csv).toContain(`byAgent,"'=HYPERLINK(""http://x"")",1,`);
    expect(csv).toContain("byAgent,'@agent,1,");
  });

  it('writes the sections of a period without calls, with counts of 0 and nothing measured', () => {
    const csv = reportCsv(emptyReport());

    expect(csv).toContain('period,2001-02-01,2001-02-01,AE\r\n');
    expect(csv).toContain('summary,0,0,0,0,0,,0,,,0,,,\r\n');
    expect(csv).toContain('byDay,2001-02-01,0,0,0,0,,0,\r\n');
    expect(csv).toContain(
      'section,contactId,answeredAt,score,market,language,intent,outcome,handoverReason,queue,agent\r\n',
    );
    expect(csv.endsWith('handoverReason,queue,agent\r\n')).toBe(true);
  });
});

describe('the report as a page', () => {
  it('escapes every text from the database', () => {
    const hostile = '<script>alert("x")</script> & \'co\'';
    const html = reportHtml({
      ...report,
      byQueue: [queue(hostile)],
      byAgent: [queue(hostile)],
      lowScores: [
        {
          contactId: hostile,
          answeredAt: '2001-03-07T11:12:20.000Z',
          score: 1,
          market: hostile,
          language: hostile,
          intent: hostile,
          outcome: hostile,
          handoverReason: hostile,
          queue: hostile,
          agent: hostile,
        },
      ],
    });

    expect(html).not.toContain('<script');
    expect(html.split('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;')).toHaveLength(
      2 + 9,
    );
  });

  it('loads nothing from elsewhere: no script, no link, no image, no font', () => {
    const html = reportHtml(report);

    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(|src=/i);
    expect(html.match(/https?:\/\/[^"]*/g)).toEqual(
      Array(4).fill('http://www.w3.org/2000/svg'), // the SVG namespace names, and is never fetched
    );
  });

  it('is an English page with a title naming the period and market', () => {
    const html = reportHtml(emptyReport());

    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).toContain('<title>CSAT report 2001-02-01 to 2001-02-01, AE (United Arab Emirates)</title>');
  });

  it('shows a dash, not a 0, for what a period without calls cannot measure, and says the charts are empty', () => {
    const html = reportHtml(emptyReport());

    expect(html).toContain('<h2>Calls</h2><div class="value">0</div>');
    expect(html).toContain('<h2>Finished by the IVR</h2><div class="value">–</div>');
    expect(html).toContain('<h2>CSAT average</h2><div class="value">–</div>');
    expect(html).toContain('<h2>Median call</h2><div class="value">–</div>');
    expect(html.match(/Nothing to show for this period/g)).toHaveLength(4);
    expect(html).toContain('No scores of 1 or 2 in this period.');
    expect(html).not.toMatch(/<path|<rect/);
  });

  it('says how many of the abandoned calls hung up in a queue, waiting for an agent', () => {
    const html = reportHtml(report);

    expect(html).toContain(
      '<h2>Calls</h2><div class="value">20</div><div class="note">6 transferred, 2 abandoned (1 in a queue)</div>',
    );
  });

  it('draws a line for each day measured and a bar for each score', () => {
    const html = reportHtml(report);

    // 5 to 7 March measured; 8 March without calls leaves the line rather than dropping to 0.
    expect(html).toMatch(
      /data-chart="csat-by-day"[\s\S]*?<path d="M[\d.]+ [\d.]+ L[\d.]+ [\d.]+ L[\d.]+ [\d.]+"/,
    );
    const bars = html.match(/<svg data-chart="score-distribution"[\s\S]*?<\/svg>/)?.[0] ?? '';
    expect(bars.match(/<rect /g)).toHaveLength(5);
    expect(html).toContain('<title>score 5: 6 answers</title>');
  });
});

describe('renderReport', () => {
  it('gives the figures as JSON that reads back as the report', () => {
    expect(JSON.parse(renderReport(report, 'json'))).toEqual(JSON.parse(JSON.stringify(report)));
  });

  it('gives the spreadsheet and the page in the formats of the same names', () => {
    expect(renderReport(report, 'csv')).toMatch(/^\uFEFFsection,from,to,market\r\n/);
    expect(renderReport(report, 'html')).toMatch(/^<!doctype html>/);
  });

  it('knows json, csv and html, and takes nothing else for a format', () => {
    expect(REPORT_FORMATS).toEqual(['json', 'csv', 'html']);
    for (const format of ['pdf', 'HTML', '', 'constructor', 'toString'])
      expect(isReportFormat(format)).toBe(false);
  });
});
