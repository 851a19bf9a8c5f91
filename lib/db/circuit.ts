/**
 * A circuit breaker per container: once a server has failed or hung, the container stops asking it for a
 * while and goes straight to its fallback, then lets one request try it again. So a dead or hung replica
 * costs each warm container one timeout, not one per call; the same for the primary on the survey path, whose
 * fallback is the contact record that carries the caller's score.
 *
 * One failure opens the circuit: a container serves one invocation at a time, and a replica that hung once
 * is likely to hang for the next caller too, who would wait the replica's whole share of the budget. The
 * price of a single blip is this container reading the primary for CIRCUIT_OPEN_MS, which the
 * primary can take from a few containers at a time.
 */

/** How long an open circuit sends requests to the fallback before the server is tried again. */
export const CIRCUIT_OPEN_MS = 30_000;

/**
 * `closed`: use the server. `probe`: use the server, as the one try after the circuit has been open long
 * enough (report how it went). `open`: do not use it.
 */
export type CircuitPermit = 'closed' | 'probe' | 'open';

export class CircuitBreaker {
  /** Epoch ms until which the circuit is open; 0 while closed. */
  private openUntil = 0;
  private probing = false;

  constructor(private readonly openMs: number) {}

  permit(): CircuitPermit {
    if (this.openUntil === 0) return 'closed';
    if (this.probing || Date.now() < this.openUntil) return 'open';
    this.probing = true;
    return 'probe';
  }

  /** The server answered: close the circuit. */
  succeeded(): void {
    this.openUntil = 0;
    this.probing = false;
  }

  /** The server failed or hung: open the circuit (again) for the open time, from now. */
  failed(): void {
    this.openUntil = Date.now() + this.openMs;
    this.probing = false;
  }
}

const circuits = new WeakMap<object, CircuitBreaker>();

/**
 * The circuit of the server a pool connects to (the orders replica's, the IVR primary's for surveys). It lives
 * as long as the pool, which is one per container (lib/db/pools.ts): a new pool, after a configuration change,
 * starts closed.
 */
export function circuitOf(pool: object): CircuitBreaker {
  let circuit = circuits.get(pool);
  if (!circuit) {
    circuit = new CircuitBreaker(CIRCUIT_OPEN_MS);
    circuits.set(pool, circuit);
  }
  return circuit;
}
