/**
 * The contact record (CTR) Connect streams after a contact (reference §5.2), checked with zod: only the fields
 * the IVR reads are checked and typed, and loosely, because Connect adds fields over time and a record is
 * delivered again whenever it changes. Everything else passes through unchecked.
 */
import { z } from 'zod';

/** Connect writes `yyyy-mm-ddThh:mm:ssZ`; fractions and offsets are accepted should it ever write them. */
const timestamp = z.iso.datetime({ offset: true }).transform((text) => new Date(text));

/** Whole seconds, as Connect counts durations. */
const seconds = z.number().nonnegative();

const endpoint = z.looseObject({ Address: z.string().nullish(), Type: z.string().nullish() }).nullish();

const contactRecordSchema = z.looseObject({
  // The calls table keys on 64 characters; cutting a longer id could merge two contacts, so it is refused.
  ContactId: z.string().min(1).max(64),
  InitialContactId: z.string().nullish(),
  LastUpdateTimestamp: timestamp,
  InitiationTimestamp: timestamp,
  DisconnectTimestamp: timestamp.nullish(),
  Channel: z.string().nullish(),
  SystemEndpoint: endpoint,
  CustomerEndpoint: endpoint,
  Attributes: z
    .record(z.string(), z.string())
    .nullish()
    .transform((attributes) => attributes ?? {}),
  Queue: z
    .looseObject({
      Name: z.string().nullish(),
      ARN: z.string().nullish(),
      EnqueueTimestamp: timestamp.nullish(),
      DequeueTimestamp: timestamp.nullish(),
      Duration: seconds.nullish(),
    })
    .nullish()
    .transform((queue) => queue ?? null),
  Agent: z
    .looseObject({
      ARN: z.string().nullish(),
      Username: z.string().nullish(),
      ConnectedToAgentTimestamp: timestamp.nullish(),
      AgentInteractionDuration: seconds.nullish(),
      AfterContactWorkDuration: seconds.nullish(),
    })
    .nullish()
    .transform((agent) => agent ?? null),
  DisconnectReason: z.string().nullish(),
});

/** A contact record as the IVR reads it: timestamps as Dates, Attributes always present, Queue and Agent or null. */
export type ContactRecord = z.output<typeof contactRecordSchema>;

type ParsedContactRecord = { ok: true; record: ContactRecord } | { ok: false; reason: string };

/**
 * Checks a contact record. Never throws: a malformed record is a result, so that one bad record of a batch does
 * not hold up the others. `reason` names each bad field by its path, never its value: records hold callers'
 * numbers, and the reason is logged.
 */
export function parseContactRecord(raw: unknown): ParsedContactRecord {
  const parsed = contactRecordSchema.safeParse(raw);
  if (parsed.success) return { ok: true, record: parsed.data };
  return {
    ok: false,
    reason: parsed.error.issues
      .map((issue) => `${issue.path.join('.') || 'record'}: ${issue.message}`)
      .join('; '),
  };
}
