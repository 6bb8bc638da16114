import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { course } from '../../src/lessons/course';
import type { LessonStep } from '../../src/lessons/types';
import { axeViolations, type BuiltApp, serveBuiltApp } from './builtApp';

/**
 * A student takes the whole course by keyboard only, from the landing page: every prediction
 * answered (the right choice, picked with the arrow keys), every task done (one with the lab's
 * own shortcuts, the rest with "Show me") and checked in the lab, axe clean on every step. Then a
 * phone at 360 px. SHOTS=<folder> keeps a screenshot of each lesson to look at.
 */
let app: BuiltApp;
let browser: Browser;
let url: string;
const shots = process.env.SHOTS;

beforeAll(async () => {
  app = await serveBuiltApp();
  ({ url, browser } = app);
  if (shots) mkdirSync(shots, { recursive: true });
}, 60_000);

afterAll(async () => {
  await app.close();
});

/** What the focused element must be: every given field must hold. */
interface Match {
  readonly selector?: string;
  readonly text?: string;
  readonly textStart?: string;
}

/** Press Tab until the focused element matches; fails after 60 presses. */
async function tabTo(page: Page, what: string, match: Match): Promise<void> {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const ok = await page.evaluate((m) => {
      const el = document.activeElement;
      if (!el) return false;
      const text = el.textContent;
      return (
        (m.selector === undefined || el.matches(m.selector)) &&
        (m.text === undefined || text === m.text) &&
        (m.textStart === undefined || text.startsWith(m.textStart))
      );
    }, match);
    if (ok) return;
  }
  throw new Error(`Tab never reached ${what}`);
}

const focusedText = (page: Page) =>
  page.evaluate(() => `${document.activeElement?.tagName ?? ''}:${document.activeElement?.textContent ?? ''}`);

/** What each task leaves in the lab for the student to see, checked in the page. */
const labShows: Record<string, (page: Page) => Promise<void>> = {
  'write-anywhere': async (page) => {
    expect(await page.locator('.lesson-lab .mll-event.write').count()).toBeGreaterThanOrEqual(2);
  },
  partition: async (page) => {
    expect(await page.locator('.lesson-lab .mll-event.heal-link').count()).toBeGreaterThan(0);
  },
  'all-to-all-crash': async (page) => {
    expect(await page.locator('.lesson-lab path.crash-mark[visibility="visible"]').count()).toBe(1);
  },
  'make-conflict': async (page) => {
    await expect.poll(() => page.locator('.lesson-lab .mll-event.conflict').count()).toBeGreaterThan(0);
  },
  hlc: async (page) => {
    expect(await page.locator('.lesson-lab svg').first().textContent()).toContain('final');
  },
  text: async (page) => {
    // The log redraws a few times a second; the task is seen as done at once.
    await expect.poll(() => page.locator('.lesson-lab .mll-event.conflict').count()).toBeGreaterThan(0);
  },
  switch: async (page) => {
    expect(await page.locator('.lesson-lab .mll-strategy select').first().inputValue()).toMatch(/crdt/);
  },
};

/** The conflict task the way the lab's own shortcuts do it (as tests/browser/keyboard.test.ts does). */
async function conflictByShortcuts(page: Page): Promise<void> {
  await tabTo(page, 'the lab', { selector: '.lesson-lab .mll button' });
  for (const key of ['1', 'x', 'w', 'A', 'Enter', 'Escape', '2', 'w', 'B', 'Enter', 'Escape', '1', 'x', ' ']) {
    await page.keyboard.press(key);
  }
}

async function doStep(page: Page, lessonId: string, step: LessonStep): Promise<void> {
  // Focus is on the step's heading when it opens.
  await expect.poll(() => focusedText(page), { timeout: 10_000 }).toBe(`H2:${step.title}`);
  await expect.poll(() => page.locator('.lesson-lab svg g.node').count(), { timeout: 10_000 }).toBeGreaterThan(0);
  if (!step.predict && !step.task) expect(await axeViolations(page), `${lessonId}/${step.id}`).toEqual([]);
  if (step.predict) {
    const right = step.predict.choices.findIndex((c) => c.correct);
    await tabTo(page, 'the choices', { selector: 'input[type=radio]' });
    if (right === 0) await page.keyboard.press('Space');
    for (let i = 0; i < right; i++) await page.keyboard.press('ArrowDown');
    await tabTo(page, 'Check my answer', { text: 'Check my answer' });
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedText(page)).toMatch(/^P:Your answer was right/);
    expect(await page.locator('.lesson-choice-right').textContent()).toContain(step.predict.choices[right]?.text);
    expect(await axeViolations(page), `${lessonId}/${step.id} revealed`).toEqual([]);
  }
  if (step.task) {
    if (step.id === 'make-conflict') await conflictByShortcuts(page);
    else {
      await tabTo(page, 'Show me', { text: 'Show me' });
      await page.keyboard.press('Enter');
    }
    const done = async () => page.locator('.lesson-status').getAttribute('data-done');
    for (let waited = 0; (await done()) !== 'true'; waited += 250) {
      if (waited > 20_000) {
        await page.screenshot({ path: '/tmp/lesson-task-failed.png' });
        throw new Error(`${lessonId}/${step.id}: the task was not detected as done`);
      }
      await page.waitForTimeout(250);
    }
    await labShows[step.id]?.(page);
    expect(await page.locator('.lesson-said').textContent()).toMatch(/^Done!/);
    expect(await axeViolations(page), `${lessonId}/${step.id} done`).toEqual([]);
  }
  await tabTo(page, 'Next', { selector: '.lesson-next' });
  await page.keyboard.press('Enter');
}

