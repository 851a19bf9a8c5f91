/**
 * What the chaos properties share: how many cases to run, garbage values of every kind, Connect events built
 * from the factory with garbage in them, the invariants every Connect-facing reply keeps, and a capture of
 * everything the functions hand the logger.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, vi } from 'vitest';
import { MAX_RESPONSE_BYTES } from '#lib/connect/response.ts';
import { DEMO_CUSTOMERS, DEMO_ORDERS } from '#lib/local/demo-shop-data.ts';
import { logger } from '#lib/observability/index.ts';
import { checkSsml, voiceFor } from '#lib/speech/index.ts';
import { connectEvent } from '#test/factories/connect-event.ts';

/** Cases per property: CHAOS_RUNS (`npm run test:chaos` sets 10,000); 100 in `npm test`. */
export const RUNS = Number(process.env.CHAOS_RUNS ?? 100);

/**
 * A test's time limit for `RUNS` cases: a hang guard, not a speed goal. Each case reads the real database, and
 * 50 ms a case was too short for 10,000 order-status cases on a loaded machine.
 */
export const TIMEOUT_MS = 60_000 + RUNS * 250;

/** The phone numbers of the demo shop: customers' own and phones given at checkout. */
export const DEMO_PHONES = [
  ...DEMO_CUSTOMERS.map((customer) => customer.phone),
  ...DEMO_ORDERS.flatMap((order) => (order.contactPhone ? [order.contactPhone] : [])),
];

/** First names of demo customers, which no log line may hold. */
export const DEMO_FIRST_NAMES = DEMO_CUSTOMERS.flatMap((customer) =>
  customer.firstName ? [customer.firstName] : [],
);

/** Strings that have broken parsers, templates, SQL and speech engines. */
const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'abc\u0000def',
  '\uD800',
  '\uDFFF',
  'a\uD83D',
  '\u202E1234\u202C',
  '\u200F10000001',
  '\uFEFF10000001',
  '😀😀😀😀',
  '١٢٣٤',
  '१२३४',
  "' OR '1'='1",
  "10000001'; DROP TABLE orders; --",
  '1 UNION SELECT phone FROM customers',
  '<speak>hi</speak>',
  '</speak><audio src="http://x"/>',
  '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
  '&amp;&lt;&',
  '$.External.orderNumber',
  '$.Attributes.verifiedOrderNumber',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: template syntax a caller's input may carry, as it is.
  '${orderNumber}',
  '{{orderNumber}}',
  '%s%s%n',
  '__proto__',
  'constructor',
  'Timeout',
  '10000001',
  '1000-0001',
  '1000 0001',
  '+923001234567',
  'anonymous',
  'x'.repeat(40_000),
  '9'.repeat(5_000),
];

/** Strings of every kind, from DTMF keys to lone surrogates. */
export const aString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS),
  fc.stringMatching(/^[0-9*#]{0,12}$/),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ maxLength: 40 }),
);

/** Anything JSON could carry, and then some: strings most often, since Connect sends strings. */
export const aValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: aString },
  { weight: 1, arbitrary: fc.constantFrom(null, undefined, true, 0, -1, Number.NaN, 1e308) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);

/** A caller's number: a demo customer's, a stranger's, withheld, or garbage. */
export const aCallerNumber: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...DEMO_PHONES),
  fc.stringMatching(/^\+[1-9][0-9]{7,13}$/),
  fc.constantFrom('anonymous', '', undefined, null),
  aValue,
);

/** A map of parameters or attributes: the given keys with likely or garbage values, and stray keys. */
export function aStringMap(
  known: Record<string, fc.Arbitrary<unknown>>,
): fc.Arbitrary<Record<string, unknown>> {
  const knownArbitraries = Object.fromEntries(
    Object.entries(known).map(([key, arbitrary]) => [key, fc.oneof(arbitrary, aValue)]),
  );
  return fc
    .tuple(
      fc.record(knownArbitraries, { requiredKeys: [] }),
      fc.dictionary(fc.string({ maxLength: 10 }), aValue, { maxKeys: 3 }),
    )
    .map(([stray, given]) => ({ ...stray, ...given }));
}

export interface ChaosCall {
  from: unknown;
  to: unknown;
  params: Record<string, unknown>;
  attributes: Record<string, unknown>;
  event: unknown;
}

/**
 * A Connect event from the factory with these parameters and attributes, a caller's number and a dialled
 * number of any kind; now and then the event itself is broken (no Details, garbage in place of a part).
 */
