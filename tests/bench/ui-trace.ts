/**
 * npm run bench:ui:trace: where a frame's time goes in the lab with `?bench` (not a test).
 * Records 5 s of a Chromium trace and splits the main thread's time (self time, so nested
 * work is counted once) into script, style, layout, paint, composite and GC; it also counts
 * what does not depend on the machine's load: SVG elements per drawing, React commits per
 * second, layouts and style recalculations forced from script, and script time per frame.
 * `MLL_DIST=dir` reuses a build instead of building again; `MLL_RATE=4` throttles the CPU.
 */
import { mkdtemp } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, preview } from 'vite';
import { launchChromium } from '../browser/chromium';

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time: what the machine's load does not inflate. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: Record<string, unknown>;
}

const outDir = process.env.MLL_DIST ?? (await mkdtemp(join(tmpdir(), 'mll-trace-')));
if (!process.env.MLL_DIST) await build({ logLevel: 'silent', build: { outDir, emptyOutDir: true } });
const server = await preview({ logLevel: 'silent', build: { outDir }, preview: { host: '127.0.0.1', port: 0 } });
const url = server.resolvedUrls?.local[0] ?? '';
const browser = await launchChromium();
const rate = Number(process.env.MLL_RATE ?? 1);
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
// A stand-in for React DevTools' hook: React calls it on every commit, in production too.
await context.addInitScript(`
  window.__mllCommits = 0;
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true, renderers: new Map(), inject() { return 1; },
    onCommitFiberRoot(_id, root) {
      window.__mllCommits += 1;
      // Which components rendered (PerformedWork), by name: readable in a build without minification.
      const rendered = (window.__mllRendered ??= {});
      const walk = (f) => {
        for (; f; f = f.sibling) {
          if ((f.tag === 0 || f.tag === 1 || f.tag === 11 || f.tag === 14 || f.tag === 15) && (f.flags & 1)) {
            const name = f.type?.displayName || f.type?.name || f.type?.type?.name || '?';
            rendered[name] = (rendered[name] ?? 0) + 1;
          }
          // A subtree React skipped keeps its children (and their stale flags): do not count it.
          if (!f.alternate || f.child !== f.alternate.child) walk(f.child);
        }
      };
      walk(root.current);
    },
    onCommitFiberUnmount() {}, onPostCommitFiberRoot() {},
    checkDCE() {}, onScheduleFiberRoot() {},
  };
`);
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate });
await page.goto(`${url}?bench`);
// MLL_HIDE=selector: leave part of the page out, to see what it costs.
if (process.env.MLL_HIDE) await page.addStyleTag({ content: `${process.env.MLL_HIDE} { display: none !important; }` });
await page.waitForTimeout(3000);

const counts = await page.evaluate<Record<string, number>>(`(() => {
  const out = { 'svg *': document.querySelectorAll('svg *').length };
  for (const svg of document.querySelectorAll('svg')) {
    const where = svg.closest('figure')?.className || svg.getAttribute('class') || 'svg';
    out[where] = (out[where] ?? 0) + svg.querySelectorAll('*').length;
  }
  out['all elements'] = document.querySelectorAll('*').length;
  out['in flight'] = Number(document.querySelector('canvas.mll-messages')?.dataset.messages ?? 0);
  return out;
})()`);

const events: TraceEvent[] = [];
cdp.on('Tracing.dataCollected', (e) => {
  events.push(...(e.value as unknown as TraceEvent[]));
});
const done = new Promise<void>((resolve) => {
  cdp.once('Tracing.tracingComplete', () => {
    resolve();
  });
});
const commits0 = await page.evaluate<number>('window.__mllCommits = 0, window.__mllRendered = {}, 0');
await cdp.send('Tracing.start', {
  categories: 'devtools.timeline,disabled-by-default-devtools.timeline,v8,blink.user_timing',
  transferMode: 'ReportEvents',
});
const load = loadavg()[0] ?? 0;
const seconds = 5;
const profiling = Boolean(process.env.MLL_PROFILE);
if (profiling) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
}
await page.waitForTimeout(seconds * 1000);
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
const profile = profiling
  ? (
      (await cdp.send('Profiler.stop')) as unknown as {
        profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
      }
    ).profile
  : null;
const commits = (await page.evaluate<number>('window.__mllCommits')) - commits0;
const rendered = await page.evaluate<Record<string, number>>('window.__mllRendered');
await cdp.send('Tracing.end');
await done;

// The renderer's main thread.
const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && e.ph === 'M');
const onMain = events
  .filter((e) => main && e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined)
  .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));

const kindOf = (name: string): string => {
  if (
    /^(FunctionCall|EvaluateScript|TimerFire|FireAnimationFrame|EventDispatch|RunMicrotasks|v8\.|V8\.|FireIdleCallback|XHR|ParseHTML|v8)/.test(
      name,
    )
  )
    return 'script';
  if (/GC|GCEvent|BlinkGC/.test(name)) return 'gc';
  if (
    /^(UpdateLayoutTree|RecalculateStyles|ScheduleStyleRecalculation|ParseAuthorStyleSheet|StyleInvalidator)/.test(name)
  )
    return 'style';
  if (/^(Layout|UpdateLayout|InvalidateLayout|IntersectionObserverController)/.test(name)) return 'layout';
  if (/^(Paint|PaintImage|PaintSetup|Decode|RasterTask|Rasterize)/.test(name)) return 'paint';
  if (
    /^(PrePaint|Layerize|CompositeLayers|UpdateLayer|UpdateLayerTree|Commit|BeginMainThreadFrame|BeginFrame|ScrollLayer|Animation)/.test(
      name,
    )
  )
    return 'composite';
  if (name === 'RunTask' || name === 'ThreadControllerImpl::RunTask') return 'other';
  return 'other';
};

