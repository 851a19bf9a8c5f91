import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CIRCUIT_OPEN_MS, CircuitBreaker, circuitOf } from '#lib/db/circuit.ts';

const OPEN_MS = 30_000;

describe('CircuitBreaker', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-11-23T06:00:00Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('lets every request through while the server answers', () => {
    const circuit = new CircuitBreaker(OPEN_MS);

    circuit.succeeded();

    expect([circuit.permit(), circuit.permit()]).toEqual(['closed', 'closed']);
  });

  it('keeps requests away for the open time after a failure, then lets one probe through', () => {
    const circuit = new CircuitBreaker(OPEN_MS);
    circuit.failed();

    vi.advanceTimersByTime(OPEN_MS - 1);
    const during = circuit.permit();
    vi.advanceTimersByTime(1);

    expect(during).toBe('open');
    expect(circuit.permit()).toBe('probe');
    expect(circuit.permit()).toBe('open');
  });

  it('closes when the probe is answered, and opens for another while when it fails', () => {
    const answered = new CircuitBreaker(OPEN_MS);
    const failing = new CircuitBreaker(OPEN_MS);
    answered.failed();
    failing.failed();
    vi.advanceTimersByTime(OPEN_MS);
    answered.permit();
    failing.permit();

    answered.succeeded();
    failing.failed();
    vi.advanceTimersByTime(OPEN_MS - 1);

    expect(answered.permit()).toBe('closed');
    expect(failing.permit()).toBe('open');
  });
});

describe('circuitOf', () => {
  it('keeps one circuit per pool, open for CIRCUIT_OPEN_MS', () => {
    vi.useFakeTimers();
    const pool = {};
    circuitOf(pool).failed();
    vi.advanceTimersByTime(CIRCUIT_OPEN_MS - 1);

    expect(circuitOf(pool).permit()).toBe('open');
    expect(circuitOf({}).permit()).toBe('closed');
    vi.useRealTimers();
  });
});
