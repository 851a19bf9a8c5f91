/**
 * The order-status function under garbage: whatever Connect sends, it answers the flow, and it says nothing
 * of an order to a caller who neither calls from the order's phone nor passed the challenge.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEMO_CUSTOMERS, DEMO_ORDERS } from '#lib/local/demo-shop-data.ts';
import { marketOfDialledNumber } from '#lib/markets.ts';
import { lastFourDigits, normalizeCallerNumber } from '#lib/orders/phone.ts';
import { connectEvent, fakeLambdaContext } from '#test/factories/connect-event.ts';
import { orderStatus } from '../../functions/order-status/index.ts';
import {
  aConnectCall,
  aLanguage,
  aStringMap,
  type ChaosCall,
  DEMO_PHONES,
  expectConnectReply,
  fileLogCapture,
  LogCapture,
  RUNS,
  TIMEOUT_MS,
} from './chaos.ts';

const OUTCOMES = [
  'found',
  'not-identified',
  'not-found',
  'invalid-input',
  'verify',
  'verify-failed',
  'locked',
  'no-more-orders',
  'unavailable',
  'error',
] as const;

const ORDER_NUMBERS = DEMO_ORDERS.flatMap(({ orderNumber }) => [
  orderNumber,
  `${orderNumber.slice(0, 4)}-${orderNumber.slice(4)}`,
  ` ${orderNumber} `,
]);

const aCall = aConnectCall(
  aStringMap({
    action: fc.constantFrom('identify', 'lookup', 'verify', 'next', 'IDENTIFY', 'delete'),
    orderNumber: fc.constantFrom(...ORDER_NUMBERS),
    digits: fc.constantFrom(...DEMO_PHONES.map((phone) => lastFourDigits(phone) ?? ''), '0000', '12345'),
  }),
  aStringMap({ language: aLanguage(), verifiedOrderNumber: fc.constantFrom(...ORDER_NUMBERS) }),
);

/** The numbers that may hear about `orderNumber`: its customer's, and the phone given at checkout. */
function phonesOf(orderNumber: string): string[] {
  const order = DEMO_ORDERS.find((candidate) => candidate.orderNumber === orderNumber);
  const customer = DEMO_CUSTOMERS.find((candidate) => candidate.id === order?.customerId);
  return [order?.contactPhone, customer?.phone].filter((phone): phone is string => phone !== undefined);
}

function callerOf(call: ChaosCall): string | undefined {
  const market = marketOfDialledNumber(typeof call.to === 'string' ? call.to : undefined);
  const caller = normalizeCallerNumber(typeof call.from === 'string' ? call.from : undefined, market);
  return caller.kind === 'number' ? caller.e164 : undefined;
}

/** Whether this call may hear about `orderNumber`: the order's phone, the right four digits, or verified. */
function mayHearAbout(call: ChaosCall, orderNumber: string): boolean {
  const phones = phonesOf(orderNumber);
  const caller = callerOf(call);
  const { action, digits } = call.params;
  return (
    (caller !== undefined && phones.includes(caller)) ||
    call.attributes.verifiedOrderNumber === orderNumber ||
    (action === 'verify' &&
      typeof digits === 'string' &&
      phones.some((phone) => lastFourDigits(phone) === digits))
  );
}

/** A call as the flow makes it, so that every run checks the rule on answers that do tell an order. */
function aPlainCall(from: string, params: Record<string, string>): ChaosCall {
  return { from, to: PAKISTAN_LINE, params, attributes: {}, event: connectEvent({ from, params }) };
}
const PAKISTAN_LINE = '+922111000000';

const logs = fileLogCapture();
const outcomesSeen = new Set<string>();

describe('the order-status function under garbage', () => {
  it(
    `answers every one of ${RUNS} garbled events, and tells an order only to those who may hear it`,
    async () => {
      await fc.assert(
        fc.asyncProperty(aCall, async (call) => {
          logs.callers.push(call.from);
          const reply = expectConnectReply(await orderStatus(call.event, fakeLambdaContext()), OUTCOMES);
          outcomesSeen.add(reply.outcome ?? '');

          if (reply.outcome === 'found') {
            const orderNumber = reply.orderNumber ?? '';
            expect(phonesOf(orderNumber), 'a demo order').not.toEqual([]);
            expect(mayHearAbout(call, orderNumber)).toBe(true);
          } else {
            expect(reply.orderStatus).toBeUndefined();
            expect(reply.verified).not.toBe('true');
          }
          for (const customer of DEMO_CUSTOMERS) {
            if (customer.firstName && reply.ssml?.includes(customer.firstName)) {
              expect(callerOf(call)).toBe(customer.phone);
            }
          }
        }),
        {
          numRuns: RUNS,
          // Ayesha's own order, and an order placed with another phone that Bilal hears of once he keys its digits.
          examples: [
            [aPlainCall('+923001234567', { action: 'identify' })],
            [aPlainCall('+923211234567', { action: 'verify', orderNumber: '10000007', digits: '4321' })],
          ],
        },
      );
      expect(outcomesSeen).toContain('found');
    },
    TIMEOUT_MS,
  );

  it('logs no phone number passed as the action, and answers error (the property found it logged)', async () => {
    const capture = new LogCapture();
    try {
      const reply = await orderStatus(
        aPlainCall('+923009999999', { action: '+923001234567' }).event,
        fakeLambdaContext(),
      );

      expect(reply.outcome).toBe('error');
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
