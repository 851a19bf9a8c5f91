/** The prompt function under garbage: it always says something the voice accepts, or offers an agent. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROMPT } from '#lib/connect/contracts.ts';
import { FLOW_PROMPT_NAMES } from '#lib/speech/index.ts';
import { connectEvent } from '#test/factories/connect-event.ts';
import { prompt } from '../../functions/prompt/index.ts';
import {
  aConnectCall,
  aStringMap,
  expectConnectReply,
  fileLogCapture,
  LogCapture,
  RUNS,
  TIMEOUT_MS,
} from './chaos.ts';

const aCall = aConnectCall(
  aStringMap({
    // Every name of the contract, and two it does not have.
    name: fc.constantFrom(...PROMPT.parameters.name.values, 'error', 'toString'),
    otherOrders: fc.constantFrom('0', '1', '3', '-1', 'many'),
    contactsInQueue: fc.constantFrom('0', '5', '12', '-1', '3.5', '1e9', 'null', ''),
    oldestContactSeconds: fc.constantFrom('0', '240', '600', '99999999', 'NaN', ''),
    agentsAvailable: fc.constantFrom('0', '1', '', 'none'),
    recorded: fc.constantFrom('true', 'false', ''),
  }),
);

const logs = fileLogCapture();

describe('the prompt function under garbage', () => {
  it(
    `answers every one of ${RUNS} garbled events with speech the voice accepts`,
    async () => {
      await fc.assert(
        fc.asyncProperty(aCall, async (call) => {
          logs.callers.push(call.from);
          const reply = expectConnectReply(await prompt(call.event), [
            'spoken',
            'hold',
            'offer-callback',
            'switched',
            'no-other-language',
            'error',
          ]);

          if (['spoken', 'hold', 'offer-callback', 'error'].includes(reply.outcome ?? '')) {
            expect(reply.ssml).toBeDefined();
          }
          if (reply.outcome === 'spoken')
            expect([...FLOW_PROMPT_NAMES, 'callbackBooked']).toContain(call.params.name);
          if (reply.outcome === 'hold' || reply.outcome === 'offer-callback')
            expect(call.params.name).toBe('queueWait');
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT_MS,
  );

  it('logs no phone number passed as the prompt name (the property found it logged)', async () => {
    const capture = new LogCapture();
    try {
      const reply = await prompt(connectEvent({ params: { name: '+923001234567' } }));

      expect(reply.outcome).toBe('error');
      expect(capture.lines.length).toBeGreaterThan(0);
      capture.expectNothingPersonal();
    } finally {
      capture.restore();
    }
  });

  it('logged no caller number and no customer name', () => {
    logs.expectNothingPersonal();
  });
});
