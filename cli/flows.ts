/** `ivr flows check`: the flows of flows/ checked as Connect's import and the simulator would take them. */
import type { Command } from 'commander';
import { checkFlows } from '#lib/connect/flow-check.ts';
import { loadFlows } from '#lib/connect/flow-language.ts';

export function registerFlowsCommands(program: Command): void {
  const flows = program.command('flows').description('the contact flows of flows/');
  flows
    .command('check')
    .description(
      'check every flow: branches, time limits, parameter types, identifiers, placeholders, reachability; exits 1 on a problem',
    )
    .action(() => {
      const loaded = loadFlows();
      const problems = checkFlows(loaded);
      for (const problem of problems) console.log(problem);
      const actions = [...loaded.values()].reduce((count, flow) => count + flow.Actions.length, 0);
      console.log(
        problems.length === 0
          ? `${loaded.size} flows, ${actions} actions: no problems`
          : `${problems.length} problems in ${loaded.size} flows`,
      );
      if (problems.length > 0) process.exitCode = 1;
    });
}
