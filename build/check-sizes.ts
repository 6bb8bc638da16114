/**
 * The last step of `npm run build`: read every size verdict the builds wrote (dist/size-*.json)
 * and fail when one is over its budget, naming it and its files. `--report-only` prints the
 * same verdicts without failing: `npm run build` uses it while the app (155.0 kB) and the
 * element (162.3 kB) are over their budgets (issues 13 and 14); `npm run check-sizes` is the strict
 * check, to become part of the build again once both fit.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SizeReport } from './budget.ts';

export function checkSizes(dir: string): { ok: boolean; lines: string[] } {
  const reports = readdirSync(dir)
    .filter((name) => /^size-.+\.json$/.test(name))
    .sort()
    .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as SizeReport);
  if (reports.length === 0) return { ok: false, lines: [`No size reports in ${dir}: run the builds first.`] };
  return {
    ok: reports.every((r) => !r.over),
    lines: reports.map((r) => `${r.over ? '✗ OVER BUDGET' : '✓'} ${r.message}`),
  };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) {
  const { ok, lines } = checkSizes(process.argv[2] ?? 'dist');
  for (const line of lines) console.log(line);
  if (!ok && process.argv.includes('--report-only')) {
    console.warn('Over budget (reported only: see build/check-sizes.ts).');
  } else if (!ok) {
    console.error('The build is over its size budget (see above): make it smaller rather than raising the budget.');
    process.exit(1);
  }
}
