/**
 * The queue a simulated call is handed to: what Connect's Get queue metrics block reports when the flow asks
 * (contacts in queue, the oldest contact's age, agents available), and how long until an agent answers. It is
 * an input of the call, as the caller's keys are: `--queue contacts=5,oldest=240,agents=0,answer=300`, or a
 * scenario's `queue: { contacts: 5, oldest: 240, agents: 0, answer: 300 }`.
 */
import { CallScriptError } from '#simulator/caller.ts';

/** The Get queue metrics block's values; one left out is the null Connect sends for a queue with no activity. */
export interface QueueMetrics {
  contactsInQueue?: number;
  oldestContactSeconds?: number;
  agentsAvailable?: number;
}

export interface QueueInput {
  metrics: QueueMetrics;
  /** Seconds from the transfer until an agent answers. */
  answersAfterSeconds?: number;
}

/** A queue unless the call says otherwise: nobody waiting and an agent free, who answers (as ever) in 20 s. */
export const IDLE_QUEUE: QueueMetrics = { contactsInQueue: 0, agentsAvailable: 1 };

/** The names of a queue input, as the command line and scenario files write them. */
export type QueueFields = Partial<Record<'contacts' | 'oldest' | 'agents' | 'answer', number>>;

export function queueInputOf(fields: QueueFields): QueueInput {
  return {
    metrics: {
      contactsInQueue: fields.contacts,
      oldestContactSeconds: fields.oldest,
      agentsAvailable: fields.agents,
    },
    answersAfterSeconds: fields.answer,
  };
}

/** `contacts=5,oldest=240,agents=0,answer=300`: each name at most once, each value a whole number. */
export function parseQueueInput(text: string): QueueInput {
  const fields: QueueFields = {};
  for (const pair of text.split(',')) {
    const [name = '', value = '', ...rest] = pair.trim().split('=');
    if (!isField(name) || rest.length > 0 || !/^\d+$/.test(value) || fields[name] !== undefined) {
      throw new CallScriptError(
        `--queue ${text}: give contacts=N,oldest=SECONDS,agents=N (and answer=SECONDS), each once, in whole numbers`,
      );
    }
    fields[name] = Number(value);
  }
  return queueInputOf(fields);
}

function isField(name: string): name is keyof QueueFields {
  return ['contacts', 'oldest', 'agents', 'answer'].includes(name);
}
