import type { StorybookConfig } from '@storybook/react-vite';

/** Storybook 10, set up by hand (no interactive init): React + Vite, stories as Vitest tests. */
const config: StorybookConfig = {
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.@(ts|tsx)'],
  addons: ['@storybook/addon-vitest', '@storybook/addon-a11y', '@storybook/addon-docs'],
  framework: { name: '@storybook/react-vite', options: {} },
  core: { disableTelemetry: true },
  // The app's size budget (vite.config.ts) weighs the app's first load; on Storybook's own bundle
  // it only printed a false "OVER BUDGET".
  viteFinal: (config) => ({
    ...config,
    plugins: (config.plugins ?? [])
      .flat()
      .filter((p) => !(p && typeof p === 'object' && 'name' in p && p.name === 'mll-size-budget')),
  }),
};

export default config;
