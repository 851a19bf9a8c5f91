/**
 * The report in the format a manager asks for, the same for `ivr report` and the csat-report function:
 * `json` (the figures, as report.ts defines them), `csv` (a spreadsheet, csv.ts) or `html` (a page with
 * charts, html.ts).
 */
import { reportCsv } from '#lib/reports/csv.ts';
import { reportHtml } from '#lib/reports/html.ts';
import type { Report } from '#lib/reports/report.ts';

const RENDERERS = {
  json: (report: Report) => `${JSON.stringify(report, null, 2)}\n`,
  csv: reportCsv,
  html: reportHtml,
} as const satisfies Record<string, (report: Report) => string>;

export type ReportFormat = keyof typeof RENDERERS;

export const REPORT_FORMATS = Object.keys(RENDERERS) as ReportFormat[];

export function isReportFormat(value: string): value is ReportFormat {
  return Object.hasOwn(RENDERERS, value);
}

export function renderReport(report: Report, format: ReportFormat): string {
  return RENDERERS[format](report);
}
