/**
 * What a caller handed to an agent hears before the queue: the wait as lib/calls/queue-wait.ts expects it,
 * the notice that the call with the agent is recorded, and, when the wait is long, the offer of a call back on
 * their own number; then, once they took it, that the call back is booked.
 */
import type { ExpectedWait } from '#lib/calls/queue-wait.ts';
import type { Locale } from '#lib/markets.ts';
import { type MessageKey, renderMessage } from '#lib/speech/catalogue.ts';
import { type SsmlElement, sayAs, speak } from '#lib/speech/ssml.ts';
import { voiceFor } from '#lib/speech/voices.ts';

export interface QueueWaitOptions {
  /** Whether the flow records the call with the agent: then the caller is told so before it starts. */
  recorded: boolean;
  /** The call back to offer, on the number with these last four digits. */
  callback?: { numberEnding: string };
}

/** "The wait for an agent is about 5 minutes. Your call … will be recorded … To be called back …, press 1." */
export function queueWaitSsml(locale: Locale, wait: ExpectedWait, options: QueueWaitOptions): string {
  const { callback } = options;
  return speak(
    voiceFor(locale).engine,
    ...waitSentences(locale, wait),
    ...(options.recorded ? renderMessage(locale, 'recordingNotice') : []),
    ...(callback
      ? renderMessage(locale, 'callbackOffer', { numberEnding: digits(callback.numberEnding) })
      : []),
  );
}

/** "Thank you. We will call you back on the number ending 4567 as soon as an agent is free. Goodbye." */
export function callbackBookedSsml(locale: Locale, numberEnding: string): string {
  return speak(
    voiceFor(locale).engine,
    ...renderMessage(locale, 'callbackBooked', { numberEnding: digits(numberEnding) }),
  );
}

const WAIT_MESSAGES: Readonly<Record<Exclude<ExpectedWait['kind'], 'minutes'>, MessageKey>> = {
  shortly: 'wait.shortly',
  next: 'wait.next',
  'over-an-hour': 'wait.overAnHour',
  unknown: 'wait.unknown',
};

function waitSentences(locale: Locale, wait: ExpectedWait): SsmlElement[] {
  if (wait.kind === 'minutes') return renderMessage(locale, 'wait.minutes', {}, wait.minutes);
  return renderMessage(locale, WAIT_MESSAGES[wait.kind]);
}

function digits(numberEnding: string) {
  return sayAs('digits', numberEnding);
}
