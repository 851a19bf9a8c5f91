/**
 * `sam build` for our functions, reproduced: each function of template.yaml bundled by esbuild exactly as AWS
 * SAM's esbuild workflow (aws-lambda-builders, `nodejs_npm_esbuild`) calls it, from the template's own
 * `Metadata.BuildProperties`, into a folder of its own; then the module its `Handler` names, found in that folder
 * as Lambda's Node.js runtime finds it. The tests build and invoke every function this way, so a property SAM
 * rejects, or a handler path that resolves to nothing, fails here before it fails a deployment.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '#lib/paths.ts';
import type { SamTemplate } from '#simulator/sam-template.ts';

const run = promisify(execFile);

/** What SAM's esbuild workflow refuses, with its reason. */
export class SamBuildError extends Error {
  override name = 'SamBuildError';
}

// The esbuild options SAM passes on, by kind, as aws-lambda-builders lists them (snake case there).
const BOOLEAN_OPTIONS = ['minify', 'sourcemap'];
const SINGLE_VALUE_OPTIONS = ['target', 'format', 'main_fields', 'sources_content'];
const MULTI_VALUE_OPTIONS = ['external', 'loader', 'out_extension', 'banner'];

/** SAM's metadata keys are PascalCase (`OutExtension`); the builder's are snake case (`out_extension`). */
function snakeCase(key: string): string {
  return key.replace(/(?<!^)([A-Z])/g, '_$1').toLowerCase();
}

/**
 * The esbuild command line SAM runs for `buildProperties`, writing into `artifactsDir`: entry points first, then
 * the workflow's fixed flags and its defaults for what the metadata leaves out (es2020, cjs, minified), then
 * the metadata's own options. A multi-value option that is not a list is refused, as SAM refuses it.
 */
export function samEsbuildArguments(
  buildProperties: Record<string, unknown>,
  artifactsDir: string,
): string[] {
  const config = Object.fromEntries(
    Object.entries(buildProperties).map(([key, value]) => [snakeCase(key), value]),
  );
  const entryPoints = config.entry_points;
  if (!Array.isArray(entryPoints) || entryPoints.length === 0) {
    throw new SamBuildError('EntryPoints must be a non-empty list');
  }
  const args = [...entryPoints.map(String), '--bundle', '--platform=node', `--outdir=${artifactsDir}`];
  if (!('target' in config)) args.push('--target=es2020');
  if (!('format' in config)) args.push('--format=cjs');
  if (!('minify' in config)) args.push('--minify');
  for (const option of BOOLEAN_OPTIONS) {
    if (config[option] === true) args.push(`--${option.replaceAll('_', '-')}`);
  }
  for (const option of SINGLE_VALUE_OPTIONS) {
    if (option in config) args.push(`--${option.replaceAll('_', '-')}=${config[option]}`);
  }
  for (const option of MULTI_VALUE_OPTIONS) {
    if (!(option in config)) continue;
    const values = config[option];
    if (!Array.isArray(values)) {
      throw new SamBuildError(`${option} must be a list of values, got ${JSON.stringify(values)}`);
    }
    for (const value of values) args.push(`--${option.replaceAll('_', '-')}:${value}`);
  }
  return args;
}

export interface BuiltFunction {
  /** The function's logical id in template.yaml. */
  name: string;
  /** The build folder: what SAM zips and Lambda unpacks into /var/task. */
  dir: string;
  /** The module Lambda loads for `Handler`, or undefined when the folder holds none. */
  handlerFile: string | undefined;
  exportName: string;
  /** Bytes of the bundle (the handler module). */
  bytes: number;
}

/** The functions of the template, by logical id, that SAM builds with esbuild. */
export function esbuildFunctions(template: SamTemplate): string[] {
  return Object.entries(template.Resources)
    .filter(
      ([, resource]) =>
        resource.Type === 'AWS::Serverless::Function' &&
        (resource.Metadata as { BuildMethod?: string } | undefined)?.BuildMethod === 'esbuild',
    )
    .map(([name]) => name);
}

/** Builds `name` of `template` as `sam build` does, into `outRoot/<name>`. */
export async function buildLikeSam(
  template: SamTemplate,
  name: string,
  outRoot: string,
): Promise<BuiltFunction> {
  const resource = template.Resources[name];
  const handler = resource?.Properties.Handler;
  const buildProperties = resource?.Metadata?.BuildProperties;
  if (!resource || !handler || !buildProperties) {
    throw new SamBuildError(`template.yaml has no esbuild function ${name}`);
  }
  const dir = join(outRoot, name);
  await mkdir(dir, { recursive: true });
  // SAM runs esbuild in a copy of CodeUri with the project's dependencies installed: the project itself here.
  const codeDir = join(PROJECT_ROOT, resource.Properties.CodeUri ?? '.');
  const args = samEsbuildArguments(buildProperties as Record<string, unknown>, dir);
  try {
    await run(join(PROJECT_ROOT, 'node_modules', '.bin', 'esbuild'), [...args, '--log-level=error'], {
      cwd: codeDir,
    });
  } catch (error) {
    throw new SamBuildError(`esbuild failed for ${name}: ${(error as { stderr?: string }).stderr ?? error}`);
  }
  const { module, exportName } = splitHandler(handler);
  const handlerFile = lambdaModuleFile(dir, module);
  return {
    name,
    dir,
    handlerFile,
    exportName,
    bytes: handlerFile ? (await stat(handlerFile)).size : 0,
  };
}

/** `index.handler` → module `index`, export `handler`; a path before the last dot is a path in the folder. */
function splitHandler(handler: string): { module: string; exportName: string } {
  const dot = handler.lastIndexOf('.');
  return { module: handler.slice(0, dot), exportName: handler.slice(dot + 1) };
}

/** The file Lambda's Node.js runtime loads for a handler's module: the first of .js, .mjs and .cjs that exists. */
function lambdaModuleFile(dir: string, module: string): string | undefined {
  return ['.js', '.mjs', '.cjs'].map((extension) => join(dir, `${module}${extension}`)).find(existsSync);
}
