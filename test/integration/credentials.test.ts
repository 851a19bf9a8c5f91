/**
 * Database credentials as a deployed function gets them: URLs without user or password, and secrets in Secrets
 * Manager (faked at the network edge with aws-sdk-client-mock) that hold the real users of the private pair.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { parseDbUrl, resetConfig } from '#lib/db/config.ts';
import { resetDbCredentials } from '#lib/db/credentials.ts';
import { closePools } from '#lib/db/pools.ts';
import { connectEvent, fakeLambdaContext } from '#test/factories/connect-event.ts';
import { handler } from '../../functions/order-status/index.ts';

const secretsManager = mockClient(SecretsManagerClient);
const ORDERS_SECRET = 'arn:aws:secretsmanager:eu-west-2:123456789012:secret:ivr/orders-reader-AbCdEf';
const IVR_SECRET = 'arn:aws:secretsmanager:eu-west-2:123456789012:secret:ivr/runtime-GhIjKl';
const testEnv = inject('databaseEnv');
const saved = { ...process.env };

/** A URL of the test pair as the template gives it: host, port and database only. */
function withoutCredentials(variable: 'ORDERS_DB_URL' | 'ORDERS_DB_FALLBACK_URL' | 'IVR_DB_URL'): {
  url: string;
  user: string;
  password: string;
} {
  const settings = parseDbUrl(variable, testEnv[variable]);
  if (!settings) throw new Error(`the test pair has no ${variable}`);
  return {
    url: `mysql://${settings.host}:${settings.port}/${settings.database}`,
    user: settings.user,
    password: settings.password,
  };
}

const orders = withoutCredentials('ORDERS_DB_URL');
const fallback = withoutCredentials('ORDERS_DB_FALLBACK_URL');
const ivr = withoutCredentials('IVR_DB_URL');

function secretOf(credentials: { user: string; password: string }) {
  return { SecretString: JSON.stringify({ username: credentials.user, password: credentials.password }) };
}

/** A fresh container: no configuration, pools or credentials read yet. */
async function coldStart(): Promise<void> {
  await closePools();
  resetConfig();
  resetDbCredentials();
}

beforeEach(async () => {
  secretsManager.reset();
  Object.assign(process.env, {
    AWS_REGION: 'eu-west-2',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    ORDERS_DB_URL: orders.url,
    ORDERS_DB_SECRET_ARN: ORDERS_SECRET,
    ORDERS_DB_FALLBACK_URL: fallback.url,
    ORDERS_DB_FALLBACK_SECRET_ARN: ORDERS_SECRET,
    IVR_DB_URL: ivr.url,
    IVR_DB_SECRET_ARN: IVR_SECRET,
  });
  await coldStart();
});

afterEach(async () => {
  process.env = { ...saved };
  await coldStart();
});

afterAll(() => {
  secretsManager.restore();
});

const identify = () =>
  handler(connectEvent({ from: '+923001234567', params: { action: 'identify' } }), fakeLambdaContext());

describe('database credentials from Secrets Manager', () => {
  it('reads each secret once per container, and answers callers with the users they hold', async () => {
    secretsManager
      .on(GetSecretValueCommand, { SecretId: ORDERS_SECRET })
      .resolves(secretOf(orders))
      .on(GetSecretValueCommand, { SecretId: IVR_SECRET })
      .resolves(secretOf(ivr));

    const answers = [await identify(), await identify(), await identify()];

    expect(answers.map((answer) => answer.outcome)).toEqual(['found', 'found', 'found']);
    const read = secretsManager
      .commandCalls(GetSecretValueCommand)
      .map((call) => call.args[0].input.SecretId);
    expect(read.sort()).toEqual([IVR_SECRET, ORDERS_SECRET].sort());
  });

  it('offers an agent when Secrets Manager fails, and reads the secret again on the next call', async () => {
    let reads = 0;
    secretsManager.on(GetSecretValueCommand).callsFake(({ SecretId }) => {
      reads += 1;
      if (reads === 1) throw Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' });
      return secretOf(SecretId === ORDERS_SECRET ? orders : ivr);
    });

    const first = await identify();
    const second = await identify();

    expect(first).toMatchObject({ outcome: 'unavailable', ssml: expect.stringMatching(/speak to/) });
    expect(second).toMatchObject({ outcome: 'found' });
  });

  it('offers an agent when a secret holds no username and password', async () => {
    secretsManager.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ user: 'x' }) });

    expect(await identify()).toMatchObject({ outcome: 'unavailable' });
  });
});
