/**
 * `ivr bundles`: every function built as `sam build` builds it (cli/sam-build.ts), with its size, the packages
 * that weigh most in it, and its cold start: the time a fresh Node process takes to import the bundle and
 * answer a first invocation, minus the time a bare Node takes to start and exit (median of N runs each).
 * `--source-maps` measures the same with the bundle's source map loaded at run time (`--enable-source-maps`).
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { build } from 'esbuild';
import { PROJECT_ROOT } from '#lib/paths.ts';
import { contactFlowEvent } from '#simulator/connect-event.ts';
import { kinesisStreamRecord } from '#simulator/contact-record.ts';
import { loadTemplate, type SamTemplate } from '#simulator/sam-template.ts';
import { parseCount, useEnvironment } from './environment.ts';
import { buildLikeSam, esbuildFunctions, samEsbuildArguments } from './sam-build.ts';

const CALLER = '+923001234567';
const LINE = '+922111000000';

/** A first event for each function, as its trigger would send it. */
function firstEvent(name: string): unknown {
  const contactId = randomUUID();
  const connect = (parameters: Record<string, string>, attributes: Record<string, string> = {}) =>
    contactFlowEvent({ contactId, from: CALLER, to: LINE, parameters, attributes });
  const now = new Date();
  const stamp = `${now.toISOString().slice(0, 19)}Z`;
  switch (name) {
    case 'OrderStatusFunction':
      return connect({ action: 'identify' });
    case 'PromptFunction':
      return connect({ name: 'menu' });
    case 'EscalationFunction':
      return connect({}, { handoverReason: 'caller-asked' });
    case 'SurveyFunction':
      return connect({ key: '5' });
    case 'LexHookFunction':
      return {
        messageVersion: '1.0',
        invocationSource: 'DialogCodeHook',
        inputMode: 'Speech',
        sessionId: contactId,
        inputTranscript: 'when will my order arrive',
        bot: { id: 'BOT', name: 'OrderStatusBot', aliasId: 'ALIAS', localeId: 'en_IN', version: '1' },
        sessionState: {
          sessionAttributes: { callerNumber: CALLER, dialledNumber: LINE },
          intent: { name: 'DeliveryDate', slots: { OrderNumber: null }, state: 'InProgress' },
        },
      };
    case 'ContactRecordsFunction': {
      const record = {
        ContactId: randomUUID(),
        Channel: 'VOICE',
        InitiationMethod: 'INBOUND',
        InitiationTimestamp: stamp,
        DisconnectTimestamp: stamp,
        LastUpdateTimestamp: stamp,
        CustomerEndpoint: { Address: CALLER, Type: 'TELEPHONE_NUMBER' },
        SystemEndpoint: { Address: LINE, Type: 'TELEPHONE_NUMBER' },
        Attributes: { callOutcome: 'self-served', language: 'en-IN' },
      };
      const data = Buffer.from(JSON.stringify(record));
      return { Records: [kinesisStreamRecord(data, record.ContactId, '1', now.getTime() / 1000)] };
    }
    case 'CsatReportFunction':
      return {
        version: '2.0',
        rawPath: '/',
        rawQueryString: 'format=json',
        queryStringParameters: { format: 'json' },
        headers: {},
        requestContext: { http: { method: 'GET', path: '/' } },
        isBase64Encoded: false,
      };
    default:
      throw new Error(`no first event for ${name}`);
  }
}

interface Timed {
  wallMs: number;
  importMs: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** One fresh Node: `args`, with `input` on stdin; the wall time from spawn to exit. */
function timeNode(args: string[], input: string, env: NodeJS.ProcessEnv, cwd: string): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = execFile(process.execPath, args, { env, cwd, timeout: 60_000 }, (error, stdout, stderr) => {
      const wallMs = performance.now() - started;
      if (error) return reject(new Error(`${error.message}\n${stderr}`));
      const line = stdout.split('\n').find((text) => text.startsWith('@@invocation '));
      const importMs = line ? JSON.parse(line.slice('@@invocation '.length)).importMs : 0;
      resolve({ wallMs, importMs });
    });
    child.stdin?.end(input);
  });
}

