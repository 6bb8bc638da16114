import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import { type BuiltApp, serveBuiltApp } from './builtApp';

/** The built app, served on 127.0.0.1 and opened in Chromium. */
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

/**
 * Wait until the space-time diagram (redrawn at most every 100 ms) shows the paused lab's
 * present, so a screenshot never catches it a frame behind the graph.
 */
async function diagramCaughtUp(page: Page): Promise<void> {
  // Both say the time through the same formatter ("t = 4.3 s", "… to 4.3 s:"); at 0 the diagram spans 1 ms.
  const t = (await page.locator('.mll-timeline span').textContent())?.replace(/^t = /, '') ?? '0 ms';
  await expect
    .poll(() => page.locator('.mll-spacetime svg').getAttribute('aria-label'))
    .toContain(` to ${t === '0 ms' ? '1 ms' : t}:`);
}

/** Press Tab until the focused element passes `test` (page-side JS), as a keyboard user would. */
const tabber = (page: Page) => async (test: string) => {
  for (let i = 0; i < 120; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(test)) return;
  }
  throw new Error(`never reached: ${test}`);
};

describe('the app in a browser', () => {
  /** The app in a fresh 1200 × 900 page, collecting uncaught page errors. */
  const openLab = async () => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${url}#/lab`);
    return { context, page, errors };
  };

  it.each(['light', 'dark'] as const)(
    'draws the cluster, shows and announces a conflict after a cut, passes axe, with no console errors (%s theme)',
    async (scheme) => {
      const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1200, height: 900 } });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${url}#/lab`);
      await expect.poll(() => page.getByRole('heading', { name: 'Multi-Leader Lab' }).count()).toBe(1);
      const leaders = page.locator('svg g.node');
      await expect.poll(() => leaders.count()).toBe(3);
      expect(await leaders.first().getAttribute('aria-label')).toMatch(
        /^Frankfurt \(eu[^)]*\): leader, online; title = ∅/,
      );
      // Cut a link, write on both sides, heal, and let replication finish.
      await page.locator('svg g.link').first().click();
      await page.getByLabel('Value', { exact: true }).fill('from Frankfurt');
      await page.getByRole('button', { name: 'Write' }).click();
      await page.getByRole('combobox', { name: 'Leader', exact: true }).selectOption('us');
      await page.getByLabel('Value', { exact: true }).fill('from Virginia');
      await page.getByRole('button', { name: 'Write' }).click();
      await page.getByRole('button', { name: 'Play' }).click();
      await page.getByRole('combobox', { name: 'Speed' }).selectOption('10');
      await expect.poll(() => page.locator('.mll-event.conflict').count(), { timeout: 5000 }).toBeGreaterThan(0);
      mkdirSync('test-results', { recursive: true });
      await page.screenshot({ path: `test-results/lab-conflict-${scheme}.png`, fullPage: true });
      // The live region says it in words within a few seconds.
      await expect
        .poll(() => page.getByRole('status').textContent(), { timeout: 8000 })
        .toMatch(/took .* for title|Conflict on title/);
      const axe = await new AxeBuilder({ page }).analyze();
      expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      // Heal, watch convergence, then replay the same history under merge: both values kept.
      await page.locator('svg g.link.cut').click();
      await expect.poll(() => page.getByText('title: converged').count(), { timeout: 8000 }).toBe(1);
      await page.getByRole('combobox', { name: 'Conflict resolution' }).selectOption('merge');
      await expect
        .poll(() => page.locator('svg g.node').first().getAttribute('aria-label'))
        .toMatch(/title = "from Frankfurt\/from Virginia"/);
      await page.screenshot({ path: `test-results/lab-merge-${scheme}.png`, fullPage: true });
      // Scrub the timeline back to the start: the writes are made, nothing has reached Tokyo yet.
      await page.getByRole('button', { name: 'Pause' }).click();
      await page.getByRole('slider').first().focus();
      await page.keyboard.press('Home');
      await expect
        .poll(() => page.locator('svg g.node').last().getAttribute('aria-label'))
        .toMatch(/^Tokyo \(ap[^)]*\): leader, online; title = ∅/);
      expect(await page.locator('svg g.node').first().getAttribute('aria-label')).toMatch(/title = "from Frankfurt"/);
      await diagramCaughtUp(page);
      await page.screenshot({ path: `test-results/lab-scrubbed-${scheme}.png`, fullPage: true });
      expect(errors).toEqual([]);
      await context.close();
    },
    // An end-to-end path in a real browser, waiting on a 3 s announcer: not a speed check.
    30_000,
  );

  it('lets a keyboard-only learner cut a link, write on both sides, heal, play and see the conflict', async () => {
    const { context, page, errors } = await openLab();
    const tabTo = tabber(page);
    const label = (text: string) =>
      `document.activeElement?.closest('label')?.firstChild?.textContent?.trim() === '${text}'`;
    await tabTo(`document.activeElement?.matches('g.link') === true`);
    await page.keyboard.press('Enter');
    expect(await page.locator('g.link.cut').count()).toBe(1);
    await tabTo(label('Value'));
    await page.keyboard.type('from Frankfurt');
    await page.keyboard.press('Enter');
    await tabTo(label('Leader'));
    await page.keyboard.press('ArrowDown');
    await tabTo(label('Value'));
    await page.keyboard.press('Control+A');
    await page.keyboard.type('from Virginia');
    await page.keyboard.press('Enter');
    expect(await page.locator('.mll-event.write').count()).toBe(2);
    await page.keyboard.press('Shift+Tab');
    await tabTo(`document.activeElement?.matches('g.link.cut') === true`);
    await page.keyboard.press('Enter');
    expect(await page.locator('g.link.cut').count()).toBe(0);
    await tabTo(label('Speed'));
    for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowDown');
    await tabTo(`document.activeElement?.textContent === 'Play'`);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.mll-event.conflict').count(), { timeout: 8000 }).toBeGreaterThan(0);
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/lab-keyboard.png', fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  }, 30_000);

  it('lets a keyboard-only learner crash a leader, skew its clock, slow a link and change the tie rule', async () => {
    const { context, page, errors } = await openLab();
    const tabTo = tabber(page);
    const focused = (text: string) => `document.activeElement?.textContent?.trim() === '${text}'`;
    const named = (name: string) => `document.activeElement?.getAttribute('aria-label') === '${name}'`;
    // Select Virginia in the graph, then act on it in the leader panel.
    await tabTo(`(document.activeElement?.getAttribute('aria-label') ?? '').startsWith('Virginia (us')`);
    await page.keyboard.press('Enter');
    await tabTo(focused('Crash'));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('g.node.crashed').count()).toBe(1);
    await page.keyboard.press('Enter'); // the same button now says Recover
    await expect.poll(() => page.locator('g.node.crashed').count()).toBe(0);
    await tabTo(
      `document.activeElement?.matches('input[type=range]') && document.activeElement.closest('.mll-leader') !== null`,
    );
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    await expect
      .poll(() => page.locator('.mll-event').filter({ hasText: "Virginia's clock now runs 500 ms fast" }).count())
      .toBe(1);
    // Open the links panel and slow one link.
    await tabTo(
      `document.activeElement?.tagName === 'SUMMARY' && document.activeElement.textContent.startsWith('Links:')`,
    );
    await page.keyboard.press('Enter');
    await tabTo(named('Latency of Frankfurt–Tokyo, ms'));
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    await expect
      .poll(() => page.locator('.mll-event').filter({ hasText: 'Link Frankfurt–Tokyo latency set to 1400 ms' }).count())
      .toBe(1);
    // Switch the tie rule with the strategy's own options, from the top of the page.
    await page.keyboard.press('Shift+Tab');
    await page.locator('body').focus();
    await tabTo(`document.activeElement?.closest('label')?.textContent?.trim().startsWith('On a tie') === true`);
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.getByRole('combobox', { name: 'On a tie' }).inputValue()).toBe('lower-node-id');
    expect(errors).toEqual([]);
    await context.close();
  }, 30_000);

  it('saves a screenshot of each main state, for a person to look at, each passing axe', async () => {
    const { context, page, errors } = await openLab();
    await expect.poll(() => page.locator('svg g.node').count()).toBe(3);
    mkdirSync('test-results', { recursive: true });
    // Each state is also checked by axe: open disclosures, sibling buttons and new topologies included.
    const shot = async (name: string) => {
      await diagramCaughtUp(page);
      await page.screenshot({ path: `test-results/state-${name}.png`, fullPage: true });
      const axe = await new AxeBuilder({ page }).analyze();
      expect(
        axe.violations.map((v) => `${name} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      ).toEqual([]);
    };
    await shot('01-initial-cluster');
    // Siblings are kept under custom on read, so the conflict also shows as a badge on the graph.
    await page.getByRole('combobox', { name: 'Conflict resolution' }).selectOption('custom-read');
    await page.locator('svg g.link').first().click();
    await page.getByLabel('Value', { exact: true }).fill('from Frankfurt');
    await page.getByRole('button', { name: 'Write' }).click();
    await page.getByRole('combobox', { name: 'Leader', exact: true }).selectOption('us');
    await page.getByLabel('Value', { exact: true }).fill('from Virginia');
    await page.getByRole('button', { name: 'Write' }).click();
    await expect.poll(() => page.locator('canvas.mll-messages').getAttribute('data-held')).toBe('2');
    await shot('02-link-cut-messages-held');
    await page.locator('svg g.link.cut').click();
    await page.getByRole('combobox', { name: 'Speed' }).selectOption('10');
    await page.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => page.locator('.mll-event.conflict').count(), { timeout: 5000 }).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => page.locator('g.info .badge[visibility="visible"]').count()).toBeGreaterThan(0);
    await shot('03-conflict-log-and-badge');
    await page.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => page.getByText('title: converged').count(), { timeout: 8000 }).toBe(1);
    await expect.poll(() => page.getByRole('button', { name: 'Next delivery' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Pause' }).click();
    await shot('04-converged-after-heal');
    await page.locator('svg g.node').last().click();
    await expect.poll(() => page.getByRole('button', { name: /^Keep/ }).count()).toBe(2);
    await page.getByText('Internal state of title').click();
    await shot('05-siblings-in-leader-panel');
    await page.getByRole('button', { name: 'Crash' }).click();
    await expect.poll(() => page.locator('svg g.node.crashed').count()).toBe(1);
    await shot('06-crashed-leader');
    // The cluster's settings are folded under their summary line.
    await page.getByText(/^Cluster: 3 leaders, all-to-all/).click();
    await page.getByRole('combobox', { name: 'Leaders' }).selectOption('5');
    await page.getByRole('combobox', { name: 'Topology' }).selectOption('ring');
    await expect.poll(() => page.locator('svg g.link').count()).toBe(5);
    await shot('07-ring-of-five');
    await page.getByRole('combobox', { name: 'Topology' }).selectOption('star');
    await expect.poll(() => page.locator('svg g.link').count()).toBe(4);
    await shot('08-star-of-five');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot('09-dark-theme');
    expect(errors).toEqual([]);
    await context.close();
    // Nine screenshots and nine axe runs: about 15 s alone, a minute or two beside other suites on 2 cores.
  }, 150_000);

  it('fits a 360 px phone: no sideways scrolling, graph above the panels', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2 });
    const page = await context.newPage();
    await page.goto(`${url}#/lab`);
    await expect.poll(() => page.locator('svg g.node').count()).toBe(3);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    const graph = await page.locator('.mll-graph').boundingBox();
    const form = await page.getByRole('form', { name: 'Write' }).boundingBox();
    expect((graph?.y ?? 0) < (form?.y ?? 0)).toBe(true);
    // Text at least 12 px on screen: the space-time diagram's lane labels, as drawn (CSS size × SVG scale).
    // The diagram loads after the graph (its own chunk): wait for it.
    await expect.poll(() => page.locator('.mll-spacetime .lane text').count()).toBe(3);
    const rendered = await page.locator('.mll-spacetime .lane text').evaluateAll((labels) =>
      labels.map((l) => {
        const text = l as SVGTextElement;
        return parseFloat(getComputedStyle(text).fontSize) * (text.getScreenCTM()?.a ?? 0);
      }),
    );
    expect(rendered).toHaveLength(3);
    for (const px of rendered) expect(px).toBeGreaterThanOrEqual(12);
    await page.screenshot({ path: 'test-results/lab-phone.png', fullPage: true });
    await page.screenshot({ path: 'test-results/state-10-phone-360.png', fullPage: true });
    await context.close();
  });
});
