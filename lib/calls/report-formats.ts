/**
 * The CSAT report (report.ts) as a manager opens it: CSV for a spreadsheet, or one self-contained HTML page
 * with the headline figures, charts drawn here as inline SVG and the tables. The page loads nothing: no
 * script, no font, no image from elsewhere, so it can be mailed, archived or opened offline as it is.
 */
import { MARKETS } from '../markets.ts';
import {
  type LowScore,
  MAX_LOW_SCORES,
  type Report,
  type ReportBreakdown,
  type ReportPeriod,
} from './report.ts';

type Cell = string | number | null;

const BREAKDOWN_SECTIONS = [
  ['byDay', 'day'],
  ['byMarket', 'market'],
  ['byLanguage', 'language'],
  ['byIntent', 'intent'],
  ['byOutcome', 'outcome'],
  ['byQueue', 'queue'],
  ['byAgent', 'agent'],
] as const;

const BREAKDOWN_FIGURES = [
  'calls',
  'selfServed',
  'transferred',
  'abandoned',
  'containmentRate',
  'responses',
  'average',
] as const;

const LOW_SCORE_COLUMNS = [
  'contactId',
  'answeredAt',
  'score',
  'market',
  'language',
  'intent',
  'outcome',
  'handoverReason',
  'queue',
  'agent',
] as const satisfies readonly (keyof LowScore)[];

/**
 * The report as CSV (RFC 4180: CRLF line ends, a field with a comma, quote or line break quoted, quotes
 * doubled), UTF-8 with a byte-order mark so that spreadsheets read it as UTF-8.
 *
 * Sections follow one another, a blank line apart: `period`, `summary`, `scores`, `byDay`, `byMarket`,
 * `byLanguage`, `byIntent`, `byOutcome`, `byQueue`, `byAgent`, `lowScores`. Each opens with its own header
 * row, and every row starts with its section's name, so the blocks read well in a sheet and can also be
 * filtered on the first column. Rates are fractions (0.35, not 35 %), empty where there was nothing to
 * measure. A text from the database that a spreadsheet would take for a formula (it starts with `=`, `+`,
 * `-` or `@`) gets a leading `'`.
 */
export function reportCsv(report: Report): string {
  const { period, surveys, durations } = report;
  const sections: Cell[][][] = [
    [
      ['section', 'from', 'to', 'market'],
      ['period', period.from, period.to, period.market],
    ],
    [
      [
        'section',
        'calls',
        'selfServed',
        'transferred',
        'abandoned',
        'containmentRate',
        'surveyResponses',
        'responseRate',
        'averageScore',
        'durationCalls',
        'medianSeconds',
        'p90Seconds',
        'shareUnder15s',
      ],
      [
        'summary',
        report.calls,
        report.selfServed,
        report.transferred,
        report.abandoned,
        report.containmentRate,
        surveys.responses,
        surveys.responseRate,
        surveys.average,
        durations.calls,
        durations.medianSeconds,
        durations.p90Seconds,
        durations.shareUnder15s,
      ],
    ],
    [
      ['section', 'score', 'responses'],
      ...Object.entries(surveys.distribution).map(([score, responses]) => [
        'scores',
        Number(score),
        responses,
      ]),
    ],
    ...BREAKDOWN_SECTIONS.map(([name, key]) => [
      ['section', key, ...BREAKDOWN_FIGURES],
      ...report[name].map((entry) => [name, safeText(entry.key), ...BREAKDOWN_FIGURES.map((f) => entry[f])]),
    ]),
    [
      ['section', ...LOW_SCORE_COLUMNS],
      ...report.lowScores.map((low) => [
        'lowScores',
        ...LOW_SCORE_COLUMNS.map((column) => {
          const value = low[column];
          return typeof value === 'string' ? safeText(value) : value;
        }),
      ]),
    ],
  ];
  return `\uFEFF${sections.map((rows) => rows.map(csvRow).join('')).join('\r\n')}`;
}

function csvRow(cells: Cell[]): string {
  return `${cells.map(csvField).join(',')}\r\n`;
}

