/**
 * The language a caller saved with the shop (issue 13, caller experience), through whole calls: the person on
 * the order hears it first where the line speaks it, key 9 at the menu still switches to the line's other
 * language, and a saved language the line does not speak leaves the line's own.
 */
import { describe, expect, it } from 'vitest';
import { heard, type SimulatedCall } from '#simulator/call.ts';
import { call } from './calls.ts';

/** Sita saved Hindi (hi-IN) with the shop; Fatima saved Arabic (ar-AE). */
const SITA = '+9779841234567';
const FATIMA = '+971501234567';
const NEPAL_LINE = '+97715000000';
const PAKISTAN_LINE = '+922111000000';

/** The language of each order-status reply, in the order of the call. */
function orderStatusLanguages(result: SimulatedCall): (string | undefined)[] {
  return result.events.flatMap((event) =>
    event.type === 'lambda' && event.function === 'order-status' ? [event.result.language] : [],
  );
}

describe('a caller who saved a language with the shop', () => {
  it.each([
    ['Nepal', NEPAL_LINE],
    ['Pakistan', PAKISTAN_LINE],
  ])('tells Sita her refund in Hindi first on the %s line, and offers English', async (_, line) => {
    const result = await call(SITA, ['silence'], { to: line });
    const [status, menu] = heard(result);

    expect(status).toContain('आपका 6,500 रुपये का रिफ़ंड मंज़ूर हो गया है');
    expect(status).toMatch(/शुक्रिया, Sita।$/);
    expect(menu).toMatch(/^For English, press 9\./);
    expect(result.contact.attributes.language).toBe('hi-IN');
  });

  it('switches Sita to English when she keys 9, and keeps to it', async () => {
    const result = await call(SITA, ['9', '1'], { to: NEPAL_LINE });
    const [, , afterNine, menu, afterOne] = heard(result);

    expect(afterNine).toMatch(/^Your refund of 6,500 rupees is approved, and will reach you soon\.$/);
    expect(menu).toMatch(/^हिंदी या उर्दू के लिए 9 दबाएँ।/);
    expect(afterOne).toBe(afterNine);
    expect(orderStatusLanguages(result)).toEqual(['hi-IN', 'en-IN', 'en-IN']);
  });

  it("speaks the line's own language to a caller whose saved one the line does not speak", async () => {
    const result = await call(FATIMA, ['silence'], { to: PAKISTAN_LINE });
    const [status, menu] = heard(result);

    expect(status).toMatch(/^Your order is confirmed, and should arrive today/);
    expect(menu).toMatch(/^हिंदी या उर्दू के लिए 9 दबाएँ।/);
    expect(orderStatusLanguages(result)).toEqual(['en-IN']);
  });
});
