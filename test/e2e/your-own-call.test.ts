/**
 * A call placed from a test of your own: the README's example. Tests in test/e2e run against the private
 * primary + replica their setup starts, seeded with the demo shop; placeCall runs flows/ with the real functions.
 */
import { expect, it } from 'vitest';
import { heard, placeCall } from '#simulator/call.ts';

it('tells Ayesha her order comes today, and she hangs up', async () => {
  const call = await placeCall({ from: '+923001234567', inputs: ['hangup'] });

  expect(call.outcome).toBe('self-served');
  expect(heard(call)[0]).toContain('TCS is delivering your order today');
});

it('tells a withheld number about an order once they key the last four digits of its phone', async () => {
  const call = await placeCall({ from: null, inputs: ['dtmf:10000001#', 'dtmf:4567', 'hangup'] });

  expect(call.contact.attributes.verifiedOrderNumber).toBe('10000001');
  expect(heard(call).join(' ')).toContain('TCS is delivering your order today');
});
