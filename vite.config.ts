import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import react from '@vitejs/plugin-react';
import { playwright } from '@vitest/browser-playwright';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { chromiumArgs, chromiumPath } from './tests/browser/chromium.ts';

/** The app's initial JavaScript must stay under this (gzip): a cheap school laptop on a slow line. */
const INITIAL_JS_BUDGET_KB = 150;

/**
 * Bundle-size report: the gzip size of the JavaScript a first visit loads (entry chunks and
 * what they import statically), written to dist/bundle-report.json and printed.
 */
function bundleReport(): Plugin {
  return {
    name: 'mll-bundle-report',
    apply: 'build',
    generateBundle(_options, bundle) {
      const initial = new Set<string>();
      const visit = (name: string) => {
        const chunk = bundle[name];
        if (chunk?.type !== 'chunk' || initial.has(name)) return;
        initial.add(name);
        chunk.imports.forEach(visit);
      };
      for (const chunk of Object.values(bundle)) if (chunk.type === 'chunk' && chunk.isEntry) visit(chunk.fileName);
      const files = [...initial].map((name) => {
        const chunk = bundle[name];
        const code = chunk?.type === 'chunk' ? chunk.code : '';
        return { file: name, bytes: Buffer.byteLength(code), gzipBytes: gzipSync(code).length };
      });
      const gzipBytes = files.reduce((sum, f) => sum + f.gzipBytes, 0);
      const report = { initialJsGzipBytes: gzipBytes, budgetBytes: INITIAL_JS_BUDGET_KB * 1000, files };
      this.emitFile({ type: 'asset', fileName: 'bundle-report.json', source: `${JSON.stringify(report, null, 2)}\n` });
      const kb = (gzipBytes / 1000).toFixed(1);
      this.info(
        `initial JavaScript ${kb} kB gzip (budget ${String(INITIAL_JS_BUDGET_KB)} kB${gzipBytes > report.budgetBytes ? ': OVER BUDGET' : ''})`,
      );
    },
  };
}

export default defineConfig({
  plugins: [react(), bundleReport()],
  build: { sourcemap: true },
  test: {
    // Deeper property searches (FC_RUNS) take minutes; the default run stays well inside 15 s.
    testTimeout: process.env.FC_RUNS ? 3_600_000 : 15_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
          environment: 'node',
          setupFiles: ['tests/setup/fastcheck.ts'],
        },
      },
      {
        extends: true,
        plugins: [storybookTest({ configDir: '.storybook' })],
        test: {
          name: 'stories',
          // Every story renders, its play function acts it out, axe checks it: in the system Chromium.
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({ launchOptions: { executablePath: chromiumPath, args: chromiumArgs } }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
