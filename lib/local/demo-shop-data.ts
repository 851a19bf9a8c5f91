/**
 * The demo shop's customers and orders: every status, every market, cash on delivery and prepaid, refunds in
 * each state, awkward item names, and one order placed with someone else's phone. The README lists these
 * callers. Times are relative to the moment of seeding, so "arriving tomorrow" stays true whenever it is run.
 */
import type { MarketCode } from '#lib/markets.ts';
import type { OrderStatus, RefundStatus } from '#lib/orders/status.ts';

export interface DemoCustomer {
  id: number;
  phone: string;
  firstName: string | null;
  market: MarketCode;
  language: string;
}

/** A promised delivery: a whole local day `dayOffset` days from today, or a slot within it. */
export interface DemoPromise {
  dayOffset: number;
  fromHour?: number;
  toHour?: number;
}

export interface DemoOrder {
  orderNumber: string;
  customerId: number;
  /** The phone given at checkout when it is not the customer's usual one. */
  contactPhone?: string;
  status: OrderStatus;
  statusHoursAgo: number;
  placedDaysAgo: number;
  promised?: DemoPromise;
  carrier?: string;
  payment: 'COD' | 'PREPAID';
  items: { name: string; quantity: number; unitPrice: number }[];
  refund?: { status: RefundStatus; hoursAgo: number };
}

/** Demo rows keep ids up to this; generated orders (`seed --orders`) start above it. */
export const DEMO_MAX_ID = 999_999;

export const DEMO_CUSTOMERS: DemoCustomer[] = [
  { id: 1, phone: '+923001234567', firstName: 'Ayesha', market: 'PK', language: 'en-IN' },
  { id: 2, phone: '+923211234567', firstName: 'Bilal', market: 'PK', language: 'en-IN' },
  { id: 3, phone: '+971501234567', firstName: 'فاطمة', market: 'AE', language: 'ar-AE' },
  { id: 4, phone: '+447400123456', firstName: 'Oliver', market: 'GB', language: 'en-GB' },
  { id: 5, phone: '+8801712345678', firstName: 'Rahim', market: 'BD', language: 'en-IN' },
  { id: 6, phone: '+94771234567', firstName: 'Nimal', market: 'LK', language: 'en-IN' },
  { id: 7, phone: '+9779841234567', firstName: 'Sita', market: 'NP', language: 'hi-IN' },
  { id: 8, phone: '+959250123456', firstName: 'Aung', market: 'MM', language: 'en-IN' },
  { id: 9, phone: '+966501234567', firstName: null, market: 'SA', language: 'ar-AE' },
  { id: 10, phone: '+96550012345', firstName: 'Yousef', market: 'KW', language: 'ar-AE' },
];

