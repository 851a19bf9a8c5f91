/**
 * Whole calls through the inbound flow, the queue, whisper and survey flows, the real functions and the real
 * primary + replica: what the caller hears, and where the call ends.
 */
import { describe, expect, it } from 'vitest';
import { ORDER_STATUSES } from '#lib/orders/status.ts';
import { speakingSeconds } from '#lib/speech/index.ts';
import { heard } from '#simulator/call.ts';
import enIN from '../../prompts/en-IN.json' with { type: 'json' };
import { addOrder, call, functionOutcomes, newCallerNumber } from './calls.ts';

const AYESHA = '+923001234567';
const BILAL = '+923211234567';

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The words of an en-IN catalogue message up to its first placeholder: what every variant of it says. */
function words(key: keyof typeof enIN): string {
  const message = enIN[key];
  return (typeof message === 'string' ? message : message.other).split('{')[0]?.trim() ?? '';
}

describe('a known caller', () => {
  it('hears the status of their one order first, with no menu before it, and may hang up after it', async () => {
    const result = await call(AYESHA, ['hangup']);

    const [first] = result.events.filter((event) => event.type === 'prompt');
    expect(first).toMatchObject({
      type: 'prompt',
      text: 'TCS is delivering your order today. Keep 12,499 rupees ready. Thank you, Ayesha.',
    });
    expect(first?.at).toBeLessThan(1);
    expect(speakingSeconds((first as { ssml: string }).ssml, 'en-IN')).toBeLessThan(8);
    expect(result).toMatchObject({
      outcome: 'self-served',
      queue: null,
      surveyScore: null,
      endedBy: 'caller',
    });
    expect(result.contact.attributes).toMatchObject({
      verifiedOrderNumber: '10000001',
      language: 'en-IN',
      callOutcome: 'self-served',
    });
  });

  it('with several orders hears the one on its way, then the next one after pressing 2', async () => {
    const result = await call(BILAL, ['2']);

    expect(heard(result)[0]).toMatch(
      /^Your Philips Air Fryer\. .* You have 3 more orders with us\. Thank you, Bilal\.$/,
    );
    expect(heard(result)[1]).toContain('2 for your other orders');
    expect(heard(result)[2]).toMatch(/^Your Lawn 3-piece suit\. We have your order/);
    expect(result.contact.attributes.orderNumber).toBe('10000004');
    expect(result.outcome).toBe('self-served');
  });

  it('hears the same order again after pressing 1', async () => {
    const result = await call(AYESHA, ['1']);

    expect(heard(result).filter((text) => text.includes('TCS is delivering your order today'))).toHaveLength(
      2,
    );
  });

  it('hears that there are no more orders after the last one', async () => {
    const result = await call(AYESHA, ['2', 'hangup']);

    expect(heard(result).at(-1)).toBe(words('noMoreOrders'));
    expect(result.outcome).toBe('self-served');
  });

  it.each(ORDER_STATUSES)('is told of an order that is %s', async (status) => {
    const phone = newCallerNumber();
    await addOrder(phone, status);

    const result = await call(phone);

    expect(heard(result)[0]).toMatch(
      new RegExp(`^${escaped(words(`status.${status}`))}.*Thank you, Zara\\.$`),
    );
    expect(result.outcome).toBe('self-served');
  });
});

describe('a caller the IVR does not know', () => {
  it('keys in an order number, answers the challenge for an order of another phone, and hears its status', async () => {
    const result = await call(newCallerNumber(), ['dtmf:10000001#', 'dtmf:4567']);

    expect(heard(result)[0]).toContain(words('notRecognised'));
    expect(heard(result)[1]).toContain(
      'the last four digits of the phone number given on the order ending [0 0 0 1]',
    );
    // Knowing the digits does not make the caller Ayesha: no greeting by her name.
    expect(heard(result)[2]).toBe(
      'Your Samsung Galaxy. TCS is delivering your order today. Keep 12,499 rupees ready.',
    );
    expect(functionOutcomes(result).filter((outcome) => outcome.startsWith('order-status'))).toEqual([
      'order-status:not-identified',
      'order-status:verify',
      'order-status:found',
    ]);
    expect(result.outcome).toBe('self-served');
  });

  it('hears nothing of the order after three wrong answers, and is handed to an agent', async () => {
    const orderNumber = await addOrder(newCallerNumber(), 'SHIPPED');

    const result = await call(newCallerNumber(), [
      `dtmf:${orderNumber}#`,
      'dtmf:0000',
      'dtmf:1111',
      'dtmf:2222',
    ]);

    expect(heard(result).join(' ')).not.toContain(words('status.SHIPPED'));
    expect(heard(result)).toContain(words('lockedOut'));
    expect(result).toMatchObject({ outcome: 'transferred', queue: 'PK General' });
    expect(result.contact.attributes.handoverReason).toBe('locked');
  });

  it('is asked again for an order number that does not exist, then handed to an agent', async () => {
    const result = await call(newCallerNumber(), ['dtmf:99999999#', 'dtmf:88888888#']);

    // The first question is the bot's (keys or words), which asks again itself, then hands over.
    expect(heard(result).filter((text) => text.startsWith(words('orderNotFound')))).toHaveLength(2);
    expect(result).toMatchObject({ outcome: 'transferred', queue: 'PK Deliveries' });
    expect(result.contact.attributes.handoverReason).toBe('order-not-found');
  });

  it('with a withheld number is asked for an order number, and may key one in', async () => {
    const result = await call(null, ['dtmf:10000001#', 'hangup']);

    expect(heard(result)[0]).toBe(enIN.askOrderNumberOrNeed);
    expect(functionOutcomes(result)).toContain('order-status:verify');
    expect(result.outcome).toBe('abandoned');
  });
});

