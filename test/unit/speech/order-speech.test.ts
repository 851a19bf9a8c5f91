import { describe, expect, expectTypeOf, it } from 'vitest';
import type { ExpectedWait } from '#lib/calls/queue-wait.ts';
import { LOCALES, type Locale, MARKETS, type MarketCode } from '#lib/markets.ts';
import type { Order } from '#lib/orders/order.ts';
import { ORDER_STATUSES, type OrderStatus } from '#lib/orders/status.ts';
import type { VerifiedOrder } from '#lib/orders/verification.ts';
import {
  callbackBookedSsml,
  checkSsml,
  FLOW_PROMPT_NAMES,
  flowPromptSsml,
  languageOffer,
  orderStatusSsml,
  promptSsml,
  queueWaitSsml,
  refundSsml,
  returnSsml,
  speakingSeconds,
  transcript,
  voiceFor,
} from '#lib/speech/index.ts';
import type { PromptKey } from '#lib/speech/order-speech.ts';
import type { QueueWaitOptions } from '#lib/speech/wait-speech.ts';
import { fromLocal } from '#lib/time.ts';
import { anOrder, aVerifiedOrder } from '#test/factories/order.ts';

/** Monday 23 November 2026: 11:00 in Karachi, 10:00 in Dubai, 06:00 in London. */
const now = new Date('2026-11-23T06:00:00Z');

/** What a clock in the market shows `dayOffset` days from today at `hour`. */
function localTime(market: MarketCode, dayOffset: number, hour: number): Date {
  return fromLocal({ year: 2026, month: 11, day: 23 + dayOffset, hour, minute: 0 }, MARKETS[market].timeZone);
}

function promisedDay(market: MarketCode, dayOffset: number): Pick<Order, 'promisedFrom' | 'promisedTo'> {
  const nextMidnight = localTime(market, dayOffset + 1, 0);
  return {
    promisedFrom: localTime(market, dayOffset, 0),
    promisedTo: new Date(nextMidnight.getTime() - 1000),
  };
}

function promisedSlot(market: MarketCode, dayOffset: number, from: number, to: number) {
  return { promisedFrom: localTime(market, dayOffset, from), promisedTo: localTime(market, dayOffset, to) };
}

/** A known caller's one open order, cash on delivery, due today, in a market whose callers speak the locale. */
const REPRESENTATIVE: Readonly<Record<Locale, Order>> = {
  'en-GB': anOrder({
    orderNumber: '30000001',
    customerPhone: '+447400123456',
    customerFirstName: 'Oliver',
    market: 'GB',
    carrier: 'Royal Mail',
    firstItemName: `Fish & Chips <Deluxe> "Large" serving plate`,
    totalAmount: '24.99',
    currency: 'GBP',
    amountDue: '24.99',
    ...promisedDay('GB', 0),
  }),
  'en-IN': anOrder(),
  'hi-IN': anOrder(),
  'ar-AE': anOrder({
    orderNumber: '20000001',
    customerPhone: '+971501234567',
    customerFirstName: 'فاطمة',
    market: 'AE',
    carrier: 'Aramex',
    firstItemName: 'عطر العود الملكي ١٠٠ مل',
    totalAmount: '349.00',
    currency: 'AED',
    amountDue: '349.00',
    ...promisedDay('AE', 0),
  }),
};

const EVERY_NULLABLE_COLUMN_NULL = {
  customerFirstName: null,
  promisedFrom: null,
  promisedTo: null,
  carrier: null,
  refundStatus: null,
  refundAmount: null,
  refundAt: null,
} satisfies Partial<Order>;

interface Case {
  label: string;
  order: Order;
  otherCurrentOrders: number;
}

