import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presetById } from '../../src/scenario/presets';
import { axeViolations, type BuiltApp, serveBuiltApp } from './builtApp';

/** The built app's routes, share panel and gallery, in Chromium. */
let app: BuiltApp;
let browser: Browser;
let url: string;

beforeAll(async () => {
  app = await serveBuiltApp();
  ({ url, browser } = app);
}, 60_000);

afterAll(async () => {
  await app.close();
});

/** A fresh page at `hash`, collecting uncaught errors and console errors. */
async function openAt(hash: string, context?: BrowserContext): Promise<{ page: Page; errors: string[] }> {
  const ctx = context ?? (await browser.newContext({ viewport: { width: 1200, height: 900 } }));
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(url + hash);
  await expect.poll(() => page.locator('svg g.node').count(), { timeout: 10_000 }).toBeGreaterThan(0);
  return { page, errors };
}

/** What a learner sees of the run: the time, each leader's state and the log. */
async function seen(page: Page): Promise<{ time: string | null; leaders: (string | null)[]; log: string[] }> {
  return {
    time: await page.locator('.mll-timeline span').textContent(),
    leaders: await page.locator('svg g.node').evaluateAll((ns) => ns.map((n) => n.getAttribute('aria-label'))),
    log: await page.locator('.mll-event').allTextContents(),
  };
}

describe('links, sharing and the gallery in a browser', () => {
  it('opens a preset link at its recorded moment', { timeout: 60_000 }, async () => {
    const { page, errors } = await openAt('#/lab/lww-clock-skew');
    await expect
      .poll(() => page.getByRole('heading', { name: 'Clock skew: the older write wins' }).count(), { timeout: 10_000 })
      .toBe(1);
    const leaders = (await seen(page)).leaders;
    expect(leaders).toHaveLength(3);
    // The clock that runs fast wins everywhere: Virginia's newer write is lost.
    for (const l of leaders) expect(l).toMatch(/title = "older"/);
    expect(await page.locator('.mll-lost strong').textContent()).toBe('1');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('copies a link that opens the same run, at the same moment, in a new page', async () => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
    const { page, errors } = await openAt('#/lab', context);
    await page.getByLabel('Value', { exact: true }).fill('shared value');
    await expect.poll(() => page.getByLabel('Value', { exact: true }).inputValue()).toBe('shared value');
    await page.getByRole('button', { name: 'Write', exact: true }).click();
    // The write is in the log (and its messages on their way) before time is stepped.
    await expect.poll(() => page.locator('.mll-event.write').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Next delivery' }).click();
    await page.getByRole('combobox', { name: 'Conflict resolution' }).selectOption('merge');
    await page.getByRole('button', { name: 'Copy link' }).click();
    await expect
      .poll(() => page.getByText(/Link copied|copy the link from this box/).count(), { timeout: 10_000 })
      .toBe(1);
    const copied =
      (await page.getByText('Link copied').count()) === 1
        ? await page.evaluate(() => navigator.clipboard.readText())
        : await page.getByRole('textbox', { name: /copy the link/ }).inputValue();
    expect(copied).toMatch(/#\/lab\?s=mll1\.[A-Za-z0-9_-]+$/);
    expect(copied.length).toBeLessThan(2000);
    const before = await seen(page);
    const other = await openAt(copied.slice(url.length));
    await expect.poll(() => seen(other.page), { timeout: 10_000 }).toEqual(before);
    expect(await other.page.getByRole('combobox', { name: 'Conflict resolution' }).inputValue()).toBe('merge');
    // The address bar follows the run: after a change it carries a link of its own.
    await page.getByRole('button', { name: 'Next delivery' }).click();
    await expect.poll(() => page.evaluate(() => window.location.hash), { timeout: 5000 }).toMatch(/^#\/lab\?s=mll1\./);
    expect([...errors, ...other.errors]).toEqual([]);
    await context.close();
    await other.page.context().close();
  }, 90_000);

  it('imports a scenario file, lists a broken file’s errors by path, and undoes the import', async () => {
    const { page, errors } = await openAt('#/lab');
    const file = page.getByLabel('Scenario file to import');
    const broken = { ...presetById('merge-cart'), commands: [{ at: 0, type: 'crash', node: 'xx' }] };
    await file.setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(broken)),
    });
    const alert = page.getByRole('alert').filter({ hasText: 'broken.json was not imported' });
    await expect.poll(() => alert.count(), { timeout: 10_000 }).toBe(1);
    expect(await alert.locator('code').first().textContent()).toBe('commands[0].node');
    expect(await page.locator('svg g.node').count()).toBe(3);
    const good = presetById('merge-cart');
    await file.setInputFiles({
      name: 'cart.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(good)),
    });
    await expect
      .poll(() => page.getByRole('heading', { name: good?.title ?? '' }).count(), { timeout: 10_000 })
      .toBe(1);
    expect(await page.getByText('Imported cart.json: the previous run was replaced.').count()).toBe(1);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect
      .poll(() => page.getByRole('heading', { name: good?.title ?? '' }).count(), { timeout: 10_000 })
      .toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 90_000);

  it('opens the default lab with a polite message for a truncated link', async () => {
    // A chat tool cut the link short: the app says so and opens the default lab.
    const { page, errors } = await openAt(`#/lab?s=mll1.${'A'.repeat(40)}`);
    const message = page.locator('.app-problem-box');
    await expect.poll(() => message.count(), { timeout: 10_000 }).toBe(1);
    expect(await message.textContent()).toMatch(/That link did not open/);
    expect(await page.locator('.app-problem').getAttribute('aria-live')).toBe('polite');
    expect(await page.locator('svg g.node').count()).toBe(3);
    expect(await page.evaluate(() => window.location.hash)).toBe('#/lab');
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/broken-link.png' });
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Dismiss' }).click();
    expect(await message.count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 90_000);

  it.each(['light', 'dark'] as const)(
    'passes axe on the lab with a preset and on the gallery (%s)',
    async (scheme) => {
      const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1200, height: 900 } });
      const { page, errors } = await openAt('#/lab/crdt-or-set', context);
      // The cluster's settings are folded under their summary line; the keys and leaders inside too.
      await page.getByText(/^Cluster: /).click();
      await page.getByText(/^Keys:/).click();
      await page.getByText(/^Leaders: priority/).click();
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole('link', { name: 'Gallery' }).click();
      await expect.poll(() => page.getByRole('article').count(), { timeout: 10_000 }).toBeGreaterThan(20);
      expect(await axeViolations(page)).toEqual([]);
      mkdirSync('test-results', { recursive: true });
      await page.screenshot({ path: `test-results/gallery-${scheme}.png` });
      // A card opens its scene in the lab.
      await page.getByRole('link', { name: 'Auto-increment with offset and step' }).click();
      await expect
        .poll(() => page.getByRole('heading', { name: 'Auto-increment with offset and step' }).count())
        .toBe(1);
      expect(await page.evaluate(() => window.location.hash)).toBe('#/lab/auto-increment-offsets');
      expect(errors).toEqual([]);
      await context.close();
    },
    90_000,
  );
});
