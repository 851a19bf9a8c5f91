/**
 * A call as the reports count it: one row of `calls` (migration 0001), made from the contact record Connect
 * streams when a contact ends. Text from the record is made fit for its column here, so that no attribute a
 * flow set, however long or odd, makes the write fail and holds up the stream.
 */

import { type CallOutcome, callOutcome } from '#lib/calls/outcome.ts';
import type { ContactRecord } from '#lib/connect/contact-record.ts';
import { isLocale, isMarketCode, type Locale, type MarketCode, marketOfDialledNumber } from '#lib/markets.ts';

/** A row of `calls`, named as its columns are. Times are UTC; durations whole seconds. */
export interface CallRow {
  contact_id: string;
  /** The first contact of a transferred call; null on a first segment (Connect leaves it null there). */
  initial_contact_id: string | null;
  market: MarketCode;
  language: Locale | null;
  initiated_at: Date;
  disconnected_at: Date | null;
  /** From arrival to the queue, or to the end when the caller never queued. */
  ivr_seconds: number | null;
  queue_seconds: number | null;
  agent_seconds: number | null;
  queue_name: string | null;
  agent_id: string | null;
  outcome: CallOutcome;
  intent: string | null;
  handover_reason: string | null;
  disconnect_reason: string | null;
  /** The record's LastUpdateTimestamp: a stored row is replaced only by a record at least as new. */
  record_updated_at: Date;
}

/** VARCHAR sizes of `calls`, in characters: contact ids; queue and agent names; intents and reasons. */
const ID_SIZE = 64;
const NAME_SIZE = 100;
const CODE_SIZE = 40;

/** The row of `calls` that a contact record stands for. */
export function callFromContactRecord(record: ContactRecord): CallRow {
  const { Attributes: attributes, Queue: queue, Agent: agent } = record;
  const disconnectedAt = record.DisconnectTimestamp ?? null;
  const ivrEndedAt = queue ? (queue.EnqueueTimestamp ?? null) : disconnectedAt;
  return {
    contact_id: record.ContactId,
    initial_contact_id: columnText(record.InitialContactId, ID_SIZE),
    market: marketOf(attributes.market, record.SystemEndpoint?.Address),
    language: localeOf(attributes.language),
    initiated_at: record.InitiationTimestamp,
    disconnected_at: disconnectedAt,
    ivr_seconds: ivrEndedAt ? secondsBetween(record.InitiationTimestamp, ivrEndedAt) : null,
    queue_seconds: wholeSeconds(queue?.Duration),
    agent_seconds: wholeSeconds(agent?.AgentInteractionDuration),
    queue_name: columnText(queue?.Name, NAME_SIZE),
    agent_id: columnText(agent?.Username, NAME_SIZE),
    outcome: callOutcome({
      attributes,
      queued: queue !== null,
      agentAnswered: Boolean(agent?.ConnectedToAgentTimestamp),
    }),
    intent: columnText(attributes.intent, CODE_SIZE),
    handover_reason: columnText(attributes.handoverReason, CODE_SIZE),
    disconnect_reason: columnText(record.DisconnectReason, CODE_SIZE),
    record_updated_at: record.LastUpdateTimestamp,
  };
}

/**
 * One row per contact, the newest version of each (the later one of two equally new), as the database would
 * keep them: a batch may hold a contact twice, and each call is counted once.
 */
export function newestPerContact(calls: readonly CallRow[]): CallRow[] {
  const newest = new Map<string, CallRow>();
  for (const call of calls) {
    const kept = newest.get(call.contact_id);
    if (!kept || call.record_updated_at >= kept.record_updated_at) newest.set(call.contact_id, call);
  }
  return [...newest.values()];
}

/** The flows set `market` from the line dialled; without it (an older flow, an early error) the line decides. */
function marketOf(attribute: string | undefined, dialledNumber: string | null | undefined): MarketCode {
  return attribute !== undefined && isMarketCode(attribute)
    ? attribute
    : marketOfDialledNumber(dialledNumber);
}

/** The language the flow spoke, when it is one of ours; anything else would be a report key of its own. */
function localeOf(attribute: string | undefined): Locale | null {
  return isLocale(attribute) ? attribute : null;
}

function secondsBetween(from: Date, to: Date): number {
  return Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000));
}

/** The largest value of an INT column. */
const MAX_INT = 2_147_483_647;

function wholeSeconds(value: number | null | undefined): number | null {
  return value === null || value === undefined ? null : Math.min(MAX_INT, Math.round(value));
}

/** A lone UTF-16 surrogate: JSON may carry one (`"\ud800"`), UTF-8 cannot. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text fit for a VARCHAR(size) of utf8mb4: lone surrogates replaced by U+FFFD, cut to `size` characters
 * (code points, as MariaDB counts them, so that no pair is split). Empty text is no value.
 */
function columnText(value: string | null | undefined, size: number): string | null {
  if (!value) return null;
  return Array.from(value.replace(LONE_SURROGATE, '\uFFFD')).slice(0, size).join('');
}
