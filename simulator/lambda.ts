/**
 * InvokeLambdaFunction as Connect does it: the real handler named in template.yaml, a real Connect event built
 * from the contact, the block's time limit, and the STRING_MAP rules for what comes back (reference §1.2-1.4).
 */
import { randomUUID } from 'node:crypto';
import { basename, dirname } from 'node:path';
import type { Context } from 'aws-lambda';
import { MAX_CONNECT_BYTES } from '#lib/connect/flow-language.ts';
import { contactFlowEvent } from '#simulator/connect-event.ts';
import type { Contact } from '#simulator/model.ts';
import { handlerOf, projectTemplate, type SamTemplate } from '#simulator/sam-template.ts';

const TIMED_OUT = Symbol('timed out');

type Handler = (event: unknown, context: Context) => Promise<unknown>;

export type Invocation =
  | { ok: true; result: Record<string, string>; ms: number }
  | { ok: false; problem: string; ms: number };

/** Invokes a function like an InvokeLambdaFunction block with STRING_MAP validation. */
export class LambdaRunner {
  private readonly handlers = new Map<string, Promise<Handler>>();

  /**
   * `environment`: variables the functions run with besides the process's own, as template.yaml's Environment
   * gives them in AWS.
   */
  constructor(
    private readonly template: SamTemplate = projectTemplate(),
    private readonly environment: Readonly<Record<string, string>> = {},
  ) {}

  hasFunction(resource: string): boolean {
    return this.template.Resources[resource]?.Type === 'AWS::Serverless::Function';
  }

  /** The function's folder name (`order-status`), as call events name it. */
  functionName(resource: string): string {
    return basename(dirname(handlerOf(this.template, resource).file));
  }

  /** As Connect's block: the Connect event of the contact, and a STRING_MAP result. */
  async invoke(
    resource: string,
    contact: Contact,
    parameters: Record<string, string>,
    limitSeconds: number,
  ): Promise<Invocation> {
    const event = contactFlowEvent({
      contactId: contact.contactId,
      from: contact.callerNumber,
      to: contact.dialledNumber,
      parameters,
      attributes: contact.attributes,
      languageCode: contact.languageCode,
      queue: contact.queue,
    });
    const invocation = await this.run(resource, event, limitSeconds);
    if (!invocation.ok) return invocation;
    const problem = stringMapProblem(invocation.result);
    if (problem) return { ok: false, problem, ms: invocation.ms };
    return { ok: true, result: invocation.result as Record<string, string>, ms: invocation.ms };
  }

  /** Runs the handler of `resource` with `event`, as Lambda would, within `limitSeconds`. */
  async run(
    resource: string,
    event: unknown,
    limitSeconds: number,
  ): Promise<{ ok: true; result: unknown; ms: number } | { ok: false; problem: string; ms: number }> {
    const { timeoutSeconds } = handlerOf(this.template, resource);
    // A handler reads its environment when its module loads and as it runs: lent until it settles, even when
    // the block has stopped waiting for it.
    const release = lendEnvironment(this.environment);
    let handler: Handler;
    try {
      handler = await this.handler(resource);
    } catch (error) {
      release();
      throw error;
    }
    const started = performance.now();
    const elapsed = () => Math.round((performance.now() - started) * 10) / 10;
    const remainingMs = () => Math.max(0, timeoutSeconds * 1000 - (performance.now() - started));
    const running = (async () => handler(event, lambdaContext(resource, remainingMs)))();
    running.then(release, release);
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<typeof TIMED_OUT>((settle) => {
      timer = setTimeout(() => settle(TIMED_OUT), limitSeconds * 1000);
    });
    try {
      const result = await Promise.race([running, limit]);
      if (result === TIMED_OUT)
        return { ok: false, problem: `no answer within the block's ${limitSeconds} s`, ms: elapsed() };
      return { ok: true, result, ms: elapsed() };
    } catch (error) {
      return { ok: false, problem: `the function threw: ${(error as Error).message}`, ms: elapsed() };
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * The logical id of the function a bot alias of template.yaml hooks: by `!GetAtt <Function>.Arn`, or by
   * `!Ref <Function>.Alias` (SAM's published alias of the function).
   */
  codeHookOf(aliasResource: string): string {
    const alias = this.template.Resources[aliasResource] as unknown as {
      Properties?: {
        BotAliasLocaleSettings?: {
          BotAliasLocaleSetting: {
            CodeHookSpecification?: { LambdaCodeHook?: { LambdaArn?: { GetAtt?: string; Ref?: string } } };
          };
        }[];
      };
    };
    const lambdaArn =
      alias?.Properties?.BotAliasLocaleSettings?.[0]?.BotAliasLocaleSetting.CodeHookSpecification
        ?.LambdaCodeHook?.LambdaArn;
    const named = lambdaArn?.GetAtt ?? lambdaArn?.Ref;
    if (!named) throw new Error(`template.yaml has no bot alias ${aliasResource} with a Lambda code hook`);
    return named.replace(/\.(Arn|Alias)$/, '');
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

/**
 * Variables lent to process.env while handlers run: they run in this process and read process.env, as in Lambda
 * they read their own environment. Invocations that overlap (calls placed at once) share a loan; when the last
 * has settled, each variable is as it was before.
 */
const loans = new Map<string, { value: string; before: string | undefined; holders: number }>();

function lendEnvironment(environment: Readonly<Record<string, string>>): () => void {
  for (const [name, value] of Object.entries(environment)) {
    const loan = loans.get(name);
    if (loan && loan.value !== value) {
      throw new Error(`functions of simulated calls at the same time cannot see two values of ${name}`);
    }
    if (loan) loan.holders += 1;
    else {
      loans.set(name, { value, before: process.env[name], holders: 1 });
      process.env[name] = value;
    }
  }
  return () => {
    for (const name of Object.keys(environment)) {
      const loan = loans.get(name);
      if (!loan || --loan.holders > 0) continue;
      loans.delete(name);
      if (loan.before === undefined) delete process.env[name];
      else process.env[name] = loan.before;
    }
  };
}

/** Why Connect would reject a result under STRING_MAP, or null when it takes it. */
function stringMapProblem(result: unknown): string | null {
  if (!result || typeof result !== 'object' || Array.isArray(result)) return 'the result is not a flat map';
  const nested = Object.entries(result).find(([, value]) => typeof value !== 'string');
  if (nested) return `the result's "${nested[0]}" is not a string (STRING_MAP)`;
  const bytes = Buffer.byteLength(JSON.stringify(result), 'utf8');
  if (bytes >= MAX_CONNECT_BYTES) return `the result is ${bytes} bytes; Connect takes less than 32 KB`;
  return null;
}

/** The context Lambda gives a handler of function `name`, which has `remainingMs()` left to run. */
export function lambdaContext(name: string, remainingMs: () => number): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-west-2:000000000000:function:${name}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: 'simulated',
    getRemainingTimeInMillis: remainingMs,
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}
