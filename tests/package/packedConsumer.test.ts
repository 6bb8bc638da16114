import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { build, preview } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../browser/chromium';

/**
 * The npm package as a course author's React site gets it: `npm pack` from a staged build, the
 * tarball installed offline into a fresh Vite + React +
 * TypeScript project, which type-checks, builds and renders the lab in Chromium.
 */
const run = promisify(execFile);
const repo = resolve('.');

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

/** Build what the package ships into a staging folder and pack it there; returns the tarball. */
async function pack(): Promise<string> {
  const stage = await mkdtemp(join(tmpdir(), 'mll-pack-'));
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: 'build/vite.element.config.ts',
      logLevel: 'silent',
      build: { outDir: join(stage, 'dist') },
    });
    await build({
      configFile: 'build/vite.lib.config.ts',
      logLevel: 'silent',
      build: { outDir: join(stage, 'dist/lib') },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  await run(join(repo, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.lib.json', '--outDir', join(stage, 'dist/types')]);
  for (const file of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md']) cpSync(file, join(stage, file));
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', stage], { cwd: stage });
  const [packed] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
  if (!packed) throw new Error('npm pack packed nothing');
  const paths = packed.files.map((f) => f.path);
  expect(paths).toEqual(
    expect.arrayContaining([
      'dist/lib/index.js',
      'dist/lib/style.css',
      'dist/multi-leader-lab.js',
      'dist/types/embed/index.d.ts',
      'LICENSE',
      'CHANGELOG.md',
    ]),
  );
  // Nothing of the app, the tests or the sources.
  expect(paths.filter((p) => p.startsWith('src/') || p.startsWith('tests/') || p.includes('size-'))).toEqual([]);
  return join(stage, packed.filename);
}

const consumerMain = `import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MultiLeaderLab, presetById, type LabActions, type Scenario } from 'multi-leader-lab';
import 'multi-leader-lab/style.css';
import { MultiLeaderLabElement } from 'multi-leader-lab/element';

const scenario: Scenario | undefined = presetById('lww-clock-skew');
if (!scenario) throw new Error('no preset');
const ready = (actions: LabActions) => {
  document.body.dataset.readyAt = String(actions.snapshot().time);
};
// The types are real: a wrong prop is an error (were they 'any', this directive would be unused).
// @ts-expect-error -- scenario takes a Scenario, not a number
const wrong = <MultiLeaderLab scenario={42} />;
void wrong;

const element = document.createElement('multi-leader-lab');
element.setAttribute('preset', 'merge-cart');
element.addEventListener('mll-ready', (event) => {
  document.body.dataset.elementReady = event.detail.preset ?? '';
});
document.body.append(element);
console.log(element instanceof MultiLeaderLabElement);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <MultiLeaderLab scenario={scenario} title="From the package" controls={{ compare: false }} onReady={ready} />
    </StrictMode>,
  );
}
`;

describe('the npm package', () => {
  it(
    'installs from its tarball offline into a fresh Vite + React project that type-checks, builds and renders it',
    { timeout: 600_000 },
    async () => {
      const tarball = await pack();
      const app = await mkdtemp(join(tmpdir(), 'mll-consumer-'));
      mkdirSync(join(app, 'src'));
      writeFileSync(
        join(app, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            target: 'ES2022',
            lib: ['ES2023', 'DOM', 'DOM.Iterable'],
            module: 'ESNext',
            moduleResolution: 'bundler',
            jsx: 'react-jsx',
            strict: true,
            noEmit: true,
            skipLibCheck: false,
            types: [],
          },
          include: ['src'],
        }),
      );
      writeFileSync(join(app, 'src/env.d.ts'), "declare module '*.css';\n");
      writeFileSync(
        join(app, 'index.html'),
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Course</title></head><body><div id="root"></div><script type="module" src="/src/main.tsx"></script></body></html>',
      );
      writeFileSync(join(app, 'src/main.tsx'), consumerMain);
      writeFileSync(
        join(app, 'vite.config.js'),
        "import react from '@vitejs/plugin-react';\nimport { defineConfig } from 'vite';\nexport default defineConfig({ plugins: [react()] });\n",
      );
      const tools = [
        'react',
        'react-dom',
        'vite',
        '@vitejs/plugin-react',
        'typescript',
        '@types/react',
        '@types/react-dom',
        // What the package depends on: npm would fetch these; offline they come from here too.
        ...Object.keys(
          (JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> }).dependencies,
        ),
      ];
      // Offline and quick: the project's tools are those this repository already installed (linked,
      // as in a monorepo); the package itself comes from its tarball alone. No registry, no network.
      const dependencies = Object.fromEntries(tools.map((t) => [t, `file:${join(repo, 'node_modules', t)}`]));
      writeFileSync(
        join(app, 'package.json'),
        JSON.stringify({
          name: 'course-site',
          private: true,
          type: 'module',
          dependencies: { ...dependencies, 'multi-leader-lab': `file:${tarball}` },
        }),
      );
      await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: app });
      await run(join(app, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], { cwd: app });
      await run(join(app, 'node_modules/.bin/vite'), ['build', '--logLevel', 'error'], { cwd: app });
      expect(readdirSync(join(app, 'dist/assets')).some((f) => f.endsWith('.js'))).toBe(true);

      const server = await preview({
        root: app,
        configFile: false,
        logLevel: 'silent',
        preview: { host: '127.0.0.1', port: 0 },
      });
      const browser = await launchChromium();
      cleanups.push(async () => {
        await browser.close();
        await server.close();
      });
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(server.resolvedUrls?.local[0] ?? '');
      await expect.poll(() => page.locator('#root svg g.node').count(), { timeout: 15_000 }).toBe(3);
      expect(await page.locator('#root h1').textContent()).toBe('From the package');
      await expect
        .poll(() => page.evaluate(() => document.body.dataset.elementReady), { timeout: 15_000 })
        .toBe('merge-cart');
      expect(await page.evaluate(() => document.body.dataset.readyAt)).toBeDefined();
      expect(errors).toEqual([]);
    },
  );
});
