import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  build: { sourcemap: true },
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    environment: 'node',
    setupFiles: ['tests/setup/fastcheck.ts'],
    // Deeper property searches (FC_RUNS) take minutes; the default run stays well inside 15 s.
    testTimeout: process.env.FC_RUNS ? 3_600_000 : 15_000,
  },
});
