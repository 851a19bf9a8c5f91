/** `ivr`: the team's command for the local stack, simulated calls, reports and benchmarks. */
import { Command } from 'commander';
import { closePools } from '#lib/db/pools.ts';
import { registerBenchCommand } from './bench.ts';
import { registerBotCommands } from './bot.ts';
import { registerBundlesCommand } from './bundles.ts';
import { registerCallCommand } from './call/command.ts';
import { registerCapacityCommand } from './capacity.ts';
import { registerConnectCommands } from './connect.ts';
import { registerDbCommands } from './db.ts';
import { registerFlowsCommands } from './flows.ts';
import { reportFailure } from './output.ts';
import { registerPromptsCommands } from './prompts.ts';
import { registerReportCommand } from './report.ts';
import { registerServeCommand } from './serve.ts';
import { registerSpeechCommands } from './speech.ts';
import { registerStartCommand } from './start.ts';

const program = new Command('ivr')
  .description(
    'Order-status IVR: the local stack, simulated calls, data, and tools for the team that runs it',
  )
  .showHelpAfterError()
  .configureOutput({ outputError: (text, write) => write(text) });

registerStartCommand(program);
registerDbCommands(program);
registerCallCommand(program);
registerFlowsCommands(program);
registerBotCommands(program);
registerConnectCommands(program);
registerPromptsCommands(program);
registerSpeechCommands(program);
registerServeCommand(program);
registerBenchCommand(program);
registerBundlesCommand(program);
registerCapacityCommand(program);
registerReportCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = reportFailure(error);
} finally {
  // Pools keep connections open, and open connections keep Node running.
  await closePools();
}
