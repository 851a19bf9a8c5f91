/**
 * The local pair when one of its servers dies: `ivr db up` (and `ivr call`, which starts the stack when it is
 * not running) must start only the dead server again, never a second server on a live one's data folder.
 * These tests kill servers of a pair of their own.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adminConnection,
  destroyPair,
  pairServers,
  replicaStatus,
  startPair,
  waitForReplica,
} from '#lib/local/pair.ts';
import { IVR_DATABASE, startLocalStack } from '#lib/local/stack.ts';
import { type PrivatePair, startPrivatePair } from './private-pair.ts';

let db: PrivatePair;
beforeAll(async () => {
  db = await startPrivatePair();
});
afterAll(async () => {
  await db?.destroy();
});

async function killed(pid: number): Promise<void> {
  process.kill(pid, 'SIGKILL');
  while (isAlive(pid)) await new Promise((settle) => setTimeout(settle, 20));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('a pair whose replica was killed', () => {
  it('is reported server by server, then started again replica only, replicating what the primary kept', async () => {
    // Prepare
    const { dir, primary, replica } = db.pair;
    await killed(replica.pid);
    const reported = await pairServers(dir);
    const admin = await adminConnection(primary.port, 'ivr');
    await admin.query(
      "INSERT INTO calls (contact_id, initiated_at, record_updated_at) VALUES ('while-replica-dead', NOW(), NOW())",
    );
    await admin.end();

    // Act
    const restarted = await startPair(dir, { detached: false, bufferPoolMb: 64 });

    // Assess
    expect(reported).toEqual({
      primary: { port: primary.port, pid: primary.pid, running: true },
      replica: { port: replica.port, pid: replica.pid, running: false },
    });
    expect(restarted.primary).toEqual(primary);
    expect(restarted.replica.port).toBe(replica.port);
    expect(restarted.replica.pid).not.toBe(replica.pid);
    expect(await pairServers(dir)).toMatchObject({ primary: { running: true }, replica: { running: true } });
    await waitForReplica(restarted);
    expect(await replicaStatus(replica.port)).toMatchObject({ ioRunning: true, sqlRunning: true });
    const copy = await adminConnection(replica.port, 'ivr');
    const [rows] = await copy.query<RowDataPacket[]>(
      "SELECT contact_id FROM calls WHERE contact_id = 'while-replica-dead'",
    );
    await copy.end();
    expect(rows).toHaveLength(1);
    db.pair.replica.pid = restarted.replica.pid;
  });
});

describe('a local stack just started (ivr db up)', () => {
  it('has the IVR tables on the primary and the replica, with no separate migrate', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ivr-fresh-'));
    try {
      const applied: string[] = [];
      const pair = await startLocalStack(dir, { detached: false, bufferPoolMb: 64 }, (file) =>
        applied.push(file),
      );

      for (const port of [pair.primary.port, pair.replica.port]) {
        const conn = await adminConnection(port, IVR_DATABASE);
        const [rows] = await conn.query<RowDataPacket[]>('SHOW TABLES');
        await conn.end();
        expect(rows.map((row) => Object.values(row)[0])).toEqual(
          expect.arrayContaining(['calls', 'calls_daily', 'survey_answers', 'verification_attempts']),
        );
      }
      expect(applied).toContain('0001_create_calls.sql');
    } finally {
      await destroyPair(dir);
    }
  });
});
