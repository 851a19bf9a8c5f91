/**
 * The CSAT report (report.ts) as CSV for a spreadsheet.
 */
import type { LowScore, Report } from '#lib/reports/report.ts';

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
        'abandonedInQueue',
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
        report.abandonedInQueue,
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
