/**
 * Whole calls that reach the Lex bot: the local bot of bots/ with the real code hook, in every locale, with
 * phrasings the bot was not given (test/e2e/lex-paraphrases.json), and the hand-overs it leads to.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LexRuntimeV2Client, RecognizeTextCommand } from '@aws-sdk/client-lex-runtime-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { FALLBACK_INTENT } from '#lib/lex/bot.ts';
import { PROJECT_ROOT } from '#lib/paths.ts';
import { heard } from '#simulator/call.ts';
import { RemoteLex } from '#simulator/lex.ts';
import { call, newCallerNumber, understoodWords } from './calls.ts';

interface Paraphrase {
  locale: string;
  intent: string;
  utterance: string;
}

const PARAPHRASES: Paraphrase[] = JSON.parse(
  readFileSync(join(PROJECT_ROOT, 'test', 'e2e', 'lex-paraphrases.json'), 'utf8'),
);

/** How a caller reaches the bot in each locale: the line they dial, and what they do before they speak. */
const ROUTES: Record<string, { from: () => string; to: string; before: string[] }> = {
  // A number the IVR does not know: no keys for the order number, then speech.
  en_IN: { from: newCallerNumber, to: '+922111000000', before: ['silence'] },
  en_GB: { from: () => '+447700900123', to: '+442080000000', before: ['silence'] },
  ar_AE: { from: () => '+971509990123', to: '+97142000000', before: ['silence'] },
  // Ayesha, on the Pakistan line: Hindi on 9, then "something else" on 3.
  hi_IN: { from: () => '+923001234567', to: '+922111000000', before: ['9', '3'] },
};

/** The intent the bot understood first in a call where the caller says `utterance`. */
async function understood(locale: string, utterance: string): Promise<string | undefined> {
  const route = ROUTES[locale];
  if (!route) throw new Error(`no route to the bot in ${locale}`);
  const result = await call(route.from(), [...route.before, `say:${utterance}`], { to: route.to });
  const lex = understoodWords(result);
  return lex?.type === 'lex' ? lex.intent : undefined;
}

// The local Lex's classifier (NLP.js) puts a question on another subject in one of the bot's intents when it
// shares words with their samples: the off-topic phrasings are counted in `ivr bot evaluate`'s figures, and
// the fallback is asserted below with words the bot has never heard.
const cases = [
  ...new Set(
    PARAPHRASES.filter(({ intent }) => intent !== FALLBACK_INTENT).map(
      ({ locale, intent }) => `${locale} ${intent}`,
    ),
  ),
].map((key) => {
  const [locale = '', intent = ''] = key.split(' ');
  return {
    locale,
    intent,
    utterances: PARAPHRASES.filter((p) => p.locale === locale && p.intent === intent),
  };
});

