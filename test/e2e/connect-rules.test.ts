/**
 * What the simulator's rules of Connect (flows/README.md, "How the simulator runs a call") change for a caller of
 * the real flows: a caller who knows the key, one who hangs up during the status, words at the keypad menu, who
 * hangs up first after an agent, keys left over when an agent answers, and cold starts.
 */
import { describe, expect, it } from 'vitest';
import type { SimulatedCall } from '#simulator/call.ts';
import { heard } from '#simulator/call.ts';
import { CALLER_PACE } from '#simulator/caller.ts';
import { call } from './calls.ts';

const AYESHA = '+923001234567';

function transferredAt(result: SimulatedCall): number {
  const transfer = result.events.find((event) => event.type === 'transfer');
  if (!transfer) throw new Error(`no transfer: ${heard(result).join(' | ')}`);
  return transfer.at;
}

describe('a caller of the real flows', () => {
  it('who knows the key for an agent presses it over the menu, and is handed over that much sooner', async () => {
    const listening = await call(AYESHA, ['0']);
    const knowing = await call(AYESHA, ['barge:0']);

    const cut = knowing.events.find((event) => event.type === 'prompt' && event.cutAfter !== undefined);
    expect(cut?.type === 'prompt' ? cut.cutAfter : null).toBe(CALLER_PACE.reaction);
    expect(transferredAt(knowing)).toBeLessThan(transferredAt(listening));
    expect(knowing).toMatchObject({ outcome: 'transferred', queue: listening.queue });
  });

  it('who hangs up during the status is counted abandoned, as the contact record says the customer left', async () => {
    const result = await call(AYESHA, ['hangup:2']);

    expect(result).toMatchObject({ outcome: 'abandoned', endedBy: 'caller' });
    expect(result.contactRecord.DisconnectReason).toBe('CUSTOMER_DISCONNECT');
    expect(result.contact.attributes.callOutcome).toBeUndefined();
    expect(result.events.some((event) => event.type === 'prompt' && event.cutAfter !== undefined)).toBe(true);
  });

  it('who asks for an agent in words and then presses 0 reaches one: the words are not kept for later', async () => {
    const result = await call(AYESHA, ['say:agent', '0']);

    expect(result).toMatchObject({ outcome: 'transferred', queue: 'PK Deliveries' });
  });

  it('who hangs up before the agent does hears no survey', async () => {
    const result = await call(AYESHA, ['0', 'after-agent', '4'], {
      agent: { answersAfterSeconds: 20, talksForSeconds: 60, hangsUpFirst: 'caller' },
    });

    expect(result).toMatchObject({ outcome: 'transferred', endedBy: 'caller', surveyScore: null });
    expect(result.contactRecord.DisconnectReason).toBe('CUSTOMER_DISCONNECT');
    expect(result.events.map((event) => event.type)).not.toContain('survey');
  });

  it('whose keys for the IVR were left over when the agent answered gives the survey no answer with them', async () => {
    const result = await call(AYESHA, ['0', '4']);

    expect(result).toMatchObject({ outcome: 'transferred', surveyScore: null });
  });

  it('waits a cold start longer for the status, once for each function the call has not invoked before', async () => {
    const warm = await call(AYESHA, ['hangup']);
    const cold = await call(AYESHA, ['hangup'], { coldStartMs: 800 });

    const firstPrompt = (result: SimulatedCall) => result.events.find((event) => event.type === 'prompt');
    const functionsBefore = new Set(
      cold.events
        .slice(0, cold.events.indexOf(firstPrompt(cold) as (typeof cold.events)[number]))
        .flatMap((event) => (event.type === 'lambda' ? [event.function] : [])),
    ).size;
    expect(functionsBefore).toBeGreaterThan(0);
    expect((firstPrompt(cold)?.at ?? 0) - (firstPrompt(warm)?.at ?? 0)).toBeCloseTo(0.8 * functionsBefore, 5);
  });
});
