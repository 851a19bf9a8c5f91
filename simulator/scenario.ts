/**
 * Scenario files (`ivr call --script FILE`): a caller, their inputs, and what the call should come to, in YAML.
 * They serve as tests and as demos:
 *
 * ```yaml
 * description: A known caller with one order hears the status and hangs up
 * from: "+923001234567"
 * inputs: []
 * expect:
 *   outcome: self-served
 *   heard: ["TCS is delivering your order today"]
 * ```
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { CALL_OUTCOMES } from '#lib/calls/outcome.ts';
import { heard, type SimulatedCall } from '#simulator/call.ts';
import { CallScriptError } from '#simulator/caller.ts';
import { queueInputOf } from '#simulator/queue-state.ts';

const scenarioSchema = z.strictObject({
  description: z.string().optional(),
  from: z.string(),
  to: z.string().optional(),
  /** Inputs as on the command line; YAML reads a bare 1 as a number. */
  inputs: z.array(z.union([z.string(), z.number()]).transform(String)).default([]),
  /** A caller who knows what to key or say, over the prompts that let them (`ivr call --barge-in`). */
  bargeIn: z.boolean().optional(),
  /** A cold start added to each function's first invocation in the call (`ivr call --cold-start`). */
  coldStartMs: z.number().min(0).optional(),
  /** Whether the queue's hours of operation are closed. */
  closed: z.boolean().default(false),
  /** The queue when the call is handed over (simulator/queue-state.ts): `{ contacts, oldest, agents, answer }`. */
  queue: z
    .strictObject({
      contacts: z.number().int().min(0).optional(),
      oldest: z.number().int().min(0).optional(),
      agents: z.number().int().min(0).optional(),
      answer: z.number().int().min(0).optional(),
    })
    .transform(queueInputOf)
    .optional(),
  expect: z
    .strictObject({
      outcome: z.enum([...CALL_OUTCOMES, 'error']).optional(),
      queue: z.string().nullable().optional(),
      /** Pieces of text that some prompt to the caller holds, in the order heard. */
      heard: z.array(z.string()).default([]),
      /** Pieces of text no prompt to the caller holds. */
      notHeard: z.array(z.string()).default([]),
      /** Contact attributes the call ends with (others may be there too). */
      attributes: z.record(z.string(), z.string()).default({}),
      surveyScore: z.number().int().min(1).max(5).nullable().optional(),
    })
    .default({ heard: [], notHeard: [], attributes: {} }),
});

export type Scenario = z.infer<typeof scenarioSchema>;
export type Expectations = Scenario['expect'];

export function loadScenario(file: string): Scenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CallScriptError(`cannot read the scenario ${file}: ${(error as Error).message}`);
  }
  const parsed = scenarioSchema.safeParse(parse(text));
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || 'the file'}: ${issue.message}`,
    );
    throw new CallScriptError(`${file} is not a scenario: ${problems.join('; ')}`);
  }
  return parsed.data;
}

/** How the call differs from what was expected; empty when it came to just that. */
export function unmetExpectations(call: SimulatedCall, expect: Expectations): string[] {
  const problems: string[] = [];
  if (expect.outcome !== undefined && call.outcome !== expect.outcome) {
    problems.push(
      `outcome: expected ${expect.outcome}, got ${call.outcome}${call.error ? ` (${call.error})` : ''}`,
    );
  }
  if (expect.queue !== undefined && call.queue !== expect.queue) {
    problems.push(`queue: expected ${expect.queue}, got ${call.queue}`);
  }
  const said = heard(call);
  let from = 0;
  for (const piece of expect.heard) {
    const index = said.findIndex((text, position) => position >= from && text.includes(piece));
    if (index === -1)
      problems.push(`heard: nothing said "${piece}"${from > 0 ? ' after what was heard before it' : ''}`);
    else from = index;
  }
  for (const piece of expect.notHeard) {
    if (said.some((text) => text.includes(piece)))
      problems.push(`heard "${piece}", which should not be said`);
  }
  for (const [name, value] of Object.entries(expect.attributes)) {
    const actual = call.contact.attributes[name];
    if (actual !== value)
      problems.push(
        `attribute ${name}: expected "${value}", got ${actual === undefined ? 'none' : `"${actual}"`}`,
      );
  }
  if (expect.surveyScore !== undefined && call.surveyScore !== expect.surveyScore) {
    problems.push(`survey score: expected ${expect.surveyScore}, got ${call.surveyScore}`);
  }
  return problems;
}
