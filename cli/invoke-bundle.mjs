// Invokes a built function once, in this fresh Node process, as Lambda's runtime would on a cold start:
// imports the bundle, then calls its handler with the event read from stdin and a Lambda context.
//   node cli/invoke-bundle.mjs <bundle file> <export name> <timeout seconds>  < event.json
// Prints one last line, `@@invocation {"result", "importMs", "invokeMs"}`, after whatever the function logged.
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';

const [file, exportName = 'handler', timeoutSeconds = '8'] = process.argv.slice(2);
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const event = JSON.parse(Buffer.concat(chunks).toString('utf8'));

const deadline = Date.now() + Number(timeoutSeconds) * 1000;
const context = {
  functionName: 'invoke-bundle',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-2:123456789012:function:invoke-bundle',
  memoryLimitInMB: '512',
  awsRequestId: randomUUID(),
  logGroupName: '/aws/lambda/invoke-bundle',
  logStreamName: 'local',
  callbackWaitsForEmptyEventLoop: false,
  getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
};

const started = performance.now();
const module = await import(pathToFileURL(file).href);
const imported = performance.now();
const result = await module[exportName](event, context);
const answered = performance.now();
process.stdout.write(
  `\n@@invocation ${JSON.stringify({ result, importMs: imported - started, invokeMs: answered - imported })}\n`,
);
// Lambda freezes the container after the answer; open pools must not keep this process alive.
process.exit(0);
