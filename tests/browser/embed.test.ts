import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeScenario } from '../../src/scenario';
import { presetById } from '../../src/scenario/presets';
import { axeViolations } from './builtApp';
import { launchChromium } from './chromium';
import { buildEmbeds, serveStatic, type StaticSite, STRICT_CSP, SUB_PATH } from './embedServer';

/**
 * The embeds as a course page uses them: dist/ served under a sub-path with the strict CSP and
 * no CORS header, the example page, the element and the sandboxed iframe.
 */
let dir: string;
let site: StaticSite;
let browser: Browser;
const shots = process.env.SHOTS;

/** A test page beside dist's files (inline scripts are refused by the policy, so scripts are files too). */
function fixture(name: string, body: string, script = ''): string {
  const js = script ? `<script type="module" src="${name}.js"></script>` : '';
  writeFileSync(
    join(dir, `${name}.html`),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${name}</title><link rel="icon" href="favicon.svg"><script type="module" src="multi-leader-lab.js"></script>${js}</head><body><main>${body}</main></body></html>`,
  );
  if (script) writeFileSync(join(dir, `${name}.js`), script);
  return `${site.origin}${SUB_PATH}${name}.html`;
}

/** Every CSP violation and console error of the page and its frames, collected from the start. */
async function watch(context: BrowserContext): Promise<{ page: Page; problems: string[] }> {
  const problems: string[] = [];
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  return { page, problems };
}

beforeAll(async () => {
  dir = await buildEmbeds();
  site = await serveStatic(dir, { 'content-security-policy': STRICT_CSP });
  browser = await launchChromium();
  if (shots) mkdirSync(shots, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser.close();
  await site.close();
});

describe('the course page example, under a sub-path with a strict CSP', () => {
  it(
    'renders its three embeds (one a lesson), resizes the iframe, hears their events: no violation, nothing outside dist',
    { timeout: 60_000 },
    async () => {
      const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
      const { page, problems } = await watch(context);
      const start = site.requests.length;
      await page.goto(`${site.origin}${SUB_PATH}course-page-example.html`);
      // The element: its lab inside the open shadow root, the graph drawn.

      const element = page.locator('#element-lab');
      await expect.poll(() => element.locator('svg g.node').count(), { timeout: 10_000 }).toBe(3);
      expect(await element.locator('h1').textContent()).toBe('A partition (element)');
      expect(await element.evaluate((e) => e.shadowRoot?.adoptedStyleSheets.length)).toBe(1);
      // The sandboxed iframe: its own lab, and it asked to fit its content.
      const frame = page.frameLocator('#frame-lab');
      await expect.poll(() => frame.locator('svg g.node').count(), { timeout: 10_000 }).toBe(3);
      expect(await frame.locator('h1').textContent()).toBe('Clock skew (iframe)');
      await expect
        .poll(async () => Number(await page.locator('#frame-lab').getAttribute('height')), { timeout: 5_000 })
        .not.toBe(600);
      const inner = await frame.locator('body').evaluate((b) => Math.ceil(b.getBoundingClientRect().height));
      expect(Number(await page.locator('#frame-lab').getAttribute('height'))).toBe(inner);
      // The third embed plays a lesson from its step 2: the lesson's text beside the step's lab and graph.
      const lesson = page.locator('#lesson-lab');
      await expect.poll(() => lesson.locator('.lesson-lab svg g.node').count(), { timeout: 10_000 }).toBe(3);
      expect(await lesson.locator('.lesson-kicker').textContent()).toMatch(/^Step 2 of \d+/);
      // The events all three reported, as the page's own script listed them.
      await expect
        .poll(() => page.locator('#event-log li').allTextContents())
        .toEqual(
          expect.arrayContaining([
            'A partition (element): ready',
            'Multi-Leader Lab: clock skew: ready',
            'Lesson: conflicts and last write wins (element): stepchange to step 2 of conflicts-and-lww',
          ]),
        );
      // The frame is sandboxed without same-origin: no storage, and it works all the same.
      expect(
        await frame.locator('body').evaluate(() => {
          try {
            return typeof window.localStorage;
          } catch {
            return 'refused';
          }
        }),
      ).toBe('refused');
      // axe reads the element's shadow root and the frame's document too.
      expect(await axeViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
      expect(site.requests.slice(start).filter((p) => !p.startsWith(SUB_PATH))).toEqual([]);
      if (shots) await page.screenshot({ path: join(shots, 'embed-course-page.png') });
      await context.close();
    },
  );
});

describe('the element', () => {
  it(
    'loads what opens on demand (the legend, the comparer) from beside its module: no violation, nothing outside dist',
    { timeout: 60_000 },
    async () => {
      const url = fixture('on-demand', '<multi-leader-lab id="lab" preset="lww-clock-skew"></multi-leader-lab>');
      const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
      const { page, problems } = await watch(context);
      const start = site.requests.length;
      await page.goto(url);
      const lab = page.locator('#lab');
      await expect.poll(() => lab.locator('svg g.node').count(), { timeout: 10_000 }).toBe(3);
      // The lab itself is one module: nothing else was fetched for it.
      expect(site.requests.slice(start).filter((p) => p.includes('multi-leader-lab-'))).toEqual([]);
      await lab.getByRole('button', { name: 'Legend' }).click();
      await expect.poll(() => lab.getByRole('heading', { name: /What the marks mean/ }).count()).toBe(1);
      await lab.getByRole('button', { name: 'Compare strategies' }).click();
      await expect
        .poll(() => lab.getByRole('group', { name: 'Comparison table' }).count(), { timeout: 10_000 })
        .toBe(1);
      const fetched = site.requests.slice(start).filter((p) => p.includes('multi-leader-lab-'));
      expect(fetched.length).toBeGreaterThan(0);
      expect(fetched.every((p) => p.startsWith(SUB_PATH))).toBe(true);
      expect(problems).toEqual([]);
      await context.close();
    },
  );

  it(
    'opens an encoded scenario and a lesson step with the parts it loads beside its module, under the strict CSP',
    { timeout: 60_000 },
    async () => {
      const skew = presetById('lww-clock-skew');
      if (!skew) throw new Error('preset missing');
      const encoded = encodeScenario({ ...skew, title: 'Shared by a teacher' });
      const url = fixture(
        'scenario-and-lesson',
        `<multi-leader-lab id="shared" scenario="${encoded}"></multi-leader-lab><multi-leader-lab id="lesson" lesson="conflicts-and-lww" step="2" theme="dark"></multi-leader-lab>`,
      );
      const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
      const { page, problems } = await watch(context);
      const start = site.requests.length;
      await page.goto(url);
      const shared = page.locator('#shared');
      await expect
        .poll(() => shared.locator('h1').first().textContent(), { timeout: 10_000 })
        .toBe('Shared by a teacher');
      await expect.poll(() => shared.locator('svg g.node').count()).toBe(3);
      // The lesson's text beside the step's lab, its graph drawn.
      const lesson = page.locator('#lesson');
      await expect.poll(() => lesson.locator('.lesson-title').count(), { timeout: 10_000 }).toBe(1);
      await expect.poll(() => lesson.locator('svg g.node').count()).toBeGreaterThan(1);
      const fetched = site.requests.slice(start).filter((p) => p.includes('multi-leader-lab-'));
      expect(fetched.some((p) => p.includes('codec'))).toBe(true);
      expect(fetched.some((p) => p.includes('lesson'))).toBe(true);
      expect(fetched.every((p) => p.startsWith(SUB_PATH))).toBe(true);
      expect(await axeViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
      if (shots) await page.screenshot({ path: join(shots, 'embed-scenario-and-lesson.png'), fullPage: true });
      await context.close();
    },
  );

  it('reports events of the documented shape, bubbling out of the shadow root', { timeout: 60_000 }, async () => {
    const url = fixture(
      'events',
      '<multi-leader-lab id="lab" preset="lww-clock-skew" autoplay controls="time,log"></multi-leader-lab><ol id="heard"></ol>',
      `const heard = document.getElementById('heard');
for (const type of ['mll-ready', 'mll-conflict']) document.body.addEventListener(type, (e) => {
  const li = document.createElement('li');
  li.textContent = JSON.stringify({ type: e.type, composed: e.composed, bubbles: e.bubbles, detail: e.detail });
  heard.append(li);
});`,
    );
    const context = await browser.newContext();
    const { page, problems } = await watch(context);
    await page.goto(url);
    const heard = async () =>
      (await page.locator('#heard li').allTextContents()).map((t) => JSON.parse(t) as Record<string, unknown>);
    await expect
      .poll(async () => (await heard()).some((e) => e.type === 'mll-conflict'), { timeout: 15_000 })
      .toBe(true);
    const events = await heard();
    expect(events[0]).toEqual({
      type: 'mll-ready',
      composed: true,
      bubbles: true,
      detail: { version: 1, preset: 'lww-clock-skew', title: 'Clock skew: the older write wins', problems: [] },
    });
    const conflict = events.find((e) => e.type === 'mll-conflict');
    expect(conflict).toMatchObject({
      composed: true,
      bubbles: true,
      detail: { version: 1, key: 'title', kept: 'older', discarded: ['newer'] },
    });
    expect(problems).toEqual([]);
    await context.close();
  });

  it(
    'takes new attributes after mount, and says what is wrong with a bad one while the rest works',
    { timeout: 60_000 },
    async () => {
      const url = fixture('attributes', '<multi-leader-lab id="lab" preset="multi-leader"></multi-leader-lab>');
      const context = await browser.newContext();
      const { page, problems } = await watch(context);
      await page.goto(url);
      const lab = page.locator('#lab');
      await expect.poll(() => lab.locator('h1').textContent()).toBe(presetById('multi-leader')?.title);
      await lab.evaluate((e) => {
        e.setAttribute('preset', 'merge-cart');
        e.setAttribute('theme', 'sepia');
        e.setAttribute('controls', 'time,write,wings');
        e.setAttribute('label', 'Carts that merge');
      });
      await expect.poll(() => lab.locator('h1').textContent()).toBe('Carts that merge');
      const message = await lab.locator('.mll-embed-problems').textContent();
      expect(message).toContain('The theme “sepia” is not one of light, dark, auto');
      expect(message).toContain('Unknown control “wings”');
      // The panels asked for are there, the others are not; the graph still draws.
      expect(await lab.locator('.mll-write').count()).toBe(1);
      expect(await lab.locator('.mll-log').count()).toBe(0);
      expect(await lab.locator('svg g.node').count()).toBeGreaterThan(0);
      await lab.evaluate((e) => {
        e.setAttribute('preset', 'no-such-scene');
      });
      await expect
        .poll(() => lab.locator('.mll-embed-problems').textContent())
        .toContain('There is no preset “no-such-scene”');
      await lab.evaluate((e) => {
        e.setAttribute('theme', 'dark');
      });
      const bg = await lab.locator('.mll').evaluate((e) => getComputedStyle(e).backgroundColor);
      expect(bg).toBe('rgb(22, 24, 28)');
      expect(problems).toEqual([]);
      await context.close();
    },
  );

  it(
    'keeps two labs on a page apart: a write in one is not in the other, no id is shared',
    { timeout: 60_000 },
    async () => {
      const url = fixture(
        'two',
        '<multi-leader-lab id="a" preset="lww-clock-skew" label="Lab A"></multi-leader-lab><multi-leader-lab id="b" preset="lww-clock-skew" label="Lab B"></multi-leader-lab>',
      );
      const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
      const { page, problems } = await watch(context);
      await page.goto(url);
      const a = page.locator('#a');
      const b = page.locator('#b');
      await expect.poll(() => b.locator('svg g.node').count()).toBeGreaterThan(0);
      const holds = (lab: typeof a) => lab.evaluate((e) => e.shadowRoot?.textContent.includes('only in A') ?? false);
      await a.locator('.mll-write input[data-write-value]').fill('only in A');
      await a.locator('.mll-write button', { hasText: /^Write$/ }).click();
      await expect.poll(() => holds(a)).toBe(true);
      expect(await holds(b)).toBe(false);
      const ids = await page.evaluate(() =>
        ['a', 'b'].map((id) =>
          [...(document.getElementById(id)?.shadowRoot?.querySelectorAll('[id]') ?? [])].map((e) => e.id),
        ),
      );
      const [idsA = [], idsB = []] = ids;
      expect(idsA.length).toBeGreaterThan(0);
      expect(idsA.filter((id) => idsB.includes(id))).toEqual([]);
      expect(problems).toEqual([]);
      await context.close();
    },
  );

  it(
    'is reachable and usable by keyboard, and axe finds nothing inside the shadow root',
    { timeout: 60_000 },
    async () => {
      const url = fixture(
        'keyboard',
        '<p><a href="#lab">Before the lab</a></p><multi-leader-lab id="lab" preset="lww-partition" label="Partition lab"></multi-leader-lab>',
      );
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const { page, problems } = await watch(context);
      await page.goto(url);
      const lab = page.locator('#lab');
      await expect.poll(() => lab.locator('svg g.node').count()).toBeGreaterThan(0);
      expect(await axeViolations(page)).toEqual([]);
      // Tab from the page into the lab, to its Play button, and press it.
      const focusedLabel = () =>
        page.evaluate(() => {
          const active = document.getElementById('lab')?.shadowRoot?.activeElement;
          return active ? `${active.tagName} ${active.textContent.trim()}` : null;
        });
      let presses = 0;
      while (presses < 40 && (await focusedLabel()) !== 'BUTTON Play') {
        await page.keyboard.press('Tab');
        presses += 1;
      }
      expect(await focusedLabel()).toBe('BUTTON Play');
      await page.keyboard.press('Enter');
      await expect.poll(focusedLabel).toBe('BUTTON Pause');
      if (shots) await page.screenshot({ path: join(shots, 'embed-keyboard.png') });
      expect(problems).toEqual([]);
      await context.close();
    },
  );
});

describe('embed.html in a sandboxed frame', () => {
  it(
    'posts ready and its height (ours and lti.frameResize) at load, and answers a height request',
    { timeout: 60_000 },
    async () => {
      const url = fixture(
        'frame-messages',
        '<iframe id="f" title="lab" sandbox="allow-scripts" src="embed.html?preset=merge-cart&amp;theme=dark&amp;label=Merging%20carts" height="300"></iframe><ol id="got"></ol>',
        `const got = document.getElementById('got');
window.addEventListener('message', (e) => {
  const li = document.createElement('li');
  li.textContent = JSON.stringify(e.data);
  got.append(li);
});`,
      );
      const context = await browser.newContext();
      const { page, problems } = await watch(context);
      await page.goto(url);
      const got = async () =>
        (await page.locator('#got li').allTextContents()).map((t) => JSON.parse(t) as Record<string, unknown>);
      await expect.poll(async () => (await got()).some((m) => m.type === 'ready'), { timeout: 10_000 }).toBe(true);
      const resizes = async () => (await got()).filter((m) => m.subject === 'lti.frameResize').length;
      await expect.poll(resizes).toBeGreaterThan(0);
      // Asked for its height, it answers; a message of any other shape is not a command.
      const ask = (message: object) =>
        page.evaluate((m) => {
          document.querySelector('iframe')?.contentWindow?.postMessage(m, '*');
        }, message);
      await page.waitForTimeout(300);
      const settled = await resizes();
      await ask({ target: 'multi-leader-lab', type: 'get-height', extra: 1 });
      await ask({ target: 'multi-leader-lab', type: 'play' });
      await page.waitForTimeout(300);
      expect(await resizes()).toBe(settled);
      await ask({ target: 'multi-leader-lab', type: 'get-height' });
      await expect.poll(resizes).toBe(settled + 1);
      const messages = await got();
      expect(messages).toContainEqual({
        source: 'multi-leader-lab',
        type: 'ready',
        version: 1,
        preset: 'merge-cart',
        title: presetById('merge-cart')?.title,
        problems: [],
      });
      const sizes = messages.filter((m) => m.type === 'resize');
      expect(sizes.length).toBeGreaterThan(0);
      expect(sizes.every((m) => m.source === 'multi-leader-lab' && m.version === 1 && Number(m.height) > 300)).toBe(
        true,
      );
      expect(problems).toEqual([]);
      await context.close();
    },
  );
});
