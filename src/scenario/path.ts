/**
 * Paths that name a place in a scenario the way a reader writes it: `commands[3].node`,
 * `config.nodes[1].id`, `config.keys["odd key"]`. The empty path is the whole input.
 */
export type PathSegment = string | number;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** @example formatPath(['commands', 3, 'node']) // 'commands[3].node' */
export function formatPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${String(s)}]`;
    else if (IDENTIFIER.test(s)) out += out === '' ? s : `.${s}`;
    else out += `[${JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s)}]`;
  }
  return out;
}

/** A dotted path as valibot and the model's config errors write it (`nodes.1.id`), under `prefix`. */
export function fromDotPath(dotted: string, prefix: readonly PathSegment[] = []): string {
  const segments = dotted === '' ? [] : dotted.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  return formatPath([...prefix, ...segments]);
}
