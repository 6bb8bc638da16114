import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, type BuiltApp, serveBuiltApp } from './builtApp';

/** A keyboard-only student at 1366×768: the first conflict, counting every key pressed. */
let app: BuiltApp;
let browser: Browser;
let url: string;
/** Where screenshots go when SHOTS names a folder (they are looked at, not compared). */
const shots = process.env.SHOTS;

beforeAll(async () => {
  app = await serveBuiltApp();
  ({ url, browser } = app);
  if (shots) mkdirSync(shots, { recursive: true });
}, 60_000);

afterAll(async () => {
  await app.close();
});

describe('the lab by keyboard only', () => {
  it('reaches a first conflict in under 30 key presses, axe clean', { timeout: 60_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${url}#/lab`);
    await expect.poll(() => page.locator('svg g.node').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);

    let presses = 0;
    const press = async (key: string) => {
      presses += 1;
      await page.keyboard.press(key);
    };
    const writeTarget = () => page.locator('.mll-write-target').textContent();

    // "?" lists the shortcuts in a modal; Escape closes it.
    await press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    if (shots) await page.screenshot({ path: join(shots, 'time-shortcuts-1366.png') });
    await press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    const helpPresses = presses;

    // Write at Frankfurt (the first leader), cut its links, write at Virginia, heal, play.
    await press('w');
    await press('A');
    await press('Enter');
    await press('Escape');
    await press('x');
    expect(await page.locator('.mll-link-cut').count()).toBe(2);
    await press('2');
    expect(await writeTarget()).toBe('Writing at Virginia');
    await press('w');
    await press('B');
    await press('Enter');
    if (shots) {
      await page.locator('.mll-write').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(shots, 'time-writeform-1366.png') });
    }
    await press('Escape');
    await press('1');
    expect(await writeTarget()).toBe('Writing at Frankfurt');
    await press('x');
    expect(await page.locator('.mll-link-cut').count()).toBe(0);
    await press(' ');
    await expect.poll(() => page.locator('.mll-event.conflict').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const pathPresses = presses - helpPresses;
    console.info(`keyboard-only first conflict: ${String(pathPresses)} key presses (+${String(helpPresses)} for ?)`);
    expect(pathPresses).toBeLessThan(30);
    // Two writes made while paused were 10 ms apart: time, not a tie rule, decided.
    expect(await page.locator('.mll-tie').textContent()).toBe('');
    await press(' ');
    expect(await axeViolations(page)).toEqual([]);

    // Step back by keyboard from the log: the arrows go from event to event.
    await page.getByRole('log').focus();
    // Compared in ms (the slider's value): the text shows tenths of a second, and the previous
    // event can lie in the same tenth.
    const slider = page.locator('.mll-timeline input[type=range]');
    const before = await slider.inputValue();
    await press('ArrowLeft');
    await expect.poll(() => slider.inputValue()).not.toBe(before);
    expect(Number(await slider.inputValue())).toBeLessThan(Number(before));
    expect(errors).toEqual([]);
    await context.close();
  });
});
