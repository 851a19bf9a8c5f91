/** The connection arithmetic of docs/capacity.md, from template.yaml itself. */
import { describe, expect, it } from 'vitest';
import { loadTemplate, type SamTemplate } from '#simulator/sam-template.ts';
import { connectionCapacity } from '../../../cli/capacity.ts';

const template = loadTemplate();

describe('the connections the functions can open', () => {
  it('are bounded on every server with the defaults: 203 on the replica, 438 on the primary', () => {
    const capacity = connectionCapacity(template);

    expect(capacity.replica).toBe(203);
    expect(capacity.primary).toBe(438);
    expect(capacity.functions.map((row) => row.function).sort()).toEqual([
      'ContactRecordsFunction',
      'CsatReportFunction',
      'LexHookFunction',
      'OrderStatusFunction',
      'SurveyFunction',
    ]);
  });

  it('grow with the concurrency and the pool size a deployment chooses', () => {
    const capacity = connectionCapacity(template, { OrderStatusConcurrency: 300, DbConnectionsPerPool: 2 });

    // order-status: 300 containers x 1 replica pool x 2, lex-hook 50, csat-report 3 (its IVR reader).
    expect(capacity.replica).toBe(2 * (300 + 50 + 3));
    expect(capacity.primary).toBe(2 * (300 * 2 + 50 * 2 + 30 + 5 + 3));
  });

  it('refuses a function that uses a database without reserved concurrency: its connections would be unbounded', () => {
    const unbounded = structuredClone(template) as SamTemplate;
    const survey = unbounded.Resources.SurveyFunction?.Properties as {
      ReservedConcurrentExecutions?: unknown;
    };
    survey.ReservedConcurrentExecutions = undefined;

    expect(() => connectionCapacity(unbounded)).toThrow(
      'SurveyFunction uses a database but has no reserved concurrency',
    );
  });
});
