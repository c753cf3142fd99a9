/**
 * The model host: runs in the offscreen document (an extension page, where WASM
 * and dynamic import are allowed; an MV3 service worker allows neither). Loads the
 * model once, from files inside the package, and answers classify/explain requests
 * from the background. It reports its state (loading with progress, ready, failed).
 */
import { env } from '@huggingface/transformers';
import { loadTriageModel, type TriageModel } from '../triage/model';
import type { ModelStatus } from '../messaging/protocol';
import { ModelClassifySchema, ModelExplainSchema } from '../messaging/protocol';

export const MODEL_ID = 'triage-v1';

export interface HostOptions {
  /** Base URL of the packaged files, e.g. chrome-extension://<id>/ */
  baseUrl: string;
  dtype?: 'q8' | 'fp32';
  /** WASM threads; default: see defaultThreads. */
  numThreads?: number;
  onStatus?: (s: ModelStatus) => void;
}

/**
 * Threads for ONNX Runtime's WASM backend. They need SharedArrayBuffer, i.e. a cross-origin-isolated
 * page: the manifest sets COOP/COEP for the extension's pages, so the offscreen document is. Two
 * threads roughly halve a page's model time (npm run bench) and leave the other cores to the EHR.
 */
export function defaultThreads(
  isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true,
  cores = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 1,
): number {
  return isolated ? Math.max(1, Math.min(2, cores)) : 1;
}

export function createModelHost(opts: HostOptions) {
  const threads = opts.numThreads ?? defaultThreads();
  let status: ModelStatus = { state: 'idle', modelId: MODEL_ID, dtype: opts.dtype ?? 'q8', threads };
  let loading: Promise<TriageModel> | null = null;
  const files = new Map<string, number>();

  const set = (s: Partial<ModelStatus>) => {
    status = { ...status, ...s };
    opts.onStatus?.(status);
  };

  // ONNX Runtime's WASM files ship inside the package: never the CDN default.
  const onnx = env.backends.onnx as { wasm?: { wasmPaths?: unknown; numThreads?: number; proxy?: boolean } };
  if (onnx.wasm) {
    onnx.wasm.wasmPaths = {
      mjs: `${opts.baseUrl}ort/ort-wasm-simd-threaded.mjs`,
      wasm: `${opts.baseUrl}ort/ort-wasm-simd-threaded.wasm`,
    };
    onnx.wasm.numThreads = threads;
    onnx.wasm.proxy = false;
  }

  function load(): Promise<TriageModel> {
    loading ??= (async () => {
      const t0 = performance.now();
      set({ state: 'loading', progress: 0, error: undefined });
      try {
        const model = await loadTriageModel({
          localModelPath: `${opts.baseUrl}models/`,
          modelId: MODEL_ID,
          dtype: opts.dtype ?? 'q8',
          onProgress: (p) => {
            const info = p as { status?: string; file?: string; progress?: number };
            if (info.file && typeof info.progress === 'number') {
              files.set(info.file, info.progress / 100);
              const values = [...files.values()];
              set({ progress: Math.min(1, values.reduce((a, b) => a + b, 0) / Math.max(values.length, 1)) });
            }
          },
        });
        set({ state: 'ready', progress: 1, loadMs: Math.round(performance.now() - t0) });
        return model;
      } catch (err) {
        loading = null; // a later request may retry
        set({ state: 'failed', error: err instanceof Error ? err.message : String(err) });
        throw err;
      }
    })();
    return loading;
  }

  return {
    status: () => status,
    load,
    async classify(data: unknown) {
      const { texts } = ModelClassifySchema.parse(data);
      const model = await load();
      const outs = await model.classify(texts);
      return outs.map(({ embedding: _e, ...rest }) => rest);
    },
    /** The model's sentence embeddings (L2-normalised), rounded to 4 decimals: reply drafts rank templates with them. */
    async embed(data: unknown): Promise<number[][]> {
      const { texts } = ModelClassifySchema.parse(data);
      const model = await load();
      const outs = await model.classify(texts);
      return outs.map((o) => Array.from(o.embedding, (x) => Math.round(x * 1e4) / 1e4));
    },
    async explain(data: unknown) {
      const { text, k } = ModelExplainSchema.parse(data);
      const model = await load();
      return model.explain(text, k ?? 3);
    },
  };
}
