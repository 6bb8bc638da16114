import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, type BuiltApp, serveBuiltApp } from './builtApp';

/**
 * A newcomer's first five minutes, as the issue "The first five minutes" describes them: from
 * the landing page into the lab, a first conflict, the legend opened, the comparison read and
 * an undo used. Once by mouse and once by keyboard only, on a 1366×768 laptop and on a 360 px
 * phone, in the light and the dark theme; axe is clean at every step, and each step is saved
 * as a screenshot for a person to look at (test-results/student-*.png).
 */
let app: BuiltApp;

beforeAll(async () => {
  app = await serveBuiltApp();
}, 60_000);

afterAll(async () => {
  await app.close();
});

const shots = join('test-results');

const sizes = [
  { name: '1366', width: 1366, height: 768 },
  { name: '360', width: 360, height: 740 },
] as const;

async function open(size: (typeof sizes)[number], scheme: 'light' | 'dark') {
  const context = await app.browser.newContext({
    viewport: { width: size.width, height: size.height },
    colorScheme: scheme,
    ...(size.width < 500 ? { isMobile: true, hasTouch: true } : {}),
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(`${app.url}#/`);
  mkdirSync(shots, { recursive: true });
  let n = 0;
  /** axe clean, then a screenshot of what the student sees now. */
  const step = async (name: string) => {
    expect(await axeViolations(page), `axe at "${name}"`).toEqual([]);
    n += 1;
    await page.screenshot({
      path: join(shots, `student-${size.name}-${scheme}-${String(n).padStart(2, '0')}-${name}.png`),
    });
  };
  return { context, page, errors, step };
}

/** The lab's log has a conflict, and the lab says who won. */
async function conflictReached(page: Page) {
  await expect.poll(() => page.locator('.mll-event.conflict').count(), { timeout: 20_000 }).toBeGreaterThan(0);
}

/** Press Tab until the focused element passes `test`, as a keyboard user would. */
async function tabTo(page: Page, test: string, presses = 150) {
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(test)) return;
  }
  throw new Error(`never reached by Tab: ${test}`);
}
const focusedText = (text: string) => `document.activeElement?.textContent?.trim() === '${text}'`;

