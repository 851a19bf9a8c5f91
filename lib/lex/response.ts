/**
 * Responses of the Lex V2 code hook (reference §3.2): the dialog action, the intent with its state, SSML
 * messages for voice, and the session attributes the flow reads back as `$.Lex.SessionAttributes`.
 */
import type { LexSlots } from '#lib/lex/event.ts';

export interface LexIntent {
  name: string;
  slots: LexSlots;
  state?: string;
  confirmationState?: string;
}

type Messages = { contentType: 'SSML'; content: string }[];

/** A slot filled with `value`, in the shape Lex gives and takes (reference §3.1). */
export function filledSlot(value: string) {
  return { value: { originalValue: value, interpretedValue: value, resolvedValues: [value] } };
}

export interface LexResponse {
  sessionState: {
    sessionAttributes: Record<string, string>;
    dialogAction: {
      type: 'Close' | 'Delegate' | 'ElicitSlot' | 'ElicitIntent' | 'ConfirmIntent';
      slotToElicit?: string;
    };
    intent?: LexIntent & { state: string };
  };
  messages?: Messages;
}

function messages(ssml: string | undefined): { messages?: Messages } {
  return ssml ? { messages: [{ contentType: 'SSML', content: ssml }] } : {};
}

/** The intent is done: Lex says `ssml`, if any, and Connect's Lex block ends with the intent's name. */
export function close(
  intent: LexIntent,
  state: 'Fulfilled' | 'Failed',
  sessionAttributes: Record<string, string>,
  ssml?: string,
): LexResponse {
  return {
    sessionState: { sessionAttributes, dialogAction: { type: 'Close' }, intent: { ...intent, state } },
    ...messages(ssml),
  };
}

/** Ask for the slot `slot` with `ssml`. */
export function elicitSlot(
  intent: LexIntent,
  slot: string,
  sessionAttributes: Record<string, string>,
  ssml: string,
): LexResponse {
  return {
    sessionState: {
      sessionAttributes,
      dialogAction: { type: 'ElicitSlot', slotToElicit: slot },
      intent: { ...intent, slots: { ...intent.slots, [slot]: null }, state: 'InProgress' },
    },
    ...messages(ssml),
  };
}

/** Ask the caller what they want, after `ssml`. */
export function elicitIntent(sessionAttributes: Record<string, string>, ssml: string): LexResponse {
  return { sessionState: { sessionAttributes, dialogAction: { type: 'ElicitIntent' } }, ...messages(ssml) };
}
