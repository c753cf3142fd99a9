import { browser } from 'wxt/browser';
import { benchClassify } from '@/lib/bench/stats';
import { createModelHost } from '@/lib/model-host/host';
// Vite's ?worker import bundles the worker (the new URL(..., import.meta.url) form was left unbundled by the build).
import BenchWorker from './worker.ts?worker';

/** Model in this page's main thread (as in the offscreen document) vs in a dedicated worker. */
async function runBench(texts: string[], where: 'page' | 'worker', opts: { dtype?: 'q8' | 'fp32'; numThreads?: number } = {}) {
  if (where === 'page') {
    const host = createModelHost({ baseUrl: browser.runtime.getURL('/'), ...opts });
    return benchClassify(async () => {
      await host.load();
      return { classify: (t: string[]) => host.classify({ texts: t }) };
    }, texts);
  }
  const worker = new BenchWorker();
  return new Promise((resolve, reject) => {
    worker.onmessage = (e: MessageEvent) => (e.data?.error ? reject(new Error(e.data.error)) : resolve(e.data));
    worker.onerror = (e) => reject(new Error(e.message));
    worker.postMessage({ texts, baseUrl: browser.runtime.getURL('/') });
  });
}

(window as unknown as { runBench: typeof runBench }).runBench = runBench;
(window as unknown as { isolated: boolean }).isolated = self.crossOriginIsolated;
