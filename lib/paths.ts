/**
 * Where the project's files are in a checkout: for the commands, the tests, the simulator and the local stack,
 * which read template.yaml, flows/, prompts/ and the like from disk. Functions never need it: their bundles
 * carry what they read.
 */
import { join } from 'node:path';

export const PROJECT_ROOT = join(import.meta.dirname, '..');
