/** The survey function under garbage: it records a score only for a key 1 to 5, and always answers the flow. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fakeLambdaContext } from '#test/factories/connect-event.ts';
import { survey } from '../../functions/survey/index.ts';
import { aConnectCall, aStringMap, expectConnectReply, fileLogCapture, RUNS, TIMEOUT_MS } from './chaos.ts';

const aCall = aConnectCall(
  aStringMap({ key: fc.constantFrom('1', '2', '3', '4', '5', '0', '6', '*', '#', 'Timeout') }),
);

const logs = fileLogCapture();

describe('the survey function under garbage', () => {
  it(
    `answers every one of ${RUNS} garbled events, recording only the keys 1 to 5 as scores`,
    async () => {
      await fc.assert(
        fc.asyncProperty(aCall, async (call) => {
          logs.callers.push(call.from);
          const reply = expectConnectReply(await survey(call.event, fakeLambdaContext()), [
            'recorded',
            'no-answer',
            'unavailable',
          ]);

          if (reply.outcome === 'recorded') {
            expect(['1', '2', '3', '4', '5']).toContain(reply.score);
            expect(String(call.params.key).trim()).toBe(reply.score);
          } else {
            expect(reply.score).toBeUndefined();
          }
          if (reply.outcome !== 'unavailable') expect(reply.ssml).toBeDefined();
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
