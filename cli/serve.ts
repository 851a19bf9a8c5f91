/**
 * The managers' report page served locally, by the csat-report function itself: `ivr serve`, and `ivr start`
 * while its demo call runs. Each GET becomes the function URL event the function gets in AWS.
 */
import { createServer, type Server } from 'node:http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Command } from 'commander';
import { parseCount, quietFunctionOutput, useEnvironment } from './environment.ts';

export const DEFAULT_REPORT_PORT = 8080;

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description("serve the managers' report page (the csat-report function) on localhost until Ctrl-C")
    .option('--port <n>', 'the port to listen on', parseCount(1), DEFAULT_REPORT_PORT)
    .action(async (options: { port: number }) => {
      await useEnvironment();
      await serveReportPage(options.port);
      // The server keeps the command running; Ctrl-C ends it.
      await new Promise(() => {});
    });
}

/** Starts the page's server on `port` of 127.0.0.1 and says where it is. */
export async function serveReportPage(port: number): Promise<Server> {
  await quietFunctionOutput();
  const { csatReport } = await import('../functions/csat-report/index.ts');
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', `http://${request.headers.host ?? 'localhost'}`);
    if (request.method !== 'GET' || url.pathname !== '/') {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('the report is at /\n');
      return;
    }
    csatReport(functionUrlEvent(url))
      .then((result) => {
        response.writeHead(result.statusCode ?? 200, result.headers as Record<string, string>);
        response.end(result.body ?? '');
      })
      .catch((error: unknown) => {
        response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end(`${String(error)}\n`);
      });
  });
  await new Promise<void>((listening, failed) => {
    server.once('error', failed);
    server.listen(port, '127.0.0.1', () => listening());
  });
  console.log(
    `the managers' report: http://127.0.0.1:${port}/  (?from=YYYY-MM-DD&to=YYYY-MM-DD&market=PK&format=csv)`,
  );
  return server;
}

function functionUrlEvent(url: URL): APIGatewayProxyEventV2 {
  const now = new Date();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    queryStringParameters: Object.fromEntries(url.searchParams),
    headers: {},
    isBase64Encoded: false,
    requestContext: {
      accountId: 'anonymous',
      apiId: 'local',
      domainName: url.host,
      domainPrefix: 'local',
      http: {
        method: 'GET',
        path: url.pathname,
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'ivr serve',
      },
      requestId: `local-${now.getTime()}`,
      routeKey: '$default',
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
  };
}
