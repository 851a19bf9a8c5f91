/** template.yaml, the SAM template, checked against the code it deploys. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TIME_BUDGET_MS,
  FLOW_BLOCK_LIMIT_SECONDS,
  INVOCATION_MARGIN_MS,
  MAX_TIME_BUDGET_MS,
  MIN_TIME_BUDGET_MS,
  REPORT_BUDGET,
} from '#lib/budget.ts';
import { flowResourceName } from '#lib/connect/flow-cloudformation.ts';
import { loadFlows } from '#lib/connect/flow-language.ts';
import { PLACEHOLDER_PATTERN } from '#lib/connect/flow-placeholders.ts';
import { loadBot } from '#lib/lex/bot.ts';
import { botLocales } from '#lib/lex/cloudformation.ts';
import { PROJECT_ROOT } from '#lib/paths.ts';
import { loadTemplate } from '#simulator/sam-template.ts';

const template = loadTemplate();
const functions = Object.entries(template.Resources).filter(
  ([, resource]) => resource.Type === 'AWS::Serverless::Function',
);

describe('template.yaml', () => {
  it('runs every function on nodejs22.x within the 8 s Connect waits', () => {
    expect(template.Globals.Function.Runtime).toBe('nodejs22.x');
    expect(template.Globals.Function.Timeout).toBeLessThanOrEqual(8);
  });

  it("allows only the time budgets lib/budget.ts allows, which the flows' blocks wait for", () => {
    const budget = template.Parameters.TimeBudgetMs as Record<string, unknown>;

    expect(budget).toMatchObject({
      Default: DEFAULT_TIME_BUDGET_MS,
      MinValue: MIN_TIME_BUDGET_MS,
      MaxValue: MAX_TIME_BUDGET_MS,
    });
    expect(MAX_TIME_BUDGET_MS + INVOCATION_MARGIN_MS).toBeLessThanOrEqual(FLOW_BLOCK_LIMIT_SECONDS * 1000);
  });

  it('gives csat-report the time its budget counts on', () => {
    const properties = template.Resources.CsatReportFunction?.Properties as { Timeout: number };

    expect(properties.Timeout * 1000).toBe(REPORT_BUDGET.budgetMs);
  });

  it('gives each function only the databases, secrets and settings it uses', () => {
    const variables = (name: string) => {
      const properties = template.Resources[name]?.Properties as { Environment?: { Variables: object } };
      return Object.keys(properties?.Environment?.Variables ?? {})
        .filter((variable) => variable !== 'POWERTOOLS_SERVICE_NAME')
        .sort();
    };
    const orders = [
      'ORDERS_DB_URL',
      'ORDERS_DB_SECRET_ARN',
      'ORDERS_DB_FALLBACK_URL',
      'ORDERS_DB_FALLBACK_SECRET_ARN',
    ];
    const ivr = ['IVR_DB_URL', 'IVR_DB_SECRET_ARN'];

    expect(Object.keys(template.Globals.Function.Environment.Variables).sort()).toEqual(
      ['IVR_DB_POOL_SIZE', 'IVR_TIME_BUDGET_MS', 'POWERTOOLS_METRICS_NAMESPACE'].sort(),
    );
    const hashKey = 'IVR_PHONE_HASH_KEY_SECRET_ARN';
    expect(variables('OrderStatusFunction')).toEqual([...orders, ...ivr, hashKey].sort());
    expect(variables('LexHookFunction')).toEqual([...orders, ...ivr, hashKey].sort());
    expect(variables('PromptFunction')).toEqual([]);
    expect(variables('EscalationFunction')).toEqual(['QUEUE_ARNS']);
    expect(variables('SurveyFunction')).toEqual(ivr.sort());
    expect(variables('ContactRecordsFunction')).toEqual(ivr.sort());
    expect(variables('CsatReportFunction')).toEqual(
      [...ivr, 'IVR_DB_READER_URL', 'IVR_DB_READER_SECRET_ARN'].sort(),
    );
  });

  it('holds no password: every database URL parameter refuses credentials, and each has a secret beside it', () => {
    const parameters = template.Parameters as Record<string, { AllowedPattern?: string }>;
    const urls = Object.keys(parameters).filter((name) => name.endsWith('DbUrl'));

    expect(urls.length).toBeGreaterThan(0);
    for (const name of urls) {
      const pattern = new RegExp(parameters[name]?.AllowedPattern ?? '');
      expect(pattern.test('mysql://replica.internal:3306/shop?ssl=rds'), name).toBe(true);
      expect(pattern.test('mysql://reader:hunter2@replica.internal:3306/shop'), name).toBe(false);
    }
    expect(Object.keys(parameters).filter((name) => /Password|Pass$/i.test(name))).toEqual([]);
  });

  it.each(functions)(
    'builds %s from an entry point that exists and exports the handler it names',
    { timeout: 60_000 },
    async (_, resource) => {
      const [entryPoint] = resource.Metadata?.BuildProperties?.EntryPoints ?? [];
      const handler = resource.Properties.Handler as string;

      expect(entryPoint).toBeDefined();
      expect(existsSync(join(PROJECT_ROOT, entryPoint as string))).toBe(true);
      // SAM's esbuild writes the entry point as index.mjs at the top of the function's build folder.
      expect(handler).toBe('index.handler');
      const module = await import(join(PROJECT_ROOT, entryPoint as string));
      expect(typeof module.handler).toBe('function');
    },
  );
});

describe('the Lex bot of template.yaml', () => {
  it('is made from bots/ (run npx ivr bot template after changing bots/)', () => {
    const bot = template.Resources.OrderBot as unknown as { Properties: { BotLocales: unknown } };

    expect(bot.Properties.BotLocales).toEqual(botLocales(loadBot()));
  });
});

describe('the contact flows of template.yaml', () => {
  const flows = loadFlows();
  type Tagged = { GetAtt?: string; Ref?: string };
  const resources = template.Resources as unknown as Record<
    string,
    { Type: string; Properties: { Name?: string; Content?: { Sub: [string, Record<string, Tagged>] } } }
  >;

  it.each([...flows.keys()])(
    'deploys %s exactly as flows/ has it (run npx ivr flows template after a change)',
    (name) => {
      const resource = resources[flowResourceName(name)];

      expect(resource?.Type).toBe('AWS::Connect::ContactFlow');
      const [content, variables] = resource?.Properties.Content?.Sub ?? ['', {}];
      expect(JSON.parse(content)).toEqual(flows.get(name));
      expect(content.length).toBeLessThanOrEqual(256_000);
      const placeholders = [...new Set([...content.matchAll(PLACEHOLDER_PATTERN)].map((match) => match[1]))];
      expect(Object.keys(variables).sort()).toEqual(placeholders.sort());
    },
  );

  it('fills every placeholder from a resource or a parameter of the template itself', () => {
    const filled = [...flows.keys()].flatMap((name) =>
      Object.values(resources[flowResourceName(name)]?.Properties.Content?.Sub[1] ?? {}),
    );

    const dangling = filled.filter(({ GetAtt, Ref }) => {
      if (GetAtt) return !resources[GetAtt.split('.')[0] ?? ''];
      const [name = '', alias] = (Ref ?? '').split('.');
      return alias
        ? resources[name]?.Type !== 'AWS::Serverless::Function'
        : !Object.hasOwn(template.Parameters, name);
    });

    expect(filled.length).toBeGreaterThan(0);
    expect(dangling).toEqual([]);
  });

  it('calls every function through its published alias, never $LATEST', () => {
    const functionRefs = [...flows.keys()].flatMap((name) =>
      Object.values(resources[flowResourceName(name)]?.Properties.Content?.Sub[1] ?? {}).filter(
        ({ GetAtt, Ref }) => /Function/.test(GetAtt ?? Ref ?? ''),
      ),
    );

    expect(functionRefs.length).toBeGreaterThan(0);
    expect(functionRefs.filter(({ Ref }) => !Ref?.endsWith('Function.Alias'))).toEqual([]);
    expect((template.Globals.Function as { AutoPublishAlias?: string }).AutoPublishAlias).toBe('live');
  });
});
