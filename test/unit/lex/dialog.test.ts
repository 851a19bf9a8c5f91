import { describe, expect, it } from 'vitest';
import { LEAVING_THE_MENU } from '#lib/calls/menu.ts';
import { LEX_SESSION } from '#lib/connect/contracts.ts';
import { type BotDecision, type BotTurn, decide } from '#lib/lex/dialog.ts';
import type { Order } from '#lib/orders/order.ts';
import type { CallerNumber } from '#lib/orders/phone.ts';
import type { OrdersRepository } from '#lib/orders/repository.ts';
import { transcript } from '#lib/speech/index.ts';
import { anOrder } from '#test/factories/order.ts';
import { verificationAnswering } from '#test/factories/verification.ts';

const now = new Date('2026-11-23T06:00:00Z'); // a Monday, 11 am in Karachi
const AYESHA: CallerNumber = { kind: 'number', e164: '+923001234567' };
const STRANGER: CallerNumber = { kind: 'number', e164: '+923009999999' };

const daysAgo = (days: number) => new Date(now.getTime() - days * 24 * 60 * 60 * 1000);

/** Ayesha's order on its way: TCS delivers it today, cash to pay. */
const onTheWay = anOrder({ orderNumber: '10000001' });
const delivered = anOrder({
  orderNumber: '10000002',
  status: 'DELIVERED',
  statusAt: daysAgo(3),
  amountDue: '0.00',
});
const refunded = anOrder({
  orderNumber: '10000003',
  status: 'CANCELLED',
  statusAt: daysAgo(2),
  amountDue: '0.00',
  refundStatus: 'PAID',
  refundAmount: '12499.00',
  refundAt: daysAgo(1),
});
/** Placed with another phone: delivered three days ago, its refund of 2,899 rupees being processed. */
const bilals = anOrder({
  orderNumber: '10000007',
  customerPhone: '+923211234567',
  customerFirstName: 'Bilal',
  status: 'DELIVERED',
  statusAt: daysAgo(3),
  firstItemName: 'School bag & lunch box set',
  totalAmount: '2899.00',
  amountDue: '0.00',
  refundStatus: 'PENDING',
  refundAmount: '2899.00',
});

/** Orders kept in a list, found as the view finds them (current ones, newest first); it notes what it is asked. */
function ordersOf(orders: Order[]): OrdersRepository & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    findOrderByNumber: async (orderNumber) => {
      asked.push(orderNumber);
      return orders.find((order) => order.orderNumber === orderNumber);
    },
    findCurrentOrdersByPhone: async (phone) => {
      asked.push(phone);
      return orders.filter((order) => order.customerPhone === phone);
    },
  };
}

function turn(intent: string, overrides: Partial<BotTurn> = {}): BotTurn {
  return {
    contactId: 'contact-1',
    intent,
    orderNumber: undefined,
    changeWhat: undefined,
    transcript: 'I have a question',
    keyed: false,
    session: {},
    caller: AYESHA,
    locale: 'en-IN',
    now,
    deadline: Date.now() + 3000,
    orders: ordersOf([onTheWay]),
    verification: verificationAnswering(),
    ...overrides,
  };
}

/** What the caller hears, as text. */
function said(decision: BotDecision): string {
  return decision.ssml === undefined ? '' : transcript(decision.ssml);
}

const TRANSFERRING = 'Please hold while we connect you to our executive.';
const ASK_ORDER_NUMBER = 'What is the order number? You can say it, or enter it followed by the hash key.';
const NOT_FOUND = 'Sorry, we could not find an order with that number.';
const VERIFY_FIRST = 'For your security, we need to check the phone number given on that order first.';
const ORDER_QUESTIONS = ['CheckOrderStatus', 'RefundStatus', 'DeliveryDate', 'ReturnItem'];
const ANSWERED_QUESTIONS = ['RefundStatus', 'DeliveryDate', 'ReturnItem'];

