/**
 * The contact of a new call, and the JSONPath references (`$.Attributes.language`, `$.External.ssml`, …) with
 * which the flows read it (reference §1.7).
 */
import { randomUUID } from 'node:crypto';
import type { Contact, LexResult } from '#simulator/model.ts';

/** Connect's default voice, before a flow sets one. */
export const DEFAULT_VOICE = 'Joanna';

/** A new inbound call, as Connect knows it when the inbound flow starts: its voice is the instance's default. */
export function newContact(callerNumber: string | null, dialledNumber: string): Contact {
  return {
    contactId: randomUUID(),
    callerNumber,
    dialledNumber,
    attributes: {},
    external: {},
    languageCode: 'en-US',
    voice: DEFAULT_VOICE,
    eventHooks: {},
  };
}

/**
 * A JSONPath reference of the flow language: `$.` and a dotted path. A full stop after it ("… was
 * $.Attributes.handoverReason.") ends the sentence: a path segment needs a letter or digit after its dot.
 */
const REFERENCE = /\$\.[A-Za-z][\w-]*(?:\.[\w-]+)*/g;

/** The value of one reference, or undefined when the contact has nothing there. */
export function valueAt(contact: Contact, reference: string): string | undefined {
  const [root = '', ...path] = reference.replace(/^\$\./, '').split('.');
  const key = path.join('.');
  switch (root) {
    case 'Attributes':
      return contact.attributes[key];
    case 'External':
      return contact.external[key];
    case 'StoredCustomerInput':
      return contact.storedCustomerInput;
    case 'Lex':
      return lexValue(contact.lex, path);
    case 'CustomerEndpoint':
      return key === 'Address' ? (contact.callerNumber ?? undefined) : undefined;
    case 'SystemEndpoint':
      return key === 'Address' ? contact.dialledNumber : undefined;
    case 'ContactId':
    case 'InitialContactId':
      return contact.contactId;
    case 'Channel':
      return 'VOICE';
    case 'InitiationMethod':
      return 'INBOUND';
    case 'LanguageCode':
      return contact.languageCode;
    case 'TextToSpeechVoiceId':
      return contact.voice;
    case 'Queue':
      return key === 'Name' ? contact.queue?.name : key === 'ARN' ? contact.queue?.arn : undefined;
    case 'Metrics':
      return contact.metrics?.[key];
    default:
      return undefined;
  }
}

function lexValue(lex: LexResult | undefined, [field, key]: string[]): string | undefined {
  if (!lex) return undefined;
  if (field === 'IntentName') return lex.IntentName;
  if (field === 'Slots' && key) return lex.Slots[key];
  if (field === 'SessionAttributes' && key) return lex.SessionAttributes[key];
  return undefined;
}

/** A parameter value with its references filled in, as Connect does: a reference to nothing becomes empty. */
export function resolve(contact: Contact, value: string): string {
  return value.replace(REFERENCE, (reference) => valueAt(contact, reference) ?? '');
}

/** Every string of a parameter map resolved, keeping its shape (for Lambda and Lex attributes). */
export function resolveMap(contact: Contact, map: unknown): Record<string, string> {
  if (!map || typeof map !== 'object') return {};
  return Object.fromEntries(
    Object.entries(map as Record<string, unknown>).map(([key, value]) => [
      key,
      resolve(contact, String(value)),
    ]),
  );
}
