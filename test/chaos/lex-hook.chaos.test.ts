/** The bot's code hook under garbage: whatever Lex sends, it answers with a response Lex accepts. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEMO_ORDERS } from '#lib/local/demo-shop-data.ts';
import { fakeLambdaContext } from '#test/factories/connect-event.ts';
import { lexEvent } from '#test/factories/lex-event.ts';
import { lexHook } from '../../functions/lex-hook/index.ts';
import { aCallerNumber, aString, aValue, fileLogCapture, LogCapture, RUNS, TIMEOUT_MS } from './chaos.ts';

const INTENTS = [
  'CheckOrderStatus',
  'RefundStatus',
  'ReturnItem',
  'ChangeDelivery',
  'Goodbye',
  'FallbackIntent',
  'TalkToAgent',
  'NoSuchIntent',
];
const DIALOG_ACTIONS = ['Close', 'Delegate', 'ElicitSlot', 'ElicitIntent', 'ConfirmIntent'];

const aSlotValue = fc.oneof(fc.constantFrom(...DEMO_ORDERS.map(({ orderNumber }) => orderNumber)), aString);

const aLexCall = fc
  .record({
    intent: fc.oneof(fc.constantFrom(...INTENTS), aString),
    slots: fc.record(
      { OrderNumber: fc.option(aSlotValue), ChangeWhat: fc.option(aString), UnknownSlot: fc.option(aString) },
      { requiredKeys: [] },
    ),
    source: fc.constantFrom('DialogCodeHook', 'FulfillmentCodeHook'),
    transcript: aString,
    inputMode: fc.constantFrom('Speech', 'DTMF', 'Text'),
    localeId: fc.oneof(fc.constantFrom('en_IN', 'en_GB', 'ar_AE', 'hi_IN'), aString),
    from: aCallerNumber,
    to: fc.oneof(fc.constantFrom('+922111000000', '+971800000000', '+442000000000'), aString),
    verifiedOrderNumber: fc.option(aSlotValue, { nil: undefined }),
    sessionAttributes: fc.dictionary(aString, aString, { maxKeys: 3 }),
    breakage: fc.oneof(
      { weight: 8, arbitrary: fc.constant('none') },
      {
        weight: 1,
        arbitrary: fc.constantFrom('garbage-event', 'garbage-session', 'garbage-slots', 'garbage-bot'),
      },
    ),
    garbage: aValue,
  })
  .map(({ breakage, garbage, from, ...options }) => {
    const event = lexEvent({ ...options, from: from as string }) as unknown as Record<string, unknown> & {
      sessionState: Record<string, unknown> & { intent: Record<string, unknown> };
    };
    if (breakage === 'garbage-session') event.sessionState.sessionAttributes = garbage;
    if (breakage === 'garbage-slots') event.sessionState.intent.slots = garbage;
    if (breakage === 'garbage-bot') event.bot = garbage;
    return { from, event: breakage === 'garbage-event' ? garbage : event };
  });

const logs = fileLogCapture();

describe('the Lex code hook under garbage', () => {
  it(
    `answers every one of ${RUNS} garbled Lex events with a response Lex accepts`,
    async () => {
      await fc.assert(
        fc.asyncProperty(aLexCall, async ({ from, event }) => {
          logs.callers.push(from);
          const response = await lexHook(event, fakeLambdaContext());

          const { sessionState, messages } = response;
          expect(DIALOG_ACTIONS).toContain(sessionState.dialogAction.type);
          if (sessionState.dialogAction.type === 'ElicitSlot') {
            expect(typeof sessionState.dialogAction.slotToElicit).toBe('string');
          }
          for (const value of Object.values(sessionState.sessionAttributes))
            expect(typeof value).toBe('string');
          if (sessionState.intent) {
            expect(typeof sessionState.intent.name).toBe('string');
            expect(typeof sessionState.intent.state).toBe('string');
          }
          for (const message of messages ?? []) {
            expect(message.contentType).toBe('SSML');
            expect(message.content).toMatch(/^<speak>[\s\S]*<\/speak>$/);
          }
          // The session attributes go back as Lex sent them; what the hook adds stays small.
          expect(Buffer.byteLength(JSON.stringify(response), 'utf8')).toBeLessThan(
            Buffer.byteLength(JSON.stringify(event ?? null), 'utf8') + 32 * 1024,
          );
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT_MS,
  );

  it('logs no phone number passed as the intent name (the property found it logged)', async () => {
    const capture = new LogCapture();
    try {
      await lexHook(lexEvent({ intent: '+923001234567' }), fakeLambdaContext());

      expect(capture.lines.length).toBeGreaterThan(0);
      capture.expectNothingPersonal();
    } finally {
      capture.restore();
    }
  });

  it('logged no caller number and no customer name', () => {
    expect(logs.lines.length).toBeGreaterThan(0);
    logs.expectNothingPersonal();
  });
});