describe('a student’s first five minutes', () => {
  for (const size of sizes) {
    it(`by mouse at ${size.name} px (light theme)`, { timeout: 180_000 }, async () => {
      const { context, page, errors, step } = await open(size, 'light');
      await step('landing');
      await page.getByRole('link', { name: 'Free lab' }).click();
      await expect.poll(() => page.locator('svg g.node').count()).toBe(3);
      await step('lab');

      const link = page.locator('g.link[aria-label^="Link Frankfurt–Virginia"], g.link').first();
      if (size.width > 500) {
        // Before cutting, the pointer shows what a click will do.
        await link.hover();
        await expect
          .poll(() => link.evaluate((g) => getComputedStyle(g.querySelector('.wire') as Element).strokeDasharray))
          .not.toBe('none');
      }
      // Cut Frankfurt's links by clicking them, write on both sides, heal, play.
      const cutAll = async () => {
        for (const l of await page.locator('g.link').all()) {
          const name = (await l.getAttribute('aria-label')) ?? '';
          if (name.includes('Frankfurt')) await l.click();
        }
      };
      await cutAll();
      expect(await page.locator('g.link.cut').count()).toBe(2);
      const value = page.getByRole('textbox', { name: 'Value' });
      await value.fill('A');
      await page.getByRole('button', { name: 'Write', exact: true }).click();
      // Select Virginia in the graph: the form says it writes there.
      await page.locator('g.node[aria-label^="Virginia"]').click();
      await expect.poll(() => page.locator('.mll-write-target').textContent()).toBe('Writing at Virginia');
      await value.fill('B');
      await page.getByRole('button', { name: 'Write', exact: true }).click();
      await step('partitioned-writes');
      await cutAll();
      expect(await page.locator('g.link.cut').count()).toBe(0);
      await page.getByRole('button', { name: 'Play', exact: true }).first().click();
      await conflictReached(page);
      await page.getByRole('button', { name: 'Pause', exact: true }).first().click();
      await step('first-conflict');

      // The legend names the marks.
      await page.getByRole('button', { name: 'Legend' }).click();
      const legend = page.getByRole('dialog', { name: 'Legend' });
      await expect.poll(() => legend.isVisible()).toBe(true);
      expect(await legend.getByText('Conflict resolved').count()).toBeGreaterThan(0);
      await step('legend');
      await page.getByRole('button', { name: 'Close legend' }).click();

      // Compare: the same history under every strategy, and what each lost.
      await page.getByRole('button', { name: 'Compare strategies' }).click();
      const compare = page.getByRole('region', { name: 'Compare strategies' });
      await expect.poll(() => compare.getByRole('row').count(), { timeout: 30_000 }).toBe(6);
      await expect.poll(() => compare.getByRole('status').textContent()).toMatch(/replayed under 5 strategies/);
      const lww = compare.getByRole('row', { name: /Last write wins \(physical clock\)/ });
      expect(Number(await lww.locator('.mll-compare-count').textContent())).toBeGreaterThan(0);
      const crdt = compare.getByRole('row', { name: /CRDT/ }).first();
      expect(await crdt.count()).toBe(1);
      await compare.scrollIntoViewIfNeeded();
      await step('compare');
      await page.getByRole('button', { name: 'Close comparison' }).click();

      // Reset discards the run; Undo brings it back, conflict and all.
      await page.getByRole('button', { name: 'Reset', exact: true }).click();
      await expect.poll(() => page.locator('.mll-event.conflict').count()).toBe(0);
      await page.getByRole('button', { name: 'Undo', exact: true }).click();
      await conflictReached(page);
      await step('undone');
      expect(errors).toEqual([]);
      await context.close();
    });

    it(`by keyboard only at ${size.name} px (dark theme)`, { timeout: 180_000 }, async () => {
      const { context, page, errors, step } = await open(size, 'dark');
      await step('landing');
      await tabTo(page, focusedText('Free lab'));
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('svg g.node').count()).toBe(3);
      await step('lab');

      // The shortcuts: write at Frankfurt, cut its links, write at Virginia, heal, play.
      await page.keyboard.press('w');
      await page.keyboard.type('A');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Escape');
      await page.keyboard.press('x');
      expect(await page.locator('g.link.cut').count()).toBe(2);
      await page.keyboard.press('2');
      await expect.poll(() => page.locator('.mll-write-target').textContent()).toBe('Writing at Virginia');
      await page.keyboard.press('w');
      await page.keyboard.type('B');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Escape');
      await step('partitioned-writes');
      await page.keyboard.press('1');
      await page.keyboard.press('x');
      expect(await page.locator('g.link.cut').count()).toBe(0);
      await page.keyboard.press(' ');
      await conflictReached(page);
      await page.keyboard.press(' ');
      await step('first-conflict');

      // The legend, reached by Tab, closed by Escape (focus back on its button).
      await tabTo(page, focusedText('Legend'));
      await page.keyboard.press('Enter');
      const legend = page.getByRole('dialog', { name: 'Legend' });
      await expect.poll(() => legend.isVisible()).toBe(true);
      await step('legend');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Escape');
      await expect.poll(() => legend.count()).toBe(0);
      expect(await page.evaluate(focusedText('Legend'))).toBe(true);

      // Compare, by Tab and Enter; the table scrolls by keyboard where it is wider than a phone.
      await page.keyboard.press('Shift+Tab');
      await tabTo(page, focusedText('Compare strategies'));
      await page.keyboard.press('Enter');
      const compare = page.getByRole('region', { name: 'Compare strategies' });
      await expect.poll(() => compare.getByRole('row').count(), { timeout: 30_000 }).toBe(6);
      await tabTo(page, `document.activeElement?.getAttribute('aria-label') === 'Comparison table'`, 10);
      // Where the table is wider than its box, the arrows scroll it and leave the lab's time alone.
      const wide = await compare
        .getByRole('group', { name: 'Comparison table' })
        .evaluate((el) => el.scrollWidth > el.clientWidth);
      await page.keyboard.press('ArrowRight');
      if (wide) expect(await compare.getByRole('status').textContent()).toMatch(/replayed under 5 strategies/);
      await step('compare');

      // Reset by keyboard, then Ctrl+Z: the run comes back.
      await tabTo(page, focusedText('Reset'));
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('.mll-event.conflict').count()).toBe(0);
      await page.keyboard.press('Control+z');
      await conflictReached(page);
      await step('undone');
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
