import { createReadStream } from 'node:fs';
import { cp, mkdtemp, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { build } from 'vite';
import { cachedBuild } from './buildCache';

/** The policy a strict course site sends: nothing inline, nothing evaluated, nothing from elsewhere. */
export const STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'";

/** Where the suites serve dist/: under a sub-path, as a university's course site would. */
export const SUB_PATH = '/courses/replication/lab/';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

/** Build the app, the element module and the frame script into one folder, as `npm run build` does. */
export async function buildEmbeds(): Promise<string> {
  // Built once per version of the sources for both embed suites (see buildCache.ts); each gets a
  // copy, since the suites write their host pages beside the build.
  const built = await cachedBuild('embeds', async (outDir) => {
    // The production artifacts, as shipped: Vitest's NODE_ENV=test would give React's development
    // JSX transform (jsxDEV), which the production React the embeds bundle does not have.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({ logLevel: 'silent', build: { outDir, emptyOutDir: true } });
      for (const target of ['element', 'frame']) {
        await build({ configFile: `build/vite.${target}.config.ts`, logLevel: 'silent', build: { outDir } });
      }
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
  });
  const copy = await mkdtemp(join(tmpdir(), 'mll-embed-dist-'));
  await cp(built, copy, { recursive: true });
  return copy;
}

export interface StaticSite {
  /** The site's root URL, e.g. http://127.0.0.1:4321 (dist/ lives at SUB_PATH under it). */
  readonly origin: string;
  /** Every path the browser asked for, in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

/**
 * A plain static server for `dir` at SUB_PATH, sending the strict CSP on every response and no
 * CORS header (what a course site without configuration does).
 */
export async function serveStatic(dir: string, headers: Record<string, string> = {}): Promise<StaticSite> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(path);
    const send = (status: number, text: string) => {
      res.writeHead(status, { 'content-type': 'text/plain', ...headers });
      res.end(text);
    };
    if (!path.startsWith(SUB_PATH)) {
      send(404, 'not under the sub-path');
      return;
    }
    const file = normalize(join(dir, path.slice(SUB_PATH.length) || 'index.html'));
    if (!file.startsWith(dir)) {
      send(403, 'outside');
      return;
    }
    void stat(file).then(
      (s) => {
        if (!s.isFile()) {
          send(404, 'no file');
          return;
        }
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', ...headers });
        createReadStream(file).pipe(res);
      },
      () => {
        send(404, 'no file');
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${String(port)}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