/** Every status, then the variants the data calls for, of the locale's representative order. */
function casesFor(locale: Locale): Case[] {
  const order = REPRESENTATIVE[locale];
  const market = order.market;
  const status = (
    value: OrderStatus,
    label: string,
    changes: Partial<Order> = {},
    otherCurrentOrders = 0,
  ) => ({
    label: `${value}${label}`,
    order: { ...order, status: value, ...changes },
    otherCurrentOrders,
  });
  const refund = { amountDue: '0.00', refundAmount: order.totalAmount, refundAt: localTime(market, -1, 10) };
  return [
    ...ORDER_STATUSES.map((value) => status(value, '')),
    ...ORDER_STATUSES.map((value) =>
      status(value, ', every nullable column NULL', EVERY_NULLABLE_COLUMN_NULL),
    ),
    status('OUT_FOR_DELIVERY', ', prepaid', { amountDue: '0.00' }),
    status('OUT_FOR_DELIVERY', ', in a slot today 4 to 6 pm', promisedSlot(market, 0, 16, 18)),
    status('OUT_FOR_DELIVERY', ', no courier', { carrier: null }),
    status('SHIPPED', ', due tomorrow 11 am to 1 pm', promisedSlot(market, 1, 11, 13)),
    status('SHIPPED', ', no courier, due tomorrow', { carrier: null, ...promisedDay(market, 1) }),
    status('CONFIRMED', ', due on Thursday', promisedDay(market, 3)),
    status('PLACED', ', due in ten days', promisedDay(market, 10)),
    ...(['PLACED', 'CONFIRMED', 'PACKED', 'SHIPPED', 'OUT_FOR_DELIVERY'] as const).map((value) =>
      status(value, ', late: due on Saturday', promisedDay(market, -2)),
    ),
    status('SHIPPED', ', late: due yesterday, no courier', { carrier: null, ...promisedDay(market, -1) }),
    status('DELIVERY_FAILED', ', yesterday, rescheduled for today 4 to 6 pm', {
      statusAt: localTime(market, -1, 15),
      ...promisedSlot(market, 0, 16, 18),
    }),
    status('DELIVERY_FAILED', ', no courier', { carrier: null }),
    status('DELIVERED', ', on Friday', { statusAt: localTime(market, -3, 14) }),
    status('CANCELLED', ', refund pending', { ...refund, refundStatus: 'PENDING' }),
    status('CANCELLED', ', refund approved', { ...refund, refundStatus: 'APPROVED' }),
    status('CANCELLED', ', refund paid yesterday', { ...refund, refundStatus: 'PAID' }),
    status('RETURN_REQUESTED', ', refund pending, amount unknown', { refundStatus: 'PENDING' }),
    status('RETURNED', ', refund approved', { ...refund, refundStatus: 'APPROVED' }),
    status('RETURNED', ', refund paid, date unknown', { ...refund, refundStatus: 'PAID', refundAt: null }),
    status('REFUNDED', ', paid ten days ago', {
      ...refund,
      refundStatus: 'PAID',
      statusAt: localTime(market, -10, 9),
      refundAt: localTime(market, -10, 9),
    }),
    status('OUT_FOR_DELIVERY', ', no first name', { customerFirstName: null }),
    // Names from the shop's data in each script: said, marked with <lang>, or left out where the voice cannot.
    status('OUT_FOR_DELIVERY', ', name and courier in Latin script', {
      customerFirstName: 'Yousef',
      carrier: 'Aramex',
    }),
    status('OUT_FOR_DELIVERY', ', name and courier in Arabic script', {
      customerFirstName: 'فاطمة',
      carrier: 'أرامكس',
    }),
    status('OUT_FOR_DELIVERY', ', name in Devanagari', { customerFirstName: 'सीता' }),
    ...[1, 2, 5, 11].map((others) => status('SHIPPED', `, one of ${others + 1} current orders`, {}, others)),
  ];
}

const PROMPTS: [PromptKey, ...unknown[]][] = [
  ['askOrderNumber'],
  ['notRecognised'],
  ['askOrderNumberOrNeed'],
  ['orderNotFound'],
  ['askLastFourDigits', { orderNumber: '10000001' }],
  ['verificationFailed', { count: 2 }],
  ['verificationFailed', { count: 1 }],
  ['lockedOut'],
  ['noMoreOrders'],
  ['unavailable'],
  ['error'],
];

function prompt(key: PromptKey, locale: Locale, slots?: unknown): string {
  return (promptSsml as (key: PromptKey, locale: Locale, slots?: unknown) => string)(key, locale, slots);
}

function statusSsml({ order, otherCurrentOrders }: Case, locale: Locale): string {
  return orderStatusSsml(aVerifiedOrder(order), { locale, now, otherCurrentOrders, greetByName: true });
}

/** The transcript, with words the voice is told are of another language shown as ‹hi-IN: …›. */
function line(label: string, ssml: string, locale: Locale): string {
  const marked = ssml.replace(/<lang xml:lang="([^"]+)">/g, '‹$1: ').replaceAll('</lang>', '›');
  return `- ${label} (${speakingSeconds(ssml, locale).toFixed(1)} s): ${transcript(marked)}`;
}

