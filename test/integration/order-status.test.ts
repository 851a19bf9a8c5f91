/** The order-status function against the real primary + replica, through Connect-shaped events. */
import type { RowDataPacket } from 'mysql2/promise';
import { describe, expect, it, vi } from 'vitest';
import { logger } from '#lib/observability/index.ts';
import { keyedDigest, phoneDigestKey } from '#lib/orders/phone-digest.ts';
import { checkSsml, transcript, voiceFor } from '#lib/speech/index.ts';
import { connectEvent, fakeLambdaContext } from '#test/factories/connect-event.ts';
import { handler, orderStatus } from '../../functions/order-status/index.ts';
import { primaryAdmin, uniqueId } from './databases.ts';

const PAKISTAN_LINE = '+922111000000';

async function call(
  from: string | undefined,
  params: Record<string, string>,
  attributes: Record<string, string> = {},
  to = PAKISTAN_LINE,
) {
  const response = await orderStatus(connectEvent({ from, to, params, attributes }), fakeLambdaContext());
  // Whatever the outcome, Connect gets speech the voice's engine accepts.
  expect(() =>
    checkSsml(response.ssml as string, voiceFor(response.language as 'en-IN').engine),
  ).not.toThrow();
  return response;
}

/** A caller number no other test uses, so lockouts do not leak between tests. */
function strangerNumber(): string {
  return `+92300${String(uniqueId()).slice(-7)}`;
}

describe('identify', () => {
  it('tells a known caller the status of their only current order at once', async () => {
    const response = await call('+923001234567', { action: 'identify' });

    expect(response).toMatchObject({
      outcome: 'found',
      orderNumber: '10000001',
      orderStatus: 'OUT_FOR_DELIVERY',
      market: 'PK',
      language: 'en-IN',
      verified: 'true',
      otherOrders: '0',
    });
  });

  it('tells a caller with several current orders the one on its way, named, and how many others there are', async () => {
    const response = await call('+923211234567', { action: 'identify' });

    expect(response).toMatchObject({ outcome: 'found', orderNumber: '10000002', otherOrders: '3' });
    expect(transcript(response.ssml ?? '')).toMatch(/^Your Philips Air Fryer\. /);
  });

  it.each([
    ['an unknown number', '+923009999999'],
    ['a withheld number', 'anonymous'],
    ['no number at all', undefined],
  ])('asks %s for an order number', async (_, from) => {
    expect(await call(from, { action: 'identify' })).toMatchObject({
      outcome: 'not-identified',
      verified: 'false',
    });
  });
});

describe('lookup and verify', () => {
  it("asks for the last four digits, and says nothing of the order, when it is someone else's", async () => {
    const response = await call('+923211234567', { action: 'lookup', orderNumber: '1000-0007' });

    expect(response).toMatchObject({ outcome: 'verify', orderNumber: '10000007', verified: 'false' });
    expect(response.orderStatus).toBeUndefined();
    expect(response.ssml).not.toMatch(/School bag|CONFIRMED|confirmed/i);
  });

  it('tells the order once the caller keys the last four digits of its phone', async () => {
    const response = await call('+923211234567', {
      action: 'verify',
      orderNumber: '10000007',
      digits: '4321',
    });

    expect(response).toMatchObject({
      outcome: 'found',
      orderStatus: 'CONFIRMED',
      verifiedOrderNumber: '10000007',
    });
  });

  it('does not ask again for an order the caller verified earlier in the call', async () => {
    const response = await call(
      strangerNumber(),
      { action: 'lookup', orderNumber: '10000007' },
      { verifiedOrderNumber: '10000007' },
    );

    expect(response).toMatchObject({ outcome: 'found', orderStatus: 'CONFIRMED' });
  });

  it('locks the caller out after three wrong answers within the hour, and records each attempt', async () => {
    const from = strangerNumber();
    const answers = [];
    for (const digits of ['1111', '2222', '3333', '4321']) {
      answers.push((await call(from, { action: 'verify', orderNumber: '10000003', digits })).outcome);
    }

    expect(answers).toEqual(['verify-failed', 'verify-failed', 'locked', 'locked']);
    const admin = await primaryAdmin('ivr');
    const [rows] = await admin.query<RowDataPacket[]>(
      'SELECT succeeded FROM verification_attempts WHERE caller_digest = ? ORDER BY id',
      [keyedDigest(await phoneDigestKey(), from)],
    );
    await admin.end();
    expect(rows.map((row) => row.succeeded)).toEqual([0, 0, 0]);
  });

  it('says not found for an order number that does not exist', async () => {
    expect(await call(strangerNumber(), { action: 'lookup', orderNumber: '55555555' })).toMatchObject({
      outcome: 'not-found',
    });
  });
});

