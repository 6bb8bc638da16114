import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { build, preview } from 'vite';
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
  const outDir = await mkdtemp(join(tmpdir(), 'mll-dist-'));
  await build({ logLevel: 'silent', build: { outDir, emptyOutDir: true } });
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
