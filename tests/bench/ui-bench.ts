/**
 * npm run bench:ui: frame times of the lab in Chromium (not a test). 8 leaders all-to-all,
 * a write every 40 ms so that 200+ messages are in flight, 10 s of animation at 1×, with
 * the CPU unthrottled and throttled 4× (Chrome DevTools' CPU throttling). Prints one table:
 * frame time median and p95, the share of frames over 17.5 ms (a missed 60 Hz frame), long
 * tasks and messages in flight. Wall time: run it on a quiet machine (the load average is
 * printed with the table); `npm run bench:ui:trace` splits the time and counts what load does not change.
 */
import { mkdtemp } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, preview } from 'vite';
import { launchChromium } from '../browser/chromium';

// MLL_DIST=dir measures a build made before (say, of another commit) instead of building this one.
const outDir = process.env.MLL_DIST ?? (await mkdtemp(join(tmpdir(), 'mll-bench-')));
if (!process.env.MLL_DIST) await build({ logLevel: 'silent', build: { outDir, emptyOutDir: true } });
const server = await preview({ logLevel: 'silent', build: { outDir }, preview: { host: '127.0.0.1', port: 0 } });
const url = server.resolvedUrls?.local[0] ?? '';
const browser = await launchChromium();

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
};

const rows: string[][] = [];
for (const rate of [1, 4]) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  await page.goto(`${url}?bench`);
  await page.waitForTimeout(3000); // let traffic build up
  // A string, not a function: tsx's transform would add helpers the page does not have.
  const result = await page.evaluate<{ frames: number[]; longTasks: number[]; maxInFlight: number }>(`
    new Promise((resolve) => {
      const frames = [];
      const longTasks = [];
      let maxInFlight = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) longTasks.push(e.duration);
      }).observe({ type: 'longtask', buffered: false });
      let last = performance.now();
      const end = last + 10000;
      const frame = (now) => {
        frames.push(now - last);
        last = now;
        maxInFlight = Math.max(maxInFlight, Number(document.querySelector('canvas.mll-messages')?.dataset.messages ?? 0));
        if (now < end) requestAnimationFrame(frame);
        else resolve({ frames, longTasks, maxInFlight });
      };
      requestAnimationFrame(frame);
    })
  `);
  const f = result.frames.slice(1);
  const over = f.filter((x) => x > 17.5).length;
  rows.push([
    rate === 1 ? 'unthrottled' : `throttled ${String(rate)}×`,
    String(f.length),
    `${pct(f, 50).toFixed(1)} ms`,
    `${pct(f, 95).toFixed(1)} ms`,
    `${((100 * over) / Math.max(1, f.length)).toFixed(1)} %`,
    `${Math.max(...f).toFixed(1)} ms`,
    `${String(result.longTasks.length)} (${result.longTasks.reduce((a, b) => a + b, 0).toFixed(0)} ms)`,
    String(result.maxInFlight),
  ]);
  await context.close();
}

const header = ['CPU', 'frames in 10 s', 'median', 'p95', '> 17.5 ms', 'max', 'long tasks', 'in flight'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
const line = (cells: string[]) =>
  `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join(' | ')} |`;
console.log(`load average ${(loadavg()[0] ?? 0).toFixed(2)} at the end`);
console.log('8 leaders all-to-all, ?bench (goal: unthrottled p95 ≤ 16.7 ms with < 1 % over 17.5 ms; 4× p95 ≤ 50 ms)');
console.log(line(header));
console.log(`|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
for (const r of rows) console.log(line(r));

await browser.close();
await server.close();
