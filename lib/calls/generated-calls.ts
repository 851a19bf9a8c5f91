/**
 * A month of a busy shop's calls, made up for the report benchmark (`ivr bench --report`): calls spread over
 * the days and markets, a mix of outcomes, intents, queues and agents, and survey answers for some. Written
 * with LOAD DATA LOCAL INFILE; the same seed makes the same calls.
 */
import { Readable } from 'node:stream';
import type { Connection } from 'mysql2/promise';
import type { HandOverReason } from '#lib/connect/contracts.ts';
import type { IntentName } from '#lib/lex/bot.ts';
import { MARKET_CODES, MARKETS } from '#lib/markets.ts';
import { seededRandom } from '#lib/random.ts';

const CHUNK = 50_000;
const DAY_MS = 86_400_000;
/** The bot's intent, or none (the caller never spoke to the bot). */
const INTENTS: readonly (IntentName | '')[] = [
  '',
  '',
  '',
  'RefundStatus',
  'DeliveryDate',
  'ReturnItem',
  'CancelOrder',
  'ChangeDelivery',
  'Complaint',
];
/** Mostly content callers, as after the shops' automation: half give 5, one in ten 1 or 2. */
const SCORES = [
  '1',
  '2',
  '3',
  '3',
  '4',
  '4',
  '4',
  '4',
  '4',
  '4',
  '5',
  '5',
  '5',
  '5',
  '5',
  '5',
  '5',
  '5',
  '5',
  '5',
];
const AGENTS = Array.from({ length: 40 }, (_, index) => `agent-${String(index + 1).padStart(2, '0')}`);

/** Deletes the generated calls of an earlier run: their ids start with `generated-`. */
export async function deleteGeneratedCalls(conn: Connection): Promise<void> {
  await conn.query("DELETE FROM survey_answers WHERE contact_id LIKE 'generated-%'");
  await conn.query("DELETE FROM calls WHERE contact_id LIKE 'generated-%'");
}

/**
 * Writes `count` calls spread evenly over the `days` days from `firstDay` (UTC), and survey answers for about
 * four in ten; `onProgress` hears how many are written.
 */
export async function writeGeneratedCalls(
  conn: Connection,
  options: {
    count: number;
    firstDay: Date;
    days: number;
    seed: number;
    onProgress?: (written: number) => void;
  },
): Promise<void> {
  const random = seededRandom(options.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  for (let start = 0; start < options.count; start += CHUNK) {
    const calls: string[] = [];
    const answers: string[] = [];
    for (let index = start; index < Math.min(options.count, start + CHUNK); index += 1) {
      const id = `generated-${index}`;
      const market = pick(MARKET_CODES);
      const language = pick(MARKETS[market].locales);
      const initiated = new Date(options.firstDay.getTime() + Math.floor(random() * options.days * DAY_MS));
      const roll = random();
      const outcome = roll < 0.62 ? 'self-served' : roll < 0.95 ? 'transferred' : 'abandoned';
      const ivrSeconds =
        outcome === 'self-served' ? 6 + Math.floor(random() * 30) : 10 + Math.floor(random() * 60);
      const queueSeconds = outcome === 'transferred' ? Math.floor(random() * 300) : 0;
      const agentSeconds = outcome === 'transferred' ? 30 + Math.floor(random() * 600) : 0;
      const disconnected = new Date(initiated.getTime() + (ivrSeconds + queueSeconds + agentSeconds) * 1000);
      const transferred = outcome === 'transferred';
      calls.push(
        [
          id,
          market,
          language,
          sqlTime(initiated),
          sqlTime(disconnected),
          ivrSeconds,
          transferred ? queueSeconds : '\\N',
          transferred ? agentSeconds : '\\N',
          transferred ? `${market} ${pick(['Deliveries', 'Returns', 'General'])}` : '\\N',
          transferred ? pick(AGENTS) : '\\N',
          outcome,
          pick(INTENTS) || '\\N',
          transferred ? pick<HandOverReason>(['caller-asked', 'complaint', 'cancel-order', 'locked']) : '\\N',
          outcome === 'abandoned' ? 'CUSTOMER_DISCONNECT' : 'CONTACT_FLOW_DISCONNECT',
          sqlTime(disconnected),
        ].join('\t'),
      );
      if (outcome !== 'abandoned' && random() < 0.4) {
        const score = random() < 0.1 ? '\\N' : pick(SCORES);
        answers.push([id, score, sqlTime(disconnected)].join('\t'));
      }
    }
    await load(conn, 'calls', calls, [
      'contact_id',
      'market',
      'language',
      'initiated_at',
      'disconnected_at',
      'ivr_seconds',
      'queue_seconds',
      'agent_seconds',
      'queue_name',
      'agent_id',
      'outcome',
      'intent',
      'handover_reason',
      'disconnect_reason',
      'record_updated_at',
    ]);
    await load(conn, 'survey_answers', answers, ['contact_id', 'score', 'answered_at']);
    options.onProgress?.(Math.min(options.count, start + CHUNK));
  }
}

async function load(conn: Connection, table: string, lines: string[], columns: string[]): Promise<void> {
  if (lines.length === 0) return;
  const text = `${lines.join('\n')}\n`;
  await conn.query({
    sql: `LOAD DATA LOCAL INFILE '${table}.tsv' INTO TABLE ${table} CHARACTER SET utf8mb4 (${columns.join(', ')})`,
    infileStreamFactory: () => Readable.from([Buffer.from(text, 'utf8')]),
  });
}

function sqlTime(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '');
}
