/**
 * The flows of flows/ as AWS::Connect::ContactFlow resources of template.yaml: each flow's JSON as the
 * `Content` of a `!Sub`, whose variables are its `${Placeholders}`, each filled from the template itself (a
 * function's or the bot alias's ARN, another flow's ARN, a queue parameter). `npx ivr flows template` writes
 * them; a test keeps them equal to flows/.
 */
import type { Flow } from '#lib/connect/flow-language.ts';
import {
  FLOW_PLACEHOLDERS,
  type FlowPlaceholder,
  PLACEHOLDER_PATTERN,
} from '#lib/connect/flow-placeholders.ts';

/** Connect's flow type for the type the console writes into a flow's Metadata. */
const FLOW_TYPES: Readonly<Record<string, string>> = {
  contactFlow: 'CONTACT_FLOW',
  customerQueue: 'CUSTOMER_QUEUE',
  agentWhisper: 'AGENT_WHISPER',
};

/** The logical id of a flow's resource: `customer-queue` → `CustomerQueueFlow`. */
export function flowResourceName(flow: string): string {
  return `${flow.replace(/(^|-)(\w)/g, (_, __, letter: string) => letter.toUpperCase())}Flow`;
}

/**
 * What fills a placeholder in CloudFormation's short form: `!Ref OrderStatusFunction.Alias` (a function is called
 * through its published alias, never `$LATEST`, so a deployment changes what callers reach in one step),
 * `!GetAtt OrderBotAlias.Arn`, `!Ref GeneralQueueArn`.
 */
function placeholderValue(placeholder: FlowPlaceholder): string {
  switch (placeholder.kind) {
    case 'function':
      return `!Ref ${placeholder.resource}.Alias`;
    case 'lex-bot-alias':
      return `!GetAtt ${placeholder.resource}.Arn`;
    case 'flow':
      return `!GetAtt ${flowResourceName(placeholder.flow)}.ContactFlowArn`;
    case 'queue':
      return `!Ref ${placeholder.parameter}`;
  }
}

/** The YAML lines of the resources of `flows`, to go under `Resources:`. */
export function contactFlowResources(flows: ReadonlyMap<string, Flow>): string[] {
  return [...flows].flatMap(([name, flow]) => {
    const content = JSON.stringify(flow);
    const placeholders = [
      ...new Set([...content.matchAll(PLACEHOLDER_PATTERN)].map((match) => match[1] ?? '')),
    ].sort();
    const metadata = (flow.Metadata ?? {}) as { name?: string; description?: string; type?: string };
    return [
      `${flowResourceName(name)}:`,
      '  Type: AWS::Connect::ContactFlow',
      '  Properties:',
      '    InstanceArn: !Ref ConnectInstanceArn',
      `    Name: ${JSON.stringify(metadata.name ?? name)}`,
      `    Type: ${FLOW_TYPES[metadata.type ?? ''] ?? 'CONTACT_FLOW'}`,
      `    Description: ${JSON.stringify((metadata.description ?? '').slice(0, 500))}`,
      '    Content: !Sub',
      // A JSON string is a YAML double-quoted scalar as it stands.
      `      - ${JSON.stringify(content)}`,
      // !Sub takes its variables as a map, empty for a flow that names nothing of the deployment.
      ...(placeholders.length === 0 ? ['      - {}'] : []),
      ...placeholders.flatMap((placeholder, index) => {
        const entry = FLOW_PLACEHOLDERS[placeholder];
        if (!entry) throw new Error(`${name}.json holds \${${placeholder}}, which no deployment fills`);
        return [`      ${index === 0 ? '- ' : '  '}${placeholder}: ${placeholderValue(entry)}`];
      }),
      '',
    ];
  });
}
