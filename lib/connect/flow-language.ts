/**
 * Amazon Connect's flow language (reference §2): the shape of the JSON in flows/, as the console exports it.
 * Numbers and booleans are strings ("5", "True"); values may hold JSONPath references such as
 * `$.External.ssml`, and deployment fills `${Placeholders}` with the ARNs of one instance.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

export interface Flow {
  Version: '2019-10-30';
  StartAction: string;
  Metadata?: Record<string, unknown>;
  Actions: FlowAction[];
}

export interface FlowAction {
  Identifier: string;
  Type: string;
  Parameters: Record<string, unknown>;
  Transitions: Transitions;
}

export interface Transitions {
  NextAction?: string;
  Errors?: { ErrorType: string; NextAction: string }[];
  Conditions?: { NextAction: string; Condition: { Operator: string; Operands: string[] } }[];
}

/** The folder of the flows, one JSON file each, named for what the flow does. */
export const FLOWS_DIR = join(import.meta.dirname, '..', '..', 'flows');

/** Every flow in flows/, by file name without `.json` (`order-status-inbound`, `customer-queue`, …). */
export function loadFlows(dir = FLOWS_DIR): Map<string, Flow> {
  const files = readdirSync(dir).filter((file) => file.endsWith('.json'));
  return new Map(
    files
      .sort()
      .map((file) => [basename(file, '.json'), JSON.parse(readFileSync(join(dir, file), 'utf8')) as Flow]),
  );
}