/** The menu of each line that speaks `locale` and offers another language: as that line's callers hear it. */
function menusOfferingLanguages(locale: Locale): string[] {
  const lines = Object.values(MARKETS).filter((market) => market.locales.includes(locale));
  return lines.flatMap((market) => {
    const offer = languageOffer('menu', locale, market.code);
    return offer
      ? [line(`flow prompt menu, on the ${market.code} line`, flowPromptSsml('menu', locale, offer), locale)]
      : [];
  });
}

const callback: QueueWaitOptions = { recorded: true, callback: { numberEnding: '4567' } };
const WAITS: [string, ExpectedWait, QueueWaitOptions][] = [
  ['an agent free', { kind: 'shortly' }, { recorded: true }],
  ['next in line', { kind: 'next' }, { recorded: true }],
  ['1 minute', { kind: 'minutes', minutes: 1 }, { recorded: true }],
  ['4 minutes', { kind: 'minutes', minutes: 4 }, { recorded: true }],
  ['15 minutes, with a call back', { kind: 'minutes', minutes: 15 }, callback],
  ['over an hour, with a call back', { kind: 'over-an-hour' }, callback],
  ['metrics missing, not recorded', { kind: 'unknown' }, { recorded: false }],
];

function waitLines(locale: Locale): string[] {
  return [
    ...WAITS.map(([label, wait, options]) =>
      line(`queueWait, ${label}`, queueWaitSsml(locale, wait, options), locale),
    ),
    line('callbackBooked', callbackBookedSsml(locale, '4567'), locale),
  ];
}

