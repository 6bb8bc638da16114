/**
 * Component tests (jsdom): parts of the lab load on first use (the legend, the comparer, the
 * cluster controls, the shortcuts). Under a busy machine, CI's parallel suites, such an import
 * can take longer than Testing Library's default second for findBy and waitFor; a test still
 * fails, with its own message, when what it waits for never comes.
 */
if (typeof document !== 'undefined') {
  const { configure } = await import('@testing-library/react');
  configure({ asyncUtilTimeout: 10_000 });
}

export {};