describe('the bot', () => {
  it.each(cases)(
    'understands $intent in $locale from a phrasing it was not given',
    async ({ locale, intent, utterances }) => {
      const intents = [];
      for (const { utterance } of utterances) intents.push(await understood(locale, utterance));

      expect(intents).toContain(intent);
    },
  );

  it.each([
    ['en_GB', 'purple elephants juggling quantum banjos'],
    ['en_IN', 'purple elephants juggling quantum banjos'],
    ['ar_AE', 'فيلة بنفسجية تعزف بانجو'],
    ['hi_IN', 'बैंगनी हाथी banjo बजाते'],
  ])('falls back in %s on words the bot has never heard, and asks again', async (locale, said) => {
    expect(await understood(locale, said)).toBe(FALLBACK_INTENT);
  });

  it('tells a known caller about their refund, in their language', async () => {
    const result = await call('+959250123456', ['3', 'say:what about my refund'], {
      to: '+9512345678',
    });

    expect(result.events).toContainEqual(expect.objectContaining({ type: 'lex', intent: 'RefundStatus' }));
    expect(heard(result).join(' ')).toMatch(/We paid your refund of 85,000 kyat/);
    expect(result.outcome).toBe('self-served');
  });

  it('says nothing of a refund on an order of another phone, and asks for the last four digits of that phone', async () => {
    const result = await call(newCallerNumber(), [
      'silence',
      'say:where is the refund for order 70000001',
      'silence',
    ]);

    const said = heard(result).join(' ');
    expect(said).not.toMatch(/85,000|kyat|paid|refund of/i);
    expect(said).toContain('For your security, we need to check the phone number given on that order first.');
    expect(heard(result).at(-1)).toContain(
      'the last four digits of the phone number given on the order ending [0 0 0 1]',
    );
  });

  it('asks once more for an order number that does not exist, then hands over', async () => {
    const result = await call(newCallerNumber(), [
      'silence',
      'say:when will order 55555555 arrive',
      'dtmf:66666666#',
    ]);

    expect(heard(result)).toContain(
      'Sorry, we could not find an order with that number. What is the order number? You can say it, or enter it followed by the hash key.',
    );
    expect(result).toMatchObject({ outcome: 'transferred', queue: 'PK Deliveries' });
    expect(result.contact.attributes.handoverReason).toBe('order-not-found');
  });

  it('hands a caller who wants to cancel to the deliveries queue, with the context and a whisper', async () => {
    const result = await call(newCallerNumber(), ['silence', 'say:please cancel my order 10000004']);

    expect(result).toMatchObject({ outcome: 'transferred', queue: 'PK Deliveries' });
    const whisper = result.events.find((event) => event.type === 'prompt' && event.to === 'agent');
    expect(whisper).toMatchObject({
      text: 'Unverified caller, asks about order ending 0004, wants to cancel.',
    });
    expect(result.contact.attributes).toMatchObject({
      agentVerified: 'false',
      agentOrder: '10000004',
      agentIntent: 'CancelOrder',
      agentReason: 'cancel-order',
      agentLastSaid: 'please cancel my order 10000004',
      agentLanguage: 'en-IN',
    });
    expect(result.contact.attributes.agentOrderStatus ?? '').toBe('');
  });

  it('arranges the pickup of a delivered order still inside the return window through the returns queue', async () => {
    const result = await call('+923211234567', ['3', 'say:I want to return something I got']);

    expect(heard(result).join(' ')).toContain('You can still return this order. The return period ends');
    expect(result).toMatchObject({ outcome: 'transferred', queue: 'PK Returns' });
    expect(result.events.find((event) => event.type === 'prompt' && event.to === 'agent')).toMatchObject({
      text: expect.stringMatching(
        /^Verified caller, order ending 0005, delivered, wants to return it, needs a pickup\.$/,
      ),
    });
  });

  // A caller's reason for an agent, said in a long sentence of their own, reaches the agent: not "we did not
  // understand" and a call counted as self-served.
  it.each([
    {
      locale: 'en_GB',
      said: 'um, the kettle turned up with a dent in the side and the lid snapped off, I really want to make a complaint',
      intent: 'Complaint',
      reason: 'complaint',
    },
    {
      locale: 'en_IN',
      said: 'actually I booked it two times by mistake, so kindly cancel order 10000004 before you ship it',
      intent: 'CancelOrder',
      reason: 'cancel-order',
    },
    {
      locale: 'ar_AE',
      said: 'بسافر هالأسبوع، ممكن تغيرون موعد التوصيل للأسبوع الجاي',
      intent: 'ChangeDelivery',
      reason: 'change-date',
    },
    {
      locale: 'hi_IN',
      said: 'देखिए, delivery वाला बहुत बदतमीज़ी से बात कर रहा था, मुझे इसकी शिकायत करनी है',
      intent: 'Complaint',
      reason: 'complaint',
    },
  ])(
    'hands $intent said in $locale to an agent with its reason',
    async ({ locale, said, intent, reason }) => {
      const route = ROUTES[locale];
      if (!route) throw new Error(`no route to the bot in ${locale}`);

      const result = await call(route.from(), [...route.before, `say:${said}`], { to: route.to });

      expect(understoodWords(result)).toMatchObject({ intent });
      expect(result.outcome).toBe('transferred');
      expect(result.contact.attributes.handoverReason).toBe(reason);
    },
  );

  it.each([
    ['en-IN', [], 'could you please send a courier to my house to collect the shoes I want to give back'],
    ['hi-IN', ['9'], 'जो जूते वापस करने हैं उन्हें लेने के लिए किसी को घर भेज दीजिए'],
  ])(
    'arranges a pickup asked for in %s in the caller’s own words through the returns queue',
    async (language, before, said) => {
      const result = await call('+923211234567', [...before, '3', `say:${said}`]);

      expect(understoodWords(result)).toMatchObject({ intent: 'ReturnItem' });
      expect(result.outcome).toBe('transferred');
      expect(result.queue).toMatch(/^PK Returns/);
      expect(result.contact.attributes).toMatchObject({
        handoverReason: 'return-pickup',
        agentLanguage: language,
      });
    },
  );

  it('hands a Hindi speaker to the Hindi queue of the team of the order they heard about', async () => {
    const result = await call('+923001234567', ['9', '3', 'say:मुझे किसी इंसान से बात करनी है']);

    expect(result).toMatchObject({ outcome: 'transferred', queue: 'PK Deliveries (hi-IN)' });
    expect(result.contact.attributes.agentLanguage).toBe('hi-IN');
  });

  it('asks again when the caller says nothing to the bot, then hands over', async () => {
    const result = await call(newCallerNumber(), ['silence', 'silence', 'silence']);

    expect(heard(result)).toContain(
      'Sorry, we did not get that. Please say your order number, or tell us what you are calling about.',
    );
    expect(result.contact.attributes.handoverReason).toBe('no-input');
  });

  it('lets a caller key an order number to the bot', async () => {
    const result = await call(newCallerNumber(), ['silence', 'dtmf:10000001#', 'dtmf:4567']);

    expect(result.events).toContainEqual(
      expect.objectContaining({
        type: 'lex',
        intent: 'CheckOrderStatus',
        slots: { OrderNumber: '10000001' },
      }),
    );
    expect(heard(result).at(-1)).toContain('TCS is delivering your order');
  });
});

