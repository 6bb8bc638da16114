import type { Preview } from '@storybook/react-vite';

const preview: Preview = {
  parameters: {
    layout: 'fullscreen',
    // Accessibility violations fail the story's test, not just show in the panel.
    a11y: { test: 'error' },
    // A teacher meets the introduction first, then the strategies, then the wider scenarios.
    options: {
      storySort: { order: ['Introduction', 'Strategies', 'Scenarios', 'Trade-offs', 'Lab', 'Components'] },
    },
  },
};

export default preview;