describe('requests an agent takes over', () => {
  it.each([
    ['Complaint', undefined, 'complaint', 'We are sorry to hear that. We will connect you to our executive.'],
    ['CancelOrder', undefined, 'cancel-order', 'We will connect you to our executive, who can cancel it.'],
    [
      'ChangeDelivery',
      'address',
      'change-address',
      'We will connect you to our executive, who can change the delivery.',
    ],
    [
      'ChangeDelivery',
      'date',
      'change-date',
      'We will connect you to our executive, who can change the delivery.',
    ],
    [
      'ChangeDelivery',
      undefined,
      'change-delivery',
      'We will connect you to our executive, who can change the delivery.',
    ],
    [
      'ChangeDelivery',
      'colour',
      'change-delivery',
      'We will connect you to our executive, who can change the delivery.',
    ],
  ])(
    'hands %s (change %s) to an agent as %s, keeping the order number the caller stated',
    async (intent, changeWhat, reason, line) => {
      const orders = ordersOf([onTheWay]);

      const decision = await decide(turn(intent, { changeWhat, orderNumber: '10000001', orders }));

      expect(decision.kind).toBe('done');
      expect(decision.session).toMatchObject({
        [LEX_SESSION.handOver]: 'true',
        [LEX_SESSION.handoverReason]: reason,
        [LEX_SESSION.orderNumber]: '10000001',
      });
      expect(said(decision)).toBe(line);
      expect(orders.asked).toEqual([]);
    },
  );

  it.each([
    ['en-GB', 'I will put you through to a colleague who can cancel it.'],
    ['hi-IN', 'हम आपको एजेंट से मिला रहे हैं, जो इसे कैंसल कर सकते हैं।'],
    ['ar-AE', 'جارٍ التحويل إلى أحد موظفينا لإلغاء الطلب.'],
  ] as const)('says the hand-over line in %s when the caller speaks it', async (locale, line) => {
    const decision = await decide(turn('CancelOrder', { locale }));

    expect(said(decision)).toBe(line);
  });

  it('hands a caller who asks for an agent over without a word: the flow says the wait next', async () => {
    const decision = await decide(turn('SpeakToAgent', { orderNumber: '10000001' }));

    expect(decision).toMatchObject({ kind: 'done', intent: 'SpeakToAgent' });
    expect(decision.session).toMatchObject({
      [LEX_SESSION.handOver]: 'true',
      [LEX_SESSION.handoverReason]: 'caller-asked',
      [LEX_SESSION.orderNumber]: '10000001',
    });
    expect(said(decision)).toBe('');
  });

  it('names no order to the agent when the caller stated none', async () => {
    const decision = await decide(turn('Complaint'));

    expect(decision.session[LEX_SESSION.orderNumber]).toBeUndefined();
    expect(decision.session[LEX_SESSION.handOver]).toBe('true');
  });
});

describe('goodbye', () => {
  it('closes without a word or a hand-over when the caller says goodbye', async () => {
    const decision = await decide(turn('Goodbye', { transcript: 'that is all, thank you' }));

    expect(decision).toEqual({
      kind: 'done',
      session: { [LEX_SESSION.lastUtterance]: 'that is all, thank you' },
    });
  });
});