describe('the greeting', () => {
  it('thanks Ayesha by name for her own order, after its status', async () => {
    expect(transcript((await call('+923001234567', { action: 'identify' })).ssml ?? '')).toMatch(
      /^TCS is delivering your order today\. .* Thank you, Ayesha\.$/,
    );
  });

  it('does not thank her by name again once the call has greeted her', async () => {
    const response = await call('+923001234567', { action: 'identify' }, { greeted: 'true' });

    expect(response.ssml).not.toContain('Ayesha');
  });

  it("does not greet Bilal's brother as Bilal for the order Bilal placed with the brother's phone", async () => {
    const response = await call('+923337654321', { action: 'identify' });

    expect(response).toMatchObject({ outcome: 'found', orderNumber: '10000007' });
    expect(response.ssml).not.toContain('Bilal');
  });

  it('does not greet by name a caller who passed the challenge: knowing four digits does not make them the customer', async () => {
    const response = await call(strangerNumber(), {
      action: 'verify',
      orderNumber: '10000001',
      digits: '4567',
    });

    expect(response).toMatchObject({ outcome: 'found', orderNumber: '10000001' });
    expect(response.ssml).not.toContain('Ayesha');
  });
});

describe('next', () => {
  it("moves on to the caller's next current order, named by what was bought", async () => {
    const response = await call('+923211234567', { action: 'next', orderNumber: '10000002' });

    expect(response).toMatchObject({ outcome: 'found', orderNumber: '10000004', otherOrders: '2' });
    expect(transcript(response.ssml ?? '')).toMatch(/^Your Lawn 3-piece suit\. /);
  });

  it('says there are no more after the last', async () => {
    expect(await call('+923211234567', { action: 'next', orderNumber: '10000005' })).toMatchObject({
      outcome: 'no-more-orders',
    });
  });
});

describe('bad input', () => {
  it.each([
    ['an order number with *', { action: 'lookup', orderNumber: '1000*0001' }],
    ['an order number with #', { action: 'lookup', orderNumber: '1000#0001' }],
    ['letters', { action: 'lookup', orderNumber: 'ABCD' }],
    ['200 digits', { action: 'lookup', orderNumber: '1'.repeat(200) }],
    ['SQL', { action: 'lookup', orderNumber: "1' OR '1'='1" }],
    ['SSML', { action: 'lookup', orderNumber: '<break time="10s"/>' }],
    ['no order number', { action: 'lookup' }],
  ])('answers %s with a valid reply instead of a lookup', async (_, params) => {
    expect(await call(strangerNumber(), params)).toMatchObject({ outcome: 'invalid-input' });
  });

  it('offers an agent for an unknown action', async () => {
    expect(await call('+923001234567', { action: 'teleport' })).toMatchObject({ outcome: 'error' });
  });

  it('offers an agent when the Parameters are missing', async () => {
    expect(await call('+923001234567', {})).toMatchObject({ outcome: 'error' });
  });

  it.each([
    ['not an object', 'hello'],
    ['an empty object', {}],
    ['Details without ContactData', { Name: 'ContactFlowEvent', Details: { Parameters: {} } }],
  ])('offers an agent for an event that is %s', async (_, event) => {
    const response = await orderStatus(event, fakeLambdaContext());

    expect(response.outcome).toBe('error');
    expect(response.ssml).toMatch(/^<speak>.*<\/speak>$/s);
  });

  it('reads an order whose item name holds &, <, quotes', async () => {
    const response = await call('+447400123456', { action: 'identify' }, {}, '+442071234567');

    expect(response).toMatchObject({ outcome: 'found', language: 'en-GB' });
  });
});

describe('logs', () => {
  it("carry the contact id and the caller's last four digits, never the whole number or a name", async () => {
    const written: string[] = [];
    logger.setLogLevel('INFO');
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    try {
      // The whole handler: its middlewares put the contact id on every line.
      await handler(
        connectEvent({
          from: '+923001234567',
          params: { action: 'identify' },
          contactId: 'log-test-contact',
        }),
        fakeLambdaContext(),
      );
    } finally {
      stdout.mockRestore();
      logger.setLogLevel('SILENT');
    }
    const logs = written.join('');

    expect(logs).toContain('"contactId":"log-test-contact"');
    expect(logs).toContain('***4567');
    expect(logs).not.toContain('+923001234567');
    expect(logs).not.toContain('Ayesha');
  });
});
