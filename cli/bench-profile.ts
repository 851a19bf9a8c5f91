/**
 * `ivr bench --profile F`: a CPU profile (V8's, through the inspector) of many warm invocations of the
 * order-status handler, written to F for Chrome DevTools or speedscope, and summed up by where the time goes:
 * self time per package or project file, and the busiest functions.
 */
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROJECT_ROOT } from '#lib/paths.ts';
import { round } from './bench-stats.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
}

export interface ProfileSummary {
  file: string;
  profiledMs: number;
  /** Share of the profiled time (0 to 1) spent in each place, largest first. */
  byPlace: { place: string; share: number }[];
  byFunction: { fn: string; share: number }[];
}

/** Profiles `work` and writes the profile to `file`. */
export async function profile(file: string, work: () => Promise<void>): Promise<ProfileSummary> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
    await work();
    const { profile: taken } = (await session.post('Profiler.stop')) as { profile: CpuProfile };
    await writeFile(file, JSON.stringify(taken));
    return { file, ...summarise(taken) };
  } finally {
    session.disconnect();
  }
}

/** Self time by place and by function, as shares of all samples. */
export function summarise(taken: CpuProfile, top = 15): Omit<ProfileSummary, 'file'> {
  const total = taken.nodes.reduce((sum, node) => sum + (node.hitCount ?? 0), 0) || 1;
  const byPlace = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const node of taken.nodes) {
    const hits = node.hitCount ?? 0;
    if (hits === 0) continue;
    const place = placeOf(node.callFrame.url, node.callFrame.functionName);
    const fn = `${node.callFrame.functionName || '(anonymous)'} ${place}:${node.callFrame.lineNumber + 1}`;
    byPlace.set(place, (byPlace.get(place) ?? 0) + hits);
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + hits);
  }
  const ranked = (counts: Map<string, number>) => [...counts].sort((a, b) => b[1] - a[1]).slice(0, top);
  return {
    profiledMs: round((taken.endTime - taken.startTime) / 1000, 0),
    byPlace: ranked(byPlace).map(([place, hits]) => ({ place, share: round(hits / total, 3) })),
    byFunction: ranked(byFunction).map(([fn, hits]) => ({ fn, share: round(hits / total, 3) })),
  };
}

/** A package (`mysql2`, `@aws-lambda-powertools/logger`), a project file, `node:…`, or V8's own (`(garbage collector)`). */
function placeOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const path = url.startsWith('file:') ? fileURLToPath(url) : url;
  const inPackage = path.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (inPackage) return inPackage[1] as string;
  if (path.startsWith('node:')) return path;
  return path.startsWith('/') ? relative(PROJECT_ROOT, path) : path;
}
