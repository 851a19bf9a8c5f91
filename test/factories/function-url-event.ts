/** Requests of the report's Lambda function URL, shaped as Lambda hands them over (payload format 2.0). */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** A request (GET unless told) of the function URL with `query`. */
export function reportRequest(query: Record<string, string> = {}, method = 'GET'): APIGatewayProxyEventV2 {
  const rawQueryString = new URLSearchParams(query).toString();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: '/',
    rawQueryString,
    headers: { host: 'abc123.lambda-url.eu-west-1.on.aws', accept: 'text/html' },
    ...(rawQueryString && { queryStringParameters: query }),
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: 'abc123.lambda-url.eu-west-1.on.aws',
      domainPrefix: 'abc123',
      http: { method, path: '/', protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'test' },
      requestId: 'request-1',
      routeKey: '$default',
      stage: '$default',
      time: '10/Apr/2002:12:00:00 +0000',
      timeEpoch: Date.parse('2002-04-10T12:00:00Z'),
    },
    isBase64Encoded: false,
  };
}
