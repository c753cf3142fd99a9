/**
 * The on-device triage model (public/models/triage-v1), environment-neutral: the
 * same code runs in Node (scripts, tests: onnxruntime-node) and in the
 * extension's model host (onnxruntime-web). Only local files are ever read.
 *
 * The transformers.js-specific part is kept to loading, tokenising and one
 * forward pass; everything after the logits lives in ./decide.ts (pure).
 */
import {
  AutoModel,
  AutoTokenizer,
  env,
  type DeviceType,
  type PreTrainedModel,
  type PreTrainedTokenizer,
  type ProgressInfo,
  type Tensor,
} from '@huggingface/transformers';
import {
  decodeBatch,
  MAX_OCCLUSION_VARIANTS,
  occlude,
  occlusionUnits,
  topSalient,
  wordSpans,
  TriageModelConfigSchema,
  type ModelOutput,
  type TriageModelConfig,
} from './decide';

export type { ModelOutput, TriageModelConfig } from './decide';
export type TriageDtype = 'q8' | 'fp32';

export interface LoadTriageModelOptions {
  /**
   * Folder (path in Node, URL in the browser, e.g. `browser.runtime.getURL('/models/')`)
   * that holds `<modelId>/`. `modelPath` is accepted as an alias.
   */
  localModelPath?: string;
  modelPath?: string;
  modelId?: string;
  /** q8 -> onnx/model_quantized.onnx (default), fp32 -> onnx/model.onnx. */
  dtype?: TriageDtype;
  device?: DeviceType;
  onProgress?: (info: ProgressInfo) => void;
  /** Sequences per forward pass in `classify` (default 32). */
  batchSize?: number;
  /** Reads `<modelId>/triage.json`; the default uses fetch for URLs and the file system otherwise. */
  readJson?: (location: string) => Promise<unknown>;
}

export interface SalientPhrase {
  text: string;
  weight: number;
}

export interface TriageModel {
  readonly modelId: string;
  readonly dtype: TriageDtype;
  readonly config: TriageModelConfig;
  classify(texts: string[]): Promise<ModelOutput[]>;
  /** The words or short phrases whose removal lowers the urgency score most. */
  explain(text: string, k?: number): Promise<SalientPhrase[]>;
  dispose(): Promise<void>;
}

const isUrl = (s: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(s);
const withSlash = (s: string) => (s.endsWith('/') ? s : `${s}/`);

const isNode = () => typeof process !== 'undefined' && !!process.versions?.node;

async function defaultReadJson(location: string): Promise<unknown> {
  if (isUrl(location) || !isNode()) {
    const res = await fetch(location);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return res.json();
  }
  // Node only; the specifier is hidden from bundlers so the extension build never sees it.
  const fsModule = 'node:fs/promises';
  const fs = (await import(/* @vite-ignore */ fsModule)) as typeof import('node:fs/promises');
  return JSON.parse(await fs.readFile(location, 'utf8'));
}

/**
 * Indices of `texts` ordered by length (characters, a cheap stand-in for tokens), stable, so that
 * each batch holds texts of similar length. Results are put back in the caller's order.
 */
export function lengthOrder(texts: readonly string[]): number[] {
  return texts.map((_, i) => i).sort((a, b) => texts[a]!.length - texts[b]!.length || a - b);
}

/**
 * Forward passes for one call: indices grouped by length, at most `batchSize` per group. A batch is
 * padded to its longest text, so a group is closed when adding the next (longer) text would make the
 * padded size exceed `slack` times the real size: one 500-token message no longer pads 31 short ones.
 * Lengths are characters plus a constant (the special tokens; short texts are cheap anyway).
 */
export function lengthBatches(texts: readonly string[], batchSize: number, slack = 1.3): number[][] {
  const cost = (i: number) => texts[i]!.length + 16;
  const groups: number[][] = [];
  let group: number[] = [];
  let real = 0;
  for (const i of lengthOrder(texts)) {
    const c = cost(i);
    if (group.length && (group.length >= batchSize || (group.length + 1) * c > slack * (real + c))) {
      groups.push(group);
      group = [];
      real = 0;
    }
    group.push(i);
    real += c;
  }
  if (group.length) groups.push(group);
  return groups;
}

export async function loadTriageModel(opts: LoadTriageModelOptions = {}): Promise<TriageModel> {
  const root = opts.localModelPath ?? opts.modelPath;
  const modelId = opts.modelId ?? 'triage-v1';
  const dtype = opts.dtype ?? 'q8';
  const batchSize = Math.max(1, opts.batchSize ?? 32);

  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  if (root) env.localModelPath = withSlash(root);
  const base = withSlash(env.localModelPath);

  const triageJsonAt = `${base}${modelId}/triage.json`;
  let config: TriageModelConfig;
  try {
    config = TriageModelConfigSchema.parse(await (opts.readJson ?? defaultReadJson)(triageJsonAt));
  } catch (e) {
    throw new Error(`Cannot load ${triageJsonAt}: ${e instanceof Error ? e.message : String(e)}`);
  }

  const progress_callback = opts.onProgress;
  const tokenizer: PreTrainedTokenizer = await AutoTokenizer.from_pretrained(modelId, {
    local_files_only: true,
    progress_callback,
  });
  const model: PreTrainedModel = await AutoModel.from_pretrained(modelId, {
    dtype,
    local_files_only: true,
    progress_callback,
    ...(opts.device ? { device: opts.device } : {}),
  });

  // ONNX sessions must not run concurrently (onnxruntime-web refuses): one at a time.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };

  /** One forward pass over at most `batchSize`-ish texts. */
  async function forward(texts: string[]): Promise<ModelOutput[]> {
    const inputs = tokenizer(texts, { padding: true, truncation: true, max_length: config.maxLength });
    const out = (await model(inputs)) as Record<string, Tensor | undefined>;
    const logits = out.logits;
    if (!logits) throw new Error(`The model returned no "logits" (outputs: ${Object.keys(out).join(', ')})`);
    const emb = out.sentence_embedding ?? null;
    return decodeBatch(logits.data as Float32Array, logits.dims, emb ? (emb.data as Float32Array) : null, emb?.dims ?? null, config);
  }

  async function classify(texts: string[]): Promise<ModelOutput[]> {
    // A batch is padded to its longest text: texts are grouped by length (see lengthBatches), which
    // cuts the work several-fold on a real inbox page where one long message sits among short ones.
    const results: ModelOutput[] = new Array(texts.length);
    for (const idx of lengthBatches(texts, batchSize)) {
      const outs = await serial(() => forward(idx.map((j) => texts[j]!)));
      idx.forEach((j, k) => (results[j] = outs[k]!));
    }
    return results;
  }

  async function explain(text: string, k = 3): Promise<SalientPhrase[]> {
    // Only the words inside the model's window matter: estimate where truncation cuts.
    const nTokens = tokenizer.encode(text).length;
    const nWords = wordSpans(text).length;
    const maxWords = nTokens > config.maxLength ? Math.ceil((nWords * config.maxLength) / nTokens) : Infinity;
    const units = occlusionUnits(text, MAX_OCCLUSION_VARIANTS, maxWords);
    if (!units.length) return [];
    // base + every variant in one forward pass
    const outs = await serial(() => forward([text, ...units.map((u) => occlude(text, u))]));
    const [baseOut, ...variants] = outs;
    if (!baseOut) return [];
    return topSalient(text, units, baseOut.score, variants.map((v) => v.score), k);
  }

  return {
    modelId,
    dtype,
    config,
    classify,
    explain,
    dispose: async () => {
      await model.dispose();
    },
  };
}
