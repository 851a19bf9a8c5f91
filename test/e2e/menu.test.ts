/**
 * The menu after a status, which the caller may key or say (issue 13): the Lex bot listens there, so "agent",
 * "repeat", "my other order", the other language or the question itself work as well as the keys, and a key
 * needs no hash.
 */
import { describe, expect, it } from 'vitest';
import { heard } from '#simulator/call.ts';
import { afterTheMenu, call, understoodWords } from './calls.ts';

const AYESHA = '+923001234567';
const BILAL = '+923211234567';
const FATIMA = '+971501234567';
const DUBAI_LINE = '+97142000000';

describe('a caller who speaks at the menu', () => {
  it('reaches an agent at once by saying "agent", with nothing said before the wait', async () => {
    const result = await call(AYESHA, ['say:agent']);

    expect(understoodWords(result)?.intent).toBe('SpeakToAgent');
    expect(result).toMatchObject({ outcome: 'transferred', queue: 'PK Deliveries' });
    expect(result.contact.attributes.handoverReason).toBe('caller-asked');
    expect(afterTheMenu(result)[0]).toMatch(/^Our executive will be with you shortly\./);
    expect(heard(result).join(' ')).not.toMatch(/Please hold while we connect you/);
  });

  it('hears the status again after saying "repeat"', async () => {
    const result = await call(AYESHA, ['say:sorry can you repeat that']);

    expect(understoodWords(result)?.intent).toBe('RepeatStatus');
    expect(
      heard(result).filter((text) => text.startsWith('TCS is delivering your order today')),
    ).toHaveLength(2);
  });

  it('hears the next order after saying "my other order"', async () => {
    const result = await call(BILAL, ['say:what about my other order']);

    expect(afterTheMenu(result)[0]).toMatch(/^Your Lawn 3-piece suit\. We have your order/);
    expect(result.outcome).toBe('self-served');
  });

  it('with one order hears that there is no other after saying "my other order"', async () => {
    const result = await call(AYESHA, ['say:my other order', 'hangup']);

    expect(afterTheMenu(result)[0]).toBe('There are no more orders to tell you about.');
  });

  it('hears the status in Hindi after saying "Hindi" on the Pakistan line, and is not thanked again', async () => {
    const result = await call(AYESHA, ['say:Hindi please', 'hangup']);

    expect(understoodWords(result)?.intent).toBe('SwitchLanguage');
    expect(result.contact.attributes.language).toBe('hi-IN');
    expect(afterTheMenu(result)[0]).toMatch(/[\u0900-\u097F]/);
    expect(afterTheMenu(result)[0]).not.toContain('Ayesha');
  });

  it('has the question answered at the menu, without pressing 3 first', async () => {
    const result = await call(BILAL, ['say:when will it be delivered', 'hangup']);

    expect(understoodWords(result)?.intent).toBe('DeliveryDate');
    expect(afterTheMenu(result)[0]).toMatch(/^Your order should arrive (today|tomorrow|on \w+)\.$/);
    expect(result.outcome).toBe('self-served');
  });

  it('reaches an agent by asking for one in Arabic on the Dubai line', async () => {
    const result = await call(FATIMA, ['say:أبغى أكلم موظف'], { to: DUBAI_LINE });

    expect(understoodWords(result)?.intent).toBe('SpeakToAgent');
    expect(result.outcome).toBe('transferred');
    expect(result.contact.attributes.handoverReason).toBe('caller-asked');
  });

  it('is told it was not understood and hears the menu again, then reaches an agent the second time', async () => {
    const result = await call(AYESHA, ['say:purple elephants', 'say:quantum banjos']);

    expect(afterTheMenu(result)[0]).toMatch(/^Sorry, we did not get that\./);
    expect(result.outcome).toBe('transferred');
    expect(result.contact.attributes.handoverReason).toBe('no-valid-choice');
  });
});

describe('a caller with several orders who hears one again', () => {
  it.each([
    ['1', /^Your Philips Air Fryer\. Your order is with Leopards Courier/],
    ['9', /^Philips Air Fryer के बारे में। आपका ऑर्डर Leopards Courier से/],
  ])('after %s hears it named again, so that it is told apart from the others', async (key, again) => {
    const result = await call(BILAL, [key, 'hangup']);

    expect(afterTheMenu(result)[0]).toMatch(again);
  });
});

describe('a caller who keys at the menu', () => {
  it('is not kept waiting for a hash: the status comes again as soon as 1 is pressed', async () => {
    const result = await call(AYESHA, ['1', 'hangup']);

    const keyAt = result.events.find((event) => event.type === 'input')?.at ?? Infinity;
    const again = result.events.filter((event) => event.type === 'prompt' && event.text.startsWith('TCS'))[1];
    expect((again?.at ?? Infinity) - keyAt).toBeLessThan(1);
    expect(result.events.some((event) => event.type === 'note' && event.text.startsWith('Lex waited'))).toBe(
      false,
    );
  });

  it('is told a key the menu does not have was not understood, and reaches an agent the second time', async () => {
    const result = await call(AYESHA, ['7', '7']);

    expect(afterTheMenu(result)[0]).toMatch(/^Sorry, we did not get that\. .*Press 1 to hear it again/);
    expect(result.outcome).toBe('transferred');
    expect(result.contact.attributes.handoverReason).toBe('no-valid-choice');
  });

  it('hears the menu again after an unknown key, and may then choose from it', async () => {
    const result = await call(AYESHA, ['7', '1', 'hangup']);

    expect(
      heard(result).filter((text) => text.startsWith('TCS is delivering your order today')),
    ).toHaveLength(2);
    expect(result.outcome).toBe('self-served');
  });

  it('on 3 is asked what else, and the question is answered', async () => {
    const result = await call(BILAL, ['3', 'say:when will it be delivered', 'hangup']);

    expect(afterTheMenu(result)[0]).toMatch(/^How may we help you\?/);
    expect(afterTheMenu(result)[1]).toMatch(/^Your order should arrive/);
  });
});
