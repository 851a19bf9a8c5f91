/** Time as a budget: work that must settle by a deadline (an epoch millisecond), whatever the server does. */

export class DeadlineExceededError extends Error {
  override name = 'DeadlineExceededError';
}

/** Milliseconds left until `deadline`, never negative. */
export function msUntil(deadline: number): number {
  return Math.max(0, deadline - Date.now());
}

/**
 * Settles as `work` does, or rejects with DeadlineExceededError at `deadline`. mysql2's own query timeout
 * covers a query that hangs; this also covers a connection that hangs while it is being made.
 */
export async function beforeDeadline<T>(work: Promise<T>, deadline: number): Promise<T> {
  work.catch(() => {}); // it may settle after the race is lost, when its error is no longer anyone's
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new DeadlineExceededError(`no answer within the time left`)),
      msUntil(deadline),
    );
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}
