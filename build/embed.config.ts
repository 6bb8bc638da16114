import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import type { UserConfig } from 'vite';
import { cssOnlyInline, sizeBudget, staticImports } from './plugins.ts';

/** The element's module must stay under this (gzip): it is everything a course page loads for a lab. */
export const ELEMENT_BUDGET_KB = 160;

/**
 * The frame's classic script cannot fetch parts later (see `frame` below), so it holds what the
 * element loads on demand too: the link reader, the panels behind a click, and the lessons with
 * the whole course (about 25 kB gzip of it): 201.6 kB today. An iframe loads it in its own page,
 * not the host's.
 */
export const FRAME_BUDGET_KB = 210;

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
};
const externals = [...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})];

/**
 * What every lab needs (the libraries but the link reader's deflate, the model and its layers),
 * grouped with the element's entry so it stays in multi-leader-lab.js: left alone, rolldown
 * sometimes moved what the entry shares with a part loaded on demand (React, the model) into a
 * chunk of its own, fetched with the entry (the size check's oneFile catches that).
 */
const ELEMENT_CORE = /node_modules[\\/](?!fflate)|src[\\/](core|strategies|model|store)[\\/]/;

export type EmbedBuild = 'element' | 'frame' | 'lib';

/**
 * The builds after the app's (`npm run build` runs them in this order, into the app's dist/),
 * each from its own config file (build/vite.<build>.config.ts), all in production mode:
 * - `element`: dist/multi-leader-lab.js, one ES module defining <multi-leader-lab>, its
 *   CSS inside (adopted by the shadow root). What only some embeds or a click need (the link
 *   reader for a `scenario`, a lesson, the legend's panel, the comparer, the cluster settings,
 *   the shortcuts list) is in modules beside it (`multi-leader-lab-*.js`), imported from its own
 *   URL when needed: a lab on a preset needs nothing else;
 * - `frame`: dist/embed.js, the classic script of embed.html (a sandboxed frame's
 *   opaque origin cannot load a module from a host that sends no CORS header);
 * - `lib`: dist/lib/, the npm package's React component (React left to the host) and
 *   style.css.
 */
export function embedConfig(mode: EmbedBuild): UserConfig {
  const shared: UserConfig = {
    // Libraries read process.env.NODE_ENV; a browser has no `process`.
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    publicDir: false,
    logLevel: 'warn',
  };
  if (mode === 'element' || mode === 'frame') {
    const element = mode === 'element';
    return {
      ...shared,
      plugins: [
        react(),
        cssOnlyInline(),
        sizeBudget({
          id: mode,
          what: element ? 'The element module (multi-leader-lab.js)' : 'The frame script (embed.js)',
          budgetKb: element ? ELEMENT_BUDGET_KB : FRAME_BUDGET_KB,
          count: 'initial',
          ...(element ? { oneFile: 'multi-leader-lab.js' } : {}),
        }),
        // The space-time diagram and the held writes' report are part of every lab that shows them:
        // in the module, not fetched after it.
        ...(element ? [staticImports(['./spacetime/SpaceTimeView', './HeldWrites'])] : []),
      ],
      build: {
        outDir: 'dist',
        emptyOutDir: false,
        sourcemap: false,
        // Lib mode leaves an ES module's whitespace for the host's bundler; this one is loaded as is.
        minify: true,
        lib: element
          ? { entry: resolve('src/embed/element-entry.ts'), formats: ['es'], fileName: () => 'multi-leader-lab.js' }
          : {
              entry: resolve('src/embed/frame.ts'),
              formats: ['iife'],
              name: 'MultiLeaderLabFrame',
              fileName: () => 'embed.js',
            },
        rolldownOptions: {
          // The entry may export more than its source does (what the on-demand modules share with
          // it); otherwise what they share becomes more chunks, fetched with the entry.
          ...(element ? { preserveEntrySignatures: 'allow-extension' as const } : {}),
          output: element
            ? {
                minify: true,
                chunkFileNames: 'multi-leader-lab-[name].js',
                codeSplitting: {
                  groups: [
                    {
                      name: 'multi-leader-lab',
                      test: (id: string) => id.includes('element-entry') || ELEMENT_CORE.test(id),
                    },
                  ],
                },
              }
            : { codeSplitting: false, minify: true },
        },
      },
    };
  }
  return {
    ...shared,
    plugins: [react()],
    build: {
      outDir: 'dist/lib',
      emptyOutDir: true,
      sourcemap: true,
      lib: { entry: resolve('src/embed/index.ts'), formats: ['es'], fileName: () => 'index.js', cssFileName: 'style' },
      // React (a peer) and the runtime libraries (dependencies, whose types the declarations use)
      // are the host's to resolve and dedupe.
      rolldownOptions: { external: (id) => externals.some((name) => id === name || id.startsWith(`${name}/`)) },
    },
  };
}