function csvField(cell: Cell): string {
  if (cell === null) return '';
  const text = String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Spreadsheets run a cell that starts with one of these as a formula: a text from a call must not. */
function safeText(value: string | null): string | null {
  return value !== null && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Escapes a text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const COLOURS = {
  line: '#2563eb',
  containment: '#0d9488',
  grid: '#e5e7eb',
  axis: '#6b7280',
  low: '#dc2626',
  middle: '#f59e0b',
  high: '#16a34a',
  duration: '#6366f1',
  track: '#eef2ff',
};

/**
 * The report as one HTML page (`lang="en"`, no external requests): headline figures; CSAT average and
 * containment by day as lines, the score distribution as bars, the median and 90th-percentile call length
 * and the share of quick self-served calls; tables by market, language, intent, outcome, queue, agent and
 * day; the low scores to follow up. Every text from the database is escaped.
 */
export function reportHtml(report: Report): string {
  const { surveys, durations } = report;
  const title = `CSAT report ${report.period.from} to ${report.period.to}, ${marketLabel(report.period)}`;
  const days = report.byDay;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
  <h1>Calls and customer satisfaction</h1>
  <p class="period">${escapeHtml(periodLabel(report.period))} · ${escapeHtml(marketLabel(report.period))}</p>
</header>
<section class="headline" aria-label="Headline figures">
  ${card('Calls', formatCount(report.calls), `${formatCount(report.transferred)} transferred, ${formatCount(report.abandoned)} abandoned`)}
  ${card('Finished by the IVR', formatPercent(report.containmentRate), `${formatCount(report.selfServed)} self-served calls`)}
  ${card('CSAT average', surveys.average === null ? '–' : `${formatAverage(surveys.average)} <small>/ 5</small>`, `from ${formatCount(surveys.responses)} survey answers`)}
  ${card('Survey response rate', formatPercent(surveys.responseRate), 'answers per call')}
  ${card('Median call', formatSeconds(durations.medianSeconds), `of ${formatCount(durations.calls)} ended calls`)}
  ${card('90th percentile call', formatSeconds(durations.p90Seconds), '9 in 10 calls are this short or shorter')}
</section>
<section class="charts">
  <figure>
    <figcaption>CSAT average by day</figcaption>
    ${lineChart({
      name: 'csat-by-day',
      label: 'CSAT average by day, from 1 to 5',
      points: days.map((day) => ({ label: day.key ?? '', value: day.average })),
      min: 1,
      max: 5,
      ticks: [1, 2, 3, 4, 5],
      tickLabel: String,
      valueLabel: formatAverage,
      colour: COLOURS.line,
    })}
  </figure>
  <figure>
    <figcaption>Calls finished by the IVR (containment) by day</figcaption>
    ${lineChart({
      name: 'containment-by-day',
      label: 'Containment by day, in percent of calls',
      points: days.map((day) => ({ label: day.key ?? '', value: day.containmentRate })),
      min: 0,
      max: 1,
      ticks: [0, 0.25, 0.5, 0.75, 1],
      tickLabel: (value) => `${Math.round(value * 100)} %`,
      valueLabel: formatPercent,
      colour: COLOURS.containment,
    })}
  </figure>
  <figure>
    <figcaption>Survey scores</figcaption>
    ${distributionChart(surveys.distribution)}
  </figure>
  <figure>
    <figcaption>Call durations</figcaption>
    ${durationsChart(durations)}
  </figure>
</section>
${breakdownTable('By market', 'Market', report.byMarket, (key) => `${key} ${marketName(key)}`)}
${breakdownTable('By language', 'Language', report.byLanguage)}
${breakdownTable('By intent', 'Intent', report.byIntent)}
${breakdownTable('By outcome', 'Outcome', report.byOutcome)}
${breakdownTable('By queue', 'Queue', report.byQueue)}
${breakdownTable('By agent', 'Agent', report.byAgent)}
${lowScoresTable(report.lowScores)}
<details>
  <summary>By day</summary>
  ${breakdownTable('By day', 'Day', report.byDay, undefined, 'h3')}
</details>
<footer>
  <p>Containment: self-served calls ÷ calls. Response rate: survey answers with a score ÷ calls. CSAT average:
  the mean of the scores 1 to 5. Durations: whole seconds from the start of a call to its end, over the calls
  that ended; median and 90th percentile by nearest rank. Quick calls: self-served calls under 15 s ÷
  self-served calls. Days are UTC. “–” means there was nothing to measure.</p>
</footer>
</body>
</html>
`;
}

const STYLE = `
:root { color-scheme: light; --ink: #111827; --muted: #6b7280; --line: #e5e7eb; --panel: #f9fafb; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1180px; padding: 24px 32px 48px; color: var(--ink);
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
h1 { margin: 0; font-size: 26px; }
h2 { margin: 32px 0 8px; font-size: 18px; }
h3 { margin: 16px 0 8px; font-size: 16px; }
.period { margin: 4px 0 20px; color: var(--muted); }
.headline { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: 12px; }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 12px 14px; }
.card h2 { margin: 0; font-size: 13px; font-weight: 600; color: var(--muted); text-transform: uppercase;
  letter-spacing: .03em; }
.card .value { white-space: nowrap; font-size: 30px; font-weight: 700; margin: 4px 0 2px; font-variant-numeric: tabular-nums; }
.card .value small { font-size: 16px; font-weight: 500; color: var(--muted); }
.card .note { font-size: 13px; color: var(--muted); }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(460px, 1fr)); gap: 16px; margin-top: 24px; }
figure { margin: 0; border: 1px solid var(--line); border-radius: 10px; padding: 12px 14px; }
figcaption { font-weight: 600; margin-bottom: 6px; }
svg { display: block; width: 100%; height: auto; }
svg text { font: 12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; fill: #374151; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { padding: 6px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { font-size: 13px; color: var(--muted); font-weight: 600; }
td.n, th.n { text-align: right; }
td.none { color: var(--muted); font-style: italic; }
td.id { font-family: ui-monospace, "SFMono-Regular", Menlo, monospace; font-size: 13px; }
.score { display: inline-block; min-width: 22px; text-align: center; border-radius: 4px; color: #fff;
  font-weight: 700; background: ${COLOURS.low}; }
.empty { color: var(--muted); }
details { margin-top: 32px; }
summary { cursor: pointer; font-weight: 600; font-size: 18px; }
footer { margin-top: 40px; color: var(--muted); font-size: 13px; }
`;

function card(title: string, value: string, note: string): string {
  return `<div class="card"><h2>${title}</h2><div class="value">${value}</div><div class="note">${note}</div></div>`;
}

interface LineChart {
  /** For tests and styles: `data-chart`. */
  name: string;
  label: string;
  points: { label: string; value: number | null }[];
  min: number;
  max: number;
  ticks: number[];
  tickLabel: (value: number) => string;
  valueLabel: (value: number) => string;
  colour: string;
}

const CHART = { width: 560, height: 240, left: 48, right: 16, top: 14, bottom: 34 };

/** A line over the days; a day with nothing to measure breaks the line rather than drawing it at 0. */
function lineChart(chart: LineChart): string {
  const { width, height, left, right, top, bottom } = CHART;
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const n = chart.points.length;
  const x = (index: number) => left + (n === 1 ? plotWidth / 2 : (index / (n - 1)) * plotWidth);
  const y = (value: number) => top + (1 - (value - chart.min) / (chart.max - chart.min)) * plotHeight;
  const grid = chart.ticks
    .map(
      (tick) =>
        `<line x1="${left}" x2="${width - right}" y1="${round(y(tick))}" y2="${round(y(tick))}" stroke="${COLOURS.grid}"/>` +
        `<text x="${left - 6}" y="${round(y(tick)) + 4}" text-anchor="end">${escapeHtml(chart.tickLabel(tick))}</text>`,
    )
    .join('');
  const measured = chart.points.some((point) => point.value !== null);
  let segments = '';
  let pen: 'M' | 'L' = 'M';
  chart.points.forEach((point, index) => {
    if (point.value === null) {
      pen = 'M';
      return;
    }
    segments += `${pen}${round(x(index))} ${round(y(point.value))} `;
    pen = 'L';
  });
  const dots = chart.points
    .map((point, index) =>
      point.value === null
        ? ''
        : `<circle cx="${round(x(index))}" cy="${round(y(point.value))}" r="3.5" fill="${chart.colour}">` +
          `<title>${escapeHtml(`${point.label}: ${chart.valueLabel(point.value)}`)}</title></circle>`,
    )
    .join('');
  const labelEvery = Math.max(1, Math.ceil(n / 8));
  const xLabels = chart.points
    .map((point, index) =>
      index % labelEvery === 0 || index === n - 1
        ? `<text x="${round(x(index))}" y="${height - 12}" text-anchor="middle">${escapeHtml(shortDay(point.label))}</text>`
        : '',
    )
    .join('');
  const body = measured
    ? `<path d="${segments.trim()}" fill="none" stroke="${chart.colour}" stroke-width="2.5" stroke-linejoin="round" stroke-linecap="round"/>${dots}`
    : noData(width, height);
  return svg(chart.name, chart.label, width, height, `${grid}${xLabels}${body}`);
}

/** One bar per score, red for 1 and 2, amber for 3, green for 4 and 5, the count above each. */
function distributionChart(distribution: Report['surveys']['distribution']): string {
  const { width, height, left, right, top, bottom } = CHART;
  const scores = Object.entries(distribution).map(([score, responses]) => ({ score, responses }));
  const most = Math.max(0, ...scores.map((entry) => entry.responses));
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom - 14;
  const slot = plotWidth / scores.length;
  const barWidth = slot * 0.6;
  const base = height - bottom;
  const bars = scores
    .map(({ score, responses }, index) => {
      const barHeight = most === 0 ? 0 : (responses / most) * plotHeight;
      const x = left + index * slot + (slot - barWidth) / 2;
      const colour = Number(score) <= 2 ? COLOURS.low : Number(score) === 3 ? COLOURS.middle : COLOURS.high;
      return (
        `<rect x="${round(x)}" y="${round(base - barHeight)}" width="${round(barWidth)}" height="${round(barHeight)}" fill="${colour}" rx="3">` +
        `<title>score ${score}: ${responses} answers</title></rect>` +
        `<text x="${round(x + barWidth / 2)}" y="${round(base - barHeight - 5)}" text-anchor="middle">${responses}</text>` +
        `<text x="${round(x + barWidth / 2)}" y="${height - 12}" text-anchor="middle">${score}</text>`
      );
    })
    .join('');
  const axis = `<line x1="${left}" x2="${width - right}" y1="${base}" y2="${base}" stroke="${COLOURS.axis}"/>`;
  const body = most === 0 ? noData(width, height) : bars;
  return svg('score-distribution', 'Survey answers per score, 1 to 5', width, height, `${axis}${body}`);
}

/**
 * The median and 90th-percentile call as bars on one scale of seconds, with the 15-second mark the quick
 * calls are measured against, and the share of quick self-served calls as a bar of 100 %.
 */
function durationsChart(durations: Report['durations']): string {
  const { width } = CHART;
  // Three bars need less room than the other charts; the figure's frame keeps the rows of charts aligned.
  const height = 170;
  const left = 150;
  const right = 60;
  const plotWidth = width - left - right;
  const scaleMax = Math.max(15, durations.p90Seconds ?? 0, durations.medianSeconds ?? 0) * 1.1;
  const xOf = (seconds: number) => left + (seconds / scaleMax) * plotWidth;
  const bar = (row: number, label: string, length: number, value: string, colour: string, track: boolean) => {
    const y = 22 + row * 58;
    return (
      `<text x="${left - 10}" y="${y + 17}" text-anchor="end">${label}</text>` +
      (track
        ? `<rect x="${left}" y="${y}" width="${plotWidth}" height="26" fill="${COLOURS.track}" rx="3"/>`
        : '') +
      `<rect x="${left}" y="${y}" width="${round(length)}" height="26" fill="${colour}" rx="3"/>` +
      `<text x="${round(left + Math.max(length, track ? plotWidth : 0) + 6)}" y="${y + 17}">${value}</text>`
    );
  };
  const rows: string[] = [];
  if (durations.medianSeconds !== null)
    rows.push(
      bar(
        0,
        'Median call',
        xOf(durations.medianSeconds) - left,
        formatSeconds(durations.medianSeconds),
        COLOURS.duration,
        false,
      ),
    );
  if (durations.p90Seconds !== null)
    rows.push(
      bar(
        1,
        '90th percentile',
        xOf(durations.p90Seconds) - left,
        formatSeconds(durations.p90Seconds),
        COLOURS.duration,
        false,
      ),
    );
  if (durations.shareUnder15s !== null)
    rows.push(
      bar(
        2,
        'Self-served under 15 s',
        durations.shareUnder15s * plotWidth,
        formatPercent(durations.shareUnder15s),
        COLOURS.high,
        true,
      ),
    );
  const mark =
    durations.medianSeconds === null
      ? ''
      : `<line x1="${round(xOf(15))}" x2="${round(xOf(15))}" y1="12" y2="134" stroke="${COLOURS.axis}" stroke-dasharray="4 3"/>` +
        `<text x="${round(xOf(15))}" y="${10}" text-anchor="middle">15 s</text>`;
  const body = rows.length === 0 ? noData(width, height) : `${mark}${rows.join('')}`;
  return svg(
    'durations',
    'Median and 90th-percentile call length, and the share of self-served calls under 15 seconds',
    width,
    height,
    body,
  );
}

function svg(name: string, label: string, width: number, height: number, content: string): string {
  return `<svg data-chart="${name}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(label)}" xmlns="http://www.w3.org/2000/svg">${content}</svg>`;
}

function noData(width: number, height: number): string {
  return `<text x="${width / 2}" y="${height / 2}" text-anchor="middle" class="empty">Nothing to show for this period</text>`;
}

function breakdownTable(
  title: string,
  keyHeading: string,
  entries: ReportBreakdown[],
  describe: (key: string) => string = (key) => key,
  heading: 'h2' | 'h3' = 'h2',
): string {
  const rows = entries
    .map(
      (entry) =>
        `<tr>${keyCell(entry.key === null ? null : describe(entry.key))}` +
        `<td class="n">${formatCount(entry.calls)}</td><td class="n">${formatCount(entry.selfServed)}</td>` +
        `<td class="n">${formatCount(entry.transferred)}</td><td class="n">${formatCount(entry.abandoned)}</td>` +
        `<td class="n">${formatPercent(entry.containmentRate)}</td><td class="n">${formatCount(entry.responses)}</td>` +
        `<td class="n">${entry.average === null ? '–' : formatAverage(entry.average)}</td></tr>`,
    )
    .join('\n');
  return `<section>
<${heading}>${title}</${heading}>
${
  entries.length === 0
    ? '<p class="empty">No calls in this period.</p>'
    : `<table>
<thead><tr><th>${keyHeading}</th><th class="n">Calls</th><th class="n">Self-served</th><th class="n">Transferred</th><th class="n">Abandoned</th><th class="n">Containment</th><th class="n">Responses</th><th class="n">CSAT average</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`
}
</section>`;
}

function lowScoresTable(lowScores: LowScore[]): string {
  const rows = lowScores
    .map(
      (low) =>
        `<tr><td>${escapeHtml(low.answeredAt.slice(0, 16).replace('T', ' '))}</td>` +
        `<td class="n"><span class="score">${low.score}</span></td>` +
        [low.market, low.language, low.intent, low.outcome, low.handoverReason, low.queue, low.agent]
          .map(keyCell)
          .join('') +
        `<td class="id">${escapeHtml(low.contactId)}</td></tr>`,
    )
    .join('\n');
  return `<section>
<h2>Low scores to follow up</h2>
${
  lowScores.length === 0
    ? '<p class="empty">No scores of 1 or 2 in this period.</p>'
    : `<p class="empty">Answers of 1 or 2, the newest first${lowScores.length >= MAX_LOW_SCORES ? ` (the newest ${MAX_LOW_SCORES})` : ''}. Times are UTC.</p>
<table>
<thead><tr><th>Answered</th><th class="n">Score</th><th>Market</th><th>Language</th><th>Intent</th><th>Outcome</th><th>Hand-over reason</th><th>Queue</th><th>Agent</th><th>Contact</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`
}
</section>`;
}

function keyCell(value: string | null): string {
  return value === null ? '<td class="none">not recorded</td>' : `<td>${escapeHtml(value)}</td>`;
}

function marketName(code: string): string {
  const market = MARKETS[code as keyof typeof MARKETS];
  return market ? `(${market.name})` : '';
}

function marketLabel(period: ReportPeriod): string {
  return period.market ? `${period.market} ${marketName(period.market)}` : 'all markets';
}

function periodLabel(period: ReportPeriod): string {
  return period.from === period.to
    ? longDay(period.from)
    : `${longDay(period.from)} to ${longDay(period.to)}`;
}

function longDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return `${date} ${MONTHS[month - 1] ?? ''} ${year}`;
}

function shortDay(day: string): string {
  const [, month, date] = day.split('-').map(Number) as [number, number, number];
  return `${date} ${MONTHS[month - 1] ?? ''}`;
}

function formatCount(value: number): string {
  return value.toLocaleString('en-GB');
}

function formatPercent(rate: number | null): string {
  return rate === null ? '–' : `${(rate * 100).toFixed(1)} %`;
}

function formatAverage(average: number): string {
  return average.toFixed(2);
}

function formatSeconds(seconds: number | null): string {
  if (seconds === null) return '–';
  if (seconds < 60) return `${seconds} s`;
  const rest = seconds % 60;
  return `${Math.floor(seconds / 60)} min${rest === 0 ? '' : ` ${rest} s`}`;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
