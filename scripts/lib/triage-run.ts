/**
 * Shared by scripts/triage.ts and scripts/eval.ts: batch triage (model + red-flag
 * rules, or rules only). Input handling lives in ./jsonl-io.
 * Node only.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fuse } from '../../lib/triage/fusion';
import { loadTriageModel, type ModelOutput, type TriageDtype } from '../../lib/triage/model';
import type { TriageResult } from '../../lib/triage/result';
import { applyRules } from '../../lib/triage/rules';
import { textHash } from '../../lib/util/hash';
import { BATCH_SIZE } from './jsonl-io';

export const MODEL_ID = 'triage-v1';
/** public/models (override with TRIAGE_MODELS_DIR to try another export). */
export const MODELS_DIR = process.env.TRIAGE_MODELS_DIR || resolve(dirname(fileURLToPath(import.meta.url)), '../../public/models');

// ---------------------------------------------------------------- triage

export interface Triaged {
  result: TriageResult;
  /** The model's own output before the rules (null in rules-only mode). */
  model: ModelOutput | null;
}

export interface Triager {
  /** "model triage-v1 (q8, version …) + rules" or "rules only". */
  readonly description: string;
  triage(texts: string[]): Promise<Triaged[]>;
  dispose(): Promise<void>;
}

export interface TriagerOptions {
  rulesOnly?: boolean;
  dtype?: TriageDtype;
  modelsDir?: string;
}

/** Keeps library chatter off stdout (stdout carries only results). */
export function routeConsoleToStderr(): void {
  console.log = (...args: unknown[]) => console.error(...args);
  console.info = (...args: unknown[]) => console.error(...args);
}

export async function createTriager(opts: TriagerOptions = {}): Promise<Triager> {
  if (opts.rulesOnly) {
    return {
      description: 'rules only',
      triage: async (texts) => texts.map((t) => ({ result: fuse(t, textHash(t), null, applyRules(t)), model: null })),
      dispose: async () => undefined,
    };
  }
  const dir = opts.modelsDir ?? MODELS_DIR;
  const dtype = opts.dtype ?? 'q8';
  const file = resolve(dir, MODEL_ID, 'onnx', dtype === 'q8' ? 'model_quantized.onnx' : 'model.onnx');
  if (!existsSync(file)) throw new Error(`The model is missing (${file}). Train/export it first, or pass --rules-only.`);
  const model = await loadTriageModel({ localModelPath: dir, modelId: MODEL_ID, dtype, batchSize: BATCH_SIZE });
  return {
    description: `model ${MODEL_ID} (${dtype}, version ${model.config.version}, thresholds e≥${model.config.thresholds.emergency} e+u≥${model.config.thresholds.urgentOrAbove}) + rules`,
    async triage(texts) {
      const outs = await model.classify(texts);
      return texts.map((t, i) => {
        const m = outs[i]!;
        return { result: fuse(t, textHash(t), m, applyRules(t)), model: m };
      });
    },
    dispose: () => model.dispose(),
  };
}

