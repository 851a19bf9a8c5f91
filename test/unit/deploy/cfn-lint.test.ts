/**
 * template.yaml as CloudFormation will take it: cfn-lint (Python, `pip install cfn-lint`; our machines and CI
 * have it) with the SAM transform, every rule, informational ones included. A missing cfn-lint fails the test:
 * a template nobody checked must not look like a template that passed.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '#lib/paths.ts';

const run = promisify(execFile);

async function cfnLint(
  file = join(PROJECT_ROOT, 'template.yaml'),
): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run('cfn-lint', ['--format', 'parseable', '-c', 'I', '--', file]);
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failure = error as { code?: number | string; stdout?: string; stderr?: string };
    if (failure.code === 'ENOENT') {
      throw new Error(
        'cfn-lint is not installed: pip install cfn-lint (the template cannot be checked without it)',
      );
    }
    return { code: Number(failure.code), output: `${failure.stdout ?? ''}${failure.stderr ?? ''}` };
  }
}

describe('template.yaml', () => {
  it('passes cfn-lint with no error, warning or informational finding', { timeout: 180_000 }, async () => {
    const { code, output } = await cfnLint();

    expect(output.trim().split('\n').filter(Boolean)).toEqual([]);
    expect(code).toBe(0);
  });

  it('would be caught by cfn-lint if a Lex slot type used the Lex API spelling', {
    timeout: 180_000,
  }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ivr-cfn-lint-'));
    try {
      const broken = (await readFile(join(PROJECT_ROOT, 'template.yaml'), 'utf8')).replace(
        'ResolutionStrategy: ORIGINAL_VALUE',
        'ResolutionStrategy: OriginalValue',
      );
      await writeFile(join(dir, 'template.yaml'), broken);
      const { code, output } = await cfnLint(join(dir, 'template.yaml'));

      expect(output).toMatch(/E3030:'OriginalValue' is not one of/);
      expect(code).not.toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
