import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import react from '@vitejs/plugin-react';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { sizeBudget } from './build/plugins.ts';
import { chromiumArgs, chromiumPath } from './tests/browser/chromium.ts';

/** The app's initial JavaScript must stay under this (gzip): a cheap school laptop on a slow line. */
const INITIAL_JS_BUDGET_KB = 150;

export default defineConfig({
  plugins: [
    react(),
    sizeBudget({ id: 'app', what: 'The app’s initial JavaScript', budgetKb: INITIAL_JS_BUDGET_KB, count: 'initial' }),
  ],
  // Relative URLs: dist/ works from any sub-path (https://uni.example/courses/lab/).
  base: './',
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
          setupFiles: ['tests/setup/fastcheck.ts', 'tests/setup/dom.ts'],
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