export function aConnectCall(
  params: fc.Arbitrary<Record<string, unknown>>,
  attributes: fc.Arbitrary<Record<string, unknown>> = aStringMap({ language: aLanguage() }),
): fc.Arbitrary<ChaosCall> {
  const dialled = fc.oneof(fc.constantFrom('+922111000000', '+971800000000', '+442000000000'), aValue);
  const breakage = fc.oneof(
    { weight: 8, arbitrary: fc.constant('none') },
    {
      weight: 1,
      arbitrary: fc.constantFrom('no-details', 'garbage-parameters', 'garbage-contact-data', 'garbage-event'),
    },
  );
  return fc
    .record({ from: aCallerNumber, to: dialled, params, attributes, breakage, garbage: aValue })
    .map(({ from, to, params, attributes, breakage, garbage }) => {
      const event = connectEvent({
        from: from as string,
        to: to as string,
        params: params as Record<string, string>,
        attributes: attributes as Record<string, string>,
      }) as Record<string, unknown> & { Details: Record<string, unknown> };
      if (breakage === 'no-details') delete (event as { Details?: unknown }).Details;
      if (breakage === 'garbage-parameters') event.Details.Parameters = garbage;
      if (breakage === 'garbage-contact-data') event.Details.ContactData = garbage;
      return { from, to, params, attributes, event: breakage === 'garbage-event' ? garbage : event };
    });
}

/** A language attribute: one the IVR speaks, or not. */
export function aLanguage(): fc.Arbitrary<unknown> {
  return fc.constantFrom('en-GB', 'en-IN', 'ar-AE', 'hi-IN', 'en-US', 'fr-FR');
}

/**
 * What every Connect-facing reply keeps (DESIGN.md "Connect-facing responses"): a flat map of strings under
 * Connect's 32 KB, an `outcome` the function documents, and any `ssml` a whole `<speak>` document that the
 * voice of its `language` accepts.
 */
export function expectConnectReply(reply: unknown, outcomes: readonly string[]): Record<string, string> {
  expect(typeof reply).toBe('object');
  const map = reply as Record<string, unknown>;
  for (const value of Object.values(map)) expect(typeof value).toBe('string');
  expect(Buffer.byteLength(JSON.stringify(map), 'utf8')).toBeLessThan(MAX_RESPONSE_BYTES * 2);
  expect(outcomes).toContain(map.outcome);
  const strings = map as Record<string, string>;
  if (strings.ssml !== undefined) {
    expect(strings.ssml).toMatch(/^<speak>[\s\S]*<\/speak>$/);
    const locale = (strings.language ?? 'en-IN') as 'en-IN';
    expect(voiceFor(locale)).toBeDefined();
    checkSsml(strings.ssml, voiceFor(locale).engine);
  }
  return strings;
}

/** Everything handed to the logger while the capture runs, one JSON text per call. */
export class LogCapture {
  readonly lines: string[] = [];
  private readonly spies = (['debug', 'info', 'warn', 'error', 'critical', 'appendKeys'] as const).map(
    (method) =>
      vi.spyOn(logger, method).mockImplementation((...args: unknown[]) => {
        this.lines.push(
          JSON.stringify(args, (_key, value) => (value instanceof Error ? String(value) : value)),
        );
      }),
  );

  /** Stops capturing and puts the logger back. */
  restore(): void {
    for (const spy of this.spies) spy.mockRestore();
  }

  /**
   * No line holds a full E.164 number of a demo customer or of `callers`, nor a demo customer's first name.
   * A number counts as given in full when its last eight digits are there in a row.
   */
  expectNothingPersonal(callers: unknown[] = []): void {
    // A set of numbers looked up once per line: 10,000 cases log hundreds of thousands of lines, and an
    // expect() per line and number took longer than the cases themselves.
    const numbers = new Set(
      [...DEMO_PHONES, ...callers.filter(isFullNumber)].map((number) => number.slice(-8)),
    );
    const holdsNumber = (line: string) =>
      (line.match(/[0-9]{8,}/g) ?? []).some((run) =>
        Array.from({ length: run.length - 7 }, (_, start) => run.slice(start, start + 8)).some((eight) =>
          numbers.has(eight),
        ),
      );
    const personal = this.lines.filter(
      (line) => holdsNumber(line) || DEMO_FIRST_NAMES.some((name) => line.includes(name)),
    );
    expect(personal.slice(0, 5)).toEqual([]);
  }
}

/**
 * The logger captured for a whole test file (from its first test to its last), with the callers its cases
 * used: `const logs = fileLogCapture();`, then `logs.callers.push(...)` and, last, `logs.expectNothingPersonal()`.
 */
export function fileLogCapture(): {
  callers: unknown[];
  readonly lines: string[];
  expectNothingPersonal(): void;
} {
  let capture: LogCapture | undefined;
  const callers: unknown[] = [];
  beforeAll(() => {
    capture = new LogCapture();
  });
  afterAll(() => {
    capture?.restore();
  });
  return {
    callers,
    get lines() {
      return capture?.lines ?? [];
    },
    expectNothingPersonal: () => capture?.expectNothingPersonal(callers),
  };
}

function isFullNumber(value: unknown): value is string {
  return typeof value === 'string' && /^\+[0-9]{8,15}$/.test(value);
}
