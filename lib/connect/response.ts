/**
 * Connect's STRING_MAP responses (reference §1.3, DESIGN.md "Connect-facing responses"): a flat map of strings
 * with keys of letters, digits, `-` and `_`. A response Connect does not understand sends the call down the
 * flow's error branch, so one that would break a rule is a bug in our code: it throws, and tests catch it.
 */

export class ConnectResponseError extends Error {
  override name = 'ConnectResponseError';
}

/**
 * Connect's limit, in bytes of UTF-8, on what a function may return (less than this, reference §1.3) and on a
 * contact's attributes in all (§1.7).
 */
export const MAX_CONNECT_BYTES = 32 * 1024;

/**
 * We allow half of Connect's limit: the flow copies values into contact attributes, whose total per contact
 * is also capped at 32 KB (reference §1.7), and the agent's context attributes must fit there too.
 */
export const MAX_RESPONSE_BYTES = MAX_CONNECT_BYTES / 2;

/**
 * A contact attribute's name as Connect accepts it: letters, digits, `-` and `_`; so also the keys the flow
 * can address as `$.External.<key>` and copy into contact attributes.
 */
export const ATTRIBUTE_KEY = /^[A-Za-z0-9_-]+$/;

/** A value of a response before it becomes a string. */
export type ResponseValue = string | number | boolean | null | undefined;

/** What a response holds before its values become strings: an outcome, and facts. */
type ResponseFields = { outcome: string } & Record<string, ResponseValue>;

/**
 * Builds the response of a Connect-facing function.
 *
 * Every response has an `outcome`: a word the flow branches on (`found`, `not-found`, `unavailable`, …),
 * listed next to each function. Null and undefined values are left out, so optional facts can be passed as
 * they are; numbers and booleans become strings (`2`, `true`). `Fields` is the response the function's
 * contract allows (`OrderStatusResponse`, … of lib/connect/contracts.ts): an outcome or a key it does not
 * declare is then a type error.
 *
 * @throws ConnectResponseError when a key has a character other than letters, digits, `-` and `_`, a number
 * is not finite, or the response as JSON is over {@link MAX_RESPONSE_BYTES} bytes of UTF-8.
 */
export function connectResponse<Fields extends ResponseFields = ResponseFields>(
  fields: NoInfer<Fields>,
): Record<string, string> {
  const entries = Object.entries(fields).flatMap(([key, value]) => {
    if (value === null || value === undefined) return [];
    if (!ATTRIBUTE_KEY.test(key)) {
      throw new ConnectResponseError(`response key "${key}" has characters Connect does not accept`);
    }
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw new ConnectResponseError(`response value "${key}" is ${value}, not a number to say or branch on`);
    }
    return [[key, String(value)] as const];
  });
  // fromEntries makes own properties even of a key such as `__proto__`, which an assignment would lose.
  const response = Object.fromEntries(entries);
  const bytes = Buffer.byteLength(JSON.stringify(response), 'utf8');
  if (bytes > MAX_RESPONSE_BYTES) {
    throw new ConnectResponseError(
      `the response is ${bytes} bytes of JSON; Connect-facing responses stay under ${MAX_RESPONSE_BYTES}`,
    );
  }
  return response;
}
