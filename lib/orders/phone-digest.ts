/**
 * What the IVR keeps instead of a caller's number: an HMAC-SHA256 of the E.164 number under a secret key. The
 * same number always gives the same digest, so lockouts and limits can count by number; without the key, a
 * reader of the IVR's tables cannot turn a digest back into a number (a table of every possible number's
 * SHA-256 could, which is why a plain hash would not do).
 */
import { createHmac } from 'node:crypto';
import { ConfigError } from '#lib/db/config.ts';
import { secretText } from '#lib/db/credentials.ts';

/**
 * The key of the local stack and the tests, which keep no secret. Never used inside Lambda: a function
 * deployed without its key stops with a ConfigError rather than hashing numbers with a key that is public.
 */
export const LOCAL_PHONE_DIGEST_KEY = 'local-only-ivr-phone-hash-key';

let cachedKey: Promise<string> | undefined;

/**
 * The key of the number digests, read once per container. This is the one place the key comes from: a Lambda
 * that fetches it from Secrets Manager changes only this function, which is asynchronous for that already.
 * Every function and container that counts by number must use the same key, or one caller would count as
 * several.
 */
export function phoneDigestKey(): Promise<string> {
  if (!cachedKey) {
    cachedKey = keyFromEnvironment(process.env);
    // A key that could not be read now is read again by the next call, not never.
    cachedKey.catch(() => {
      cachedKey = undefined;
    });
  }
  return cachedKey;
}

/**
 * In AWS, the secret IVR_PHONE_HASH_KEY_SECRET_ARN names (the stack makes it); else IVR_PHONE_HASH_KEY; outside
 * Lambda (the local stack, the tests, the CLI), LOCAL_PHONE_DIGEST_KEY when neither is set; inside Lambda, a
 * ConfigError.
 */
export async function keyFromEnvironment(
  env: Record<string, string | undefined>,
  readSecret: (secretArn: string) => Promise<string> = secretText,
): Promise<string> {
  if (env.IVR_PHONE_HASH_KEY_SECRET_ARN) return readSecret(env.IVR_PHONE_HASH_KEY_SECRET_ARN);
  const key = env.IVR_PHONE_HASH_KEY;
  if (key !== undefined && key !== '') return key;
  if (env.AWS_LAMBDA_FUNCTION_NAME) {
    throw new ConfigError(
      "IVR_PHONE_HASH_KEY_SECRET_ARN is not set: the digests of callers' numbers need a secret key",
    );
  }
  return LOCAL_PHONE_DIGEST_KEY;
}

/**
 * HMAC-SHA256 of `parts`, joined with a NUL character (which no order number or digits can hold), as 32
 * bytes: the digest of a number (`keyedDigest(key, e164)`), or of what makes an attempt the same attempt.
 */
export function keyedDigest(key: string, ...parts: string[]): Buffer {
  return createHmac('sha256', key).update(parts.join('\0')).digest();
}