/** The packages that weigh most in a function's bundle, from esbuild's own account of its output. */
async function heaviestPackages(template: SamTemplate, name: string, outDir: string): Promise<string[]> {
  const properties = template.Resources[name]?.Metadata?.BuildProperties as Record<string, unknown>;
  const args = samEsbuildArguments(properties, outDir);
  const entryPoints = (properties.EntryPoints as string[]).map((entry) => join(PROJECT_ROOT, entry));
  const external = args.filter((arg) => arg.startsWith('--external:')).map((arg) => arg.slice(11));
  const result = await build({
    entryPoints,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    minify: true,
    external,
    write: false,
    metafile: true,
    outdir: outDir,
    logLevel: 'silent',
  });
  const bytes = new Map<string, number>();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const pkg =
        input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ?? input.split('/').slice(0, 2).join('/');
      bytes.set(pkg, (bytes.get(pkg) ?? 0) + bytesInOutput);
    }
  }
  return [...bytes]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([pkg, size]) => `${pkg} ${Math.round(size / 1024)} KB`);
}

export interface BundleFigures {
  function: string;
  kilobytes: number;
  coldStartMs: number;
  importMs: number;
  heaviest: string[];
}

/** Builds every function and times its cold start `runs` times; `sourceMaps` builds and loads maps too. */
export async function measureBundles(
  runs: number,
  sourceMaps: boolean,
): Promise<{ bareNodeMs: number; functions: BundleFigures[] }> {
  const template = loadTemplate();
  if (sourceMaps) {
    for (const name of esbuildFunctions(template)) {
      const properties = template.Resources[name]?.Metadata?.BuildProperties as Record<string, unknown>;
      properties.Sourcemap = true;
    }
  }
  const outRoot = await mkdtemp(join(tmpdir(), 'ivr-bundles-'));
  try {
    // Lambda's /var/task holds the bundle alone; the runtime provides @aws-sdk beside it.
    await mkdir(join(outRoot, 'node_modules'));
    await symlink(join(PROJECT_ROOT, 'node_modules', '@aws-sdk'), join(outRoot, 'node_modules', '@aws-sdk'));
    const env = {
      ...process.env,
      QUEUE_ARNS: process.env.QUEUE_ARNS ?? '{}',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      POWERTOOLS_METRICS_DISABLED: 'true',
      NODE_OPTIONS: sourceMaps ? '--enable-source-maps' : '',
    };
    const bare: number[] = [];
    for (let run = 0; run < runs; run += 1) bare.push((await timeNode(['-e', '0'], '', env, outRoot)).wallMs);
    const bareNodeMs = median(bare);
    const functions: BundleFigures[] = [];
    for (const name of esbuildFunctions(template)) {
      const built = await buildLikeSam(template, name, outRoot);
      const input = JSON.stringify(firstEvent(name));
      const args = [
        join(PROJECT_ROOT, 'cli', 'invoke-bundle.mjs'),
        built.handlerFile as string,
        built.exportName,
        '8',
      ];
      const timed: Timed[] = [];
      for (let run = 0; run < runs; run += 1) timed.push(await timeNode(args, input, env, outRoot));
      functions.push({
        function: name,
        kilobytes: Math.round(built.bytes / 1024),
        coldStartMs: Math.round(median(timed.map((time) => time.wallMs)) - bareNodeMs),
        importMs: Math.round(median(timed.map((time) => time.importMs))),
        heaviest: await heaviestPackages(template, name, join(outRoot, `${name}-meta`)),
      });
    }
    return { bareNodeMs: Math.round(bareNodeMs), functions };
  } finally {
    await rm(outRoot, { recursive: true, force: true });
  }
}

/** The figures as a table: one line a function. */
export function printBundleFigures(figures: Awaited<ReturnType<typeof measureBundles>>, runs: number): void {
  console.log(`bare node start: ${figures.bareNodeMs} ms (median of ${runs})`);
  for (const row of figures.functions) {
    console.log(
      `${row.function.padEnd(24)} ${String(row.kilobytes).padStart(5)} KB  cold start ${String(row.coldStartMs).padStart(4)} ms (import ${row.importMs} ms)  heaviest: ${row.heaviest.join(', ')}`,
    );
  }
}

export function registerBundlesCommand(program: Command): void {
  program
    .command('bundles')
    .description(
      "build every function as sam build does, and print each bundle's size, its heaviest packages and its cold start (a fresh Node importing it and answering a first invocation against the local stack or the environment's databases, minus a bare Node start; median of --runs)",
    )
    .option('--runs <n>', 'fresh processes per function', parseCount(1), 7)
    .option(
      '--source-maps',
      'build with source maps and run with --enable-source-maps, to see what they cost',
    )
    .option('--json', 'print one JSON object')
    .action(async (options: { runs: number; sourceMaps?: boolean; json?: boolean }) => {
      await useEnvironment();
      const figures = await measureBundles(options.runs, options.sourceMaps === true);
      if (options.json) {
        console.log(JSON.stringify(figures, null, 2));
        return;
      }
      printBundleFigures(figures, options.runs);
    });
}