describe('the menu after a status, which the caller may key or say', () => {
  /** The menu on a line of two languages: 9, 1, 2, 0, and 3 unsaid. */
  const atTheMenu = (intent: string, overrides: Partial<BotTurn> = {}) =>
    turn(intent, { ...overrides, session: { [LEX_SESSION.menuKeys]: '91203', ...overrides.session } });
  const keyed = (key: string, menuKeys = '91203') =>
    atTheMenu('FallbackIntent', {
      keyed: true,
      transcript: key,
      session: { [LEX_SESSION.menuKeys]: menuKeys },
    });

  it.each([
    ['1', 'RepeatStatus'],
    ['2', 'OtherOrders'],
    ['9', 'SwitchLanguage'],
    ['3', 'SomethingElse'],
  ])('closes key %s as %s without a word, whatever Lex made of the digit', async (key, intent) => {
    const decision = await decide(keyed(key));

    expect(decision).toEqual({
      kind: 'done',
      intent,
      session: { ...LEAVING_THE_MENU, [LEX_SESSION.lastUtterance]: key },
    });
  });

  it('takes a digit said or typed at the menu as its key, whatever Lex understood', async () => {
    const decision = await decide(atTheMenu('CheckOrderStatus', { keyed: false, transcript: '2' }));

    expect(decision).toMatchObject({ kind: 'done', intent: 'OtherOrders' });
  });

  it.each(['RepeatStatus', 'OtherOrders', 'SwitchLanguage', 'SomethingElse'])(
    'closes %s said at the menu',
    async (intent) => {
      const decision = await decide(atTheMenu(intent, { transcript: 'say that again' }));

      expect(decision).toMatchObject({ kind: 'done', intent });
      expect(said(decision)).toBe('');
      expect(decision.session[LEX_SESSION.handOver]).toBeUndefined();
    },
  );

  it.each([
    ['keyed', keyed('0')],
    ['said', atTheMenu('SpeakToAgent', { transcript: 'agent' })],
  ])('hands the caller over, without a word, when they ask for an agent (%s)', async (_, asked) => {
    const decision = await decide(asked);

    expect(decision).toMatchObject({ kind: 'done', intent: 'SpeakToAgent' });
    expect(decision.session).toMatchObject({
      [LEX_SESSION.handOver]: 'true',
      [LEX_SESSION.handoverReason]: 'caller-asked',
    });
    expect(said(decision)).toBe('');
  });

  it.each([
    ['a key the menu does not have', keyed('7')],
    ['the other language keyed on a line of one language', keyed('9', '1203')],
    ['words the bot did not understand', atTheMenu('FallbackIntent', { transcript: 'hmm' })],
    [
      'the other language asked for on a line of one language',
      atTheMenu('SwitchLanguage', { transcript: 'Arabic', session: { [LEX_SESSION.menuKeys]: '1203' } }),
    ],
  ])(
    'closes the fallback for %s: the flow says it did not get that and reads the menu again',
    async (_, missed) => {
      const decision = await decide(missed);

      expect(decision).toMatchObject({ kind: 'done', intent: 'FallbackIntent' });
      expect(said(decision)).toBe('');
      expect(decision.session[LEX_SESSION.handOver]).toBeUndefined();
    },
  );

  it('answers a question asked at the menu as the bot answers it anywhere', async () => {
    const decision = await decide(
      atTheMenu('DeliveryDate', { transcript: 'when will it come', orderNumber: '10000001' }),
    );

    expect(decision.kind).toBe('done');
    expect(said(decision)).toMatch(/^Your order should arrive/);
  });

  it('takes the order number asked for after a question at the menu as the bot does, not as a choice', async () => {
    const question = await decide(
      atTheMenu('RefundStatus', { transcript: 'where is my refund', orderNumber: '99999999' }),
    );
    expect(question.kind).toBe('ask-order-number');
    expect(question.session).toMatchObject(LEAVING_THE_MENU);

    const keyedNumber = await decide(
      turn('RefundStatus', {
        keyed: true,
        transcript: '10000003',
        orderNumber: '10000003',
        session: question.session,
        orders: ordersOf([refunded]),
      }),
    );

    expect(keyedNumber.kind).toBe('done');
    expect(said(keyedNumber)).toMatch(/refund/i);
  });

  it.each(['RepeatStatus', 'SomethingElse'])(
    'does not take %s as a choice away from the menu',
    async (intent) => {
      const decision = await decide(turn(intent, { transcript: 'repeat' }));

      expect(decision.kind).toBe('ask-again');
    },
  );
});

describe('requests the bot did not understand', () => {
  it.each(['FallbackIntent', 'OrderPizza'])(
    'asks once more what the caller wants after %s',
    async (intent) => {
      const decision = await decide(turn(intent));

      expect(decision.kind).toBe('ask-again');
      expect(said(decision)).toBe(
        'Sorry, we did not understand. You can ask about your order, a refund, a delivery, or a return.',
      );
      expect(decision.session[LEX_SESSION.handOver]).toBeUndefined();
    },
  );

  it.each(['FallbackIntent', 'OrderPizza'])(
    'hands over when %s follows a turn it already did not understand',
    async (intent) => {
      const first = await decide(turn(intent));

      const second = await decide(turn(intent, { session: first.session }));

      expect(second.kind).toBe('done');
      expect(second.session).toMatchObject({
        [LEX_SESSION.handOver]: 'true',
        [LEX_SESSION.handoverReason]: 'not-understood',
      });
      expect(said(second)).toBe(TRANSFERRING);
    },
  );
});

