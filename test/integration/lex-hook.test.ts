/** The bot's code hook against the real primary + replica, through whole Lex V2 events of Connect voice calls. */
import { describe, expect, it } from 'vitest';
import type { LexResponse } from '#lib/lex/response.ts';
import type { Locale } from '#lib/markets.ts';
import { checkSsml, transcript, voiceFor } from '#lib/speech/index.ts';
import { fakeLambdaContext } from '#test/factories/connect-event.ts';
import { type LexEventOptions, lexEvent } from '#test/factories/lex-event.ts';
import { lexHook } from '../../functions/lex-hook/index.ts';

const PAKISTAN_LINE = '+922111000000';
const SRI_LANKA_LINE = '+94112000000';
const NEPAL_LINE = '+97714000000';
const MYANMAR_LINE = '+9519000000';

const AUNG = '+959250123456';
const NIMAL = '+94771234567';
const SITA = '+9779841234567';
const AYESHA = '+923001234567';
const BILAL = '+923211234567';
const UNKNOWN = '+923009999999';

const VERIFY_FIRST = 'For your security, we need to check the phone number given on that order first.';
const ASK_ORDER_NUMBER = 'What is the order number? You can say it, or enter it followed by the hash key.';
/** Nimal's refund was asked for 30 hours before the demo shop was seeded: yesterday, or the day before. */
const NIMALS_REFUND =
  /^Your refund of 15,900 rupees was requested (yesterday|on \w+), and is awaiting approval\.$/;

/**
 * The hook's answer to `event`, checked against the Lex V2 response format (reference §3.2) whatever it is:
 * a dialog action Lex knows, the intent state it requires, string session attributes, and SSML messages that
 * are whole `<speak>` documents the voice of `locale` can say.
 */
async function answer(event: unknown, locale: Locale = 'en-IN'): Promise<LexResponse> {
  const response = await lexHook(event, fakeLambdaContext());

  const { dialogAction, intent, sessionAttributes } = response.sessionState;
  expect(['Close', 'ElicitSlot', 'ElicitIntent']).toContain(dialogAction.type);
  if (dialogAction.type === 'Close') expect(['Fulfilled', 'Failed']).toContain(intent?.state);
  if (dialogAction.type === 'ElicitSlot') {
    expect(dialogAction.slotToElicit).toBe('OrderNumber');
    expect(intent?.state).toBe('InProgress');
  }
  if (dialogAction.type === 'ElicitIntent') expect(response.messages).toHaveLength(1);
  for (const value of Object.values(sessionAttributes)) expect(typeof value).toBe('string');
  for (const message of response.messages ?? []) {
    expect(message.contentType).toBe('SSML');
    expect(message.content).toMatch(/^<speak>[\s\S]*<\/speak>$/);
    expect(message.content.length).toBeLessThanOrEqual(1024);
    expect(() => checkSsml(message.content, voiceFor(locale).engine)).not.toThrow();
  }
  expect(Buffer.byteLength(JSON.stringify(response))).toBeLessThan(25 * 1024);
  return response;
}

/** What the caller hears, as text. */
function said(response: LexResponse): string {
  return (response.messages ?? []).map((message) => transcript(message.content)).join(' ');
}

/** A turn of a caller on the Pakistan line, in Indian English, unless the test says otherwise. */
function turn(options: LexEventOptions) {
  return lexEvent({ to: PAKISTAN_LINE, transcript: 'where is my refund', ...options });
}

