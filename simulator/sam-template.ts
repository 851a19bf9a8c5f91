/** template.yaml, the SAM template, read as plain data: the simulator runs the handlers it names. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type Tags } from 'yaml';
import { PROJECT_ROOT } from '#lib/paths.ts';

/** CloudFormation's short forms (!Ref, !GetAtt, !Sub …), read as plain values: we need only their shape. */
const CFN_TAGS: Tags = [
  'Ref',
  'GetAtt',
  'Sub',
  'Join',
  'If',
  'Equals',
  'Not',
  'Select',
  'Split',
  'FindInMap',
].flatMap((name) =>
  (['scalar', 'seq', 'map'] as const).map((collection) => ({
    tag: `!${name}`,
    collection: collection === 'scalar' ? undefined : collection,
    // A sequence or map arrives as the parser's node; its plain value is what the template means.
    resolve: (value: unknown) => ({ [name]: (value as { toJSON?: () => unknown })?.toJSON?.() ?? value }),
  })),
) as Tags;

export interface TemplateResource {
  Type: string;
  Properties: { Handler?: string; CodeUri?: string; Timeout?: number };
  Metadata?: { BuildProperties?: { EntryPoints?: string[] } };
}

export interface SamTemplate {
  Parameters: Record<string, { Type: string; Default?: unknown }>;
  Globals: {
    Function: { Runtime: string; Timeout: number; Environment: { Variables: Record<string, unknown> } };
  };
  Resources: Record<string, TemplateResource>;
}

export function loadTemplate(path = join(PROJECT_ROOT, 'template.yaml')): SamTemplate {
  return parse(readFileSync(path, 'utf8'), { customTags: CFN_TAGS }) as SamTemplate;
}

let cachedTemplate: SamTemplate | undefined;

/** The project's template.yaml, read once per process: every simulated call of a run needs it. */
export function projectTemplate(): SamTemplate {
  cachedTemplate ??= loadTemplate();
  return cachedTemplate;
}

/**
 * The source file and export of a function's handler. `Handler` names the module in the built folder
 * (`index.handler`: SAM's esbuild writes the entry point as `index.mjs` at the folder's top), so the source is
 * the entry point esbuild starts from, and the export is what follows the handler's last dot.
 */
export function handlerOf(
  template: SamTemplate,
  resource: string,
): { file: string; exportName: string; timeoutSeconds: number } {
  const fn = template.Resources[resource];
  const handler = fn?.Type === 'AWS::Serverless::Function' ? fn.Properties.Handler : undefined;
  const [entryPoint] = fn?.Metadata?.BuildProperties?.EntryPoints ?? [];
  if (!fn || !handler || !entryPoint) throw new Error(`template.yaml has no function ${resource}`);
  return {
    file: join(PROJECT_ROOT, fn.Properties.CodeUri ?? '.', entryPoint),
    exportName: handler.slice(handler.lastIndexOf('.') + 1),
    timeoutSeconds: fn.Properties.Timeout ?? template.Globals.Function.Timeout,
  };
}
