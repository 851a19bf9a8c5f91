/** Points the code under test at the suite's private primary + replica, as the environment would in AWS. */
import { afterAll, inject } from 'vitest';
import { resetConfig } from '#lib/db/config.ts';
import { closePools } from '#lib/db/pools.ts';

Object.assign(process.env, inject('databaseEnv'));
resetConfig();

afterAll(async () => {
  await closePools();
});
