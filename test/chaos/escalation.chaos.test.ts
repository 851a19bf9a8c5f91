/** The escalation function under garbage: it always hands the flow a queue, and an order's status only when verified. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEMO_ORDERS } from '#lib/local/demo-shop-data.ts';
import { connectEvent } from '#test/factories/connect-event.ts';
import { escalation } from '../../functions/escalation/index.ts';
import {
  aConnectCall,
  aLanguage,
  aString,
  aStringMap,
  expectConnectReply,
  fileLogCapture,
  LogCapture,
  RUNS,
  TIMEOUT_MS,
} from './chaos.ts';

const ORDER_NUMBERS = DEMO_ORDERS.map(({ orderNumber }) => orderNumber);

const aCall = aConnectCall(
  fc.constant({}),
  aStringMap({
    language: aLanguage(),
    verifiedOrderNumber: fc.constantFrom(...ORDER_NUMBERS),
    orderNumber: fc.constantFrom(...ORDER_NUMBERS),
    orderStatus: fc.constantFrom('SHIPPED', 'DELIVERED', 'CANCELLED'),
    intent: fc.constantFrom('CheckOrderStatus', 'RefundStatus', 'ChangeOrder', 'FallbackIntent'),
    handoverReason: aString,
    lastUtterance: aString,
  }),
);

const logs = fileLogCapture();

describe('the escalation function under garbage', () => {
  it(
    `hands over every one of ${RUNS} garbled calls, with an order's status only for a verified caller`,
    async () => {
      await fc.assert(
        fc.asyncProperty(aCall, async (call) => {
          logs.callers.push(call.from);
          const reply = expectConnectReply(await escalation(call.event), ['queued', 'no-queue', 'error']);

          if (reply.agentVerified === 'true') {
            expect(reply.agentOrder).toBe(call.attributes.verifiedOrderNumber);
          } else {
            expect(reply.agentOrderStatus).toBeUndefined();
          }
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT_MS,
  );

  it('logs no phone number passed as the hand-over reason (the property found it logged)', async () => {
    const capture = new LogCapture();
    try {
      const event = connectEvent({
        from: '+923009999999',
        attributes: { handoverReason: '+923001234567', language: 'en-IN' },
      });
      const reply = await escalation(event);

      expect(reply.outcome).not.toBe('error');
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
