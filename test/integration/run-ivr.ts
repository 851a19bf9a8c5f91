/** The `ivr` command run as a person runs it: a child process with only the database variables given. */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '#lib/paths.ts';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `ivr` with only the given database variables set, as a shell would. */
export async function ivr(args: string[], env: Record<string, string>): Promise<Run> {
  const {
    ORDERS_DB_URL,
    ORDERS_DB_FALLBACK_URL,
    IVR_DB_URL,
    IVR_DB_READER_URL,
    IVR_DB_MIGRATION_URL,
    ...inherited
  } = process.env;
  try {
    const { stdout, stderr } = await promisify(execFile)(
      'node',
      [join(PROJECT_ROOT, 'cli', 'ivr.mjs'), ...args],
      {
        env: { ...inherited, ...env },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