/** What the bot said to the caller after they spoke: the prompts after the first `lex` event. */
function botAnswer(result: Awaited<ReturnType<typeof call>>): string {
  const understood = understoodWords(result);
  const at = understood ? result.events.indexOf(understood) : -1;
  const answer = result.events.slice(at + 1).find((event) => event.type === 'prompt' && event.to !== 'agent');
  return answer?.type === 'prompt' ? answer.text : '';
}

// Issue 13: the bot answers the question asked with the day or the amount, not the whole status again.
describe('the bot answers what was asked', () => {
  it('tells Bilal the day his order comes when he asks when it will be delivered, and nothing else', async () => {
    const result = await call('+923211234567', ['3', 'say:when will it be delivered']);

    expect(understoodWords(result)).toMatchObject({ intent: 'DeliveryDate' });
    expect(botAnswer(result)).toMatch(/^Your order should arrive (today|tomorrow|on \w+)\.$/);
    expect(result.outcome).toBe('self-served');
  });

  it('answers "when is the air fryer going to reach me" with the day, not about a refund', async () => {
    const result = await call('+923001234567', ['3', 'say:when is the air fryer going to reach me']);

    expect(understoodWords(result)).toMatchObject({ intent: 'DeliveryDate' });
    expect(botAnswer(result)).toBe('Your order should arrive today.');
  });

  it.each([
    [
      'Nimal, whose refund waits for approval',
      '+94771234567',
      '+94112000000',
      /^Your refund of 15,900 rupees was requested (today|yesterday|on \w+), and is awaiting approval\.$/,
    ],
    [
      'Sita, whose refund is approved, in Hindi (the language she saved)',
      '+9779841234567',
      '+97715000000',
      /^आपका 6,500 रुपये का रिफ़ंड (आज|कल) मंज़ूर हुआ, और जल्द ही आपको मिल जाएगा।$/,
    ],
    [
      'Aung, whose refund is paid',
      '+959250123456',
      '+9512345678',
      /^We paid your refund of 85,000 kyat (yesterday|on \w+)\.$/,
    ],
  ])('tells %s the amount, the state and its day', async (_, from, to, answer) => {
    const result = await call(from, ['3', 'say:where is my refund'], { to });

    expect(understoodWords(result)).toMatchObject({ intent: 'RefundStatus' });
    expect(botAnswer(result)).toMatch(answer);
    expect(result.outcome).toBe('self-served');
  });

  it('tells until which day a delivered order can be returned', async () => {
    const result = await call('+923211234567', ['3', 'say:can I return it']);

    expect(botAnswer(result)).toMatch(
      /^You can still return this order\. The return period ends (today|tomorrow|on \w+)\./,
    );
    expect(result).toMatchObject({ outcome: 'transferred', queue: 'PK Returns' });
  });
});