describe('an order number that does not exist', () => {
  it.each(ORDER_QUESTIONS)('asks %s for the order number once more', async (intent) => {
    const decision = await decide(turn(intent, { orderNumber: '55555555' }));

    expect(decision.kind).toBe('ask-order-number');
    expect(said(decision)).toBe(`${NOT_FOUND} ${ASK_ORDER_NUMBER}`);
    expect(decision.session.orderNumberMissed).toBe('1');
  });

  it.each(ORDER_QUESTIONS)(
    'hands %s over when the second order number does not exist either',
    async (intent) => {
      const first = await decide(turn(intent, { orderNumber: '55555555' }));

      const second = await decide(turn(intent, { orderNumber: '55555556', session: first.session }));

      expect(second.kind).toBe('done');
      expect(second.session).toMatchObject({
        [LEX_SESSION.handOver]: 'true',
        [LEX_SESSION.handoverReason]: 'order-not-found',
      });
      expect(said(second)).toBe(`${NOT_FOUND} ${TRANSFERRING}`);
    },
  );

  it.each(['ABC123', '1000*0001', "1' OR '1'='1"])(
    'takes %o for no order without looking it up',
    async (orderNumber) => {
      const orders = ordersOf([onTheWay]);

      const decision = await decide(turn('RefundStatus', { orderNumber, orders }));

      expect(decision.kind).toBe('ask-order-number');
      expect(orders.asked).toEqual([]);
    },
  );
});

describe('an order of another phone, named by a caller not verified for it', () => {
  it.each(ANSWERED_QUESTIONS)(
    'asks the flow to verify the caller for %s and says nothing of the order',
    async (intent) => {
      const decision = await decide(
        turn(intent, { caller: STRANGER, orderNumber: '10000007', orders: ordersOf([bilals]) }),
      );

      expect(decision.kind).toBe('done');
      expect(decision.session[LEX_SESSION.verifyOrderNumber]).toBe('10000007');
      expect(said(decision)).toBe(VERIFY_FIRST);
      for (const detail of [
        '2,899',
        'rupees',
        'Bilal',
        'School bag',
        'deliver',
        'Friday',
        'refund',
        'return',
      ]) {
        expect(said(decision)).not.toContain(detail);
      }
      expect(decision.session[LEX_SESSION.orderNumber]).toBeUndefined();
      expect(decision.session[LEX_SESSION.handOver]).toBeUndefined();
    },
  );

  it('asks a caller who withheld their number to verify too', async () => {
    const decision = await decide(
      turn('RefundStatus', {
        caller: { kind: 'withheld' },
        orderNumber: '10000007',
        orders: ordersOf([bilals]),
      }),
    );

    expect(decision.session[LEX_SESSION.verifyOrderNumber]).toBe('10000007');
    expect(said(decision)).toBe(VERIFY_FIRST);
  });

  it('leaves the status question to the flow, which runs the challenge, and says nothing itself', async () => {
    const decision = await decide(
      turn('CheckOrderStatus', { caller: STRANGER, orderNumber: '10000007', orders: ordersOf([bilals]) }),
    );

    expect(decision).toMatchObject({ kind: 'done', orderNumber: '10000007' });
    expect(decision.ssml).toBeUndefined();
    expect(decision.session[LEX_SESSION.handOver]).toBeUndefined();
  });

  it('answers once the flow says the caller passed the challenge for that order', async () => {
    const decision = await decide(
      turn('RefundStatus', {
        caller: STRANGER,
        orderNumber: '10000007',
        session: { [LEX_SESSION.verifiedOrderNumber]: '10000007' },
        orders: ordersOf([bilals]),
      }),
    );

    expect(said(decision)).toBe('Your refund of 2,899 rupees is being processed.');
    expect(decision.session[LEX_SESSION.orderNumber]).toBe('10000007');
    expect(decision.session[LEX_SESSION.verifyOrderNumber]).toBeUndefined();
  });

  it('does not greet by name a caller who passed the challenge: they may not be the person on the order', async () => {
    const decision = await decide(
      turn('DeliveryDate', {
        caller: STRANGER,
        orderNumber: '10000007',
        session: { [LEX_SESSION.verifiedOrderNumber]: '10000007' },
        orders: ordersOf([anOrder({ ...bilals, status: 'SHIPPED' })]),
      }),
    );

    expect(said(decision)).toBe('Your order should arrive today.');
  });

  it('counts the lookup as order-status does, for this call and caller', async () => {
    const verification = verificationAnswering();

    await decide(
      turn('RefundStatus', {
        caller: STRANGER,
        orderNumber: '1000-0007',
        orders: ordersOf([bilals]),
        verification,
      }),
    );

    expect(verification.lookups).toEqual([
      { contactId: 'contact-1', caller: STRANGER, orderNumber: '10000007', at: now },
    ]);
  });

  it.each(['10000007', '55555555'])(
    'hands the caller to an agent, saying nothing of order %s, once their lookups are used up',
    async (orderNumber) => {
      const decision = await decide(
        turn('RefundStatus', {
          caller: STRANGER,
          orderNumber,
          orders: ordersOf([bilals]),
          verification: verificationAnswering({ lookUp: 'locked' }),
        }),
      );

      expect(decision.session).toMatchObject({
        [LEX_SESSION.handOver]: 'true',
        [LEX_SESSION.handoverReason]: 'locked',
      });
      expect(said(decision)).toMatch(/^Sorry, we cannot check this order after too many wrong attempts\./);
    },
  );

  it('does not let a challenge passed for one order answer for another', async () => {
    const decision = await decide(
      turn('RefundStatus', {
        caller: STRANGER,
        orderNumber: '10000007',
        session: { [LEX_SESSION.verifiedOrderNumber]: '10000001' },
        orders: ordersOf([onTheWay, bilals]),
      }),
    );

    expect(decision.session[LEX_SESSION.verifyOrderNumber]).toBe('10000007');
    expect(said(decision)).toBe(VERIFY_FIRST);
  });
});

