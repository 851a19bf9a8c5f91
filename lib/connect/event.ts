/**
 * The event Amazon Connect's InvokeLambdaFunction block sends (reference §1.2), checked with zod: lenient where
 * Connect is (fields we do not read pass unchecked, endpoints may be missing or null, Parameters and Attributes
 * may be left out), strict where our code relies on a value (the contact id, and every parameter, attribute and
 * address being a string).
 */
import type { ConnectContactFlowEvent } from 'aws-lambda';
// zod's tree-shakable form: the chaining API would put the whole library (0.4 MB) into every bundle.
import * as z from 'zod/mini';
import type { ContactAttributes } from '#lib/connect/contracts.ts';

type ContactDataOfTypes = ConnectContactFlowEvent['Details']['ContactData'];

/**
 * A caller's or a dialled number's endpoint. @types/aws-lambda has `Address: string` and only
 * `Type: 'TELEPHONE_NUMBER'`; a call without caller ID may come with no address or an empty one, and the
 * type is not ours to restrict.
 */
interface ConnectEndpoint {
  Address?: string | null;
  Type?: string | null;
}

/**
 * `ContactData` as Connect sends it today: @types/aws-lambda's `ConnectContactFlowEvent`, corrected where it
 * lags (reference §1.2 and §8 item 20):
 * - `Channel`: any string; @types lists VOICE, CHAT and EMAIL, Connect also sends TASK and adds channels.
 * - `CustomerEndpoint`, `SystemEndpoint`: may be left out as well as null (see ConnectEndpoint).
 * - `InitialContactId`: optional here; a contact without one is taken to be its own first segment.
 * - `LanguageCode`: missing from @types; present once a flow has set the contact's language.
 * - `InstanceARN`, `InitiationMethod`, `PreviousContactId`, `MediaStreams`: not read by the IVR, so neither
 *   checked nor typed; they pass through, as do newer fields (`SegmentAttributes`, `References`, …).
 */
interface ConnectContactData extends Pick<ContactDataOfTypes, 'ContactId' | 'Attributes' | 'Queue'> {
  InitialContactId?: string | null;
  Channel?: string | null;
  CustomerEndpoint?: ConnectEndpoint | null;
  SystemEndpoint?: ConnectEndpoint | null;
  LanguageCode?: string | null;
}

/** A contact-flow event whose `ContactData` is {@link ConnectContactData}. */
export interface ConnectEvent extends Omit<ConnectContactFlowEvent, 'Details'> {
  Details: Omit<ConnectContactFlowEvent['Details'], 'ContactData'> & { ContactData: ConnectContactData };
}

const stringMap = z.record(z.string(), z.string());
const endpoint = z.nullish(z.looseObject({ Address: z.nullish(z.string()), Type: z.nullish(z.string()) }));
const contactId = z.string().check(z.minLength(1));

const connectEventSchema: z.ZodMiniType<ConnectEvent> = z.looseObject({
  Name: z.literal('ContactFlowEvent'),
  Details: z.looseObject({
    ContactData: z.looseObject({
      ContactId: contactId,
      InitialContactId: z.nullish(z.string()),
      Channel: z.nullish(z.string()),
      CustomerEndpoint: endpoint,
      SystemEndpoint: endpoint,
      Attributes: z._default(stringMap, {}),
      LanguageCode: z.nullish(z.string()),
      Queue: z._default(z.nullable(z.looseObject({ ARN: z.string(), Name: z.string() })), null),
    }),
    Parameters: z._default(stringMap, {}),
  }),
});

type ParsedConnectEvent = { ok: true; event: ConnectEvent } | { ok: false; problems: string };

/**
 * Checks an event. Never throws: a malformed event is a result, so that the handler can still answer the
 * flow with speech. `problems` names each bad field by its path, never its value (it is logged).
 */
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

/**
 * The contact id of an event even when the rest of it is malformed, so that logs about a bad event name the call.
 * A plain read, not a schema: it runs at every invocation, before the handler parses the whole event anyway.
 */
export function peekContactId(raw: unknown): string | undefined {
  const id = (raw as { Details?: { ContactData?: { ContactId?: unknown } } } | null | undefined)?.Details
    ?.ContactData?.ContactId;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

export interface CallFacts {
  contactId: string;
  /** The call's first contact: a transfer gives the call a new contact id, reports join on this one. */
  initialContactId: string;
  /** The caller's number as Connect sent it, not normalised; null when the endpoint or its address is missing. */
  callerNumber: string | null;
  /** The number the caller dialled, which decides the market; null when Connect sent none. */
  dialledNumber: string | null;
  /** The block's function input parameters. */
  parameters: Record<string, string | undefined>;
  /** The contact attributes set so far, by the names of lib/connect/contracts.ts. */
  attributes: ContactAttributes;
}

/** The facts of the call that the steps need, as plain values. */
export function callFacts(event: ConnectEvent): CallFacts {
  const contact = event.Details.ContactData;
  return {
    contactId: contact.ContactId,
    initialContactId: contact.InitialContactId || contact.ContactId,
    callerNumber: contact.CustomerEndpoint?.Address ?? null,
    dialledNumber: contact.SystemEndpoint?.Address ?? null,
    parameters: event.Details.Parameters,
    attributes: contact.Attributes,
  };
}
