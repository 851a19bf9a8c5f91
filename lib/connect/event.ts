/**
 * The event Amazon Connect's InvokeLambdaFunction block sends, validated with zod. Lenient where Connect is
 * (unknown fields pass, endpoints may be missing or null), strict where our code relies on a value.
 *
 * `ConnectContactFlowEvent` of @types/aws-lambda predates LanguageCode, SegmentAttributes and the EMAIL and
 * TASK channels, so the type here is inferred from the schema instead.
 */
import { z } from 'zod';

const endpoint = z.object({ Address: z.string().nullish(), Type: z.string().nullish() }).loose().nullish();
const stringMap = z.record(z.string(), z.string());

export const connectEventSchema = z
  .object({
    Name: z.literal('ContactFlowEvent'),
    Details: z
      .object({
        ContactData: z
          .object({
            ContactId: z.string().min(1),
            InitialContactId: z.string().nullish(),
            Channel: z.string().nullish(),
            CustomerEndpoint: endpoint,
            SystemEndpoint: endpoint,
            Attributes: stringMap.nullish(),
            LanguageCode: z.string().nullish(),
          })
          .loose(),
        Parameters: stringMap.nullish(),
      })
      .loose(),
  })
  .loose();

export type ConnectEvent = z.infer<typeof connectEventSchema>;

export type ParsedConnectEvent = { ok: true; event: ConnectEvent } | { ok: false; problems: string };

/** Never throws: a malformed event is a result, so the handler can still answer the flow. */
export function parseConnectEvent(raw: unknown): ParsedConnectEvent {
  const parsed = connectEventSchema.safeParse(raw);
  if (parsed.success) return { ok: true, event: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues
      .map((issue) => `${issue.path.join('.') || 'event'}: ${issue.message}`)
      .join('; '),
  };
}

/** What a call step needs of the event, as plain values. */
export interface CallFacts {
  contactId: string;
  initialContactId: string;
  /** As Connect sent it: null when the endpoint is missing. */
  callerNumber: string | null;
  dialledNumber: string | null;
  parameters: Record<string, string | undefined>;
  attributes: Record<string, string | undefined>;
}

export function callFacts(event: ConnectEvent): CallFacts {
  const contact = event.Details.ContactData;
  return {
    contactId: contact.ContactId,
    initialContactId: contact.InitialContactId ?? contact.ContactId,
    callerNumber: contact.CustomerEndpoint?.Address ?? null,
    dialledNumber: contact.SystemEndpoint?.Address ?? null,
    parameters: event.Details.Parameters ?? {},
    attributes: contact.Attributes ?? {},
  };
}
