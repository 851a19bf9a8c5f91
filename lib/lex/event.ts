/**
 * The Lex V2 code hook event (reference §3.1), checked with a schema that keeps only what the hook uses and
 * lets every other field through: Lex adds fields over time.
 */
import { z } from 'zod';

const slotSchema = z
  .object({
    value: z
      .object({
        originalValue: z.string().optional(),
        interpretedValue: z.string().nullish(),
        resolvedValues: z.array(z.string()).optional(),
      })
      .loose()
      .optional(),
  })
  .loose()
  .nullable();

export const lexEventSchema = z
  .object({
    messageVersion: z.string().optional(),
    invocationSource: z.enum(['DialogCodeHook', 'FulfillmentCodeHook']),
    inputMode: z.string().optional(),
    sessionId: z.string(),
    inputTranscript: z.string().default(''),
    bot: z.object({ localeId: z.string() }).loose(),
    sessionState: z
      .object({
        sessionAttributes: z.record(z.string(), z.string()).default({}),
        intent: z
          .object({
            name: z.string(),
            slots: z.record(z.string(), slotSchema).default({}),
            state: z.string().optional(),
            confirmationState: z.string().optional(),
          })
          .loose(),
      })
      .loose(),
  })
  .loose();

export type LexEvent = z.infer<typeof lexEventSchema>;
export type LexSlots = LexEvent['sessionState']['intent']['slots'];

/** A slot's value as Lex interpreted it (digits for an order number said in words), or undefined if unfilled. */
export function slotValue(slots: LexSlots, name: string): string | undefined {
  const value = slots[name]?.value;
  return value?.interpretedValue ?? value?.originalValue ?? undefined;
}
