/**
 * A Verification for unit tests of the steps that use one: it answers with the verdicts the test gives, and
 * notes what it was asked. How verdicts are reached (the counting, the locks) is tested against the real
 * database, in test/integration/verification.test.ts.
 */
import type {
  AttemptRequest,
  AttemptVerdict,
  LookupRequest,
  LookupVerdict,
  Verification,
} from '#lib/orders/verification.ts';

export interface ScriptedVerification extends Verification {
  lookups: LookupRequest[];
  attempts: AttemptRequest[];
}

export function verificationAnswering(
  verdicts: { lookUp?: LookupVerdict; attempt?: AttemptVerdict } = {},
): ScriptedVerification {
  const lookups: LookupRequest[] = [];
  const attempts: AttemptRequest[] = [];
  return {
    lookups,
    attempts,
    lookUp: async (request) => {
      lookups.push(request);
      return verdicts.lookUp ?? 'allowed';
    },
    attempt: async (request) => {
      attempts.push(request);
      return verdicts.attempt ?? { verdict: 'failed', attemptsLeft: 2 };
    },
  };
}
