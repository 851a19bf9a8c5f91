/**
 * Connect's STRING_MAP response: a flat map of strings, keys of letters, digits, `-` and `_`, and less than
 * 32 KB of UTF-8 in all (reference §1.3). Breaking a rule sends the call down the flow's error branch, so a
 * response that would break one is a bug in our code: it throws, and tests catch it.
 */

export class ConnectResponseError extends Error {
  override name = 'ConnectResponseError';
}

/** Connect's limit is 32 KB; we stay well under it (DESIGN.md). */
export const MAX_RESPONSE_BYTES = 16 * 1024;
const KEY = /^[A-Za-z0-9_-]+$/;

export type ResponseValue = string | number | boolean | null | undefined;

/** Every response has an `outcome`; null and undefined values are left out, the rest become strings. */
export function connectResponse(
  fields: { outcome: string } & Record<string, ResponseValue>,
): Record<string, string> {
  const response: Record<string, string> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === null || value === undefined) continue;
    if (!KEY.test(key))
      throw new ConnectResponseError(`response key "${key}" has characters Connect does not accept`);
    response[key] = String(value);
  }
  const bytes = Buffer.byteLength(JSON.stringify(response), 'utf8');
  if (bytes > MAX_RESPONSE_BYTES) {
    throw new ConnectResponseError(`the response is ${bytes} bytes; keep it under ${MAX_RESPONSE_BYTES}`);
  }
  return response;
}
