import { describe, expect, it } from 'vitest';
import { ConfigError } from '#lib/db/config.ts';
import { keyedDigest, keyFromEnvironment, LOCAL_PHONE_DIGEST_KEY } from '#lib/orders/phone-digest.ts';

describe('keyFromEnvironment', () => {
  it('takes IVR_PHONE_HASH_KEY', async () => {
    expect(await keyFromEnvironment({ IVR_PHONE_HASH_KEY: 'secret', AWS_LAMBDA_FUNCTION_NAME: 'f' })).toBe(
      'secret',
    );
  });

  it('reads the key from the secret IVR_PHONE_HASH_KEY_SECRET_ARN names, in AWS', async () => {
    const arn = 'arn:aws:secretsmanager:eu-west-2:123456789012:secret:ivr/phone-hash-key-AbCdEf';
    const read: string[] = [];

    const key = await keyFromEnvironment(
      { IVR_PHONE_HASH_KEY_SECRET_ARN: arn, AWS_LAMBDA_FUNCTION_NAME: 'order-status' },
      async (secretArn) => {
        read.push(secretArn);
        return 'from-secrets-manager';
      },
    );

    expect(key).toBe('from-secrets-manager');
    expect(read).toEqual([arn]);
  });

  it('falls back to the local key outside Lambda only', async () => {
    expect(await keyFromEnvironment({})).toBe(LOCAL_PHONE_DIGEST_KEY);
    await expect(keyFromEnvironment({ AWS_LAMBDA_FUNCTION_NAME: 'order-status' })).rejects.toThrow(
      ConfigError,
    );
  });
});

describe('keyedDigest', () => {
  it('gives one number one digest under one key, another under another key, and never the number', () => {
    const digest = keyedDigest('k1', '+923001234567');

    expect(digest).toHaveLength(32);
    expect(keyedDigest('k1', '+923001234567').equals(digest)).toBe(true);
    expect(keyedDigest('k2', '+923001234567').equals(digest)).toBe(false);
    expect(digest.toString('latin1')).not.toContain('1234567');
  });

  it('keeps the parts apart: moving a digit from one part to the next is another digest', () => {
    expect(
      keyedDigest('k', 'call-1', '10000001', '4567').equals(keyedDigest('k', 'call-11', '0000001', '4567')),
    ).toBe(false);
  });
});
