/** template.yaml, the SAM template, checked against the code it deploys. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flowResourceName } from '#lib/connect/flow-cloudformation.ts';
import { loadFlows } from '#lib/connect/flow-language.ts';
import { PLACEHOLDER_PATTERN } from '#lib/connect/flow-placeholders.ts';
import { DB_URL_VARIABLES } from '#lib/db/config.ts';
import { PROJECT_ROOT } from '#lib/db/local-stack.ts';
import { loadBot } from '#lib/lex/bot.ts';
import { botLocales } from '#lib/lex/cloudformation.ts';
import { loadTemplate } from '../../cli/sam-template.ts';

const template = loadTemplate();
const functions = Object.entries(template.Resources).filter(
  ([, resource]) => resource.Type === 'AWS::Serverless::Function',
);

describe('template.yaml', () => {
  it('runs every function on nodejs22.x within the 8 s Connect waits', () => {
    expect(template.Globals.Function.Runtime).toBe('nodejs22.x');
    expect(template.Globals.Function.Timeout).toBeLessThanOrEqual(8);
  });

  it('gives the functions exactly the configuration of DESIGN.md', () => {
    const names = Object.keys(template.Globals.Function.Environment.Variables).filter(
      (name) => !name.startsWith('POWERTOOLS_') && name !== 'NODE_OPTIONS',
    );

    expect(names.sort()).toEqual([...DB_URL_VARIABLES, 'IVR_TIME_BUDGET_MS'].sort());
  });

  it.each(functions)(
    'builds %s from an entry point that exists and exports the handler it names',
    async (_, resource) => {
      const [entryPoint] = resource.Metadata?.BuildProperties?.EntryPoints ?? [];
      const handler = resource.Properties.Handler as string;

      expect(entryPoint).toBeDefined();
      expect(existsSync(join(PROJECT_ROOT, entryPoint as string))).toBe(true);
      expect(handler.replace(/\.handler$/, '.ts')).toBe(entryPoint);
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

    const dangling = filled.filter(({ GetAtt, Ref }) =>
      GetAtt ? !resources[GetAtt.split('.')[0] ?? ''] : !Object.hasOwn(template.Parameters, Ref ?? ''),
    );

    expect(filled.length).toBeGreaterThan(0);
    expect(dangling).toEqual([]);
  });
});
