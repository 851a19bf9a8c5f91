/** Whole calls for the end-to-end tests: placed through flows/ with a scripted caller, and orders to call about. */
import { inject } from 'vitest';
import { adminConnection, type PairState, waitForReplica } from '#lib/local/pair.ts';
import type { OrderStatus } from '#lib/orders/status.ts';
import { type CallOptions, heard, placeCall, type SimulatedCall } from '#simulator/call.ts';
import { uniqueId } from '../integration/databases.ts';

/** What each function invocation counts on the call's clock: times on the call do not depend on the machine's load. */
const FUNCTION_MS = 100;

/** A call from `from` (null: withheld) to the Pakistan line; the caller does `inputs` in order, then hangs up. */
export function call(
  from: string | null,
  inputs: string[] = [],
  options: Omit<CallOptions, 'from' | 'inputs' | 'caller'> = {},
): Promise<SimulatedCall> {
  return placeCall({ from, inputs, functionMs: FUNCTION_MS, ...options });
}

/** The outcomes of the functions the call invoked, in order: `order-status:found`, `prompt:spoken`, … */
export function functionOutcomes(call: SimulatedCall): string[] {
  return call.events.flatMap((event) =>
    event.type === 'lambda' ? [`${event.function}:${event.result.outcome ?? 'failed'}`] : [],
  );
}

/**
 * What the bot understood of the caller's first words in the call (its `lex` event): keys at the menu are
 * understood too, as the menu's choices, and come before.
 */
export function understoodWords(
  call: SimulatedCall,
): Extract<SimulatedCall['events'][number], { type: 'lex' }> | undefined {
  const saidAt = call.events.findIndex((event) => event.type === 'input' && 'utterance' in event);
  if (saidAt === -1) return undefined;
  const understood = call.events.slice(saidAt).find((event) => event.type === 'lex');
  return understood?.type === 'lex' ? understood : undefined;
}

/** What the caller heard after the menu was first read to them: the menu is the prompt that offers 0. */
export function afterTheMenu(call: SimulatedCall): string[] {
  const texts = heard(call);
  return texts.slice(texts.findIndex((text) => /\b0\b/.test(text)) + 1);
}

/** A caller number no other test uses. */
export function newCallerNumber(): string {
  return `+92301${String(uniqueId()).slice(-7)}`;
}

/**
 * A Pakistani order of one item placed today from `phone`, in `status` since now, with no promised date, courier
 * or refund; its number is all digits, so a caller can key it. Placed on the suite's pair unless `pair` names
 * another, and read back from its replica before it returns, unless `replicated` is false (a replica that
 * does not replicate would never see it).
 */
export async function addOrder(
  phone: string,
  status: OrderStatus = 'PACKED',
  { pair = inject('pair'), replicated = true }: { pair?: PairState; replicated?: boolean } = {},
): Promise<string> {
  const id = uniqueId();
  const orderNumber = String(id);
  const primary = await adminConnection(pair.primary.port, 'shop');
  try {
    await primary.query(
      `INSERT INTO customers VALUES (?, ?, 'Zara', 'PK', NULL, UTC_TIMESTAMP());
       INSERT INTO orders VALUES (?, ?, ?, ?, 'PK', ?, UTC_TIMESTAMP(), UTC_TIMESTAMP(), NULL, NULL, 'PREPAID', 1,
         1500.00, 'PKR', 0.00);
       INSERT INTO order_items VALUES (?, 1, 'Kettle', 1, 1500.00)`,
      [id, phone, id, orderNumber, id, phone, status, id],
    );
  } finally {
    await primary.end();
  }
  if (replicated) await waitForReplica(pair);
  return orderNumber;
}
