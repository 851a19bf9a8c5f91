/**
 * `ivr capacity`: the most database connections the deployed functions can open, from template.yaml itself. A
 * Lambda container serves one invocation at a time and keeps one pool per database user it uses, of
 * `DbConnectionsPerPool` connections; reserved concurrency caps its containers. So on each server:
 *   connections <= sum over functions of (reserved concurrency x pools on that server x DbConnectionsPerPool)
 * The replica holds ORDERS_DB_URL (and may hold IVR_DB_READER_URL); the primary ORDERS_DB_FALLBACK_URL and
 * IVR_DB_URL. docs/capacity.md explains the figures and what to compare them with.
 */
import type { Command } from 'commander';
import { loadTemplate, type SamTemplate } from '#simulator/sam-template.ts';

/** Which server each database variable of a function points at. */
const SERVER_OF: Readonly<Record<string, 'replica' | 'primary'>> = {
  ORDERS_DB_URL: 'replica',
  IVR_DB_READER_URL: 'replica',
  ORDERS_DB_FALLBACK_URL: 'primary',
  IVR_DB_URL: 'primary',
};

export interface FunctionConnections {
  function: string;
  concurrency: number;
  replica: number;
  primary: number;
}

export interface Capacity {
  connectionsPerPool: number;
  functions: FunctionConnections[];
  replica: number;
  primary: number;
}

type Tagged = { Ref?: string };

/** The arithmetic for `template` with `parameters` overriding its defaults. */
export function connectionCapacity(template: SamTemplate, parameters: Record<string, number> = {}): Capacity {
  const value = (name: string): number => {
    if (name in parameters) return parameters[name] as number;
    const fallback = Number(template.Parameters[name]?.Default);
    if (!Number.isFinite(fallback)) throw new Error(`template.yaml has no numeric parameter ${name}`);
    return fallback;
  };
  const connectionsPerPool = value('DbConnectionsPerPool');
  const functions: FunctionConnections[] = [];
  for (const [name, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== 'AWS::Serverless::Function') continue;
    const properties = resource.Properties as {
      Environment?: { Variables?: Record<string, unknown> };
      ReservedConcurrentExecutions?: Tagged;
    };
    const variables = Object.keys(properties.Environment?.Variables ?? {});
    const pools = variables.map((variable) => SERVER_OF[variable]).filter(Boolean);
    if (pools.length === 0) continue;
    const concurrencyParameter = properties.ReservedConcurrentExecutions?.Ref;
    if (!concurrencyParameter) {
      throw new Error(
        `${name} uses a database but has no reserved concurrency: its connections are unbounded`,
      );
    }
    const concurrency = value(concurrencyParameter);
    const on = (server: 'replica' | 'primary') =>
      concurrency * pools.filter((pool) => pool === server).length * connectionsPerPool;
    functions.push({ function: name, concurrency, replica: on('replica'), primary: on('primary') });
  }
  return {
    connectionsPerPool,
    functions,
    replica: functions.reduce((sum, row) => sum + row.replica, 0),
    primary: functions.reduce((sum, row) => sum + row.primary, 0),
  };
}

function parseParameter(text: string, previous: Record<string, number>): Record<string, number> {
  const [name, raw] = text.split('=');
  const number = Number(raw);
  if (!name || !Number.isInteger(number) || number < 1) {
    throw new Error(`--parameter takes Name=whole number, got "${text}"`);
  }
  return { ...previous, [name]: number };
}

export function registerCapacityCommand(program: Command): void {
  program
    .command('capacity')
    .description(
      "the most database connections the deployed functions can open on the replica and on the primary, from template.yaml's reserved concurrency and DbConnectionsPerPool (docs/capacity.md)",
    )
    .option(
      '--parameter <Name=N>',
      'a template parameter as you deploy it, such as OrderStatusConcurrency=300 (repeatable)',
      parseParameter,
      {},
    )
    .option('--json', 'print one JSON object')
    .action((options: { parameter: Record<string, number>; json?: boolean }) => {
      const capacity = connectionCapacity(loadTemplate(), options.parameter);
      if (options.json) {
        console.log(JSON.stringify(capacity, null, 2));
        return;
      }
      console.log(`connections per pool: ${capacity.connectionsPerPool}`);
      for (const row of capacity.functions) {
        console.log(
          `${row.function.padEnd(24)} concurrency ${String(row.concurrency).padStart(4)}  replica ${String(row.replica).padStart(4)}  primary ${String(row.primary).padStart(4)}`,
        );
      }
      console.log(
        `at most ${capacity.replica} connections on the replica, ${capacity.primary} on the primary`,
      );
    });
}
