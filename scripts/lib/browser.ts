/**
 * Launch Chromium (or Chrome/Edge) with the built extension loaded, and record
 * every network request so that tests and the demo can prove nothing leaves the
 * machine. Shared by `npm run demo`, `npm run bench` and the end-to-end tests.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';

export const EXTENSION_DIR = resolve(process.env.EXT_OUT_DIR ?? '.output', 'chrome-mv3');

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/microsoft-edge',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

export function findChromium(): string {
  const env = process.env.CHROME_PATH;
  if (env && existsSync(env)) return env;
  const found = CANDIDATES.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      'No Chromium, Chrome or Edge found. On Debian/Ubuntu: sudo apt-get install -y chromium. Or set CHROME_PATH to the browser executable.',
    );
  }
  return found;
}

/**
 * Find a browser, installing Debian's Chromium when none is present and we may
 * (root on a Debian/Ubuntu machine with apt-get): the README's first command must
 * work on a fresh machine.
 */
export function ensureChromium(log: (m: string) => void = console.error): string {
  try {
    return findChromium();
  } catch (err) {
    const root = typeof process.getuid === 'function' && process.getuid() === 0;
    if (process.platform !== 'linux' || !existsSync('/usr/bin/apt-get') || !root) throw err;
    log('No browser found: installing Debian\'s Chromium (apt-get install -y chromium)…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    const r = spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
    if (r.status !== 0) throw err;
    return findChromium();
  }
}

/** Hosts a request may go to: only this machine. */
export function isLocalRequest(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (['chrome-extension:', 'data:', 'blob:', 'about:', 'chrome:', 'devtools:'].includes(u.protocol)) return true;
  if (u.protocol !== 'http:' && u.protocol !== 'https:' && u.protocol !== 'ws:' && u.protocol !== 'wss:') return false;
  return u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]';
}

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  serviceWorker: Worker;
  /** Every request URL seen, in order. */
  requests: string[];
  /** Requests to any host other than this machine (must stay empty). */
  offMachine: string[];
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  headless?: boolean;
  extensionDir?: string;
  viewport?: { width: number; height: number } | null;
}

export async function launchWithExtension(opts: LaunchOptions = {}): Promise<ExtensionBrowser> {
  const dir = opts.extensionDir ?? EXTENSION_DIR;
  if (!existsSync(join(dir, 'manifest.json'))) {
    throw new Error(`No built extension at ${dir}. Run: npm run build`);
  }
  const userDataDir = mkdtempSync(join(tmpdir(), 'inbox-triage-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: findChromium(),
    headless: opts.headless ?? true,
    viewport: opts.viewport === undefined ? { width: 1400, height: 900 } : opts.viewport,
    args: [
      `--disable-extensions-except=${dir}`,
      `--load-extension=${dir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-features=Translate,OptimizationHints,MediaRouter',
    ],
  });
  // tsx (esbuild keepNames) wraps functions passed to page.evaluate in __name(); define it in pages.
  await context.addInitScript('globalThis.__name = globalThis.__name || ((f) => f);');
  const requests: string[] = [];
  const offMachine: string[] = [];
  const record = (url: string) => {
    requests.push(url);
    if (!isLocalRequest(url)) offMachine.push(url);
  };
  context.on('request', (r) => record(r.url()));
  let serviceWorker = context.serviceWorkers()[0];
  serviceWorker ??= await context.waitForEvent('serviceworker', { timeout: 30_000 });
  const extensionId = new URL(serviceWorker.url()).host;
  return {
    context,
    extensionId,
    serviceWorker,
    requests,
    offMachine,
    newPage: () => context.newPage(),
    close: async () => {
      await context.close().catch(() => undefined);
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export interface BadgeTimings {
  rows: number;
  /** ms from navigation start until the first row was in the DOM. */
  firstRowMs: number;
  /** ms from navigation start until every row had a badge. */
  allBadgedMs: number;
}

/**
 * Wait until every row matched by `rowSelector` has our badge, and return when that
 * happened, measured inside the page (performance.now() is ms since navigation start).
 */
export async function waitForAllBadged(page: Page, rowSelector: string, timeoutMs = 30_000): Promise<BadgeTimings> {
  return page.evaluate(
    ({ rowSelector, timeoutMs }) =>
      new Promise<BadgeTimings>((resolve, reject) => {
        let firstRowMs = -1;
        const check = () => {
          const rows = [...document.querySelectorAll(rowSelector)];
          if (rows.length && firstRowMs < 0) firstRowMs = performance.now();
          if (rows.length && rows.every((r) => r.querySelector('[data-ehr-triage-badge]'))) {
            resolve({ rows: rows.length, firstRowMs, allBadgedMs: performance.now() });
            return true;
          }
          return false;
        };
        if (check()) return;
        const obs = new MutationObserver(() => {
          if (check()) obs.disconnect();
        });
        obs.observe(document.documentElement, { childList: true, subtree: true, attributes: true });
        setTimeout(() => {
          obs.disconnect();
          reject(new Error(`Not every row was badged within ${timeoutMs} ms`));
        }, timeoutMs);
      }),
    { rowSelector, timeoutMs },
  );
}

/** Badges currently on the page: message id -> urgency. */
export async function readBadges(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const out: Record<string, string> = {};
    for (const el of document.querySelectorAll<HTMLElement>('[data-ehr-triage-badge]')) {
      const id = el.dataset.ehrTriageFor;
      if (id) out[id] = el.dataset.ehrTriageUrgency ?? '';
    }
    return out;
  });
}

/**
 * Wait until every badge on the page comes from the model (fused with the rules),
 * or the overlay says the model is unavailable. Returns ms since navigation start,
 * or null when the model is unavailable (the rules' badges stay).
 */
export async function waitForModelBadges(page: Page, timeoutMs = 90_000): Promise<number | null> {
  return page.evaluate(
    (timeoutMs) =>
      new Promise<number | null>((resolve, reject) => {
        const check = () => {
          const status = document.querySelector<HTMLElement>('[data-ehr-triage-status]')?.dataset.text ?? '';
          if (status.includes('model unavailable')) return resolve(null), true;
          const badges = [...document.querySelectorAll<HTMLElement>('[data-ehr-triage-badge]')];
          if (badges.length && badges.every((b) => b.dataset.ehrTriageSource !== 'rules')) return resolve(performance.now()), true;
          return false;
        };
        if (check()) return;
        const obs = new MutationObserver(() => {
          if (check()) obs.disconnect();
        });
        obs.observe(document.documentElement, { childList: true, subtree: true, attributes: true });
        setTimeout(() => {
          obs.disconnect();
          reject(new Error(`The model did not badge the page within ${timeoutMs} ms`));
        }, timeoutMs);
      }),
    timeoutMs,
  );
}
