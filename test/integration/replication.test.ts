import type { RowDataPacket } from 'mysql2/promise';
import { describe, expect, inject, it } from 'vitest';
import { type DbSettings, parseDbUrl } from '#lib/db/config.ts';
import { openConnection, ordersPool } from '#lib/db/pools.ts';
import { replicaStatus, waitForReplica } from '#lib/local/pair.ts';
import { primaryAdmin, uniqueId } from './databases.ts';

describe('the local primary + replica', () => {
  it('replicates with GTID, both threads running', async () => {
    const status = await replicaStatus(inject('pair').replica.port);

    expect(status).toMatchObject({ ioRunning: true, sqlRunning: true, lastError: '' });
  });

  it('lets the orders reader read back from the replica an order written on the primary', async () => {
    const id = uniqueId();
    const primary = await primaryAdmin('shop');
    await primary.query(
      `INSERT INTO customers VALUES (?, '+923001110000', 'Zara', 'PK', 'en-IN', UTC_TIMESTAMP());
       INSERT INTO orders VALUES (?, ?, ?, '+923001110000', 'PK', 'PACKED', UTC_TIMESTAMP(), UTC_TIMESTAMP(),
         NULL, NULL, 'COD', 1, 999.00, 'PKR', 999.00);
       INSERT INTO order_items VALUES (?, 1, 'Tea & biscuits', 1, 999.00)`,
      [id, id, `T${id}`, id, id],
    );
    await primary.end();

    await waitForReplica(inject('pair'));
    const [rows] = await ordersPool().query<RowDataPacket[]>(
      'SELECT status, first_item_name, amount_due FROM ivr_orders WHERE order_number = ?',
      [`T${id}`],
    );

    expect(rows).toEqual([{ status: 'PACKED', first_item_name: 'Tea & biscuits', amount_due: '999.00' }]);
  });

  it('refuses writes on the replica from the IVR writer: only replication writes there', async () => {
    const writer = parseDbUrl('IVR_DB_URL', inject('databaseEnv').IVR_DB_URL) as DbSettings;
    const writerOnReplica = await openConnection({ ...writer, port: inject('pair').replica.port });

    await expect(
      writerOnReplica.query(
        "INSERT INTO calls (contact_id, initiated_at, record_updated_at) VALUES ('on-replica', NOW(), NOW())",
      ),
    ).rejects.toThrow(/read-only/);
    await writerOnReplica.end();
  });
});
