/**
 * The Medplum harness: the provider app's Messages page (`ThreadInbox` from @medplum/react 5)
 * on MockClient, built by Vite into ./dist and served on localhost with a fallback to
 * index.html for client routes. No request leaves this machine; thread labels stay in
 * threads.json for the tests.
 *
 *   npm run medplum-harness            # http://127.0.0.1:5175/Communication
 *   npm run medplum-harness -- --port 8080 --rebuild
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import type { HarnessSeed, HarnessThread } from './src/seed';

const HERE = dirname(fileURLToPath(import.meta.url));
export const MEDPLUM_HARNESS_DIST = join(HERE, 'dist');
const SOURCES = ['index.html', 'vite.config.ts', 'threads.json', 'src', 'public'];

export type { HarnessSeed, HarnessThread };

/** The seed threads with their expected labels (urgency, category) for tests. */
export function loadMedplumThreads(path = join(HERE, 'threads.json')): HarnessSeed {
  return JSON.parse(readFileSync(path, 'utf8')) as HarnessSeed;
}

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(path).map((n) => newestMtime(join(path, n))));
}

/** True when dist is missing or older than any harness source. */
export function medplumHarnessIsStale(): boolean {
  const index = join(MEDPLUM_HARNESS_DIST, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return SOURCES.some((s) => existsSync(join(HERE, s)) && newestMtime(join(HERE, s)) > built);
}

let building: Promise<void> | null = null;

/**
 * Build the harness with Vite's JS API into ./dist. Builds into a temporary folder and then
 * renames it, so that a concurrent build or a running server never sees a half-written dist.
 */
export function buildMedplumHarness(): Promise<void> {
  building ??= (async () => {
    const { build } = await import('vite');
    const tmp = join(HERE, `dist.tmp-${process.pid}-${Date.now()}`);
    try {
      await build({ configFile: join(HERE, 'vite.config.ts'), logLevel: 'warn', build: { outDir: tmp, emptyOutDir: true } });
      rmSync(MEDPLUM_HARNESS_DIST, { recursive: true, force: true });
      renameSync(tmp, MEDPLUM_HARNESS_DIST);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  })().finally(() => {
    building = null;
  });
  return building;
}

export interface MedplumHarnessOptions {
  port?: number;
  host?: string;
  /** Shift dates so the newest message arrived 35 minutes ago (default true). false keeps threads.json's dates (fixtures). */
  shiftDates?: boolean;
  /** true: always rebuild; 'auto' (default): build when dist is missing or older than the sources; false: only when missing. */
  rebuild?: boolean | 'auto';
}

export interface MedplumHarness {
  /** The inbox page (Messages). */
  url: string;
  origin: string;
  port: number;
  threads: HarnessThread[];
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
};

export async function startMedplumHarness(opts: MedplumHarnessOptions = {}): Promise<MedplumHarness> {
  const rebuild = opts.rebuild ?? 'auto';
  if (rebuild === true || !existsSync(join(MEDPLUM_HARNESS_DIST, 'index.html')) || (rebuild === 'auto' && medplumHarnessIsStale())) {
    await buildMedplumHarness();
  }
  const config = JSON.stringify({ shiftDates: opts.shiftDates ?? true });
  const index = readFileSync(join(MEDPLUM_HARNESS_DIST, 'index.html'), 'utf8').replace(
    '<!--harness-config-->',
    `<script>window.__MEDPLUM_HARNESS__ = ${config};</script>`,
  );

  const server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch (err) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(err));
    }
  });

  function handle(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    if (path === '/api/health') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      return;
    }
    const file = normalize(join(MEDPLUM_HARNESS_DIST, path));
    const inside = file.startsWith(MEDPLUM_HARNESS_DIST + sep);
    if (inside && path !== '/index.html' && existsSync(file) && statSync(file).isFile()) {
      const immutable = path.startsWith('/assets/');
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : readFileSync(file));
      return;
    }
    // Files that do not exist are 404; any other path is a client route of the SPA.
    if (extname(path) && path !== '/index.html') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : index);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${opts.host === 'localhost' ? 'localhost' : '127.0.0.1'}:${port}`;
  return {
    url: `${origin}/Communication`,
    origin,
    port,
    threads: loadMedplumThreads().threads,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

// Run directly: serve until stopped.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const i = process.argv.indexOf('--port');
  const port = i > 0 ? Number(process.argv[i + 1]) : 5175;
  const started = Date.now();
  const harness = await startMedplumHarness({ port, rebuild: process.argv.includes('--rebuild') ? true : 'auto' });
  const open = harness.threads.filter((t) => t.status === 'in-progress').length;
  console.log(`Medplum harness: ${harness.url} (${open} open threads, ready in ${Date.now() - started} ms). Ctrl+C to stop.`);
}
