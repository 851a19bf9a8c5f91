/**
 * What a caller handed to an agent is told about the wait, decided in one place. The flow learns the queue's
 * state from Connect's Get queue metrics block (`GetMetricData`, run on the working queue once it is set) and
 * passes it on as it is: contacts in queue, the age of the oldest of them, and agents available. Connect sends
 * nulls when the queue has had no activity, and no agent metrics when no agent is logged in: a value may be
 * missing, and then nothing is made up for it.
 *
 * The expected wait follows from Little's law: in a queue that is neither filling nor emptying, the contacts
 * in it are answered at about their number over the time the oldest has waited, so a caller joining behind
 * them waits about `oldest × (contacts + 1) / contacts`. It is rounded up, never down: a caller told "about 5
 * minutes" who waits four is not let down; one who waits six after hearing "about 4" is.
 */
import { type CallerNumber, lastFourDigits } from '#lib/orders/phone.ts';

/** The queue as the Get queue metrics block reports it; undefined where Connect sent nothing. */
export interface QueueState {
  contactsInQueue: number | undefined;
  oldestContactSeconds: number | undefined;
  agentsAvailable: number | undefined;
}

export type ExpectedWait =
  /** An agent is free for the caller now. */
  | { kind: 'shortly' }
  /** Nobody is ahead, and no agent is free: the caller gets the next agent who is. */
  | { kind: 'next' }
  | { kind: 'minutes'; minutes: number }
  | { kind: 'over-an-hour' }
  /** The metrics are missing, or say nothing of how fast the queue moves. */
  | { kind: 'unknown' };

/**
 * From this many minutes on, the caller is offered a call back instead of the wait: the usual practice of
 * contact centres, and about the longest a caller holds a phone to their ear without giving up.
 */
export const CALLBACK_OFFER_MINUTES = 5;
/** Up to ten minutes the wait is said to the minute; beyond, to five minutes, as people say it. */
const EXACT_MINUTES_UP_TO = 10;
const COARSE_MINUTES = 5;
const HOUR_SECONDS = 3600;

/** The queue's state from the flow's parameters, which are text: a value that is no count or age is missing. */
export function queueStateOf(parameters: Readonly<Record<string, string | undefined>>): QueueState {
  return {
    contactsInQueue: amount(parameters.contactsInQueue),
    oldestContactSeconds: amount(parameters.oldestContactSeconds),
    agentsAvailable: amount(parameters.agentsAvailable),
  };
}

function amount(text: string | undefined): number | undefined {
  return text !== undefined && /^\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : undefined;
}

export function expectedWait({
  contactsInQueue,
  oldestContactSeconds,
  agentsAvailable,
}: QueueState): ExpectedWait {
  if (contactsInQueue === undefined) return { kind: 'unknown' };
  // Without agent metrics no agent is logged in: none is free.
  if ((agentsAvailable ?? 0) > contactsInQueue) return { kind: 'shortly' };
  if (contactsInQueue === 0) return { kind: 'next' };
  if (!oldestContactSeconds) return { kind: 'unknown' };
  const seconds = (oldestContactSeconds * (contactsInQueue + 1)) / contactsInQueue;
  if (seconds > HOUR_SECONDS) return { kind: 'over-an-hour' };
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return {
    kind: 'minutes',
    minutes: minutes <= EXACT_MINUTES_UP_TO ? minutes : Math.ceil(minutes / COARSE_MINUTES) * COARSE_MINUTES,
  };
}

/**
 * A call back is offered when the wait is long and the caller's number is one Connect can call: the last four
 * digits of that number, which the offer names so that the caller knows which phone will ring.
 */
export function callbackOffer(
  wait: ExpectedWait,
  caller: CallerNumber,
): { numberEnding: string } | undefined {
  const long =
    wait.kind === 'over-an-hour' || (wait.kind === 'minutes' && wait.minutes >= CALLBACK_OFFER_MINUTES);
  if (!long || caller.kind !== 'number') return undefined;
  const numberEnding = lastFourDigits(caller.e164);
  return numberEnding ? { numberEnding } : undefined;
}
