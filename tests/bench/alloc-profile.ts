/**
 * Where a re-run allocates: V8's sampling heap profiler over tests/bench/rerun-profile.ts
 * (freed objects included), bytes per function, largest first. GC is a third of a re-run's
 * time, so this says what to cut.
 *   KINDS=lww,crdt npx tsx tests/bench/alloc-profile.ts
 */
import { Session } from 'node:inspector/promises';
const session = new Session();
session.connect();
await session.post('HeapProfiler.enable');
await session.post('HeapProfiler.startSampling', {
  samplingInterval: 4096,
  includeObjectsCollectedByMajorGC: true,
  includeObjectsCollectedByMinorGC: true,
});
process.argv.push(...(process.env.KINDS ?? 'lww').split(','));
await import('./rerun-profile.ts');
interface Node {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: Node[];
}
const { profile } = (await session.post('HeapProfiler.stopSampling')) as { profile: { head: Node } };
const self = new Map<string, number>();
let total = 0;
const walk = (n: Node) => {
  const cf = n.callFrame;
  const name = `${cf.functionName || '(anon)'} ${cf.url.split('/').slice(-2).join('/')}:${String(cf.lineNumber)}`;
  self.set(name, (self.get(name) ?? 0) + n.selfSize);
  total += n.selfSize;
  for (const c of n.children) walk(c);
};
walk(profile.head);
console.log('total MB', (total / 1e6).toFixed(0));
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30))
  console.log((v / 1e6).toFixed(1).padStart(7), k);
