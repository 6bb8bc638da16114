/**
 * Screenshots to compare the lab's drawing before and after a change (not a test):
 * `npx tsx tests/bench/ui-shots.ts <out dir>`; `MLL_DIST=dir` reuses a build. The `?bench`
 * lab after 3 s of traffic, and a preset played then sought to a fixed time, at 1366×768 and
 * 360 px, light and dark: the whole page, the space-time diagram alone, and the diagram with
 * the pointer over its busiest lane (what a hover highlights).
 */
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, preview } from 'vite';
import { launchChromium } from '../browser/chromium';

const out = process.argv[2] ?? (await mkdtemp(join(tmpdir(), 'mll-shots-')));
await mkdir(out, { recursive: true });
const outDir = process.env.MLL_DIST ?? (await mkdtemp(join(tmpdir(), 'mll-shots-dist-')));
if (!process.env.MLL_DIST) await build({ logLevel: 'silent', build: { outDir, emptyOutDir: true } });
const server = await preview({ logLevel: 'silent', build: { outDir }, preview: { host: '127.0.0.1', port: 0 } });
const url = server.resolvedUrls?.local[0] ?? '';
const browser = await launchChromium();

const sizes = [
  { name: 'wide', width: 1366, height: 768 },
  { name: 'phone', width: 360, height: 740 },
] as const;
for (const size of sizes)
  for (const scheme of ['light', 'dark'] as const)
    for (const scene of ['bench', 'preset'] as const) {
      const context = await browser.newContext({
        viewport: { width: size.width, height: size.height },
        colorScheme: scheme,
        reducedMotion: 'no-preference',
      });
      const page = await context.newPage();
      if (scene === 'bench') {
        await page.goto(`${url}?bench`);
        await page.waitForTimeout(3000);
        await page.getByRole('button', { name: 'Pause', exact: true }).first().click();
      } else {
        await page.goto(`${url}#/lab/lww-clock-skew`);
        await page.getByRole('button', { name: 'Play', exact: true }).first().click();
        await page.waitForTimeout(4000);
        await page.getByRole('button', { name: 'Pause', exact: true }).first().click();
        // The same moment in every picture, whatever the machine's speed.
        await page.evaluate(`(() => {
          const input = document.querySelector('.mll-timeline input');
          const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
          set.call(input, '2500');
          input.dispatchEvent(new Event('input', { bubbles: true }));
        })()`);
      }
      await page.waitForTimeout(500);
      const base = join(out, `${scene}-${size.name}-${scheme}`);
      await page.screenshot({ path: `${base}-page.png`, fullPage: true });
      const diagram = page.locator('.mll-spacetime svg').first();
      await diagram.scrollIntoViewIfNeeded();
      await page.waitForTimeout(300);
      await diagram.screenshot({ path: `${base}-diagram.png` });
      // Hover where the most arrows leave: the first lane, a third of the way down.
      const box = await diagram.boundingBox();
      if (box) {
        const lane = await page.evaluate<number>(
          `(() => { const l = document.querySelector('.mll-spacetime .lane line'); const s = l.ownerSVGElement; const r = l.getBoundingClientRect(); return r.x + r.width / 2; })()`,
        );
        let hit = false;
        for (let y = box.y + box.height * 0.2; y < box.y + box.height * 0.95 && !hit; y += 3) {
          await page.mouse.move(lane + 1, y);
          // An element per arrow, or a path per look (empty when nothing is highlighted).
          hit = await page.evaluate<boolean>(
            `[...document.querySelectorAll('.mll-spacetime .highlighted')].some((e) => e.tagName !== 'path' || e.getAttribute('d'))`,
          );
        }
        await page.waitForTimeout(200);
        await diagram.screenshot({ path: `${base}-hover.png` });
      }
      await context.close();
    }
console.log(out);
await browser.close();
await server.close();
