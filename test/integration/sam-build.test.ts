/**
 * Every function of template.yaml built as `sam build` builds it (cli/sam-build.ts) and invoked once, in a
 * fresh Node process, from the module its `Handler` names in the build folder, with a real event of its
 * trigger: what a deployment would do on its first call. The folder holds the bundle alone, as Lambda's
 * /var/task does; `@aws-sdk/*` comes from beside it, as the nodejs22.x runtime provides it.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PROJECT_ROOT } from '#lib/paths.ts';
import { loadTemplate } from '#simulator/sam-template.ts';
import { buildLikeSam, esbuildFunctions, SamBuildError, samEsbuildArguments } from '../../cli/sam-build.ts';
import { connectEvent } from '../factories/connect-event.ts';
import { aContactRecord, kinesisEvent } from '../factories/contact-record.ts';
import { reportRequest } from '../factories/function-url-event.ts';
import { lexEvent } from '../factories/lex-event.ts';

const template = loadTemplate();
const MEGABYTE = 1_000_000;

/** Each function's first event, and what its answer must show. */
const FIRST_CALLS: Record<string, { event: unknown; answers: (result: Record<string, unknown>) => void }> = {
  OrderStatusFunction: {
    event: connectEvent({ from: '+923001234567', params: { action: 'identify' } }),
    answers: (result) => expect(result).toMatchObject({ outcome: 'found', orderNumber: '10000001' }),
  },
  PromptFunction: {
    event: connectEvent({ params: { name: 'menu' }, attributes: { language: 'en-IN' } }),
    answers: (result) =>
      expect(result).toMatchObject({ outcome: 'spoken', ssml: expect.stringMatching(/^<speak>/) }),
  },
  EscalationFunction: {
    event: connectEvent({
      from: '+923001234567',
      attributes: { handoverReason: 'caller-asked', language: 'en-IN' },
    }),
    answers: (result) => expect(result.whisper).toEqual(expect.any(String)),
  },
  LexHookFunction: {
    event: lexEvent({ intent: 'DeliveryDate', transcript: 'when will it arrive' }),
    answers: (result) => expect(result).toHaveProperty('sessionState.dialogAction.type'),
  },
  SurveyFunction: {
    event: connectEvent({ params: { key: '5' }, attributes: { language: 'en-IN' } }),
    answers: (result) => expect(result).toMatchObject({ outcome: 'recorded', score: '5' }),
  },
  ContactRecordsFunction: {
    event: kinesisEvent([aContactRecord()]),
    answers: (result) => expect(result).toEqual({ batchItemFailures: [] }),
  },
  CsatReportFunction: {
    event: reportRequest({ from: '2002-04-10', to: '2002-04-10', format: 'json' }),
    answers: (result) => expect(result).toMatchObject({ statusCode: 200 }),
  },
};

let outRoot: string;

beforeAll(async () => {
  outRoot = await mkdtemp(join(tmpdir(), 'ivr-sam-build-'));
  await mkdir(join(outRoot, 'node_modules'));
  await symlink(join(PROJECT_ROOT, 'node_modules', '@aws-sdk'), join(outRoot, 'node_modules', '@aws-sdk'));
});

afterAll(async () => {
  await rm(outRoot, { recursive: true, force: true });
});

/** Runs the built handler once in a fresh Node, with the test databases' environment, as a cold start would. */
function invokeBuilt(file: string, exportName: string, event: unknown): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [join(PROJECT_ROOT, 'cli', 'invoke-bundle.mjs'), file, exportName, '8'],
      {
        cwd: outRoot,
        env: {
          PATH: process.env.PATH,
          ...inject('databaseEnv'),
          QUEUE_ARNS: '{}',
          POWERTOOLS_LOG_LEVEL: 'SILENT',
          POWERTOOLS_METRICS_DISABLED: 'true',
        },
        timeout: 60_000,
      },
      (error, stdout, stderr) => {
        const line = stdout.split('\n').find((text) => text.startsWith('@@invocation '));
        if (error || !line)
          return reject(new Error(`the built handler did not answer: ${error ?? ''}\n${stderr}`));
        resolve(JSON.parse(line.slice('@@invocation '.length)).result);
      },
    );
    child.stdin?.end(JSON.stringify(event));
  });
}

describe('sam build, reproduced', () => {
  it('builds every function that template.yaml builds with esbuild', () => {
    expect(esbuildFunctions(template).sort()).toEqual(Object.keys(FIRST_CALLS).sort());
  });

  it.each(Object.keys(FIRST_CALLS))(
    'builds %s into one minified module under 1 MB whose Handler answers its first event',
    { timeout: 120_000 },
    async (name) => {
      const built = await buildLikeSam(template, name, outRoot);

      expect(built.handlerFile).toBe(join(outRoot, name, 'index.mjs'));
      expect(built.bytes).toBeLessThan(MEGABYTE);
      const code = await readFile(built.handlerFile as string, 'utf8');
      // Static and dynamic imports as esbuild writes them minified: import{a as b}from"x"; import"x"; import("x").
      const imports = [...code.matchAll(/\bimport\s*(?:[\w*${}\s,]+from\s*)?\(?"([@\w][\w@/.:-]*)"/g)].map(
        (match) => match[1] ?? '',
      );
      expect(imports.filter((module) => !/^(node:|@aws-sdk\/)/.test(module))).toEqual([]);

      const result = await invokeBuilt(
        built.handlerFile as string,
        built.exportName,
        FIRST_CALLS[name]?.event,
      );

      FIRST_CALLS[name]?.answers(result);
    },
  );
});

describe('the esbuild command SAM runs', () => {
  it('refuses a banner given as a mapping, as SAM does, naming the property', () => {
    const properties = { EntryPoints: ['functions/prompt/index.ts'], Banner: { js: 'const a = 1;' } };

    expect(() => samEsbuildArguments(properties, '/out')).toThrow(SamBuildError);
    expect(() => samEsbuildArguments(properties, '/out')).toThrow('banner must be a list of values');
  });

  it('passes a list banner, the out-extension and externals on as esbuild flags, after its own', () => {
    const args = samEsbuildArguments(
      {
        EntryPoints: ['functions/prompt/index.ts'],
        Format: 'esm',
        Target: 'node22',
        Minify: true,
        OutExtension: ['.js=.mjs'],
        External: ['@aws-sdk/*'],
        Banner: ['js=const a = 1;'],
      },
      '/out',
    );

    expect(args).toEqual([
      'functions/prompt/index.ts',
      '--bundle',
      '--platform=node',
      '--outdir=/out',
      '--minify',
      '--target=node22',
      '--format=esm',
      '--external:@aws-sdk/*',
      '--out-extension:.js=.mjs',
      '--banner:js=const a = 1;',
    ]);
  });

  it('minifies and targets es2020 and CommonJS when the metadata says nothing, as SAM does', () => {
    expect(samEsbuildArguments({ EntryPoints: ['a.ts'] }, '/out')).toEqual([
      'a.ts',
      '--bundle',
      '--platform=node',
      '--outdir=/out',
      '--target=es2020',
      '--format=cjs',
      '--minify',
    ]);
  });
});