export const DEMO_ORDERS: DemoOrder[] = [
  // Ayesha: one open order, out for delivery today, cash to pay.
  {
    orderNumber: '10000001',
    customerId: 1,
    status: 'OUT_FOR_DELIVERY',
    statusHoursAgo: 2,
    placedDaysAgo: 3,
    promised: { dayOffset: 0 },
    carrier: 'TCS',
    payment: 'COD',
    items: [{ name: 'Samsung Galaxy A15 (128 GB)', quantity: 1, unitPrice: 12499 }],
  },
  // Bilal: several current orders, one delivered three days ago, one long finished.
  {
    orderNumber: '10000002',
    customerId: 2,
    status: 'SHIPPED',
    statusHoursAgo: 20,
    placedDaysAgo: 2,
    promised: { dayOffset: 1 },
    carrier: 'Leopards Courier',
    payment: 'PREPAID',
    items: [
      { name: 'Philips Air Fryer HD9200', quantity: 1, unitPrice: 18999 },
      { name: 'Silicone liners, pack of 2', quantity: 2, unitPrice: 650 },
    ],
  },
  {
    orderNumber: '10000003',
    customerId: 2,
    status: 'PACKED',
    statusHoursAgo: 5,
    placedDaysAgo: 1,
    promised: { dayOffset: 3 },
    payment: 'COD',
    items: [{ name: 'Cricket bat "Pro Series" - English willow', quantity: 1, unitPrice: 7450 }],
  },
  {
    orderNumber: '10000004',
    customerId: 2,
    status: 'PLACED',
    statusHoursAgo: 1,
    placedDaysAgo: 0,
    promised: { dayOffset: 5 },
    payment: 'COD',
    items: [{ name: 'Lawn 3-piece suit', quantity: 2, unitPrice: 3200 }],
  },
  {
    orderNumber: '10000005',
    customerId: 2,
    status: 'DELIVERED',
    statusHoursAgo: 72,
    placedDaysAgo: 7,
    carrier: 'TCS',
    payment: 'PREPAID',
    items: [{ name: 'Power bank 20000 mAh', quantity: 1, unitPrice: 4999 }],
  },
  {
    orderNumber: '10000006',
    customerId: 2,
    status: 'DELIVERED',
    statusHoursAgo: 40 * 24,
    placedDaysAgo: 45,
    carrier: 'TCS',
    payment: 'COD',
    items: [{ name: 'Prayer mat', quantity: 1, unitPrice: 1500 }],
  },
  // Placed by Bilal with his brother's phone: his brother is recognised by it; Bilal must verify.
  {
    orderNumber: '10000007',
    customerId: 2,
    contactPhone: '+923337654321',
    status: 'CONFIRMED',
    statusHoursAgo: 3,
    placedDaysAgo: 0,
    promised: { dayOffset: 2 },
    payment: 'COD',
    items: [{ name: 'School bag & lunch box set', quantity: 1, unitPrice: 2899 }],
  },
  // Fatima (Dubai): confirmed, a same-day slot this afternoon; Arabic item name.
  {
    orderNumber: '20000001',
    customerId: 3,
    status: 'CONFIRMED',
    statusHoursAgo: 1,
    placedDaysAgo: 0,
    promised: { dayOffset: 0, fromHour: 16, toHour: 18 },
    payment: 'PREPAID',
    items: [{ name: 'عطر العود الملكي ١٠٠ مل', quantity: 1, unitPrice: 349 }],
  },
  // Oliver (UK): a failed delivery attempt, and a cancelled order refunded.
  {
    orderNumber: '30000001',
    customerId: 4,
    status: 'DELIVERY_FAILED',
    statusHoursAgo: 6,
    placedDaysAgo: 4,
    promised: { dayOffset: 0 },
    carrier: 'Royal Mail',
    payment: 'PREPAID',
    items: [
      { name: `Fish & Chips <Deluxe> "Large" serving plate, 'Ocean' range`, quantity: 1, unitPrice: 24.99 },
    ],
  },
  {
    orderNumber: '30000002',
    customerId: 4,
    status: 'CANCELLED',
    statusHoursAgo: 50,
    placedDaysAgo: 5,
    payment: 'PREPAID',
    items: [{ name: 'Kettle, 1.7 L', quantity: 1, unitPrice: 39.5 }],
    refund: { status: 'PAID', hoursAgo: 26 },
  },
  // Rahim (Bangladesh): shipped, but the promised day has passed: delayed.
  {
    orderNumber: '40000001',
    customerId: 5,
    status: 'SHIPPED',
    statusHoursAgo: 96,
    placedDaysAgo: 6,
    promised: { dayOffset: -2 },
    carrier: 'Pathao',
    payment: 'COD',
    items: [{ name: 'Hilsa curry spice mix 🐟🌶️', quantity: 3, unitPrice: 180 }],
  },
  // Nimal (Sri Lanka): a return requested, its refund pending.
  {
    orderNumber: '50000001',
    customerId: 6,
    status: 'RETURN_REQUESTED',
    statusHoursAgo: 30,
    placedDaysAgo: 9,
    carrier: 'Domex',
    payment: 'PREPAID',
    items: [{ name: 'Running shoes, size 42', quantity: 1, unitPrice: 15900 }],
    refund: { status: 'PENDING', hoursAgo: 30 },
  },
  // Sita (Nepal): returned, refund approved and not yet paid.
  {
    orderNumber: '60000001',
    customerId: 7,
    status: 'RETURNED',
    statusHoursAgo: 20,
    placedDaysAgo: 12,
    carrier: 'Pathao Nepal',
    payment: 'COD',
    items: [{ name: 'Pashmina shawl', quantity: 1, unitPrice: 6500 }],
    refund: { status: 'APPROVED', hoursAgo: 10 },
  },
  // Aung (Myanmar): refunded.
  {
    orderNumber: '70000001',
    customerId: 8,
    status: 'REFUNDED',
    statusHoursAgo: 48,
    placedDaysAgo: 10,
    carrier: 'Royal Express',
    payment: 'PREPAID',
    items: [{ name: 'Rice cooker 1.8 L', quantity: 1, unitPrice: 85000 }],
    refund: { status: 'PAID', hoursAgo: 48 },
  },
  // Saudi customer with no first name on file: just placed, cash on delivery.
  {
    orderNumber: '80000001',
    customerId: 9,
    status: 'PLACED',
    statusHoursAgo: 0.5,
    placedDaysAgo: 0,
    promised: { dayOffset: 2 },
    payment: 'COD',
    items: [{ name: 'تمر سكري ١ كغ', quantity: 2, unitPrice: 45 }],
  },
  // Yousef (Kuwait): shipped, prepaid, in dinars.
  {
    orderNumber: '90000001',
    customerId: 10,
    status: 'SHIPPED',
    statusHoursAgo: 10,
    placedDaysAgo: 2,
    promised: { dayOffset: 1 },
    carrier: 'Aramex',
    payment: 'PREPAID',
    items: [{ name: 'Gaming headset', quantity: 1, unitPrice: 29.75 }],
  },
];
