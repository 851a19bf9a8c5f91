/**
 * `ivr connect setup` as an administrator runs it: the real command and the real SDK, talking HTTP to a Connect
 * instance of the test's own (AWS_ENDPOINT_URL_CONNECT points the SDK at it).
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type ConnectInstance,
  connectInstance,
  INBOUND_FLOW_ARN,
  INBOUND_FLOW_ID,
  INSTANCE_ID,
  type Operation,
  queueArn,
  STREAM_ARN,
} from '#test/factories/connect-instance.ts';
import { ivr } from './run-ivr.ts';

const PK_LINE = { id: 'a0000000-0000-4000-8000-000000000092', e164: '+922111222333' };
const UK_LINE = { id: 'b0000000-0000-4000-8000-000000000044', e164: '+442071234567' };

/** Connect's REST routes for the operations the setup uses. */
const ROUTES: [method: string, path: RegExp, operation: Operation][] = [
  ['GET', /^\/queues-summary\/([^/]+)$/, 'ListQueues'],
  ['POST', /^\/phone-number\/list$/, 'ListPhoneNumbersV2'],
  ['GET', /^\/flow-associations-summary\/([^/]+)$/, 'ListFlowAssociations'],
  ['GET', /^\/instance\/([^/]+)\/storage-configs$/, 'ListInstanceStorageConfigs'],
  ['PUT', /^\/phone-number\/([^/]+)\/contact-flow$/, 'AssociatePhoneNumberContactFlow'],
  ['PUT', /^\/instance\/([^/]+)\/storage-config$/, 'AssociateInstanceStorageConfig'],
];

let server: Server | undefined;
afterEach(() => {
  server?.close();
  server = undefined;
});

/** Serves the instance over HTTP as Connect does; returns the endpoint and the requests it received. */
async function serve(instance: ConnectInstance) {
  const requests: string[] = [];
  server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://connect');
    requests.push(`${request.method} ${url.pathname}`);
    const route = ROUTES.find(([method, path]) => method === request.method && path.test(url.pathname));
    if (!route) {
      response.writeHead(404).end();
      return;
    }
    const [, path, operation] = route;
    const inPath = decodeURIComponent(path.exec(url.pathname)?.[1] ?? '');
    const input = {
      ...(await jsonBody(request)),
      ...(operation === 'AssociatePhoneNumberContactFlow' ? { PhoneNumberId: inPath } : {}),
      ...(operation.startsWith('List') && operation !== 'ListPhoneNumbersV2' ? { InstanceId: inPath } : {}),
      ...(operation === 'AssociateInstanceStorageConfig' ? { InstanceId: inPath } : {}),
      ...(url.searchParams.get('nextToken') ? { NextToken: url.searchParams.get('nextToken') } : {}),
    };
    try {
      const answer = instance.handle(operation, input);
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    } catch (error) {
      const { name, message } = error as Error;
      response
        .writeHead(404, { 'content-type': 'application/json', 'x-amzn-errortype': name })
        .end(JSON.stringify({ Message: message }));
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { endpoint: `http://127.0.0.1:${port}`, requests };
}

async function jsonBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : {};
}

/** `ivr connect setup` with the stack's flow, stream and queues, the two lines, against the endpoint. */
function setUp(endpoint: string, ...more: string[]) {
  return ivr(
    [
      'connect',
      'setup',
      '--flow-arn',
      INBOUND_FLOW_ARN,
      '--phone-number',
      PK_LINE.e164,
      '--phone-number',
      UK_LINE.id,
      '--stream-arn',
      STREAM_ARN,
      ...more,
    ],
    {
      AWS_ENDPOINT_URL_CONNECT: endpoint,
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_EC2_METADATA_DISABLED: 'true',
      QUEUE_ARNS: JSON.stringify({ 'PK Deliveries': queueArn('q-pk-deliveries') }),
    },
  );
}

const freshInstance = () =>
  connectInstance({
    queues: [{ id: 'q-pk-deliveries', name: 'PK Deliveries' }],
    numbers: [PK_LINE, UK_LINE],
  });

describe('ivr connect setup', () => {
  it('explains itself with --help', async () => {
    const run = await ivr(['connect', 'setup', '--help'], {});

    expect(run.code).toBe(0);
    for (const flag of [
      '--stack-name',
      '--flow-arn',
      '--phone-number',
      '--stream-arn',
      '--queue-arns',
      '--dry-run',
    ]) {
      expect(run.stdout).toContain(flag);
    }
  });

  it('prints the calls a dry run would make and the queues to fix, makes none, and exits 1', async () => {
    const instance = freshInstance();
    const { endpoint, requests } = await serve(instance);
    const queueArns = JSON.stringify({
      'PK Deliveries': queueArn('q-pk-deliveries'),
      'PK Returns': queueArn('q-x'),
    });

    const run = await setUp(endpoint, '--dry-run', '--queue-arns', queueArns);

    expect(run.stdout).toContain(
      `phone number ${PK_LINE.e164} to the inbound flow: would call AssociatePhoneNumberContactFlow {"InstanceId":"${INSTANCE_ID}","PhoneNumberId":"${PK_LINE.id}","ContactFlowId":"${INBOUND_FLOW_ID}"}`,
    );
    expect(run.stdout).toContain(
      `contact records to ${STREAM_ARN}: would call AssociateInstanceStorageConfig {"InstanceId":"${INSTANCE_ID}","ResourceType":"CONTACT_TRACE_RECORDS","StorageConfig":{"StorageType":"KINESIS_STREAM","KinesisStreamConfig":{"StreamArn":"${STREAM_ARN}"}}}`,
    );
    expect(instance.writes).toEqual([]);
    expect(requests.filter((request) => request.startsWith('PUT'))).toEqual([]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('ivr: 1 to fix, then run this again:');
    expect(run.stderr).toContain(
      `- queue "PK Returns": ${queueArn('q-x')} is not a queue of instance ${INSTANCE_ID}`,
    );
  });

  it('wires the instance, and finds nothing to change the second time', async () => {
    const instance = freshInstance();
    const { endpoint } = await serve(instance);

    const first = await setUp(endpoint);
    const second = await setUp(endpoint);

    expect(first.code).toBe(0);
    expect(instance.writes).toEqual([
      `AssociatePhoneNumberContactFlow ${PK_LINE.id}`,
      `AssociatePhoneNumberContactFlow ${UK_LINE.id}`,
      `AssociateInstanceStorageConfig ${STREAM_ARN}`,
    ]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('nothing to change: the instance is wired');
  });
});
