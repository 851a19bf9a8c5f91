/**
 * The report page's charts, drawn here as inline SVG: no script, no font, no image from elsewhere. Each chart
 * is named by `data-chart` for tests and styles, and labelled for screen readers.
 */
import type { Report } from '#lib/reports/report.ts';
import { escapeHtml, formatPercent, formatSeconds, shortDay } from '#lib/reports/text.ts';

export const COLOURS = {
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
export function lineChart(chart: LineChart): string {
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
export function distributionChart(distribution: Report['surveys']['distribution']): string {
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
export function durationsChart(durations: Report['durations']): string {
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

/** A coordinate of a chart, to a tenth of a pixel. */
function round(value: number): number {
  return Math.round(value * 10) / 10;
}