describe('orderStatusSsml', () => {
  it('prints what every status and its variants sound like in every locale', async () => {
    const book = LOCALES.map((locale) => {
      const { voiceId, engine } = voiceFor(locale);
      const statuses = casesFor(locale).map((testCase) =>
        line(testCase.label, statusSsml(testCase, locale), locale),
      );
      const prompts = PROMPTS.map(([key, slots]) => line(key, prompt(key, locale, slots), locale));
      const flowPrompts = FLOW_PROMPT_NAMES.map((name) =>
        line(`flow prompt ${name}`, flowPromptSsml(name, locale), locale),
      );
      return [
        `## ${locale} (${voiceId}, ${engine})`,
        '',
        ...statuses,
        '',
        ...prompts,
        '',
        ...flowPrompts,
        ...menusOfferingLanguages(locale),
        '',
        ...waitLines(locale),
        '',
      ].join('\n');
    });

    await expect(`# What callers hear\n\n${book.join('\n')}`).toMatchFileSnapshot('__snapshots__/speech.md');
  });

  it.each(LOCALES)('produces SSML the %s voice’s engine accepts, for every status and variant', (locale) => {
    const { engine } = voiceFor(locale);
    for (const testCase of casesFor(locale)) {
      const ssml = statusSsml(testCase, locale);

      expect(() => checkSsml(ssml, engine), testCase.label).not.toThrow();
    }
  });

  describe.each(LOCALES)('for a known caller with one open order in %s', (locale) => {
    it.each(ORDER_STATUSES)('says %s, the thanks included, in under 8 seconds', (status) => {
      const ssml = statusSsml(
        { label: status, order: { ...REPRESENTATIVE[locale], status }, otherCurrentOrders: 0 },
        locale,
      );

      expect(speakingSeconds(ssml, locale)).toBeLessThan(8);
    });
  });

  it('answers first: the status, the cash to keep ready, then thanks the caller by name', () => {
    const ssml = orderStatusSsml(aVerifiedOrder(), {
      locale: 'en-IN',
      now,
      otherCurrentOrders: 0,
      greetByName: true,
    });

    expect(ssml).toBe(
      '<speak><s>TCS is delivering your order today.</s><s>Keep 12,499 rupees ready.</s><s>Thank you, Ayesha.</s></speak>',
    );
  });

  it('greets no one by name who is not the person on the order', () => {
    const ssml = orderStatusSsml(aVerifiedOrder(), {
      locale: 'en-IN',
      now,
      otherCurrentOrders: 0,
      greetByName: false,
    });

    expect(transcript(ssml)).toBe('TCS is delivering your order today. Keep 12,499 rupees ready.');
  });

  it.each([null, '', '   '])('greets no one when the first name is %j', (customerFirstName) => {
    const ssml = orderStatusSsml(aVerifiedOrder({ customerFirstName }), {
      locale: 'en-IN',
      now,
      otherCurrentOrders: 0,
      greetByName: true,
    });

    expect(ssml).toMatch(/^<speak><s>TCS is delivering/);
  });

  it('says nothing about cash when the order is prepaid', () => {
    const ssml = orderStatusSsml(aVerifiedOrder({ amountDue: '0.00' }), {
      locale: 'en-IN',
      now,
      otherCurrentOrders: 0,
      greetByName: true,
    });

    expect(ssml).not.toMatch(/rupees/);
  });

  it('names the order by what was bought, and counts the others, when the caller has several', () => {
    const ssml = orderStatusSsml(aVerifiedOrder({ firstItemName: 'Philips Air Fryer HD9200, black' }), {
      locale: 'en-GB',
      now,
      otherCurrentOrders: 2,
      named: true,
      greetByName: true,
    });

    expect(transcript(ssml)).toBe(
      'Your Philips Air Fryer. TCS is delivering your order today. Keep 12,499 rupees ready. You have 2 other orders. Thanks, Ayesha.',
    );
  });

  it.each([
    ['en-GB', 'عطر العود الملكي ١٠٠ مل', 'Your order ending [7 8 9 0].'],
    ['en-IN', '🐟🌶️', 'Your order ending [7 8 9 0].'],
    ['ar-AE', 'عطر العود الملكي ١٠٠ مل', 'بخصوص عطر العود الملكي.'],
    ['hi-IN', 'Pashmina shawl', 'Pashmina shawl के बारे में।'],
  ] as const)('in %s names an order of %j as the voice can say it', (locale, firstItemName, named) => {
    const ssml = orderStatusSsml(aVerifiedOrder({ orderNumber: '1234567890', firstItemName }), {
      locale,
      now,
      otherCurrentOrders: 1,
      named: true,
      greetByName: false,
    });

    expect(transcript(ssml).startsWith(`${named} `)).toBe(true);
  });

  it('escapes what the database holds', () => {
    const order = aVerifiedOrder({ customerFirstName: 'Zoë <b>', carrier: `Fish & Co's "Express" <br/>` });

    const ssml = orderStatusSsml(order, {
      locale: 'en-GB',
      now,
      otherCurrentOrders: 0,
      greetByName: true,
    });

    expect(ssml).toContain('Thanks, Zoë &lt;b&gt;.');
    expect(ssml).toContain('Fish &amp; Co&apos;s &quot;Express&quot; &lt;br/&gt; is delivering');
  });

  it('takes only an order the verification rule passed, never an order as read', () => {
    // Checked by the type checker (npm run typecheck), which fails on these lines if an Order would do.
    expectTypeOf<Order>().not.toExtend<VerifiedOrder>();
    expectTypeOf(orderStatusSsml).parameter(0).toEqualTypeOf<VerifiedOrder>();
    expectTypeOf(refundSsml).parameter(0).toEqualTypeOf<VerifiedOrder>();
    expectTypeOf(returnSsml).parameter(0).toEqualTypeOf<VerifiedOrder>();
  });
});

describe('promptSsml', () => {
  it.each(LOCALES)('produces SSML the %s voice’s engine accepts, for every prompt', (locale) => {
    for (const [key, slots] of PROMPTS) {
      expect(() => checkSsml(prompt(key, locale, slots), voiceFor(locale).engine), key).not.toThrow();
    }
  });

  it.each(LOCALES)(
    'produces SSML the %s voice’s engine accepts, for every prompt the flows ask for',
    (locale) => {
      for (const name of FLOW_PROMPT_NAMES) {
        expect(() => checkSsml(flowPromptSsml(name, locale), voiceFor(locale).engine), name).not.toThrow();
      }
    },
  );

  it.each(LOCALES)('refers to the order only by its last four digits in %s', (locale) => {
    const ssml = promptSsml('askLastFourDigits', locale, { orderNumber: '12345678' });

    expect(ssml).toContain('<say-as interpret-as="digits">5678</say-as>');
    expect(ssml).not.toMatch(/1234/);
  });

  it('counts the attempts left in the forms of Arabic', () => {
    expect(promptSsml('verificationFailed', 'ar-AE', { count: 1 })).toContain('بقيت محاولة أخيرة.');
    expect(promptSsml('verificationFailed', 'ar-AE', { count: 2 })).toContain('بقيت محاولتان.');
  });
});
