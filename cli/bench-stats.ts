/**
 * The arithmetic of `ivr bench`: running work at a given concurrency, and the latency and throughput figures
 * it prints. Figures are rounded for reading; ratios are taken from the rounded figures' sources, not them.
 */

/** One path's latency (milliseconds) and throughput (completed per second) at one concurrency. */
export interface Figures {
  p50: number;
  p99: number;
  mean: number;
  perSecond: number;
}

/** The latencies (ms) of one run of some work, and how long the run took in all. */
export interface Round {
  samples: Float64Array;
  seconds: number;
}

/**
 * Runs `work` `count` times with `concurrency` of them in flight at once (each worker starts the next as its
 * last ends), timing each, and the whole for the throughput.
 */
export async function runRound(
  count: number,
  concurrency: number,
  work: (index: number) => Promise<unknown>,
  firstIndex = 0,
): Promise<Round> {
  const samples = new Float64Array(count);
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count) {
      const index = next++;
      const start = performance.now();
      await work(firstIndex + index);
      samples[index] = performance.now() - start;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return { samples, seconds: (performance.now() - started) / 1000 };
}

/** The figures of rounds of the same work taken together: their latencies, and their count over their time. */
export function figuresOf(rounds: readonly Round[]): Figures {
  const count = rounds.reduce((sum, round) => sum + round.samples.length, 0);
  const all = new Float64Array(count);
  let at = 0;
  for (const { samples } of rounds) {
    all.set(samples, at);
    at += samples.length;
  }
  const seconds = rounds.reduce((sum, round) => sum + round.seconds, 0);
  return { ...percentiles(all), perSecond: round(seconds === 0 ? 0 : count / seconds, 0) };
}

/** One round of `work`, as figures. */
export async function runConcurrently(
  count: number,
  concurrency: number,
  work: (index: number) => Promise<unknown>,
): Promise<Figures> {
  return figuresOf([await runRound(count, concurrency, work)]);
}

/** p50, p99 and mean of samples in milliseconds; sorts `samples` in place. */
export function percentiles(samples: Float64Array): Omit<Figures, 'perSecond'> {
  samples.sort();
  const count = samples.length;
  const at = (share: number) => round(samples[Math.min(count - 1, Math.floor(share * count))] ?? 0, 3);
  const sum = samples.reduce((total, ms) => total + ms, 0);
  return { p50: at(0.5), p99: at(0.99), mean: round(count === 0 ? 0 : sum / count, 3) };
}

/** The value at `share` (0 to 1) of sorted `values`. */
export function quantile(sorted: readonly number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0;
}

export function round(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/**
 * Runs `work` with whatever is written to stdout and stderr thrown away. The functions log JSON lines and
 * publish metrics (EMF) at every invocation, as Lambda wants: the bench keeps the cost of making those lines,
 * which is real, but not the terminal's cost of showing thousands of them, which Lambda does not have.
 */
export async function withOutputDiscarded<T>(work: () => Promise<T>): Promise<T> {
  const streams = [process.stdout, process.stderr];
  const writes = streams.map((stream) => stream.write);
  for (const stream of streams) stream.write = (() => true) as typeof stream.write;
  try {
    return await work();
  } finally {
    streams.forEach((stream, index) => {
      stream.write = writes[index] as typeof stream.write;
    });
  }
}