describe('a request the bot does not understand', () => {
  it('is not counted self-served when the caller hangs up after "we did not understand", though the status was heard', async () => {
    const result = await call('+923001234567', ['3', 'say:purple elephants juggling quantum banjos']);

    expect(heard(result).at(-1)).toBe(
      'Sorry, we did not understand. You can ask about your order, a refund, a delivery, or a return.',
    );
    expect(result.outcome).toBe('abandoned');
    expect(result.contactRecord.Attributes).toMatchObject({ botRequest: 'open' });
  });

  it('goes to an agent the second time, never to the end of the call', async () => {
    const result = await call('+923001234567', [
      '3',
      'say:purple elephants juggling quantum banjos',
      'say:purple elephants juggling quantum banjos',
    ]);

    expect(result).toMatchObject({ outcome: 'transferred', queue: 'PK Deliveries' });
    expect(result.contact.attributes.handoverReason).toBe('not-understood');
  });

  it('leaves the call self-served when the caller says goodbye to the bot after the status', async () => {
    const result = await call('+923001234567', ['3', "say:that's all, thanks, bye"]);

    expect(understoodWords(result)).toMatchObject({ intent: 'Goodbye' });
    expect(result.outcome).toBe('self-served');
  });
});

describe('a known caller asking for what only an agent can do, after the status', () => {
  it.each([
    ['I want to complain', 'Complaint', 'complaint', 'PK General'],
    ['please cancel my order', 'CancelOrder', 'cancel-order', 'PK Deliveries'],
    ['I want to change the delivery address', 'ChangeDelivery', 'change-address', 'PK Deliveries'],
    ['please send someone to pick up the product', 'ReturnItem', 'return-pickup', 'PK Returns'],
  ])('reaches an agent with the reason when they say "%s"', async (said, intent, reason, queue) => {
    const result = await call('+923211234567', ['3', `say:${said}`]);

    expect(understoodWords(result)).toMatchObject({ intent });
    expect(result).toMatchObject({ outcome: 'transferred', queue });
    expect(result.contact.attributes).toMatchObject({ handoverReason: reason, agentReason: reason });
  });
});

describe('a deployed bot (--lex remote)', () => {
  it('takes the caller’s words through RecognizeText, and the flow hands over as the bot says', async () => {
    const client = new LexRuntimeV2Client({ region: 'eu-west-2' });
    mockClient(client)
      .on(RecognizeTextCommand)
      .resolves({
        messages: [{ contentType: 'SSML', content: '<speak>I will put you through.</speak>' }],
        sessionState: {
          dialogAction: { type: 'Close' },
          intent: { name: 'Complaint', state: 'Fulfilled' },
          sessionAttributes: {
            handOver: 'true',
            handoverReason: 'complaint',
            lastUtterance: 'the courier was rude',
          },
        },
      });

    const result = await call(newCallerNumber(), ['silence', 'say:the courier was rude'], {
      lex: new RemoteLex('BOTID12345', 'ALIASID123', client),
    });

    expect(heard(result)).toContain('I will put you through.');
    expect(result).toMatchObject({ outcome: 'transferred', queue: 'PK General' });
    expect(result.contact.attributes).toMatchObject({
      intent: 'Complaint',
      agentReason: 'complaint',
      agentLastSaid: 'the courier was rude',
    });
  });
});
