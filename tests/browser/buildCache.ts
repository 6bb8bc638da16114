import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * One build per version of the sources, shared by the browser suites: Vitest runs them in
 * parallel processes, and each built the same app on its own (seven builds a run, a minute of
 * CI). The build goes to a folder named by a hash of everything a build reads (src/, public/,
 * the HTML pages, the Vite configs, the lock file), so an edit gives a new build and nothing
 * stale is ever served. The first suite to ask builds; the others wait for it.
 */

const INPUTS = ['src', 'public', 'build', 'index.html', 'embed.html', 'vite.config.ts', 'package-lock.json'];

async function* files(path: string): AsyncGenerator<string> {
  const s = await stat(path).catch(() => null);
  if (!s) return;
  if (s.isFile()) {
    yield path;
    return;
  }
  for (const entry of (await readdir(path)).sort()) yield* files(join(path, entry));
}

/** A hash of the build's inputs (names and contents). */
async function sourcesHash(): Promise<string> {
  const hash = createHash('sha256');
  for (const input of INPUTS)
    for await (const file of files(input)) {
      hash.update(file);
      hash.update(await readFile(file));
    }
  return hash.digest('hex').slice(0, 16);
}

const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms);
  });

/** A lock older than this was left by a run that died mid-build: take it over. */
const STALE_LOCK_MS = 180_000;

/**
 * The folder holding `name`'s build of the present sources, made by `make(outDir)` the first
 * time it is asked for.
 */
export async function cachedBuild(name: string, make: (outDir: string) => Promise<void>): Promise<string> {
  const dir = join(tmpdir(), `mll-${name}-${await sourcesHash()}`);
  const done = join(dir, '.built');
  const lock = `${dir}.lock`;
  for (;;) {
    if (existsSync(done)) return dir;
    try {
      await mkdir(lock);
      break;
    } catch {
      const since = await stat(lock).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (since > STALE_LOCK_MS) await rm(lock, { recursive: true, force: true });
      else await sleep(250);
    }
  }
  try {
    if (existsSync(done)) return dir;
    await rm(dir, { recursive: true, force: true });
    await make(dir);
    await writeFile(done, '');
    return dir;
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}
