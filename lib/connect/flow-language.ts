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

// Connect's limits on names and sizes live with the responses that must keep them (lib/connect/response.ts,
// which every function bundles without this module's file reading); the flow check and the simulator use them.
export { ATTRIBUTE_KEY, MAX_CONNECT_BYTES } from '#lib/connect/response.ts';

type Judge = (actual: string, operand: string) => boolean;

/** A Number* condition: false when either side is not a number. */
function numeric(holds: (actual: number, operand: number) => boolean): Judge {
  return (actual, operand) => {
    const [a, b] = [Number(actual), Number(operand)];
    const both = actual.trim() !== '' && operand.trim() !== '' && Number.isFinite(a) && Number.isFinite(b);
    return both && holds(a, b);
  };
}

/** The operators of a condition (reference §2.1), each with how Connect judges a value against its operand. */
export const CONDITION_OPERATORS: Readonly<Record<string, Judge>> = {
  Equals: (actual, operand) => actual === operand,
  TextStartsWith: (actual, operand) => actual.startsWith(operand),
  TextEndsWith: (actual, operand) => actual.endsWith(operand),
  TextContains: (actual, operand) => actual.includes(operand),
  NumberGreaterThan: numeric((a, b) => a > b),
  NumberGreaterOrEqualTo: numeric((a, b) => a >= b),
  NumberLessThan: numeric((a, b) => a < b),
  NumberLessOrEqualTo: numeric((a, b) => a <= b),
};

/** The folder of the flows, one JSON file each, named for what the flow does. */
const FLOWS_DIR = join(import.meta.dirname, '..', '..', 'flows');

/** Every flow in flows/, by file name without `.json` (`order-status-inbound`, `customer-queue`, …). */
export function loadFlows(dir = FLOWS_DIR): Map<string, Flow> {
  const files = readdirSync(dir).filter((file) => file.endsWith('.json'));
  return new Map(
    files
      .sort()
      .map((file) => [basename(file, '.json'), JSON.parse(readFileSync(join(dir, file), 'utf8')) as Flow]),
  );
}
