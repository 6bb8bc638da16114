import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium';
import { buildEmbeds, serveStatic, type StaticSite, STRICT_CSP, SUB_PATH } from './embedServer';

/**
 * "A page of ten autoplaying embeds with one on screen spends about what a page with one does":
 * animation frames, timers and script time counted over the same real seconds on both pages.
 */
let dir: string;
let site: StaticSite;
let browser: Browser;

const MEASURE_MS = 3000;

function page(name: string, labs: number): string {
  const lab = '<multi-leader-lab preset="lww-clock-skew" autoplay controls="time,log"></multi-leader-lab>';
  const spaced = Array.from({ length: labs }, (_, i) => (i === 0 ? lab : `<div class="far-below"></div>${lab}`));
  writeFileSync(join(dir, 'idle.css'), '.far-below { height: 3000px; }\n');
  writeFileSync(
    join(dir, `${name}.html`),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${name}</title><link rel="icon" href="favicon.svg"><link rel="stylesheet" href="idle.css"><script type="module" src="multi-leader-lab.js"></script></head><body><main>${spaced.join('')}</main></body></html>`,
  );
  return `${site.origin}${SUB_PATH}${name}.html`;
}

interface Cost {
  frames: number;
  timers: number;
  scriptMs: number;
  /** Each lab's virtual time at the end, in page order. */
  times: number[];
}

/** What a tab does when it goes to the background: its document says hidden, and says so by event. */
async function setHidden(p: Page, hidden: boolean): Promise<void> {
  await p.evaluate((h) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (h ? 'hidden' : 'visible') });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => h });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
}

/**
 * Open the page, let the labs start, then count what MEASURE_MS of real time costs. With
 * `hidden`, the tab goes to the background first (headless Chromium never hides a tab, and
 * would still run animation frames: what is counted is what the lab itself asks for).
 */
async function measure(url: string, { hidden = false } = {}): Promise<Cost> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  await context.addInitScript(() => {
    const w = window as unknown as { __frames: number; __timers: number };
    w.__frames = 0;
    w.__timers = 0;
    const raf = window.requestAnimationFrame.bind(window);
    window.requestAnimationFrame = (callback) =>
      raf((t) => {
        w.__frames += 1;
        callback(t);
      });
    const timeout = window.setTimeout.bind(window);
    window.setTimeout = ((handler: TimerHandler, ms?: number, ...rest: unknown[]) => {
      w.__timers += 1;
      return timeout(handler, ms, ...rest);
    }) as typeof window.setTimeout;
    const interval = window.setInterval.bind(window);
    window.setInterval = ((handler: TimerHandler, ms?: number, ...rest: unknown[]) => {
      w.__timers += 1;
      return interval(handler, ms, ...rest);
    }) as typeof window.setInterval;
  });
  const p: Page = await context.newPage();
  const cdp = await context.newCDPSession(p);
  await cdp.send('Performance.enable');
  await p.goto(url);
  await expect.poll(() => p.locator('multi-leader-lab').first().locator('svg g.node').count()).toBe(3);
  await p.waitForTimeout(500);
  if (hidden) await setHidden(p, true);
  const script = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return (metrics.find((m) => m.name === 'ScriptDuration')?.value ?? 0) * 1000;
  };
  const counters = () =>
    p.evaluate(() => {
      const w = window as unknown as { __frames: number; __timers: number };
      return { frames: w.__frames, timers: w.__timers };
    });
  const before = { ...(await counters()), script: await script() };
  await p.waitForTimeout(MEASURE_MS);
  const after = { ...(await counters()), script: await script() };
  const labTimes = () =>
    p.evaluate(() =>
      [...document.querySelectorAll('multi-leader-lab')].map((lab) =>
        Number(lab.shadowRoot?.querySelector<HTMLInputElement>('.mll-timeline input')?.value ?? Number.NaN),
      ),
    );
  const times = await labTimes();
  if (hidden) {
    // Back in front, the lab plays on from where it stood.
    await setHidden(p, false);
    await expect.poll(async () => (await labTimes())[0], { timeout: 5_000 }).toBeGreaterThan(times[0] ?? 0);
  }
  await context.close();
  return {
    frames: after.frames - before.frames,
    timers: after.timers - before.timers,
    scriptMs: Math.round(after.script - before.script),
    times,
  };
}

beforeAll(async () => {
  dir = await buildEmbeds();
  site = await serveStatic(dir, { 'content-security-policy': STRICT_CSP });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser.close();
  await site.close();
});

describe('embeds off screen', () => {
  it(
    'cost nothing: ten autoplaying labs with one on screen spend about what one lab does',
    { timeout: 90_000 },
    async () => {
      const one = await measure(page('idle-one', 1));
      const ten = await measure(page('idle-ten', 10));
      console.log(
        `Over ${String(MEASURE_MS)} ms: one lab ${JSON.stringify(one)}; ten labs, one on screen ${JSON.stringify(ten)}`,
      );
      // The lab on screen plays (its virtual time runs) on both pages.
      expect(one.times[0]).toBeGreaterThan(1000);
      expect(ten.times[0]).toBeGreaterThan(1000);
      // The nine below the fold never started: their time stands where autoplay put it.
      expect(ten.times.slice(1)).toEqual(Array.from({ length: 9 }, () => 0));
      // Frames and timers: those of the one lab on screen, not ten times as many.
      expect(one.frames).toBeGreaterThan(0);
      expect(ten.frames).toBeLessThanOrEqual(one.frames * 1.3 + 10);
      expect(ten.timers).toBeLessThanOrEqual(one.timers * 1.3 + 10);
      expect(ten.scriptMs).toBeLessThanOrEqual(one.scriptMs * 2 + 50);
    },
  );

  it(
    'cost nothing in a background tab: no frames, no timers, time stands still until the tab is back',
    { timeout: 60_000 },
    async () => {
      const shown = await measure(page('idle-shown', 1));
      const hidden = await measure(page('idle-hidden', 1), { hidden: true });
      console.log(
        `Over ${String(MEASURE_MS)} ms: one lab shown ${JSON.stringify(shown)}; hidden ${JSON.stringify(hidden)}`,
      );
      expect(shown.frames).toBeGreaterThan(20);
      // At most the one frame already asked for when the tab went away.
      expect(hidden.frames).toBeLessThanOrEqual(1);
      expect(hidden.timers).toBeLessThanOrEqual(1);
      expect(hidden.scriptMs).toBeLessThan(Math.max(20, shown.scriptMs / 10));
    },
  );
});
