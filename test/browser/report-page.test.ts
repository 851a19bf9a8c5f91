/**
 * The report page as a manager sees it: the fixed data set's report (test/fixtures/report-data-set.ts) drawn
 * by headless Chromium (Debian's `chromium` package, driven by playwright-core; no browser is downloaded).
 * The full-page screenshot is left in the system's temporary folder, ivr-report-page/report.png (on Linux
 * /tmp/ivr-report-page/report.png), for people to look at: never in the working tree.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportHtml } from '#lib/reports/html.ts';
import { fixedReport } from '#test/fixtures/report-data-set.ts';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = join(tmpdir(), 'ivr-report-page', 'report.png');

let browser: Browser;
let page: Page;
let dir: string;
let pageUrl: string;
const requests: string[] = [];
const consoleErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `${CHROMIUM} is missing: install Debian's chromium package (apt-get install -y chromium)`,
    );
  dir = await mkdtemp(join(tmpdir(), 'ivr-report-page-'));
  const file = join(dir, 'report.html');
  await writeFile(
    file,
    reportHtml(fixedReport((n) => `b7e3c1d0-5a2f-4c6e-9d1b-${String(n).padStart(12, '0')}`)),
  );
  pageUrl = pathToFileURL(file).href;
  browser = await chromium.launch({ executablePath: CHROMIUM });
  page = await browser.newPage({ viewport: { width: 1366, height: 800 } });
  page.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  await page.goto(pageUrl, { waitUntil: 'load' });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The marks a chart drew that take up room on the screen. */
async function drawnMarks(chart: string): Promise<{ tag: string; width: number; height: number }[]> {
  return page.$$eval(`svg[data-chart="${chart}"] :is(path, rect, circle)`, (marks) =>
    marks
      .map((mark) => {
        const box = mark.getBoundingClientRect();
        return { tag: mark.tagName, width: box.width, height: box.height };
      })
      .filter((box) => box.width > 0 && box.height > 0),
  );
}

describe('the report page in a browser', () => {
  it('has a title and the headline figures', async () => {
    expect(await page.title()).toBe('CSAT report 2001-03-05 to 2001-03-08, all markets');
    expect(await page.locator('.card .value').allInnerTexts()).toEqual([
      '20',
      '55.0 %',
      '3.50 / 5',
      '70.0 %',
      '16 s',
      '4 min',
    ]);
  });

  it('draws the CSAT average by day as a line with a point for each day measured', async () => {
    const marks = await drawnMarks('csat-by-day');

    expect(marks.filter((mark) => mark.tag === 'path')).toHaveLength(1);
    expect(marks.filter((mark) => mark.tag === 'circle')).toHaveLength(3);
  });

  it('draws containment by day as a line with a point for each day measured', async () => {
    const marks = await drawnMarks('containment-by-day');

    expect(marks.filter((mark) => mark.tag === 'path')).toHaveLength(1);
    expect(marks.filter((mark) => mark.tag === 'circle')).toHaveLength(3);
  });

  it('draws a bar for each score, the longest for the most answers', async () => {
    const bars = await drawnMarks('score-distribution');

    expect(bars).toHaveLength(5);
    // answers per score 2 3 1 2 6
    const heights = bars.map((bar) => bar.height);
    expect(Math.max(...heights)).toBe(heights[4]);
    expect(Math.min(...heights)).toBe(heights[2]);
  });

  it('draws the median and 90th-percentile call, and the share of quick self-served calls', async () => {
    const bars = await drawnMarks('durations');

    // median, p90, and the share drawn over its 100 % track
    expect(bars).toHaveLength(4);
    expect(bars[1]?.width).toBeGreaterThan(bars[0]?.width ?? Infinity);
  });

  it('shows the tables by market, language, intent, outcome, queue and agent, and the low scores', async () => {
    const headings = await page.locator('section > h2').allInnerTexts();

    expect(headings).toEqual([
      'By market',
      'By language',
      'By intent',
      'By outcome',
      'By queue',
      'By agent',
      'Low scores to follow up',
    ]);
    expect(await page.locator('section:has(> h2:text-is("Low scores to follow up")) tbody tr').count()).toBe(
      5,
    );
  });

  it('logs no error and asks for nothing but the page itself', () => {
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([pageUrl]);
  });

  it('fits a laptop screen without scrolling sideways, and leaves a screenshot to look at', async () => {
    const width = await page.$eval('html', (root) => root.scrollWidth);
    await mkdir(dirname(SCREENSHOT), { recursive: true });
    // The screenshot of an earlier run is no proof that this one was taken.
    await rm(SCREENSHOT, { force: true });

    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    expect(width).toBeLessThanOrEqual(1366);
    expect(existsSync(SCREENSHOT)).toBe(true);
  });
});
