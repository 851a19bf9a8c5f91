/**
 * `ivr flows check`: the flows of flows/ checked as Connect's import and the simulator would take them;
 * `ivr flows template`: written into template.yaml for SAM to deploy.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { checkFlows } from '#lib/connect/flow-check.ts';
import { contactFlowResources } from '#lib/connect/flow-cloudformation.ts';
import { loadFlows } from '#lib/connect/flow-language.ts';
import { PROJECT_ROOT } from '#lib/paths.ts';
import { UsageError } from './output.ts';
import { withGeneratedSection } from './template-sections.ts';

export function registerFlowsCommands(program: Command): void {
  const flows = program.command('flows').description('the contact flows of flows/');
  flows
    .command('check')
    .description(
      'check every flow: branches, time limits, parameter types, identifiers, placeholders, reachability, and the contracts with the functions and the bot; exits 1 on a problem',
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
  flows
    .command('template')
    .description('write the flows of flows/ into template.yaml as AWS::Connect::ContactFlow resources')
    .action(() => {
      const problems = checkFlows(loadFlows());
      if (problems.length > 0) throw new UsageError(`fix flows/ first (npx ivr flows check): ${problems[0]}`);
      const file = join(PROJECT_ROOT, 'template.yaml');
      writeFileSync(file, withContactFlows(readFileSync(file, 'utf8')));
      console.log(`template.yaml: ${loadFlows().size} contact flows`);
    });
}

/** template.yaml with the lines between the ContactFlows markers made from flows/. */
function withContactFlows(template: string): string {
  return withGeneratedSection(template, 'ContactFlows', contactFlowResources(loadFlows()));
}