describe('a caller who keys nothing', () => {
  it('after the answer is asked again, then offered the survey, and the call ends without an agent', async () => {
    const result = await call(AYESHA, ['silence', 'silence', 'silence', 'silence']);

    expect(heard(result).slice(1, 3)).toEqual([
      expect.stringContaining('Press 1'),
      expect.stringMatching(new RegExp(`^${words('didNotCatch')}`)),
    ]);
    expect(heard(result)[3]).toContain(words('surveyQuestion'));
    expect(heard(result).at(-1)).toBe(words('goodbye'));
    expect(result.events.filter((event) => event.type === 'timeout')).toHaveLength(4);
    expect(result).toMatchObject({ outcome: 'self-served', queue: null, surveyScore: null, endedBy: 'flow' });
  });

  it('when asked for an order number is asked to say it instead', async () => {
    const result = await call(newCallerNumber(), ['silence', 'silence']);

    expect(heard(result)[1]).toBe(`${words('didNotCatch')} ${words('askBySpeech')}`);
  });

  it('when asked for the last four digits is asked again once, then handed to an agent', async () => {
    const orderNumber = await addOrder(newCallerNumber());

    const result = await call(newCallerNumber(), [`dtmf:${orderNumber}#`, 'silence', 'silence']);

    const challenges = heard(result).filter((text) => text.includes('last four digits'));
    expect(challenges).toHaveLength(2);
    expect(result).toMatchObject({ outcome: 'transferred' });
    expect(result.contact.attributes.handoverReason).toBe('no-input');
  });

  it('at the survey is asked once more, then told goodbye', async () => {
    const result = await call(AYESHA, ['0', 'after-agent', 'silence', 'silence']);

    expect(heard(result).slice(-3)).toEqual([
      words('surveyQuestion'),
      `${words('didNotCatch')} ${words('surveyQuestion')}`,
      words('goodbye'),
    ]);
    expect(result.surveyScore).toBeNull();
  });
});

describe('a caller who wants a person', () => {
  it('presses 0, waits in the queue, is announced to the agent, and answers the survey when the agent hangs up', async () => {
    const result = await call(AYESHA, ['0', 'after-agent', '4']);

    expect(heard(result)).toContain(`${words('wait.shortly')} ${words('recordingNotice')}`);
    expect(heard(result)).toContain(words('holding'));
    const whisper = result.events.find((event) => event.type === 'prompt' && event.to === 'agent');
    expect(whisper).toMatchObject({
      text: 'Verified caller, order ending 0001, out for delivery, asked for an agent.',
    });
    expect(result.contact.attributes).toMatchObject({
      agentVerified: 'true',
      agentOrder: '10000001',
      agentOrderStatus: 'OUT_FOR_DELIVERY',
      agentReason: 'caller-asked',
      agentLanguage: 'en-IN',
    });
    expect(result.events.map((event) => event.type)).toEqual(
      expect.arrayContaining(['transfer', 'agent', 'survey', 'hangup']),
    );
    expect(result).toMatchObject({ outcome: 'transferred', queue: 'PK Deliveries', surveyScore: 4 });
    expect(heard(result).at(-1)).toBe(words('surveyThanks'));
  });

  it('is handed over after pressing a key the menu does not offer, twice', async () => {
    const result = await call(AYESHA, ['7', '8']);

    expect(heard(result)[2]).toMatch(new RegExp(`^${words('didNotCatch')}`));
    expect(result.outcome).toBe('transferred');
    expect(result.contact.attributes.handoverReason).toBe('no-valid-choice');
  });

  it('is told when no agent is working, and the IVR hangs up', async () => {
    const result = await call(AYESHA, ['0'], { open: false });

    expect(heard(result).at(-1)).toBe(words('closed'));
    expect(result).toMatchObject({ outcome: 'self-served', queue: null, endedBy: 'flow' });
  });
});

describe('a self-served caller', () => {
  it('answers the survey before goodbye', async () => {
    const result = await call(AYESHA, ['silence', 'silence', '5']);

    expect(heard(result).slice(-2)).toEqual([words('surveyQuestion'), words('surveyThanks')]);
    expect(result).toMatchObject({ outcome: 'self-served', surveyScore: 5, endedBy: 'flow' });
    expect(result.events).toContainEqual(expect.objectContaining({ type: 'survey', score: 5 }));
  });
});
