import type { Plugin } from 'vite';
import { allChunks, initialChunks, judge, type SizedFile, type SizeReport } from './budget.ts';

/**
 * Weigh the JavaScript a build writes against its gzip budget: `initial` counts the entry chunks
 * and their static imports (what a first visit loads), `all` every chunk. The verdict goes to
 * `size-<id>.json` beside the bundle and is printed; `npm run build` ends with
 * `build/check-sizes.ts`, which fails when any verdict is over. (Builds started by the browser
 * suites write the verdict too, and go on: they build the lab to drive it, not to weigh it.)
 */
export function sizeBudget(options: {
  id: string;
  what: string;
  budgetKb: number;
  count: 'initial' | 'all';
  /** The first load must be this one file (the element: a lab on a preset needs nothing beside it). */
  oneFile?: string;
}): Plugin {
  return {
    name: 'mll-size-budget',
    apply: 'build',
    generateBundle(_output, bundle) {
      const files: SizedFile[] = options.count === 'initial' ? initialChunks(bundle) : allChunks(bundle);
      if (options.oneFile && files.some((f) => f.file !== options.oneFile))
        this.error(
          `${options.what} must load as one file, but its first load is ${files.map((f) => f.file).join(', ')}: a module shared by the entry and a part loaded on demand became a chunk of its own. Make that part static in this build (staticImports in build/embed.config.ts).`,
        );
      const verdict = judge(options.what, files, options.budgetKb);
      const report: SizeReport = { ...verdict, files };
      this.emitFile({
        type: 'asset',
        fileName: `size-${options.id}.json`,
        source: `${JSON.stringify(report, null, 2)}\n`,
      });
      this.warn(verdict.over ? `OVER BUDGET: ${verdict.message}` : verdict.message);
    },
  };
}

/**
 * For builds whose CSS travels inside the JavaScript (the element's adopted stylesheet): a
 * plain `import './x.css'` becomes nothing, so no stray stylesheet is written or needed. The
 * `?inline` imports still carry every rule.
 */
export function cssOnlyInline(): Plugin {
  const empty = '\0mll-empty-css';
  return {
    name: 'mll-css-only-inline',
    enforce: 'pre',
    resolveId(source) {
      return /\.css$/.test(source) ? empty : null;
    },
    load(id) {
      return id === empty ? 'export {}' : null;
    },
  };
}

/**
 * Turns `import('<specifier>')` of the listed specifiers into a static import, for a build in
 * which that module must be part of the entry rather than a chunk fetched later (the element's
 * space-time diagram, lazy in the app). Exact specifiers only, as written in the source.
 */
export function staticImports(specifiers: readonly string[]): Plugin {
  return {
    name: 'mll-static-imports',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]src[\\/].*\.tsx?$/.test(id)) return null;
      let out = code;
      const hoisted: string[] = [];
      specifiers.forEach((spec, i) => {
        const call = `import('${spec}')`;
        if (!out.includes(call)) return;
        const name = `__mllStatic${String(i)}`;
        hoisted.push(`import * as ${name} from '${spec}';`);
        out = out.split(call).join(`Promise.resolve(${name})`);
      });
      return hoisted.length ? { code: `${hoisted.join('\n')}\n${out}`, map: null } : null;
    },
  };
}
