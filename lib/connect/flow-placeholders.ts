/**
 * The `${Placeholders}` flows/ may hold, in one table: what deployment fills in for each, and what the local
 * simulator runs in its place. A flow holds no ARN of any instance; a placeholder not listed here is an error.
 */
export type FlowPlaceholder =
  /** The ARN of a Lambda function of template.yaml, by its logical id. */
  | { kind: 'function'; resource: string }
  /** The ARN of another flow of flows/, by its file name without `.json`. */
  | { kind: 'flow'; flow: string }
  /** The ARN of a queue of the instance, a parameter of template.yaml; `name` is what the simulator calls it. */
  | { kind: 'queue'; parameter: string; name: string }
  /** The ARN of the Lex V2 bot alias of template.yaml, by its logical id; its code hook is one of our functions. */
  | { kind: 'lex-bot-alias'; resource: string };

export const FLOW_PLACEHOLDERS: Readonly<Record<string, FlowPlaceholder>> = {
  OrderStatusFunctionArn: { kind: 'function', resource: 'OrderStatusFunction' },
  PromptFunctionArn: { kind: 'function', resource: 'PromptFunction' },
  CustomerQueueFlowArn: { kind: 'flow', flow: 'customer-queue' },
  AgentWhisperFlowArn: { kind: 'flow', flow: 'agent-whisper' },
  PostCallSurveyFlowArn: { kind: 'flow', flow: 'post-call-survey' },
  GeneralQueueArn: { kind: 'queue', parameter: 'GeneralQueueArn', name: 'General' },
  EscalationFunctionArn: { kind: 'function', resource: 'EscalationFunction' },
  SurveyFunctionArn: { kind: 'function', resource: 'SurveyFunction' },
  OrderBotAliasArn: { kind: 'lex-bot-alias', resource: 'OrderBotAlias' },
};

/** `${Name}` anywhere in a string. */
export const PLACEHOLDER_PATTERN = /\$\{([^}]*)\}/g;

/** The placeholder a value names when it is exactly one `${Name}` of the table, as a resource parameter is. */
export function wholePlaceholder(value: string): FlowPlaceholder | undefined {
  const name = /^\$\{([^}]*)\}$/.exec(value)?.[1];
  return name !== undefined && Object.hasOwn(FLOW_PLACEHOLDERS, name) ? FLOW_PLACEHOLDERS[name] : undefined;
}