describe("the caller's own order, when they name none", () => {
  it('speaks of the order with a refund when the caller asks about a refund', async () => {
    const decision = await decide(
      turn('RefundStatus', { orders: ordersOf([delivered, refunded, onTheWay]) }),
    );

    expect(said(decision)).toBe('We paid your refund of 12,499 rupees yesterday.');
    expect(decision.session[LEX_SESSION.orderNumber]).toBe('10000003');
  });

  it('speaks of the delivered order when the caller wants to return something', async () => {
    const decision = await decide(turn('ReturnItem', { orders: ordersOf([onTheWay, delivered]) }));

    expect(decision.session[LEX_SESSION.orderNumber]).toBe('10000002');
  });

  it('speaks of the order on its way when the caller asks when it comes', async () => {
    const decision = await decide(
      turn('DeliveryDate', { orders: ordersOf([delivered, refunded, onTheWay]) }),
    );

    expect(said(decision)).toBe('Your order should arrive today.');
    expect(decision.session[LEX_SESSION.orderNumber]).toBe('10000001');
  });

  it('gives the flow the order on its way when the caller asks where it is', async () => {
    const decision = await decide(turn('CheckOrderStatus', { orders: ordersOf([delivered, onTheWay]) }));

    expect(decision).toMatchObject({ kind: 'done', orderNumber: '10000001' });
  });

  it('speaks of the newest order when none fits the question', async () => {
    const decision = await decide(turn('RefundStatus', { orders: ordersOf([onTheWay, delivered]) }));

    expect(said(decision)).toBe('There is no refund on this order.');
    expect(decision.session[LEX_SESSION.orderNumber]).toBe('10000001');
  });

  it('speaks of the order the caller was verified for earlier in the call', async () => {
    const decision = await decide(
      turn('RefundStatus', {
        caller: STRANGER,
        session: { [LEX_SESSION.verifiedOrderNumber]: '10000007' },
        orders: ordersOf([bilals]),
      }),
    );

    expect(said(decision)).toBe('Your refund of 2,899 rupees is being processed.');
  });

  it.each(ORDER_QUESTIONS)('asks a caller with no orders for the order number (%s)', async (intent) => {
    const decision = await decide(turn(intent, { caller: STRANGER }));

    expect(decision.kind).toBe('ask-order-number');
    expect(said(decision)).toBe(ASK_ORDER_NUMBER);
    expect(decision.session.orderNumberMissed).toBeUndefined();
  });

  it.each<CallerNumber>([{ kind: 'withheld' }, { kind: 'invalid', reason: 'not a phone number' }])(
    'asks a caller whose number is %o for the order number without looking up their orders',
    async (caller) => {
      const orders = ordersOf([onTheWay]);

      const decision = await decide(turn('DeliveryDate', { caller, orders }));

      expect(decision.kind).toBe('ask-order-number');
      expect(said(decision)).toBe(ASK_ORDER_NUMBER);
      expect(orders.asked).toEqual([]);
    },
  );
});

