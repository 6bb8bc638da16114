import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The model must stay headless and deterministic: no DOM, no view libraries, no real time or randomness. */
const modelRestrictions = {
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        { group: ['react', 'react-*', 'react/*', '@xstate/react'], message: 'src/model is headless: no React.' },
        { group: ['d3', 'd3-*'], message: 'src/model is headless: no D3.' },
        { group: ['zustand', 'zustand/*'], message: 'src/model holds no UI state: no Zustand.' },
        { group: ['**/view/**', '**/store/**'], message: 'src/model must not depend on the view or the store.' },
      ],
    },
  ],
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
  { files: ['src/model/**/*.ts', 'src/strategies/**/*.ts'], rules: modelRestrictions },
);
