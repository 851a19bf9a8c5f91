/**
 * The CSAT report (report.ts) as a manager opens it: one self-contained HTML page with the headline figures,
 * charts (charts.ts) and the tables. The page loads nothing: no script, no font, no image from elsewhere, so
 * it can be mailed, archived or opened offline as it is.
 */
import { MARKETS } from '#lib/markets.ts';
import { COLOURS, distributionChart, durationsChart, lineChart } from '#lib/reports/charts.ts';
import {
  type LowScore,
  MAX_LOW_SCORES,
  type Report,
  type ReportBreakdown,
  type ReportPeriod,
} from '#lib/reports/report.ts';
import {
  escapeHtml,
  formatAverage,
  formatCount,
  formatPercent,
  formatSeconds,
  longDay,
} from '#lib/reports/text.ts';

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
  ${card('Calls', formatCount(report.calls), `${formatCount(report.transferred)} transferred, ${formatCount(report.abandoned)} abandoned (${formatCount(report.abandonedInQueue)} in a queue)`)}
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
  <p>Transferred: an agent answered, or the caller booked a call back. Abandoned: the caller hung up before
  their need was met; in a queue: after asking for an agent, before one answered. Containment: self-served
  calls ÷ calls. Response rate: survey answers with a score ÷ calls. CSAT average:
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
