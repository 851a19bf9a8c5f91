/** The prompt function under garbage: it always says something the voice accepts, or offers an agent. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FLOW_PROMPT_NAMES } from '#lib/speech/index.ts';
import { prompt } from '../../functions/prompt/index.ts';
import { aConnectCall, aStringMap, expectConnectReply, fileLogCapture, RUNS, TIMEOUT_MS } from './chaos.ts';

const aCall = aConnectCall(
  aStringMap({
    name: fc.constantFrom(...FLOW_PROMPT_NAMES, 'switchLanguage', 'error', 'toString'),
    otherOrders: fc.constantFrom('0', '1', '3', '-1', 'many'),
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
            'switched',
            'no-other-language',
            'error',
          ]);

          if (reply.outcome === 'spoken' || reply.outcome === 'error') expect(reply.ssml).toBeDefined();
          if (reply.outcome === 'spoken') expect(FLOW_PROMPT_NAMES).toContain(call.params.name);
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT_MS,
  );

  it('logged no caller number and no customer name', () => {
    logs.expectNothingPersonal();
  });
});
