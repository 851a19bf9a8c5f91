/**
 * The Lex V2 code hook event (reference §3.1), checked with a schema that keeps only what the hook uses and
 * lets every other field through: Lex adds fields over time.
 */
// zod's tree-shakable form: the chaining API would put the whole library (0.4 MB) into the bundle.
import * as z from 'zod/mini';
import type { SlotName } from '#lib/lex/bot.ts';

const slotSchema = z.nullable(
  z.looseObject({
    value: z.optional(
      z.looseObject({
        originalValue: z.optional(z.string()),
        interpretedValue: z.nullish(z.string()),
        resolvedValues: z.optional(z.array(z.string())),
      }),
    ),
  }),
);

export const lexEventSchema = z.looseObject({
  messageVersion: z.optional(z.string()),
  invocationSource: z.enum(['DialogCodeHook', 'FulfillmentCodeHook']),
  inputMode: z.optional(z.string()),
  sessionId: z.string(),
  inputTranscript: z._default(z.string(), ''),
  bot: z.looseObject({ localeId: z.string() }),
  sessionState: z.looseObject({
    sessionAttributes: z._default(z.record(z.string(), z.string()), {}),
    intent: z.looseObject({
      name: z.string(),
      slots: z._default(z.record(z.string(), slotSchema), {}),
      state: z.optional(z.string()),
      confirmationState: z.optional(z.string()),
    }),
  }),
});

export type LexEvent = z.infer<typeof lexEventSchema>;
export type LexSlots = LexEvent['sessionState']['intent']['slots'];

/** A slot's value as Lex interpreted it (digits for an order number said in words), or undefined if unfilled. */
export function slotValue(slots: LexSlots, name: SlotName): string | undefined {
  const value = slots[name]?.value;
  return value?.interpretedValue ?? value?.originalValue ?? undefined;
}