const self = new Map<string, number>();
const byName = new Map<string, number>();
let forcedLayouts = 0;
let forcedStyles = 0;
let forcedMs = 0;
const cpu = new Map<string, number>();
const stack: { e: TraceEvent; end: number; child: number; childCpu: number }[] = [];
const close = (until: number) => {
  while (stack.length && (stack.at(-1)?.end ?? 0) <= until) {
    const top = stack.pop();
    if (!top) break;
    const s = Math.max(0, (top.e.dur ?? 0) - top.child);
    const k = kindOf(top.e.name);
    cpu.set(k, (cpu.get(k) ?? 0) + Math.max(0, (top.e.tdur ?? 0) - top.childCpu));
    self.set(k, (self.get(k) ?? 0) + s);
    byName.set(top.e.name, (byName.get(top.e.name) ?? 0) + Math.max(0, (top.e.tdur ?? 0) - top.childCpu));
  }
};
for (const e of onMain) {
  close(e.ts);
  const parent = stack.at(-1);
  if (parent) {
    parent.child += e.dur ?? 0;
    parent.childCpu += e.tdur ?? 0;
  }
  // A layout or a style recalculation inside script was forced by a read of layout.
  if ((e.name === 'Layout' || e.name === 'UpdateLayoutTree') && stack.some((s) => kindOf(s.e.name) === 'script')) {
    if (e.name === 'Layout') forcedLayouts += 1;
    else forcedStyles += 1;
    forcedMs += (e.dur ?? 0) / 1000;
  }
  stack.push({ e, end: e.ts + (e.dur ?? 0), child: 0, childCpu: 0 });
}
close(Number.POSITIVE_INFINITY);
const frames = events.filter((e) => e.name === 'BeginMainThreadFrame' || e.name === 'BeginFrame').length;
const animationFrames = onMain.filter((e) => e.name === 'FireAnimationFrame').length;

const ms = (us: number) => `${(us / 1000).toFixed(0)} ms`;
console.log(
  `?bench, CPU ${rate === 1 ? 'unthrottled' : `throttled ${String(rate)}×`}, load average ${load.toFixed(2)}`,
);
console.log('elements:', JSON.stringify(counts));
console.log(`React commits: ${String(commits)} in ${String(seconds)} s (${(commits / seconds).toFixed(1)}/s)`);
console.log(
  `  rendered: ${Object.entries(rendered)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 40)
    .map(([n, c]) => `${n} ${String(c)}`)
    .join(', ')}`,
);
console.log(
  `main thread self time over ${String(seconds)} s (${String(animationFrames)} rAF callbacks, ${String(frames)} begin-frame events):`,
);
const total = [...self.values()].reduce((a, b) => a + b, 0);
for (const k of ['script', 'gc', 'style', 'layout', 'paint', 'composite', 'other'])
  console.log(
    `  ${k.padEnd(10)} ${ms(self.get(k) ?? 0).padStart(8)} wall ${ms(cpu.get(k) ?? 0).padStart(8)} CPU  ${((100 * (self.get(k) ?? 0)) / (seconds * 1e6)).toFixed(1)} % of wall`,
  );
console.log(
  `  total busy ${ms(total)} wall, ${ms([...cpu.values()].reduce((a, b) => a + b, 0))} CPU; script per rAF ${((self.get('script') ?? 0) / 1000 / Math.max(1, animationFrames)).toFixed(2)} ms wall, ${((cpu.get('script') ?? 0) / 1000 / Math.max(1, animationFrames)).toFixed(2)} ms CPU`,
);
console.log(
  `forced from script: ${String(forcedLayouts)} layouts, ${String(forcedStyles)} style recalcs, ${forcedMs.toFixed(0)} ms`,
);
console.log('top events by self CPU time:');
for (const [name, us] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 14))
  console.log(`  ${name.padEnd(34)} ${ms(us)}`);

if (profile) {
  // Self time per function (MLL_PROFILE=1; build with minify off to read the names).
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const label = (n: ProfileNode) =>
    `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop() ?? ''}:${String(n.callFrame.lineNumber + 1)}`;
  const selfBy = new Map<string, number>();
  const totalBy = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const n = byId.get(id);
    if (!n) continue;
    selfBy.set(label(n), (selfBy.get(label(n)) ?? 0) + us);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const m = byId.get(at);
      if (!m) break;
      const l = label(m);
      if (seen.has(l)) continue;
      seen.add(l);
      totalBy.set(l, (totalBy.get(l) ?? 0) + us);
    }
  }
  console.log('JS self time:');
  for (const [l, us] of [...selfBy].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(`  ${ms(us).padStart(8)}  ${l}`);
  console.log('JS total time:');
  for (const [l, us] of [...totalBy].sort((a, b) => b[1] - a[1]).slice(0, 40))
    console.log(`  ${ms(us).padStart(8)}  ${l}`);
}

await browser.close();
await server.close();
