/** A caller at the keyboard: the prompts are printed as text, and what they type is what they key or say. */
import { createInterface } from 'node:readline';
import type { SimulatedCaller } from '#simulator/caller.ts';
import type { CallerInput } from '#simulator/model.ts';

const HELP = 'keys (0-9 * #), or words to say; Enter alone: stay silent; "hangup" or Ctrl-D: hang up';

export function keyboardCaller(): SimulatedCaller & { close(): void } {
  const terminal = createInterface({ input: process.stdin, output: process.stdout });
  // The iterator keeps lines typed ahead of the prompt that asks for them.
  const lines = terminal[Symbol.asyncIterator]();
  console.log(`(you are the caller: ${HELP})`);
  return {
    async next(listening) {
      terminal.setPrompt(`  you (${listening.accepts === 'keys' ? 'keys' : 'words or keys'}) > `);
      terminal.prompt();
      const line = await lines.next();
      return line.done ? { kind: 'hangup' } : typedInput(line.value);
    },
    close: () => terminal.close(),
  };
}

function typedInput(line: string): CallerInput {
  const text = line.trim();
  if (text === '') return { kind: 'silence' };
  if (text === 'hangup') return { kind: 'hangup' };
  if (/^[0-9*#]+$/.test(text)) return { kind: 'keys', keys: text };
  return { kind: 'speech', utterance: text };
}
