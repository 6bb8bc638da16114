import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The layers, in order: each may import only itself and the layers before it. The embed
 * may open lessons; the shell (src/app, src/main.tsx) may import everything.
 */
const layers = ['core', 'strategies', 'model', 'scenario', 'store', 'view', 'lessons', 'embed', 'app'];

/** Library imports a headless layer (core, strategies, model, scenario) must not make. */
const headlessLibraries = [
  { group: ['react', 'react-*', 'react/*', '@xstate/react'], message: 'This layer is headless: no React.' },
  { group: ['d3', 'd3-*'], message: 'This layer is headless: no D3.' },
  { group: ['zustand', 'zustand/*'], message: 'This layer holds no UI state: no Zustand.' },
];

/** The import patterns forbidden in `layer`: every later layer, by folder name. */
function laterLayers(layer) {
  return layers.slice(layers.indexOf(layer) + 1).map((later) => ({
    group: [`**/${later}`, `**/${later}/**`],
    caseSensitive: true,
    message: `src/${layer} must not import src/${later}: each layer imports only earlier ones (${layers.join(' → ')}).`,
  }));
}

function layerRule(layer, headless) {
  return {
    'no-restricted-imports': ['error', { patterns: [...(headless ? headlessLibraries : []), ...laterLayers(layer)] }],
  };
}

/** The model must stay deterministic: no DOM, no real time or randomness. */
const deterministic = {
  'no-restricted-globals': [
    'error',
    { name: 'window', message: 'src/model is headless: no DOM.' },
    { name: 'document', message: 'src/model is headless: no DOM.' },
    { name: 'navigator', message: 'src/model is headless: no DOM.' },
    { name: 'setTimeout', message: 'src/model runs in virtual time: no real timers.' },
    { name: 'setInterval', message: 'src/model runs in virtual time: no real timers.' },
    { name: 'requestAnimationFrame', message: 'src/model runs in virtual time: no real timers.' },
    { name: 'performance', message: 'src/model runs in virtual time: no real clocks.' },
  ],
  'no-restricted-properties': [
    'error',
    { object: 'Math', property: 'random', message: 'Use the seeded source in src/model/random.ts.' },
    { object: 'Date', property: 'now', message: 'src/model runs in virtual time.' },
    { object: 'globalThis', property: 'setTimeout', message: 'src/model runs in virtual time.' },
    { object: 'performance', property: 'now', message: 'src/model runs in virtual time.' },
  ],
  'no-restricted-syntax': [
    'error',
    { selector: "NewExpression[callee.name='Date']", message: 'src/model runs in virtual time: no Date.' },
  ],
};

export default tseslint.config(
  { ignores: ['dist', 'storybook-static', 'node_modules', 'coverage', 'test-results', '**/*.tmp.ts'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: false }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['src/**/*.tsx', 'stories/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  ...['core', 'strategies', 'model', 'scenario'].map((layer) => ({
    files: [`src/${layer}/**/*.ts`],
    rules: { ...deterministic, ...layerRule(layer, true) },
  })),
  ...['store', 'view', 'lessons', 'embed'].map((layer) => ({
    files: [`src/${layer}/**/*.{ts,tsx}`],
    rules: layerRule(layer, false),
  })),
);
