/**
 * Waiting honestly: whole calls handed to an agent through the real flows, with the queue's state as the Get
 * queue metrics block would report it. What the caller hears about the wait, the recording and a call back.
 */
import { describe, expect, it } from 'vitest';
import { heard } from '#simulator/call.ts';
import type { QueueMetrics } from '#simulator/queue-state.ts';
import enIN from '../../prompts/en-IN.json' with { type: 'json' };
import { afterTheMenu, call } from './calls.ts';

const AYESHA = '+923001234567';
const FATIMA = '+971501234567';
const DUBAI_LINE = '+97142000000';

/** Twelve callers ahead, the oldest waiting ten minutes, nobody free: about 15 minutes, so a call back is offered. */
const LONG_QUEUE: QueueMetrics = { contactsInQueue: 12, oldestContactSeconds: 600, agentsAvailable: 0 };
/** Three callers ahead, the oldest waiting 150 s: about 4 minutes, held without an offer. */
const SHORT_QUEUE: QueueMetrics = { contactsInQueue: 3, oldestContactSeconds: 150, agentsAvailable: 0 };

describe('a caller handed over to an agent', () => {
  it('with an agent free hears that one answers shortly and that the call is recorded, and never that all are busy', async () => {
    const result = await call(AYESHA, ['0', 'after-agent', '4']);

    expect(afterTheMenu(result).slice(0, 2)).toEqual([
      `${enIN['wait.shortly']} ${enIN.recordingNotice}`,
      enIN.holding,
    ]);
    expect(heard(result).join(' ')).not.toMatch(/busy|Please hold while/);
    expect(result).toMatchObject({ outcome: 'transferred', queue: 'PK Deliveries', surveyScore: 4 });
  });

  it('hears the expected wait from the queue, rounded up to the minute, and is queued without an offer', async () => {
    const result = await call(AYESHA, ['0'], { queue: SHORT_QUEUE });

    expect(afterTheMenu(result)[0]).toBe(
      'The waiting time for our executive is about 4 minutes. Your call with our executive will be recorded for quality purposes.',
    );
    expect(result.events.map((event) => event.type)).toContain('transfer');
  });

  it('is told the wait in Hindi after choosing Hindi, and in Arabic on the Dubai line', async () => {
    const hindi = await call(AYESHA, ['9', '0'], { queue: SHORT_QUEUE });
    const arabic = await call(FATIMA, ['0'], { to: DUBAI_LINE, queue: SHORT_QUEUE });

    expect(heard(hindi)).toContain(
      'एजेंट से बात के लिए तक़रीबन 4 मिनट इंतज़ार करना होगा। एजेंट के साथ आपकी बातचीत सर्विस बेहतर बनाने के लिए रिकॉर्ड की जाएगी।',
    );
    expect(heard(arabic)).toContain(
      'مدة الانتظار حوالي 4 دقائق. سيتم تسجيل المكالمة مع الموظف لضمان جودة الخدمة.',
    );
  });

  it('with a long wait is offered a call back on their own number, and pressing 1 books it instead of queueing', async () => {
    const result = await call(AYESHA, ['0', '1'], { queue: LONG_QUEUE });

    expect(afterTheMenu(result)).toEqual([
      'The waiting time for our executive is about 15 minutes. Your call with our executive will be recorded for quality purposes. To get a call back on the number ending [4 5 6 7] instead, press 1. To stay on the line, press 2.',
      'Thank you. Our executive will call you back on the number ending [4 5 6 7] as soon as possible. Have a nice day.',
    ]);
    expect(result.events).toContainEqual(
      expect.objectContaining({ type: 'callback', queue: 'PK Deliveries', number: AYESHA, afterSeconds: 30 }),
    );
    expect(result.events.map((event) => event.type)).not.toContain('transfer');
    expect(result).toMatchObject({ outcome: 'transferred', queue: null, endedBy: 'flow' });
    expect(result.contact.attributes).toMatchObject({ callback: 'queued', callOutcome: 'transferred' });
  });

  it.each([
    ['presses 2', '2'],
    ['says nothing', 'silence'],
  ])('with a long wait who %s stays in the queue until an agent answers', async (_, choice) => {
    const result = await call(AYESHA, ['0', choice, 'after-agent', '5'], {
      queue: LONG_QUEUE,
      agent: { answersAfterSeconds: 900, talksForSeconds: 60 },
    });

    expect(afterTheMenu(result)[1]).toBe(enIN.holding);
    expect(result).toMatchObject({ outcome: 'transferred', queue: 'PK Deliveries', surveyScore: 5 });
    expect(result.timeline.agentAt).toBe((result.timeline.queuedAt ?? 0) + 900);
  });

  it('from a withheld number hears the long wait, and no call back is offered to a number nobody can ring', async () => {
    const result = await call(null, ['dtmf:99999999#', 'dtmf:99999998#', '5'], { queue: LONG_QUEUE });

    const wait = heard(result).find((text) => text.includes('15 minutes'));
    expect(wait).toBe(
      'The waiting time for our executive is about 15 minutes. Your call with our executive will be recorded for quality purposes.',
    );
    // The order number went to the bot's first question: a CheckOrderStatus, which the deliveries agents take.
    expect(result).toMatchObject({ outcome: 'transferred', queue: 'PK Deliveries' });
    expect(result.contact.attributes.handoverReason).toBe('order-not-found');
  });

  it('hears no number of minutes when the queue reports none', async () => {
    const result = await call(AYESHA, ['0'], { queue: {} });

    expect(afterTheMenu(result)[0]).toBe(`${enIN['wait.unknown']} ${enIN.recordingNotice}`);
  });

  it('when no agent is working hears only that, with no wait and no promise to connect', async () => {
    const result = await call(AYESHA, ['0'], { open: false, queue: LONG_QUEUE });

    expect(afterTheMenu(result)).toEqual([enIN.closed]);
  });
});
