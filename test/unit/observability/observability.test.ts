import { MetricUnit } from '@aws-lambda-powertools/metrics';
import middy from '@middy/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectEvent, fakeLambdaContext } from '#test/factories/connect-event.ts';

/** The module as a container loads it with this environment (it reads the environment once, at load). */
async function loadObservability(env: Record<string, string>) {
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'INFO');
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  vi.resetModules();
  return import('#lib/observability/index.ts');
}

/**
 * The JSON lines written while `work` runs: logs (warnings and errors go to stderr) and EMF metrics (stdout).
 * Lambda sends both streams to CloudWatch.
 */
async function outputOf(work: () => Promise<unknown>): Promise<Record<string, unknown>[]> {
  const written: string[] = [];
  const capture = (chunk: unknown) => {
    written.push(String(chunk));
    return true;
  };
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  try {
    await work();
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
  return written
    .join('')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
}

function isMetrics(line: Record<string, unknown>): boolean {
  return '_aws' in line;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('connectFunctionObservability', () => {
  it('puts the contact id on every log line of an invocation, and drops it when the invocation ends', async () => {
    // Prepare
    const { connectFunctionObservability, logger } = await loadObservability({});
    const handler = middy(async () => {
      logger.info('looking the order up');
      logger.warn('read the orders from the primary');
      return { outcome: 'found' };
    }).use(connectFunctionObservability());

    // Act
    const lines = await outputOf(async () => {
      await handler(connectEvent({ contactId: 'contact-1' }), fakeLambdaContext());
      logger.info('between invocations');
    });

    // Assess
    const logs = lines.filter((line) => !isMetrics(line));
    const during = logs.filter((line) => line.message !== 'between invocations');
    expect(during.length).toBeGreaterThanOrEqual(2);
    for (const line of during)
      expect(line).toMatchObject({ contactId: 'contact-1', function_name: 'order-status' });
    expect(logs.find((line) => line.message === 'between invocations')).not.toHaveProperty('contactId');
  });

  it("gives the next call in a warm container its own contact id, not the last call's", async () => {
    const { connectFunctionObservability, logger } = await loadObservability({});
    const handler = middy(async () => {
      logger.info('answering');
      return { outcome: 'found' };
    }).use(connectFunctionObservability());

    const lines = await outputOf(async () => {
      await handler(connectEvent({ contactId: 'first-call' }), fakeLambdaContext());
      await handler(connectEvent({ contactId: 'second-call' }), fakeLambdaContext());
    });

    const answers = lines.filter((line) => line.message === 'answering');
    expect(answers.map((line) => line.contactId)).toEqual(['first-call', 'second-call']);
  });

  it('names the call in the logs of an event that is otherwise malformed', async () => {
    const { connectFunctionObservability, logger } = await loadObservability({});
    const handler = middy(async () => {
      logger.error('malformed Connect event');
      return { outcome: 'error' };
    }).use(connectFunctionObservability());

    const lines = await outputOf(() =>
      handler({ Details: { ContactData: { ContactId: 'bad-event' } } }, fakeLambdaContext()),
    );

    expect(lines.find((line) => line.message === 'malformed Connect event')).toMatchObject({
      contactId: 'bad-event',
    });
  });

  it("never logs the event, which holds the caller's number, even when POWERTOOLS_LOGGER_LOG_EVENT asks", async () => {
    const { connectFunctionObservability } = await loadObservability({ POWERTOOLS_LOGGER_LOG_EVENT: 'true' });
    const handler = middy(async () => ({ outcome: 'found' })).use(connectFunctionObservability());

    const lines = await outputOf(() => handler(connectEvent({ from: '+923001234567' }), fakeLambdaContext()));

    expect(JSON.stringify(lines)).not.toContain('+923001234567');
  });

  it('logs under the service name of the function, or of the product when none is set', async () => {
    const named = await loadObservability({ POWERTOOLS_SERVICE_NAME: 'escalation' });
    const namedLines = await outputOf(async () => named.logger.info('hello'));
    vi.unstubAllEnvs();
    const unnamed = await loadObservability({});
    const unnamedLines = await outputOf(async () => unnamed.logger.info('hello'));

    expect(namedLines[0]).toMatchObject({ service: 'escalation' });
    expect(unnamedLines[0]).toMatchObject({ service: 'order-status-ivr' });
  });
});

describe('metrics', () => {
  it('publishes what an invocation records as EMF in the OrderStatusIvr namespace', async () => {
    // Prepare
    const { connectFunctionObservability, metrics } = await loadObservability({
      POWERTOOLS_METRICS_DISABLED: 'false',
    });
    const handler = middy(async () => {
      metrics.addMetric('Lockouts', MetricUnit.Count, 1);
      return { outcome: 'locked' };
    }).use(connectFunctionObservability());

    // Act
    const lines = await outputOf(() => handler(connectEvent(), fakeLambdaContext()));

    // Assess
    expect(lines.find((line) => 'Lockouts' in line)).toMatchObject({
      Lockouts: 1,
      service: 'order-status-ivr',
      _aws: {
        CloudWatchMetrics: [{ Namespace: 'OrderStatusIvr', Metrics: [{ Name: 'Lockouts', Unit: 'Count' }] }],
      },
    });
  });

  it("counts a container's cold start once", async () => {
    const { connectFunctionObservability } = await loadObservability({
      POWERTOOLS_METRICS_DISABLED: 'false',
      AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    });
    const handler = middy(async () => ({ outcome: 'found' })).use(connectFunctionObservability());

    const lines = await outputOf(async () => {
      await handler(connectEvent(), fakeLambdaContext());
      await handler(connectEvent(), fakeLambdaContext());
    });

    expect(lines.filter((line) => 'ColdStart' in line)).toEqual([
      expect.objectContaining({ ColdStart: 1, function_name: 'order-status' }),
    ]);
  });

  it('publishes what was recorded also when the handler throws', async () => {
    const { connectFunctionObservability, metrics } = await loadObservability({
      POWERTOOLS_METRICS_DISABLED: 'false',
    });
    const handler = middy(async () => {
      metrics.addMetric('OrdersFallback', MetricUnit.Count, 1);
      throw new Error('replica gone');
    }).use(connectFunctionObservability());

    const lines = await outputOf(() => handler(connectEvent(), fakeLambdaContext()).catch(() => undefined));

    expect(lines.some((line) => 'OrdersFallback' in line)).toBe(true);
  });

  it('does not fail, and publishes nothing, when an invocation records no metric', async () => {
    const { connectFunctionObservability } = await loadObservability({
      POWERTOOLS_METRICS_DISABLED: 'false',
    });
    const handler = middy(async () => ({ outcome: 'found' })).use(connectFunctionObservability());

    const lines = await outputOf(async () => {
      await expect(handler(connectEvent({ contactId: 'quiet' }), fakeLambdaContext())).resolves.toEqual({
        outcome: 'found',
      });
    });

    expect(lines.filter(isMetrics)).toEqual([]);
    // Powertools' warning about it is a log line of the call.
    expect(lines.find((line) => String(line.message).startsWith('No application metrics'))).toMatchObject({
      level: 'WARN',
      contactId: 'quiet',
    });
  });

  it('prints nothing and does not fail when metrics are disabled, as in tests', async () => {
    const { connectFunctionObservability, metrics } = await loadObservability({
      POWERTOOLS_METRICS_DISABLED: 'true',
    });
    const handler = middy(async () => {
      metrics.addMetric('Lockouts', MetricUnit.Count, 1);
      return { outcome: 'locked' };
    }).use(connectFunctionObservability());

    const lines = await outputOf(() => handler(connectEvent(), fakeLambdaContext()));

    expect(lines.filter(isMetrics)).toEqual([]);
  });
});
