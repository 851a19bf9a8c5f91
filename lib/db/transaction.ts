/**
 * A transaction on a pooled connection that ends by a deadline, whatever the server does. Used where a
 * judgement must read and write under row locks (lib/orders/verification.ts).
 */
import type { Connection, Pool, PoolConnection } from 'mysql2/promise';
import { beforeDeadline, msUntil } from '#lib/db/deadline.ts';

/** What inTransaction needs of a pool: a connection of its own. */
export type ConnectionPool = Pick<Pool, 'getConnection'>;

/** What the work of inTransaction gets: statements on the transaction's connection, nothing that ends it. */
export type TransactionStatements = Pick<PoolConnection, 'query'>;

/**
 * A connection whose transactions the caller begins and ends itself (the writers of calls and roll-ups): a
 * single connection or one taken from a pool.
 */
export type TransactionConnection = Pick<Connection, 'query' | 'beginTransaction' | 'commit' | 'rollback'>;

/** InnoDB's "Deadlock found when trying to get lock": the transaction was rolled back and may run again. */
const ER_LOCK_DEADLOCK = 1213;

/**
 * Runs `work` in a READ COMMITTED transaction (each statement sees what others committed before it, so counts
 * taken after a lock see everything its previous holder wrote) and commits it. A row lock is waited for at
 * most until the deadline (rounded up to InnoDB's whole seconds); a deadlock runs `work` again while time is
 * left. When the deadline passes or anything fails, the connection is destroyed, not returned to the pool:
 * the server rolls back what it had, and no later caller gets a connection in the middle of a transaction.
 */
export async function inTransaction<T>(
  pool: ConnectionPool,
  deadline: number,
  work: (conn: TransactionStatements) => Promise<T>,
): Promise<T> {
  for (;;) {
    try {
      return await attempt(pool, deadline, work);
    } catch (error) {
      if ((error as { errno?: number }).errno !== ER_LOCK_DEADLOCK || msUntil(deadline) <= 0) throw error;
    }
  }
}

async function attempt<T>(
  pool: ConnectionPool,
  deadline: number,
  work: (conn: TransactionStatements) => Promise<T>,
): Promise<T> {
  let conn: PoolConnection | undefined;
  let abandoned = false;
  const run = async () => {
    conn = await pool.getConnection();
    if (abandoned) {
      conn.destroy();
      throw new Error('the deadline passed while connecting');
    }
    const lockWaitSeconds = Math.max(1, Math.ceil(msUntil(deadline) / 1000));
    await conn.query(`SET SESSION innodb_lock_wait_timeout = ${lockWaitSeconds}`);
    await conn.query('SET TRANSACTION ISOLATION LEVEL READ COMMITTED');
    await conn.beginTransaction();
    const result = await work(conn);
    await conn.commit();
    return result;
  };
  try {
    const result = await beforeDeadline(run(), deadline);
    conn?.release();
    return result;
  } catch (error) {
    abandoned = true;
    conn?.destroy();
    throw error;
  }
}
