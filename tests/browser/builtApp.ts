import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { build, preview } from 'vite';
import { cachedBuild } from './buildCache';
import { launchChromium } from './chromium';

/**
 * What every browser suite starts from: the production build, served on 127.0.0.1, and the
 * system Chromium; plus axe's violations in one line each, for `toEqual([])`.
 */
export interface BuiltApp {
  readonly url: string;
  readonly browser: Browser;
  close(): Promise<void>;
}

export async function serveBuiltApp(): Promise<BuiltApp> {
  // Built once per version of the sources for every suite (under Vitest: React's development build).
  const outDir = await cachedBuild(`app-${process.env.NODE_ENV ?? 'none'}`, async (dir) => {
    await build({ logLevel: 'silent', build: { outDir: dir, emptyOutDir: true } });
  });
  const server = await preview({ logLevel: 'silent', build: { outDir }, preview: { host: '127.0.0.1', port: 0 } });
  const browser = await launchChromium();
  return {
    url: server.resolvedUrls?.local[0] ?? '',
    browser,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

export async function axeViolations(page: Page): Promise<string[]> {
  const axe = await new AxeBuilder({ page }).analyze();
  return axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