describe('questions the bot answers from the order data', () => {
  it('tells Aung, calling the Myanmar line, that his refund was paid, and how much, in kyat', async () => {
    const response = await answer(
      turn({ intent: 'RefundStatus', from: AUNG, to: MYANMAR_LINE, slots: { OrderNumber: null } }),
    );

    expect(response.sessionState.dialogAction).toEqual({ type: 'Close' });
    expect(response.sessionState.intent).toMatchObject({ name: 'RefundStatus', state: 'Fulfilled' });
    expect(said(response)).toMatch(/^We paid your refund of 85,000 kyat on \w+day\.$/);
    expect(response.sessionState.sessionAttributes).toMatchObject({
      orderNumber: '70000001',
      lastUtterance: 'where is my refund',
      callerNumber: AUNG,
    });
    expect(response.sessionState.sessionAttributes.handOver).toBeUndefined();
  });

  it('tells Nimal that his refund of 15,900 rupees waits for approval, and since which day', async () => {
    const response = await answer(
      turn({ intent: 'RefundStatus', from: NIMAL, to: SRI_LANKA_LINE, slots: { OrderNumber: null } }),
    );

    expect(response.sessionState.intent).toMatchObject({ name: 'RefundStatus', state: 'Fulfilled' });
    expect(said(response)).toMatch(NIMALS_REFUND);
  });

  it('tells Sita in Hindi, on the bot of her language, that her refund is approved', async () => {
    const response = await answer(
      turn({
        intent: 'RefundStatus',
        from: SITA,
        to: NEPAL_LINE,
        localeId: 'hi_IN',
        transcript: 'मेरा रिफ़ंड कहाँ है',
      }),
      'hi-IN',
    );

    expect(said(response)).toMatch(/^आपका 6,500 रुपये का रिफ़ंड (आज|कल) मंज़ूर हुआ, और जल्द ही आपको मिल जाएगा।$/);
  });

  it('answers an order number keyed on the keypad', async () => {
    const response = await answer(
      turn({
        intent: 'RefundStatus',
        from: AUNG,
        to: MYANMAR_LINE,
        inputMode: 'DTMF',
        transcript: '70000001',
        slots: { OrderNumber: '70000001' },
      }),
    );

    expect(said(response)).toMatch(/^We paid your refund of 85,000 kyat/);
  });

  it.each(['DialogCodeHook', 'FulfillmentCodeHook'] as const)(
    'answers the same question from the %s',
    async (source) => {
      const response = await answer(
        turn({
          intent: 'RefundStatus',
          source,
          from: NIMAL,
          to: SRI_LANKA_LINE,
          slots: { OrderNumber: '50000001' },
        }),
      );

      expect(response.sessionState.dialogAction.type).toBe('Close');
      expect(response.sessionState.intent?.state).toBe('Fulfilled');
      expect(said(response)).toMatch(NIMALS_REFUND);
    },
  );

  it('answers an intent that comes without a slots map', async () => {
    const event = turn({ intent: 'RefundStatus', from: NIMAL, to: SRI_LANKA_LINE });
    const { slots: _slots, ...intent } = event.sessionState.intent;

    const response = await answer({ ...event, sessionState: { ...event.sessionState, intent } });

    expect(response.sessionState.intent).toMatchObject({
      name: 'RefundStatus',
      state: 'Fulfilled',
      slots: {},
    });
    expect(said(response)).toMatch(NIMALS_REFUND);
  });

  it('closes the status question silently, with the order in the slot for the flow to look up', async () => {
    const response = await answer(
      turn({
        intent: 'CheckOrderStatus',
        from: AYESHA,
        transcript: 'where is my order',
        slots: { OrderNumber: null },
      }),
    );

    expect(response.sessionState.dialogAction.type).toBe('Close');
    expect(response.sessionState.intent).toMatchObject({
      name: 'CheckOrderStatus',
      state: 'Fulfilled',
      slots: { OrderNumber: { value: { interpretedValue: '10000001' } } },
    });
    expect(response.messages).toBeUndefined();
  });
});

