/**
 * InvokeLambdaFunction as Connect does it: the real handler named in template.yaml, a real Connect event built
 * from the contact, the block's time limit, and the STRING_MAP rules for what comes back (reference §1.2-1.4).
 */
import { randomUUID } from 'node:crypto';
import { basename, dirname } from 'node:path';
import type { Context } from 'aws-lambda';
import { handlerOf, loadTemplate, type SamTemplate } from '../sam-template.ts';
import { type Contact, INSTANCE_ARN } from './contact.ts';

/** Connect takes less than 32 KB of UTF-8 back from a function. */
const MAX_RESULT_BYTES = 32 * 1024;

type Handler = (event: unknown, context: Context) => Promise<unknown>;

export type Invocation =
  | { ok: true; result: Record<string, string>; ms: number }
  | { ok: false; problem: string; ms: number };

/** Invokes a function like an InvokeLambdaFunction block with STRING_MAP validation. */
export class LambdaRunner {
  private readonly handlers = new Map<string, Promise<Handler>>();

  constructor(private readonly template: SamTemplate = loadTemplate()) {}

  /** The function's folder name (`order-status`), as call events name it. */
  functionName(resource: string): string {
    return basename(dirname(handlerOf(this.template, resource).file));
  }

  async invoke(
    resource: string,
    contact: Contact,
    parameters: Record<string, string>,
    limitSeconds: number,
  ): Promise<Invocation> {
    const { timeoutSeconds } = handlerOf(this.template, resource);
    const handler = await this.handler(resource);
    const started = performance.now();
    const elapsed = () => Math.round((performance.now() - started) * 10) / 10;
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<'timed-out'>((settle) => {
      timer = setTimeout(() => settle('timed-out'), limitSeconds * 1000);
    });
    try {
      const outcome = await Promise.race([
        handler(contactFlowEvent(contact, parameters), lambdaContext(resource, timeoutSeconds, started)),
        limit,
      ]);
      if (outcome === 'timed-out') {
        return { ok: false, problem: `no answer within the block's ${limitSeconds} s`, ms: elapsed() };
      }
      const problem = stringMapProblem(outcome);
      if (problem) return { ok: false, problem, ms: elapsed() };
      return { ok: true, result: outcome as Record<string, string>, ms: elapsed() };
    } catch (error) {
      return { ok: false, problem: `the function threw: ${(error as Error).message}`, ms: elapsed() };
    } finally {
      clearTimeout(timer);
    }
  }

  private handler(resource: string): Promise<Handler> {
    let handler = this.handlers.get(resource);
    if (!handler) {
      const { file, exportName } = handlerOf(this.template, resource);
      handler = import(file).then((module: Record<string, unknown>) => {
        const exported = module[exportName];
        if (typeof exported !== 'function') throw new Error(`${file} does not export ${exportName}`);
        return exported as Handler;
      });
      this.handlers.set(resource, handler);
    }
    return handler;
  }
}

/** Why Connect would reject a result under STRING_MAP, or null when it takes it. */
function stringMapProblem(result: unknown): string | null {
  if (!result || typeof result !== 'object' || Array.isArray(result)) return 'the result is not a flat map';
  const nested = Object.entries(result).find(([, value]) => typeof value !== 'string');
  if (nested) return `the result's "${nested[0]}" is not a string (STRING_MAP)`;
  const bytes = Buffer.byteLength(JSON.stringify(result), 'utf8');
  if (bytes >= MAX_RESULT_BYTES) return `the result is ${bytes} bytes; Connect takes less than 32 KB`;
  return null;
}

/** The event Connect sends (reference §1.2), from the contact as it stands. */
export function contactFlowEvent(contact: Contact, parameters: Record<string, string>) {
  return {
    Name: 'ContactFlowEvent',
    Details: {
      ContactData: {
        Attributes: { ...contact.attributes },
        Channel: 'VOICE',
        ContactId: contact.contactId,
        CustomerEndpoint: contact.callerNumber
          ? { Address: contact.callerNumber, Type: 'TELEPHONE_NUMBER' }
          : null,
        InitialContactId: contact.contactId,
        InitiationMethod: 'INBOUND',
        InstanceARN: INSTANCE_ARN,
        LanguageCode: contact.languageCode,
        MediaStreams: { Customer: { Audio: null } },
        PreviousContactId: contact.contactId,
        Queue: contact.queue ? { ARN: contact.queue.arn, Name: contact.queue.name } : null,
        SegmentAttributes: { 'connect:Subtype': { ValueString: 'connect:Telephony' } },
        SystemEndpoint: { Address: contact.dialledNumber, Type: 'TELEPHONE_NUMBER' },
      },
      Parameters: parameters,
    },
  };
}

function lambdaContext(resource: string, timeoutSeconds: number, started: number): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: resource,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-west-2:000000000000:function:${resource}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${resource}`,
    logStreamName: 'simulated',
    getRemainingTimeInMillis: () => Math.max(0, timeoutSeconds * 1000 - (performance.now() - started)),
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}