describe('the course by keyboard only', () => {
  it('a student completes every lesson from the landing page', { timeout: 600_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${url}#/`);
    await tabTo(page, 'the first lesson', { textStart: 'Start with' });
    await page.keyboard.press('Enter');
    const lessons = course();
    for (const [n, lesson] of lessons.entries()) {
      await expect.poll(() => page.evaluate(() => window.location.hash)).toBe(`#/lesson/${lesson.id}/1`);
      for (const [i, step] of lesson.steps.entries()) {
        await doStep(page, lesson.id, step);
        if (i === 0 && shots) await page.screenshot({ path: join(shots, `lesson-${String(n + 1)}-${lesson.id}.png`) });
      }
      await expect.poll(() => focusedText(page)).toBe('H2:Lesson complete');
      expect(await page.locator('.lesson-recap li').allTextContents()).toEqual(lesson.steps.map((s) => `✓ ${s.title}`));
      expect(await axeViolations(page)).toEqual([]);
      if (n < lessons.length - 1) {
        await tabTo(page, 'the next lesson', { textStart: 'Next lesson' });
        await page.keyboard.press('Enter');
      }
    }
    // The course menu now shows every lesson completed, kept in localStorage across a reload.
    await page.goto(`${url}#/lessons`);
    await page.reload();
    // The menu loads on demand after the reload: wait for it.
    await expect
      .poll(() => page.locator('.app-lesson-meta span').allTextContents(), { timeout: 10_000 })
      .toEqual(lessons.map(() => 'Completed'));
    if (shots) await page.screenshot({ path: join(shots, 'lessons-menu-completed.png') });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('fits a 360 px phone: no sideways scroll, axe clean, the step before its lab', { timeout: 180_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    for (const hash of ['#/lessons', '#/lesson/conflicts-and-lww/3', '#/lesson/why-several-leaders/5']) {
      await page.goto(`${url}${hash}`);
      await expect
        .poll(() => page.locator('.lesson-panel h2, .app-lessons h1').first().isVisible(), { timeout: 10_000 })
        .toBe(true);
      await page.waitForTimeout(300);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), hash).toBeLessThanOrEqual(360);
      expect(await axeViolations(page), hash).toEqual([]);
      if (shots)
        await page.screenshot({ path: join(shots, `phone-${hash.replace(/[#/?=]+/g, '-')}.png`), fullPage: true });
    }
    const panel = await page.locator('.lesson-panel').boundingBox();
    const lab = await page.locator('.lesson-lab').boundingBox();
    expect(panel && lab && panel.y < lab.y).toBe(true);
    await context.close();
  });

  it(
    'a teacher’s lesson opens from an address, and a broken one lists its problems by step',
    { timeout: 60_000 },
    async () => {
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${url}#/lesson?src=${encodeURIComponent('/lessons/tie-rules.json')}`);
      await expect.poll(() => focusedText(page), { timeout: 10_000 }).toBe('H2:Cassandra: the larger value');
      expect(await axeViolations(page)).toEqual([]);
      await page.route('**/broken.json', (route) =>
        route.fulfill({
          contentType: 'application/json',
          body: JSON.stringify({
            id: 'x',
            title: 'x',
            summary: 'x',
            minutes: 2,
            steps: [{ id: 's', title: 't', concepts: ['lww'], text: 't', scenario: 'nope' }],
          }),
        }),
      );
      await page.goto(`${url}#/lesson?src=${encodeURIComponent('/broken.json')}`);
      await expect
        .poll(() => page.locator('.app-problem-box li').first().textContent(), { timeout: 10_000 })
        .toMatch(/^Step 1, at scenario \(steps\[0\]\.scenario\): there is no preset "nope"/);
      expect(await axeViolations(page)).toEqual([]);
      if (shots) await page.screenshot({ path: join(shots, 'lesson-src-broken.png') });
      await context.close();
    },
  );
});