describe('an order named by a caller who is not verified for it', () => {
  it.each([
    ['an unknown caller', UNKNOWN],
    ["Bilal, who placed it with his brother's phone", BILAL],
  ])('asks the flow to verify %s and says nothing about the order', async (_, from) => {
    const response = await answer(
      turn({
        intent: 'DeliveryDate',
        from,
        transcript: 'when will order 1000 0007 come',
        slots: { OrderNumber: '10000007' },
      }),
    );

    expect(response.sessionState.dialogAction.type).toBe('Close');
    expect(response.sessionState.intent).toMatchObject({ name: 'DeliveryDate', state: 'Fulfilled' });
    expect(response.sessionState.sessionAttributes.verifyOrderNumber).toBe('10000007');
    expect(said(response)).toBe(VERIFY_FIRST);
    for (const detail of ['2,899', 'rupees', 'School bag', 'confirmed', 'arrive', 'Bilal']) {
      expect(said(response)).not.toContain(detail);
    }
    expect(response.sessionState.sessionAttributes.orderStatus).toBeUndefined();
  });

  it('answers once the flow says the caller passed the challenge for it', async () => {
    const response = await answer(
      turn({
        intent: 'DeliveryDate',
        from: BILAL,
        verifiedOrderNumber: '10000007',
        slots: { OrderNumber: '10000007' },
      }),
    );

    // Arriving in two days: the day, without the cash to keep ready (not what was asked).
    expect(said(response)).toMatch(/^Your order should arrive (tomorrow|on \w+)\.$/);
    expect(response.sessionState.sessionAttributes.verifyOrderNumber).toBeUndefined();
  });
});

describe('an order number that does not exist', () => {
  it('asks for the order number again, then hands over when the second does not exist either', async () => {
    const first = await answer(
      turn({ intent: 'RefundStatus', from: UNKNOWN, slots: { OrderNumber: '55555555' } }),
    );

    expect(first.sessionState.dialogAction).toEqual({ type: 'ElicitSlot', slotToElicit: 'OrderNumber' });
    expect(first.sessionState.intent).toEqual({
      name: 'RefundStatus',
      slots: { OrderNumber: null },
      state: 'InProgress',
    });
    expect(said(first)).toBe(`Sorry, we could not find an order with that number. ${ASK_ORDER_NUMBER}`);

    const second = await answer(
      turn({
        intent: 'RefundStatus',
        from: UNKNOWN,
        slots: { OrderNumber: '55555556' },
        sessionAttributes: first.sessionState.sessionAttributes,
      }),
    );

    expect(second.sessionState.dialogAction.type).toBe('Close');
    expect(second.sessionState.intent?.state).toBe('Fulfilled');
    expect(second.sessionState.sessionAttributes).toMatchObject({
      handOver: 'true',
      handoverReason: 'order-not-found',
    });
  });

  it('asks a caller who withheld their number, and named none, for the order number', async () => {
    const response = await answer(
      turn({ intent: 'CheckOrderStatus', from: 'anonymous', slots: { OrderNumber: null } }),
    );

    expect(response.sessionState.dialogAction).toEqual({ type: 'ElicitSlot', slotToElicit: 'OrderNumber' });
    expect(said(response)).toBe(ASK_ORDER_NUMBER);
  });
});

describe('requests the bot hands over or does not understand', () => {
  it('hands a caller who asks for a person to an agent, and leaves what they hear next to the flow', async () => {
    const response = await answer(turn({ intent: 'SpeakToAgent', from: AYESHA, transcript: 'agent please' }));

    expect(response.sessionState.intent).toMatchObject({ name: 'SpeakToAgent', state: 'Fulfilled' });
    expect(response.sessionState.sessionAttributes).toMatchObject({
      handOver: 'true',
      handoverReason: 'caller-asked',
    });
    expect(response.messages).toBeUndefined();
  });
});

