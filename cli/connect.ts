/**
 * `ivr connect setup`: wires the Amazon Connect instance to the deployed stack where CloudFormation cannot
 * (lib/connect/setup.ts). Values come from flags, else QUEUE_ARNS, else the stack named by --stack-name.
 */
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { ConnectClient } from '@aws-sdk/client-connect';
import { type Command, Option } from 'commander';
import {
  applyConnectSetup,
  CONNECT_MAX_ATTEMPTS,
  type ConnectWiring,
  inboundFlowOf,
  planConnectSetup,
  readStackWiring,
  wiringFrom,
} from '#lib/connect/setup.ts';

interface SetupOptions {
  stackName?: string;
  flowArn?: string;
  phoneNumber?: string[];
  streamArn?: string;
  queueArns?: string;
  generalQueueArn?: string;
  dryRun?: boolean;
}

export function registerConnectCommands(program: Command): void {
  const connect = program.command('connect').description('the Amazon Connect instance the stack serves');
  connect
    .command('setup')
    .description(
      'point claimed phone numbers at the inbound flow, stream contact records to the stack, check the queues; safe to run again',
    )
    .option(
      '--stack-name <name>',
      'read the inbound flow, stream and queues from this deployed stack (region from AWS_REGION)',
    )
    .option(
      '--flow-arn <arn>',
      'the inbound flow; its ARN names the instance and region (default: the stack’s)',
    )
    .option(
      '--phone-number <number>',
      'a claimed number to point at the inbound flow: E.164, PhoneNumberId or ARN (repeat for more)',
      (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
    )
    .option('--stream-arn <arn>', 'the Kinesis stream for contact records (default: the stack’s)')
    .addOption(
      new Option('--queue-arns <json>', 'queue name to ARN, to check (default: the stack’s QueueArns)').env(
        'QUEUE_ARNS',
      ),
    )
    .option(
      '--general-queue-arn <arn>',
      'the flows’ general queue, to check (default: the stack’s GeneralQueueArn)',
    )
    .option('--dry-run', 'read the instance and print the calls it would make; change nothing')
    .action(async (options: SetupOptions) => {
      const wiring = await wiringOf(options);
      const region = inboundFlowOf(wiring.inboundFlowArn).region;
      const client = new ConnectClient({ region, maxAttempts: CONNECT_MAX_ATTEMPTS });
      const plan = await planConnectSetup(client, wiring, (line) => console.log(line));
      if (options.dryRun) {
        for (const write of plan.writes) {
          console.log(`${write.about}: would call ${write.command} ${JSON.stringify(write.input)}`);
        }
      } else {
        await applyConnectSetup(client, plan, (line) => console.log(line));
      }
      if (plan.writes.length === 0) {
        console.log(
          plan.problems.length === 0 ? 'nothing to change: the instance is wired' : 'nothing to change',
        );
      }
      if (plan.problems.length > 0) {
        console.error(`ivr: ${plan.problems.length} to fix, then run this again:`);
        for (const problem of plan.problems) console.error(`- ${problem}`);
        process.exitCode = 1;
      }
    });
}

/** The wiring from the flags, and from the stack for what the flags leave out. */
async function wiringOf(options: SetupOptions): Promise<ConnectWiring> {
  const stack = options.stackName
    ? await readStackWiring(
        new CloudFormationClient({ maxAttempts: CONNECT_MAX_ATTEMPTS }),
        options.stackName,
      )
    : undefined;
  return wiringFrom(
    {
      inboundFlowArn: options.flowArn,
      phoneNumbers: options.phoneNumber ?? [],
      contactRecordsStreamArn: options.streamArn,
      queueArns: options.queueArns,
      generalQueueArn: options.generalQueueArn,
    },
    stack,
  );
}
