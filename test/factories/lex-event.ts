/**
 * Lex V2 code hook events for tests, shaped as Lex sends them when a Connect voice call talks to the bot
 * (reference §3.1): the session attributes are those the flow's Lex block sets, the request attributes those
 * Connect adds.
 */
import { randomUUID } from 'node:crypto';
import type { LexV2Bot, LexV2DialogAction, LexV2Intent, LexV2Slots, LexV2Transcription } from 'aws-lambda';

export interface LexEventOptions {
  /** The intent Lex recognised; FallbackIntent unless given. */
  intent?: string;
  /**
   * The intent's slots by name: a string is what the caller said and Lex interpreted (the same here), null a
   * slot Lex has not filled.
   */
  slots?: Record<string, string | null>;
  /** After each caller input (the default), or once the intent is ready for fulfilment. */
  source?: 'DialogCodeHook' | 'FulfillmentCodeHook';
  /** What the caller said or keyed. */
  transcript?: string;
  inputMode?: 'Speech' | 'DTMF' | 'Text';
  /** Lex's locale id, `en_IN` unless given. */
  localeId?: string;
  /** The caller's number, as the flow passes `$.CustomerEndpoint.Address`. */
  from?: string;
  /** The number dialled, as the flow passes `$.SystemEndpoint.Address`: the Pakistan line unless given. */
  to?: string;
  /** The order the caller passed the challenge for earlier in the call. */
  verifiedOrderNumber?: string;
  /** Attributes of earlier turns of this conversation, which Lex hands back as they were answered. */
  sessionAttributes?: Record<string, string>;
  /** The Connect contact id, which Connect uses as Lex's session id; a fresh UUID unless given. */
  contactId?: string;
}

/** The Lex V2 input event (reference §3.1); `proposedNextState` may be null. */
export interface LexCodeHookEvent {
  messageVersion: string;
  invocationSource: 'DialogCodeHook' | 'FulfillmentCodeHook';
  inputMode: 'DTMF' | 'Speech' | 'Text';
  responseContentType: string;
  sessionId: string;
  inputTranscript: string;
  bot: LexV2Bot;
  interpretations: {
    interpretationSource: 'Lex';
    intent: LexV2Intent;
    nluConfidence: number | null;
  }[];
  proposedNextState: {
    dialogAction: LexV2DialogAction;
    intent: LexV2Intent;
    prompt: { attempt: string };
  } | null;
  requestAttributes: Record<string, string>;
  sessionState: {
    sessionAttributes: Record<string, string>;
    intent: LexV2Intent;
    originatingRequestId: string;
  };
  transcriptions: LexV2Transcription[];
}

/** A whole code hook event of a voice call, with what the test cares about set. */
export function lexEvent(options: LexEventOptions = {}): LexCodeHookEvent {
  const contactId = options.contactId ?? randomUUID();
  const source = options.source ?? 'DialogCodeHook';
  const inputMode = options.inputMode ?? 'Speech';
  const transcript = options.transcript ?? '';
  const intentName = options.intent ?? 'FallbackIntent';
  const intent: LexV2Intent = {
    name: intentName,
    slots: lexSlots(options.slots ?? {}),
    state: source === 'FulfillmentCodeHook' ? 'ReadyForFulfillment' : 'InProgress',
    confirmationState: 'None',
  };
  const unfilled = Object.entries(intent.slots).find(([, slot]) => slot === null)?.[0];
  return {
    messageVersion: '1.0',
    invocationSource: source,
    inputMode,
    // What Connect was observed to ask for on a voice call (reference §3.1).
    responseContentType: 'text/plain; charset=utf-8',
    sessionId: contactId,
    inputTranscript: transcript,
    bot: {
      id: 'ORDERBOT01',
      name: 'OrderStatusBot',
      aliasId: 'TSTALIASID',
      aliasName: 'live',
      localeId: options.localeId ?? 'en_IN',
      version: '3',
    },
    interpretations: [
      {
        interpretationSource: 'Lex',
        intent,
        // Lex gives the fallback no confidence.
        nluConfidence: intentName === 'FallbackIntent' ? null : 0.92,
      },
    ],
    proposedNextState:
      source === 'DialogCodeHook'
        ? {
            dialogAction: unfilled ? { type: 'ElicitSlot', slotToElicit: unfilled } : { type: 'Delegate' },
            intent,
            prompt: { attempt: 'Initial' },
          }
        : null,
    requestAttributes: {
      'x-amz-lex:accept-content-types': 'PlainText,SSML',
      'x-amz-lex:channels:platform': 'Connect',
    },
    sessionState: {
      sessionAttributes: {
        // What the flow's Lex block sets (flows/order-status-inbound.json).
        ...(options.from === undefined ? {} : { callerNumber: options.from }),
        dialledNumber: options.to ?? '+922111000000',
        ...(options.verifiedOrderNumber === undefined
          ? {}
          : { verifiedOrderNumber: options.verifiedOrderNumber }),
        'x-amz-lex:audio:start-timeout-ms:*:*': '5000',
        'x-amz-lex:dtmf:end-character:*:*': '#',
        ...options.sessionAttributes,
      },
      intent,
      originatingRequestId: randomUUID(),
    },
    transcriptions:
      inputMode === 'Speech'
        ? [
            {
              transcription: transcript,
              transcriptionConfidence: 0.9,
              resolvedContext: { intent: intentName },
              resolvedSlots: {},
            },
          ]
        : [],
  };
}

function lexSlots(values: Record<string, string | null>): LexV2Slots {
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => [
      name,
      value === null
        ? null
        : {
            shape: 'Scalar',
            value: { originalValue: value, interpretedValue: value, resolvedValues: [value] },
          },
    ]),
  );
}
