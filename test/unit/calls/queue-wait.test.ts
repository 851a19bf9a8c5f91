import { describe, expect, it } from 'vitest';
import {
  CALLBACK_OFFER_MINUTES,
  callbackOffer,
  type ExpectedWait,
  expectedWait,
  type QueueState,
  queueStateOf,
} from '#lib/calls/queue-wait.ts';

function queue(
  contactsInQueue?: number,
  oldestContactSeconds?: number,
  agentsAvailable?: number,
): QueueState {
  return { contactsInQueue, oldestContactSeconds, agentsAvailable };
}

describe('the expected wait', () => {
  it('is short when an agent is free for the caller', () => {
    expect(expectedWait(queue(0, undefined, 1))).toEqual({ kind: 'shortly' });
    expect(expectedWait(queue(2, 30, 3))).toEqual({ kind: 'shortly' });
  });

  it('makes the caller next when nobody waits and no agent is free, or no agent is logged in', () => {
    expect(expectedWait(queue(0, undefined, 0))).toEqual({ kind: 'next' });
    expect(expectedWait(queue(0))).toEqual({ kind: 'next' });
  });

  it('follows from how long the callers ahead have waited: the queue moves at their number over that time', () => {
    // Five callers formed over 240 s: one answered every 48 s, so a sixth waits 288 s, said as 5 minutes.
    expect(expectedWait(queue(5, 240, 0))).toEqual({ kind: 'minutes', minutes: 5 });
    // One caller has waited 4 minutes: the one behind waits twice that.
    expect(expectedWait(queue(1, 240, 0))).toEqual({ kind: 'minutes', minutes: 8 });
  });

  it('is rounded up, never down: to the minute up to ten, then to five minutes', () => {
    expect(expectedWait(queue(10, 20, 0))).toEqual({ kind: 'minutes', minutes: 1 });
    expect(expectedWait(queue(10, 60, 0))).toEqual({ kind: 'minutes', minutes: 2 });
    expect(expectedWait(queue(10, 545, 0))).toEqual({ kind: 'minutes', minutes: 10 });
    expect(expectedWait(queue(10, 546, 0))).toEqual({ kind: 'minutes', minutes: 15 });
    expect(expectedWait(queue(20, 1500, 0))).toEqual({ kind: 'minutes', minutes: 30 });
  });

  it('says over an hour rather than a number of minutes nobody believes', () => {
    expect(expectedWait(queue(3, 3000, 0))).toEqual({ kind: 'over-an-hour' });
  });

  it('claims nothing when the metrics are missing or say nothing of the pace', () => {
    expect(expectedWait(queue())).toEqual({ kind: 'unknown' });
    expect(expectedWait(queue(undefined, 300, 0))).toEqual({ kind: 'unknown' });
    expect(expectedWait(queue(4, 0, 0))).toEqual({ kind: 'unknown' });
    expect(expectedWait(queue(4, undefined, 0))).toEqual({ kind: 'unknown' });
  });
});

describe("the queue's state from the flow", () => {
  it('reads counts and ages as Connect passes them, as text, and takes anything else for missing', () => {
    expect(
      queueStateOf({ contactsInQueue: '5', oldestContactSeconds: '240.5', agentsAvailable: '' }),
    ).toEqual(queue(5, 240.5, undefined));
    expect(queueStateOf({ contactsInQueue: 'null', oldestContactSeconds: '-3' })).toEqual(queue());
  });
});

describe('the call back', () => {
  const caller = '+923001234567';
  const long: ExpectedWait = { kind: 'minutes', minutes: CALLBACK_OFFER_MINUTES };

  it('is offered from five minutes on, naming the last four digits of the number it will ring', () => {
    expect(callbackOffer(long, caller)).toEqual({ numberEnding: '4567' });
    expect(callbackOffer({ kind: 'over-an-hour' }, caller)).toEqual({ numberEnding: '4567' });
  });

  it('is not offered for a shorter wait, or a wait nobody knows', () => {
    expect(callbackOffer({ kind: 'minutes', minutes: CALLBACK_OFFER_MINUTES - 1 }, caller)).toBeUndefined();
    expect(callbackOffer({ kind: 'unknown' }, caller)).toBeUndefined();
    expect(callbackOffer({ kind: 'next' }, caller)).toBeUndefined();
  });

  it.each([null, '', 'anonymous', '03001234567', 'sip:caller@example.com', '+0000000000'])(
    'is not offered to a caller whose number is %j: none that Connect can call back',
    (number) => {
      expect(callbackOffer(long, number)).toBeUndefined();
    },
  );
});
