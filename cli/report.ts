/** `ivr report`: the managers' CSAT report of a period, as JSON, CSV or an HTML page with charts. */
import { writeFile } from 'node:fs/promises';
import { type Command, Option } from 'commander';
import { ivrReportPool } from '#lib/db/pools.ts';
import { buildReport } from '#lib/reports/query.ts';
import { REPORT_FORMATS, type ReportFormat, renderReport } from '#lib/reports/render.ts';
import { parseReportPeriod, ReportPeriodError } from '#lib/reports/report.ts';
import { useEnvironment } from './environment.ts';
import { UsageError } from './output.ts';

interface ReportOptions {
  from: string;
  to: string;
  market?: string;
  format: ReportFormat;
  out?: string;
}

export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description(
      "the CSAT report of a period: calls, containment, survey scores, durations, breakdowns and the low scores, read from the IVR database's replica (IVR_DB_READER_URL, else IVR_DB_URL, else the local stack)",
    )
    .requiredOption('--from <date>', 'first day of the period, YYYY-MM-DD (UTC)')
    .requiredOption(
      '--to <date>',
      'last day of the period, included, YYYY-MM-DD (UTC); at most 366 days in all',
    )
    .option(
      '--market <code>',
      'only calls of this market (PK, BD, LK, NP, MM, AE, SA, KW, GB); all when left out',
    )
    .addOption(
      new Option(
        '--format <format>',
        'json for the figures, csv for a spreadsheet, html for a page with charts',
      )
        .choices(REPORT_FORMATS)
        .makeOptionMandatory(),
    )
    .option('--out <file>', 'write the report to this file instead of printing it')
    .addHelpText(
      'after',
      '\nExamples:\n  npx ivr report --from 2026-11-01 --to 2026-11-30 --format html --out november.html\n  npx ivr report --from 2026-11-23 --to 2026-11-23 --market PK --format csv',
    )
    .action(async (options: ReportOptions) => {
      const period = readPeriod(options);
      await useEnvironment();
      const text = renderReport(await buildReport(ivrReportPool(), period), options.format);
      if (options.out === undefined) {
        process.stdout.write(text);
        return;
      }
      await writeFile(options.out, text);
      console.log(`wrote the report of ${period.from} to ${period.to} to ${options.out}`);
    });
}

function readPeriod(options: ReportOptions) {
  try {
    return parseReportPeriod(options);
  } catch (error) {
    if (error instanceof ReportPeriodError) throw new UsageError(error.message);
    throw error;
  }
}
