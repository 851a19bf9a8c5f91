/**
 * The orders repository and the verification records of this container, made once on its pools
 * (lib/db/pools.ts) and shared by the functions that read orders (order-status, lex-hook), so that both report
 * a read from the primary the same way (reportOrdersFallback). New pools, as when a test points the code at
 * another pair, get new ones.
 */
import type { Pool } from 'mysql2/promise';
import { ivrPool, ordersFallbackPool, ordersPool } from '#lib/db/pools.ts';
import { reportNoLanguageColumn, reportOrdersFallback } from '#lib/observability/index.ts';
import { mysqlOrdersRepository, type OrdersRepository } from '#lib/orders/repository.ts';
import { mysqlVerification, type Verification } from '#lib/orders/verification.ts';

const repositories = new WeakMap<Pool, OrdersRepository>();
const verifications = new WeakMap<Pool, Verification>();

/** The orders on the replica, with the primary as its fallback when one is configured. */
export function ordersRepository(): OrdersRepository {
  const replica = ordersPool();
  let repository = repositories.get(replica);
  if (!repository) {
    repository = mysqlOrdersRepository({
      replica,
      fallback: ordersFallbackPool(),
      onFallback: reportOrdersFallback,
      onNoLanguageColumn: reportNoLanguageColumn,
    });
    repositories.set(replica, repository);
  }
  return repository;
}

/** The verification lookups and attempts, on the IVR database's primary. */
export function verificationRecords(): Verification {
  const primary = ivrPool();
  let verification = verifications.get(primary);
  if (!verification) {
    verification = mysqlVerification(primary);
    verifications.set(primary, verification);
  }
  return verification;
}
