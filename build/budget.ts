import { gzipSync } from 'node:zlib';
import type { Rolldown } from 'vite';

type OutputBundle = Rolldown.OutputBundle;

/**
 * Size budgets, in gzip bytes, enforced when the bundle is written: over budget, `npm run build`
 * fails with the figures, so a heavy dependency cannot slip in unnoticed.
 */
export interface SizedFile {
  readonly file: string;
  readonly bytes: number;
  readonly gzipBytes: number;
}

/** The JavaScript a first visit loads: the entry chunks and what they import statically. */
export function initialChunks(bundle: OutputBundle): SizedFile[] {
  const initial = new Set<string>();
  const visit = (name: string) => {
    const chunk = bundle[name];
    if (chunk?.type !== 'chunk' || initial.has(name)) return;
    initial.add(name);
    chunk.imports.forEach(visit);
  };
  for (const chunk of Object.values(bundle)) if (chunk.type === 'chunk' && chunk.isEntry) visit(chunk.fileName);
  return sized(bundle, [...initial]);
}

/** Every chunk the build wrote. */
export function allChunks(bundle: OutputBundle): SizedFile[] {
  return sized(
    bundle,
    Object.keys(bundle).filter((name) => bundle[name]?.type === 'chunk'),
  );
}

function sized(bundle: OutputBundle, names: readonly string[]): SizedFile[] {
  return names.map((name) => {
    const chunk = bundle[name];
    const code = chunk?.type === 'chunk' ? chunk.code : '';
    return { file: name, bytes: Buffer.byteLength(code), gzipBytes: gzipSync(code).length };
  });
}

export interface BudgetVerdict {
  readonly gzipBytes: number;
  readonly budgetBytes: number;
  readonly over: boolean;
  readonly message: string;
}

export function judge(what: string, files: readonly SizedFile[], budgetKb: number): BudgetVerdict {
  const gzipBytes = files.reduce((sum, f) => sum + f.gzipBytes, 0);
  const budgetBytes = budgetKb * 1000;
  const over = gzipBytes > budgetBytes;
  const kb = (gzipBytes / 1000).toFixed(1);
  const message = over
    ? `${what} is ${kb} kB gzip, over its budget of ${String(budgetKb)} kB: ${files.map((f) => `${f.file} ${(f.gzipBytes / 1000).toFixed(1)} kB`).join(', ')}`
    : `${what} ${kb} kB gzip (budget ${String(budgetKb)} kB)`;
  return { gzipBytes, budgetBytes, over, message };
}

/** What `size-<id>.json` holds. */
export interface SizeReport extends BudgetVerdict {
  readonly files: readonly SizedFile[];
}