describe('refunds', () => {
  it.each([
    [
      'paid, with its day',
      { refundStatus: 'PAID', refundAt: daysAgo(1) },
      'We paid your refund of 12,499 rupees yesterday.',
    ],
    ['pending, with no day', { refundStatus: 'PENDING' }, 'Your refund of 12,499 rupees is being processed.'],
    [
      'pending, with the day it was asked for',
      { refundStatus: 'PENDING', refundAt: daysAgo(2) },
      'Your refund of 12,499 rupees was requested on Saturday, and is awaiting approval.',
    ],
    [
      'approved, with its day',
      { refundStatus: 'APPROVED', refundAt: daysAgo(1) },
      'Your refund of 12,499 rupees was approved yesterday, and will reach you soon.',
    ],
    [
      'approved',
      { refundStatus: 'APPROVED' },
      'Your refund of 12,499 rupees is approved, and will reach you soon.',
    ],
  ] as const)('tells a refund %s with its amount in rupees', async (_, refund, line) => {
    const order = anOrder({ status: 'CANCELLED', amountDue: '0.00', refundAmount: '12499.00', ...refund });

    const decision = await decide(
      turn('RefundStatus', { orderNumber: order.orderNumber, orders: ordersOf([order]) }),
    );

    expect(decision.kind).toBe('done');
    expect(said(decision)).toBe(line);
    expect(decision.session[LEX_SESSION.handOver]).toBeUndefined();
  });

  it('says pounds and pence as the British say a price', async () => {
    const order = anOrder({
      customerPhone: '+447400123456',
      market: 'GB',
      currency: 'GBP',
      status: 'CANCELLED',
      amountDue: '0.00',
      refundStatus: 'PENDING',
      refundAmount: '24.99',
    });

    const decision = await decide(
      turn('RefundStatus', {
        caller: { kind: 'number', e164: '+447400123456' },
        locale: 'en-GB',
        orders: ordersOf([order]),
      }),
    );

    expect(said(decision)).toBe('Your refund of 24 pounds 99 is being processed.');
  });

  it('says there is no refund on an order without one', async () => {
    const decision = await decide(
      turn('RefundStatus', { orderNumber: '10000002', orders: ordersOf([delivered]) }),
    );

    expect(said(decision)).toBe('There is no refund on this order.');
    expect(decision.session[LEX_SESSION.orderNumber]).toBe('10000002');
  });
});

describe('returns', () => {
  it('hands a return within the return window to an agent to arrange the pickup', async () => {
    const decision = await decide(
      turn('ReturnItem', { orderNumber: '10000002', orders: ordersOf([delivered]) }),
    );

    expect(decision.kind).toBe('done');
    expect(decision.session).toMatchObject({
      [LEX_SESSION.handOver]: 'true',
      [LEX_SESSION.handoverReason]: 'return-pickup',
      [LEX_SESSION.orderNumber]: '10000002',
    });
    // Delivered on Friday the 20th, returnable for seven days in Pakistan.
    expect(said(decision)).toMatch(/^You can still return this order\b.*\bon Friday\b/);
    expect(said(decision)).toMatch(/Please stay on the line, and we will arrange a pickup\.$/);
  });

  it('says when the return window ended, and hands nothing over, after it has', async () => {
    const order = anOrder({ status: 'DELIVERED', statusAt: daysAgo(10), amountDue: '0.00' });

    const decision = await decide(turn('ReturnItem', { orders: ordersOf([order]) }));

    expect(said(decision)).toBe('Sorry, the return period for this order ended on Friday.');
    expect(decision.session[LEX_SESSION.handOver]).toBeUndefined();
    expect(decision.session[LEX_SESSION.orderNumber]).toBe('10000001');
  });

  it.each([
    ['PK', 10, false],
    ['AE', 10, true],
    ['AE', 15, false],
    ['GB', 20, true],
    ['GB', 31, false],
  ] as const)('keeps a %s return window open %i days after delivery: %s', async (market, days, open) => {
    const order = anOrder({ market, status: 'DELIVERED', statusAt: daysAgo(days), amountDue: '0.00' });

    const decision = await decide(turn('ReturnItem', { locale: 'en-GB', orders: ordersOf([order]) }));

    expect(decision.session[LEX_SESSION.handoverReason]).toBe(open ? 'return-pickup' : undefined);
  });

  it('says an order on its way is not delivered yet, with its status, and hands nothing over', async () => {
    const decision = await decide(
      turn('ReturnItem', { orderNumber: '10000001', orders: ordersOf([onTheWay]) }),
    );

    expect(said(decision)).toBe('This order is yet to be delivered. TCS is delivering your order today.');
    expect(decision.session[LEX_SESSION.handOver]).toBeUndefined();
  });
});

