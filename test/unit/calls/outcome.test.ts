import { describe, expect, it } from 'vitest';
import { type CallEnding, callOutcome } from '#lib/calls/outcome.ts';

/** A call that ended in the IVR: no queue, no agent, unless said. */
function ending(overrides: Partial<CallEnding>): CallEnding {
  return { attributes: {}, queued: false, agentAnswered: false, ...overrides };
}

/** What the flows mark on a caller who heard their status: the answer spoken, nothing asked of the bot left. */
const HEARD_THEIR_ANSWER = { callOutcome: 'self-served', botRequest: 'closed' } as const;

describe('callOutcome', () => {
  describe('a caller handed over to an agent', () => {
    it('is transferred when an agent answered', () => {
      expect(callOutcome(ending({ queued: true, agentAnswered: true }))).toBe('transferred');
    });

    it('is transferred when an agent answered after the caller had heard their answer', () => {
      const call = ending({ attributes: HEARD_THEIR_ANSWER, queued: true, agentAnswered: true });

      expect(callOutcome(call)).toBe('transferred');
    });

    it('is transferred when an agent answered a request the bot had left open', () => {
      const call = ending({ attributes: { botRequest: 'open' }, queued: true, agentAnswered: true });

      expect(callOutcome(call)).toBe('transferred');
    });

    it('is abandoned when they hung up in the queue before any agent answered', () => {
      expect(callOutcome(ending({ queued: true }))).toBe('abandoned');
    });

    it('is abandoned, not self-served, when they had heard their answer and then left the queue before an agent answered', () => {
      expect(callOutcome(ending({ attributes: HEARD_THEIR_ANSWER, queued: true }))).toBe('abandoned');
    });

    it('is abandoned when an older queue flow had marked the call transferred and no agent answered', () => {
      const call = ending({ attributes: { callOutcome: 'transferred' }, queued: true });

      expect(callOutcome(call)).toBe('abandoned');
    });

    it('is transferred when they booked a call back instead of waiting, and hung up', () => {
      const call = ending({
        attributes: { ...HEARD_THEIR_ANSWER, callOutcome: 'transferred', callback: 'queued' },
      });

      expect(callOutcome(call)).toBe('transferred');
    });

    it('is transferred when they booked a call back, whatever Connect recorded of the queue', () => {
      expect(callOutcome(ending({ attributes: { callback: 'queued' }, queued: true }))).toBe('transferred');
    });
  });

  describe('a caller who never reached a queue', () => {
    it('is self-served when their answer was spoken', () => {
      expect(callOutcome(ending({ attributes: { callOutcome: 'self-served' } }))).toBe('self-served');
    });

    it('is self-served when the bot answered what they asked after the status', () => {
      expect(callOutcome(ending({ attributes: HEARD_THEIR_ANSWER }))).toBe('self-served');
    });

    it('is abandoned when they hung up on the bot with a request it had not answered', () => {
      const call = ending({ attributes: { callOutcome: 'self-served', botRequest: 'open' } });

      expect(callOutcome(call)).toBe('abandoned');
    });

    it('is abandoned when they left before any answer', () => {
      expect(callOutcome(ending({}))).toBe('abandoned');
    });

    it('is abandoned when the flow marked it transferred but neither an agent nor a call back took it', () => {
      expect(callOutcome(ending({ attributes: { callOutcome: 'transferred' } }))).toBe('abandoned');
    });

    it('is abandoned when the mark is one the flows never set', () => {
      expect(callOutcome(ending({ attributes: { callOutcome: 'SELF-SERVED' } }))).toBe('abandoned');
    });
  });
});
