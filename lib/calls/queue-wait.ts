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

/** A call back is offered when the wait is long, to a caller Connect can call back. */
export function callbackOffer(
  wait: ExpectedWait,
  callerNumber: string | null,
): { numberEnding: string } | undefined {
  const long =
    wait.kind === 'over-an-hour' || (wait.kind === 'minutes' && wait.minutes >= CALLBACK_OFFER_MINUTES);
  const numberEnding = long ? callbackNumberEnding(callerNumber) : undefined;
  return numberEnding ? { numberEnding } : undefined;
}

/**
 * The last four digits of the caller's number when Connect can call it back, which the offer and the
 * confirmation name so that the caller knows which phone will ring. Connect's Set callback number block takes
 * E.164 only: anything else, such as a withheld number's "anonymous", takes its InvalidCallbackNumber branch.
 */
export function callbackNumberEnding(callerNumber: string | null): string | undefined {
  return callerNumber && E164.test(callerNumber) ? callerNumber.slice(-4) : undefined;
}

const E164 = /^\+[1-9]\d{6,14}$/;