describe('the menu after a status, where the bot listens for keys and words', () => {
  const atTheMenu = { menuKeys: '91203', 'x-amz-lex:dtmf:max-length:*:*': '1' };

  it.each([
    ['1', 'RepeatStatus'],
    ['2', 'OtherOrders'],
    ['9', 'SwitchLanguage'],
    ['3', 'SomethingElse'],
  ])('closes key %s as the intent %s, whatever Lex made of the digit', async (key, intent) => {
    const response = await answer(
      turn({
        intent: 'FallbackIntent',
        source: 'FulfillmentCodeHook',
        inputMode: 'DTMF',
        transcript: key,
        from: AYESHA,
        sessionAttributes: atTheMenu,
      }),
    );

    expect(response.sessionState).toMatchObject({
      dialogAction: { type: 'Close' },
      intent: { name: intent, state: 'Fulfilled', slots: {} },
    });
    expect(response.sessionState.sessionAttributes).toMatchObject({
      menuKeys: '',
      'x-amz-lex:dtmf:max-length:*:*': '1024',
    });
    expect(response.messages).toBeUndefined();
  });

  it('hands the caller over on 0, with the reason the flow gives the agent', async () => {
    const response = await answer(
      turn({
        intent: 'CheckOrderStatus',
        inputMode: 'DTMF',
        transcript: '0',
        from: AYESHA,
        sessionAttributes: atTheMenu,
      }),
    );

    expect(response.sessionState.intent).toMatchObject({ name: 'SpeakToAgent', state: 'Fulfilled' });
    expect(response.sessionState.sessionAttributes).toMatchObject({
      handOver: 'true',
      handoverReason: 'caller-asked',
    });
  });

  it('closes the fallback for a key the menu does not take, for the flow to say so and read the menu again', async () => {
    const response = await answer(
      turn({
        intent: 'FallbackIntent',
        inputMode: 'DTMF',
        transcript: '7',
        from: AYESHA,
        sessionAttributes: atTheMenu,
      }),
    );

    expect(response.sessionState.intent).toMatchObject({ name: 'FallbackIntent', state: 'Fulfilled' });
    expect(response.sessionState.sessionAttributes.handOver).toBeUndefined();
  });

  it('closes silently when the caller says goodbye', async () => {
    const response = await answer(turn({ intent: 'Goodbye', from: AYESHA, transcript: 'bye' }));

    expect(response.sessionState.intent).toMatchObject({ name: 'Goodbye', state: 'Fulfilled' });
    expect(response.messages).toBeUndefined();
  });

  it('asks what the caller wants for an intent it does not know, then hands over the second time', async () => {
    const first = await answer(turn({ intent: 'OrderPizza', from: AYESHA, transcript: 'a large pizza' }));

    expect(first.sessionState.dialogAction).toEqual({ type: 'ElicitIntent' });
    expect(said(first)).toBe(
      'Sorry, we did not understand. You can ask about your order, a refund, a delivery, or a return.',
    );

    const second = await answer(
      turn({
        intent: 'OrderPizza',
        from: AYESHA,
        transcript: 'pizza',
        sessionAttributes: first.sessionState.sessionAttributes,
      }),
    );

    expect(second.sessionState.intent).toMatchObject({ name: 'OrderPizza', state: 'Fulfilled' });
    expect(second.sessionState.sessionAttributes).toMatchObject({
      handOver: 'true',
      handoverReason: 'not-understood',
    });
  });
});

describe('what it cannot use', () => {
  it.each([
    ['an empty object', {}],
    ['a string', 'RecognizeUtterance'],
    ['null', null],
    ['an event without a bot', { ...lexEvent({ intent: 'RefundStatus' }), bot: undefined }],
  ])('hands the caller to an agent, in a valid response, for %s', async (_, event) => {
    const response = await answer(event);

    expect(response.sessionState.dialogAction).toEqual({ type: 'Close' });
    expect(response.sessionState.intent).toMatchObject({ name: 'FallbackIntent', state: 'Failed' });
    expect(response.sessionState.sessionAttributes).toMatchObject({
      handOver: 'true',
      handoverReason: 'error',
    });
    expect(said(response)).toBe(
      'Sorry, something went wrong. Please stay on the line to speak to our customer care executive.',
    );
  });

  it('hands over, saying orders cannot be checked now, when no time is left to read them', async () => {
    const response = await lexHook(
      turn({ intent: 'RefundStatus', from: NIMAL, to: SRI_LANKA_LINE }),
      fakeLambdaContext({ remainingMs: 0 }),
    );

    expect(response.sessionState.intent).toMatchObject({ name: 'RefundStatus', state: 'Failed' });
    expect(response.sessionState.sessionAttributes).toMatchObject({
      handOver: 'true',
      handoverReason: 'unavailable',
    });
    expect(said(response)).toBe(
      'Sorry, we cannot check orders right now. Please stay on the line to speak to our customer care executive.',
    );
  });
});
