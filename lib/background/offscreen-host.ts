/**
 * The background's handle on the model host (an offscreen document). Creates it on
 * demand (the service worker may have been stopped and restarted since), then
 * forwards requests to it with a timeout.
 */
import { browser } from 'wxt/browser';
import { sendMessage, type ModelStatus } from '../messaging/protocol';
import type { ModelHostClient } from './triage-service';
import type { CachedOutput } from '../model-host/cached-classifier';

const OFFSCREEN_PATH = 'offscreen.html';
const REQUEST_TIMEOUT_MS = 60_000;

let creating: Promise<void> | null = null;

interface OffscreenApi {
  createDocument(p: { url: string; reasons: string[]; justification: string }): Promise<void>;
}
interface RuntimeWithContexts {
  getContexts?(filter: { contextTypes: string[]; documentUrls?: string[] }): Promise<unknown[]>;
}

export async function ensureOffscreen(): Promise<void> {
  const url = browser.runtime.getURL(`/${OFFSCREEN_PATH}`);
  const runtime = browser.runtime as unknown as RuntimeWithContexts;
  const existing = await runtime.getContexts?.({ contextTypes: ['OFFSCREEN_DOCUMENT'], documentUrls: [url] });
  if (existing && existing.length > 0) return;
  const offscreen = (globalThis as unknown as { chrome?: { offscreen?: OffscreenApi } }).chrome?.offscreen;
  if (!offscreen) throw new Error('This browser has no offscreen documents (Chrome 116+ or Edge 116+ is needed for the model).');
  creating ??= offscreen
    .createDocument({
      url: OFFSCREEN_PATH,
      reasons: ['WORKERS'],
      justification: 'Runs the on-device triage model (WebAssembly) so no message text leaves the computer.',
    })
    .catch((err: unknown) => {
      // Another caller created it first: fine.
      if (!String(err).includes('Only a single offscreen')) throw err;
    })
    .finally(() => {
      creating = null;
    });
  await creating;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${what} timed out after ${ms / 1000} s`)), ms);
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e: unknown) => (clearTimeout(t), reject(e instanceof Error ? e : new Error(String(e)))),
    );
  });
}

export const offscreenHost: ModelHostClient & {
  explain(text: string): Promise<{ text: string; weight: number }[]>;
  embed(texts: string[]): Promise<number[][]>;
} = {
  async classify(texts: string[]): Promise<CachedOutput[]> {
    await ensureOffscreen();
    return withTimeout(sendMessage('hostClassify', { texts }), REQUEST_TIMEOUT_MS, 'The model');
  },
  async status(): Promise<ModelStatus> {
    await ensureOffscreen();
    return withTimeout(sendMessage('hostStatus', undefined), 5_000, 'The model status');
  },
  async explain(text: string) {
    await ensureOffscreen();
    return withTimeout(sendMessage('hostExplain', { text }), REQUEST_TIMEOUT_MS, 'The explanation');
  },
  async embed(texts: string[]) {
    await ensureOffscreen();
    return withTimeout(sendMessage('hostEmbed', { texts }), REQUEST_TIMEOUT_MS, 'The embeddings');
  },
};

let version: Promise<string> | null = null;
/** The shipped model's version (from triage.json) and the rules' version: the cache key prefix. */
export function modelVersion(rulesVersion: string): Promise<string> {
  const getUrl = browser.runtime.getURL as (path: string) => string;
  version ??= fetch(getUrl('/models/triage-v1/triage.json'))
    .then((r) => r.json() as Promise<{ version?: string }>)
    .then((j) => `${j.version ?? 'unknown'}+rules-${rulesVersion}`)
    .catch((e: unknown) => {
      version = null;
      throw e;
    });
  return version;
}
