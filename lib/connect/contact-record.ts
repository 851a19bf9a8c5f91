/**
 * The contact record (CTR) Connect streams after a contact (reference §5.2), checked with zod: only the fields
 * the IVR reads are checked and typed, and loosely, because Connect adds fields over time and a record is
 * delivered again whenever it changes. Everything else passes through unchecked.
 */
import { z } from 'zod';
import type { ContactAttributes } from '#lib/connect/contracts.ts';

/**
 * The instants a contact record may name: from the Unix epoch (an earlier one is a zero or garbage value) to a
 * day after now (records are written after the fact; a day covers any clock's skew). Anything outside could
 * never be stored: `9999-12-31T23:59:59Z` makes durations no INT column holds.
 */
const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST_AHEAD_MS = 86_400_000;

/** Connect writes `yyyy-mm-ddThh:mm:ssZ`; fractions and offsets are accepted should it ever write them. */
const timestamp = z.iso
  .datetime({ offset: true })
  .transform((text) => new Date(text))
  .refine((instant) => instant.getTime() >= EARLIEST && instant.getTime() <= Date.now() + LATEST_AHEAD_MS, {
    message: 'not an instant a contact can have (before 1970, or in the future)',
  });

/** No contact lasts longer: Connect ends chats and tasks within days, calls sooner. */
const MAX_CONTACT_SECONDS = 31 * 86_400;

/** Whole seconds, as Connect counts durations, no longer than a contact can last. */
const seconds = z.number().nonnegative().max(MAX_CONTACT_SECONDS);

const endpoint = z.looseObject({ Address: z.string().nullish(), Type: z.string().nullish() }).nullish();

const contactRecordSchema = z
  .looseObject({
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
      .transform((attributes): ContactAttributes => attributes ?? {}),
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
  })
  .superRefine((record, context) => {
    // The order of a contact's instants: anything else describes no real call. Fields already refused are skipped.
    const time = (instant: unknown) => (instant instanceof Date ? instant.getTime() : undefined);
    const startedAt = time(record.InitiationTimestamp);
    if (startedAt === undefined) return;
    const notBefore = (path: string[], instant: unknown, after: number, what: string) => {
      const at = time(instant);
      if (at !== undefined && at < after)
        context.addIssue({ code: 'custom', path, message: `before ${what}` });
    };
    notBefore(['DisconnectTimestamp'], record.DisconnectTimestamp, startedAt, 'InitiationTimestamp');
    notBefore(['LastUpdateTimestamp'], record.LastUpdateTimestamp, startedAt, 'InitiationTimestamp');
    notBefore(
      ['Queue', 'EnqueueTimestamp'],
      record.Queue?.EnqueueTimestamp,
      startedAt,
      'InitiationTimestamp',
    );
    notBefore(
      ['Agent', 'ConnectedToAgentTimestamp'],
      record.Agent?.ConnectedToAgentTimestamp,
      startedAt,
      'InitiationTimestamp',
    );
    const endedAt = time(record.DisconnectTimestamp);
    if (endedAt !== undefined && endedAt - startedAt > MAX_CONTACT_SECONDS * 1000) {
      context.addIssue({
        code: 'custom',
        path: ['DisconnectTimestamp'],
        message: 'longer after InitiationTimestamp than a contact lasts',
      });
    }
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