describe('order status and delivery dates', () => {
  it('closes the status question without a word, giving the flow the order to speak of', async () => {
    const decision = await decide(
      turn('CheckOrderStatus', { orderNumber: '1000 0001', orders: ordersOf([onTheWay]) }),
    );

    expect(decision).toMatchObject({ kind: 'done', orderNumber: '10000001' });
    expect(decision.ssml).toBeUndefined();
    expect(decision.session[LEX_SESSION.handOver]).toBeUndefined();
  });

  it('tells when a named order of the caller comes', async () => {
    const decision = await decide(
      turn('DeliveryDate', { orderNumber: '10000001', orders: ordersOf([onTheWay]) }),
    );

    expect(said(decision)).toBe('Your order should arrive today.');
    expect(decision.session[LEX_SESSION.orderNumber]).toBe('10000001');
  });

  it('tells in Hindi when the caller speaks Hindi', async () => {
    const decision = await decide(turn('DeliveryDate', { locale: 'hi-IN', orders: ordersOf([onTheWay]) }));

    expect(said(decision)).toBe('आपका ऑर्डर आज पहुँचेगा।');
  });

  // "When will it arrive?" is answered with the day, not the whole status: no greeting, courier or cash.
  it.each([
    [
      'a slot today',
      { promisedFrom: new Date('2026-11-23T11:00:00Z'), promisedTo: new Date('2026-11-23T13:00:00Z') },
      'Your order should arrive today between 4 and 6 pm.',
    ],
    [
      'shipped, due on Saturday',
      { status: 'SHIPPED', promisedFrom: null, promisedTo: new Date('2026-11-28T18:59:59Z') },
      'Your order should arrive on Saturday.',
    ],
    [
      'packed, with no date yet',
      { status: 'PACKED', promisedFrom: null, promisedTo: null },
      'We do not have a delivery date for your order yet.',
    ],
    [
      'shipped and late',
      { status: 'SHIPPED', promisedFrom: null, promisedTo: daysAgo(1) },
      'Sorry, your order is delayed. It was due yesterday, and is still with TCS.',
    ],
    [
      'delivered',
      { status: 'DELIVERED', statusAt: daysAgo(3), amountDue: '0.00' },
      'Your order was delivered on Friday.',
    ],
  ] as const)('tells the delivery day of an order %s, and nothing else', async (_, facts, line) => {
    const order = anOrder(facts);

    const decision = await decide(turn('DeliveryDate', { orders: ordersOf([order]) }));

    expect(said(decision)).toBe(line);
    expect(decision.session[LEX_SESSION.handOver]).toBeUndefined();
  });
});

describe('what the agent is told the caller said', () => {
  it.each(['SpeakToAgent', 'RefundStatus', 'FallbackIntent', 'Goodbye'])(
    'keeps the first 100 characters of what the caller said (%s)',
    async (intent) => {
      const utterance = `I want ${'to talk about my order '.repeat(20)}`;

      const decision = await decide(turn(intent, { transcript: utterance }));

      expect(decision.session[LEX_SESSION.lastUtterance]).toBe(utterance.slice(0, 100));
    },
  );

  it('keeps a short utterance whole, and the attributes the flow gave', async () => {
    const session = {
      [LEX_SESSION.callerNumber]: '+923001234567',
      [LEX_SESSION.dialledNumber]: '+922111000000',
    };

    const decision = await decide(turn('Complaint', { transcript: 'my parcel is broken', session }));

    expect(decision.session).toMatchObject({
      ...session,
      [LEX_SESSION.lastUtterance]: 'my parcel is broken',
    });
  });
});
