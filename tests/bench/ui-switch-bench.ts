/**
 * Part of `npm run bench:ui` (not a test): what a strategy switch and the compare view cost the
 * page over a long history. The benchmarks' seeded workload (2,000 writes on 8 leaders, about
 * 60,000 events) is opened in the built lab from a share link; then the strategy is switched
 * under LWW → merge → CRDT → merge, and "Compare strategies" is run. Chromium's long-task
 * observer reports every task over 50 ms: the issue's goal is no task over 100 ms. Prints one
 * table: per action, wall time until the lab shows the result, long tasks and the longest.
 * Unthrottled and under a 4× CPU throttle. Wall time: run it on a quiet machine.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { build, preview } from 'vite';
import { createSimulation } from '../../src/model';
import { encodeScenario, recordScenario } from '../../src/scenario';
import { launchChromium } from '../browser/chromium';
import { driveWorkload, healAll } from './workload';

const WRITES = Number(process.env.BENCH_WRITES ?? 2000);

const sim = createSimulation({
  seed: 42,
  nodes: ['n0', 'n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7'].map((id) => ({ id })),
  topology: { kind: 'all-to-all' },
  latencyMs: { base: 60, jitter: 30 },
  keys: { title: 'register', cart: 'set', likes: 'counter', notes: 'text' },
});
const commands = driveWorkload(sim, 7, (done) => done < WRITES);
healAll(sim);
sim.runUntilQuiescent();
const events = sim.history().length;
const link = encodeScenario(recordScenario(sim));

const outDir = await mkdtemp(join(tmpdir(), 'mll-bench-'));
await build({ logLevel: 'silent', build: { outDir, emptyOutDir: true } });
const server = await preview({ logLevel: 'silent', build: { outDir }, preview: { host: '127.0.0.1', port: 0 } });
const url = server.resolvedUrls?.local[0] ?? '';
const browser = await launchChromium();

/** Long tasks since the last call, observed in the page. */
const OBSERVE = `
  window.__tasks = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__tasks.push(e.duration); })
    .observe({ type: 'longtask', buffered: false });
`;
const takeTasks = (page: Page) =>
  page.evaluate<number[]>(`(() => { const t = window.__tasks; window.__tasks = []; return t; })()`);

/** Runs `act`, waits for `done`, and measures wall time and the long tasks between. */
async function measure(page: Page, act: () => Promise<void>, done: () => Promise<void>) {
  await page.waitForTimeout(300);
  await takeTasks(page);
  const start = Date.now();
  await act();
  await done();
  const wall = Date.now() - start;
  await page.waitForTimeout(200); // a long task is reported after it ends
  const tasks = await takeTasks(page);
  return { wall, tasks };
}

const rows: string[][] = [];
for (const rate of [1, 4]) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await page.goto(`${url}#/lab?s=${encodeURIComponent(link)}`);
  const picker = page.getByRole('combobox', { name: 'Conflict resolution' });
  await picker.waitFor({ timeout: 60_000 });
  await page.waitForTimeout(1000); // the link's history loaded and drawn
  await page.evaluate(OBSERVE);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  const cpu = rate === 1 ? 'unthrottled' : `throttled ${String(rate)}×`;
  // The switch is done when the picker shows the strategy and no re-run is under way.
  const switched = async () => {
    await page.waitForFunction(`document.querySelector('.mll-strategy-progress') === null`, undefined, {
      timeout: 120_000,
      polling: 16,
    });
  };
  for (const [label, value] of [
    ['switch LWW → merge', 'merge'],
    ['switch merge → CRDT', 'crdt'],
    ['switch CRDT → merge (a run kept)', 'merge'],
  ] as const) {
    const r = await measure(
      page,
      async () => {
        await picker.selectOption(value);
      },
      switched,
    );
    rows.push(row(cpu, label, r));
  }
  const compare = await measure(
    page,
    async () => {
      await page.getByRole('button', { name: 'Compare strategies' }).click();
    },
    async () => {
      await page
        .getByRole('region', { name: 'Compare strategies' })
        .getByRole('status')
        .filter({ hasText: /replayed under/ })
        .waitFor({ timeout: 300_000 });
    },
  );
  rows.push(row(cpu, 'compare 5 strategies', compare));
  await context.close();
}

function row(cpu: string, action: string, r: { wall: number; tasks: number[] }): string[] {
  return [
    cpu,
    action,
    `${String(r.wall)} ms`,
    String(r.tasks.length),
    r.tasks.length > 0 ? `${Math.max(...r.tasks).toFixed(0)} ms` : '–',
    `${r.tasks.reduce((a, b) => a + b, 0).toFixed(0)} ms`,
  ];
}

const header = ['CPU', 'action', 'until shown', 'tasks > 50 ms', 'longest', 'their total'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
const line = (cells: string[]) =>
  `| ${cells.map((c, i) => (i < 2 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join(' | ')} |`;
console.log(
  `\nStrategy switch and compare over ${String(commands)} commands (${String(events)} events, 8 leaders) in the lab (goal: no task over 100 ms)`,
);
console.log(line(header));
console.log(`|${widths.map((w, i) => (i < 2 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
for (const r of rows) console.log(line(r));

await browser.close();
await server.close();
