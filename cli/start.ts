/** `ivr start`: the local stack, the managers' report page, and a demo call. */
import type { Command } from 'commander';
import { demoCall } from './call/command.ts';
import { prepareLocalStack, printPair } from './db.ts';
import { DEFAULT_REPORT_PORT, serveReportPage } from './serve.ts';

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description(
      'start the local stack (primary + replica, migrations, the demo shop when empty), then a call as a demo caller',
    )
    .action(async () => {
      const pair = await prepareLocalStack(console.log);
      printPair(pair);
      console.log('\nThe local stack runs in the background. Stop it with: npx ivr db down');
      console.log('Demo callers and what they hear are listed in the README ("Demo callers").');
      if (!process.stdin.isTTY) {
        console.log(`Serve the managers' report page with: npx ivr serve`);
        await demoCall();
        return;
      }
      // The page stays up after the demo call, with the call in it, until Ctrl-C.
      await serveReportPage(DEFAULT_REPORT_PORT);
      await demoCall();
      console.log('\nThe report page is still served; Ctrl-C ends it (the local stack keeps running).');
      await new Promise(() => {});
    });
}
