/**
 * The REAL shipped model (public/models/triage-v1) in Node, through the same
 * lib/triage/model.ts the extension's model host uses (onnxruntime-node here).
 * The model files are part of the repository: when any is missing, every test here
 * FAILS (it is never skipped); rebuild them with `npm run train`.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { env } from '@huggingface/transformers';
import { lengthBatches, lengthOrder, loadTriageModel, type ModelOutput, type TriageModel } from './model';
import { CATEGORIES, URGENCIES } from './labels';

const MODELS_DIR = process.env.TRIAGE_MODELS_DIR ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../public/models');
const MODEL_DIR = resolve(MODELS_DIR, 'triage-v1');
const REQUIRED = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'triage.json', 'onnx/model.onnx', 'onnx/model_quantized.onnx'];
const missing = REQUIRED.filter((f) => !existsSync(resolve(MODEL_DIR, f)));
const MISSING_MESSAGE = `the triage model is incomplete in ${MODEL_DIR} (missing: ${missing.join(', ')}); run \`npm run train\``;
/** First line of every test: fails it (never skips it) when a model file is missing. */
const requireModel = () => expect(missing, MISSING_MESSAGE).toEqual([]);

const CASES = [
  { text: 'crushing chest pain and sweating, left arm numb', urgency: 'emergency', category: null },
  { text: 'thanks so much, see you tuesday', urgency: 'routine', category: 'acknowledgement' },
  { text: 'please refill my lisinopril, I have a week left', urgency: 'routine', category: 'medication' },
] as const;
const TEXTS = CASES.map((c) => c.text);

const argmax = (r: Record<string, number>) => Object.entries(r).sort((a, b) => b[1] - a[1])[0]![0];
const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

describe('triage model (real files, Node)', () => {
  let q8: TriageModel;
  let fp32: TriageModel;
  const fetchCalls: string[] = [];

  it('has every model file', () => {
    requireModel();
  });

  beforeAll(async () => {
    if (missing.length) return; // every test fails on requireModel()
    const realFetch = globalThis.fetch;
    const spy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      fetchCalls.push(String(input instanceof Request ? input.url : input));
      return realFetch(input, init);
    });
    try {
      q8 = await loadTriageModel({ localModelPath: MODELS_DIR, modelId: 'triage-v1', dtype: 'q8' });
      fp32 = await loadTriageModel({ localModelPath: MODELS_DIR, modelId: 'triage-v1', dtype: 'fp32' });
      await q8.classify(['warm-up']);
    } finally {
      spy.mockRestore();
    }
  }, 120_000);

  afterAll(async () => {
    await q8?.dispose();
    await fp32?.dispose();
  });

  it('loads from local files only: remote models off, no network request', () => {
    requireModel();
    expect(env.allowRemoteModels).toBe(false);
    expect(env.allowLocalModels).toBe(true);
    expect(fetchCalls.filter((u) => /^https?:/i.test(u))).toEqual([]);
    expect(q8.config.urgencyLabels).toEqual([...URGENCIES]);
    expect([...q8.config.categoryLabels].sort()).toEqual([...CATEGORIES].sort());
    expect(q8.config.maxLength).toBeGreaterThan(0);
  });

  it('outputs probabilities that sum to 1, a score in 0..1 and an embedding', async () => {
    requireModel();
    for (const o of await q8.classify(TEXTS)) {
      expect(sum(o.probs.urgency)).toBeCloseTo(1, 5);
      expect(sum(o.probs.category)).toBeCloseTo(1, 5);
      expect(Object.keys(o.probs.urgency).sort()).toEqual([...URGENCIES].sort());
      expect(Object.keys(o.probs.category).sort()).toEqual([...CATEGORIES].sort());
      expect(o.score).toBeGreaterThanOrEqual(0);
      expect(o.score).toBeLessThanOrEqual(1);
      expect(o.score).toBeCloseTo(o.probs.urgency.emergency + 0.5 * o.probs.urgency.urgent, 6);
      expect(o.embedding.length).toBeGreaterThan(0);
    }
  });

  it('classifies three obvious cases', async () => {
    requireModel();
    const outs = await q8.classify(TEXTS);
    CASES.forEach((c, i) => {
      const o = outs[i]!;
      expect(o.urgency, c.text).toBe(c.urgency);
      if (c.category) expect(o.category, c.text).toBe(c.category);
    });
  });

  it('q8 and fp32 agree on the argmax of both heads', async () => {
    requireModel();
    const a = await q8.classify(TEXTS);
    const b = await fp32.classify(TEXTS);
    TEXTS.forEach((t, i) => {
      expect(argmax(a[i]!.probs.urgency), t).toBe(argmax(b[i]!.probs.urgency));
      expect(argmax(a[i]!.probs.category), t).toBe(argmax(b[i]!.probs.category));
      expect(a[i]!.urgency, t).toBe(b[i]!.urgency);
      expect(a[i]!.category, t).toBe(b[i]!.category);
    });
  });

  it('batched results equal single results (padding does not leak)', async () => {
    requireModel();
    for (const model of [q8, fp32]) {
      const batch = await model.classify(TEXTS);
      for (const [i, t] of TEXTS.entries()) {
        const [single] = (await model.classify([t])) as [ModelOutput];
        const b = batch[i]!;
        expect(Math.abs(b.score - single.score)).toBeLessThan(1e-4);
        for (const u of URGENCIES) expect(Math.abs(b.probs.urgency[u] - single.probs.urgency[u])).toBeLessThan(1e-4);
        for (const c of CATEGORIES) expect(Math.abs(b.probs.category[c] - single.probs.category[c])).toBeLessThan(1e-4);
        const maxEmbDiff = Math.max(...Array.from(b.embedding, (v, j) => Math.abs(v - (single.embedding[j] ?? NaN))));
        expect(maxEmbDiff).toBeLessThan(1e-4);
      }
    }
  });

  it('groups a call into length batches: similar lengths together, at most batchSize, nothing lost', () => {
    const short = Array.from({ length: 40 }, (_, i) => `short message number ${i}`);
    const long = 'x'.repeat(2000);
    const texts = [...short.slice(0, 20), long, ...short.slice(20)];
    const groups = lengthBatches(texts, 32);
    expect(groups.flat().sort((a, b) => a - b)).toEqual(texts.map((_, i) => i));
    expect(Math.max(...groups.map((g) => g.length))).toBeLessThanOrEqual(32);
    // the long message gets its own pass instead of padding 31 short ones to its length
    expect(groups.find((g) => g.includes(20))).toEqual([20]);
    expect(groups.length).toBe(3); // 32 short, 8 short, the long one
    expect(lengthBatches([], 32)).toEqual([]);
  });

  it('batches texts by length and returns results in the order given', async () => {
    requireModel();
    // long, short, medium, shortest: with batches of 2 the model sees [ok, thanks!] then [medium, long]
    const texts = [
      `${'I have been meaning to write about my knee for a while now. '.repeat(12)}crushing chest pain right now`,
      'thanks!',
      'please refill my lisinopril, I have a week left',
      'ok',
    ];
    expect(lengthOrder(texts)).toEqual([3, 1, 2, 0]);
    const small = await loadTriageModel({ localModelPath: MODELS_DIR, batchSize: 2 });
    try {
      const batched = await small.classify(texts);
      for (const [i, t] of texts.entries()) {
        const [single] = (await small.classify([t])) as [ModelOutput];
        expect(Math.abs(batched[i]!.score - single.score), t).toBeLessThan(1e-4);
        expect(batched[i]!.category, t).toBe(single.category);
      }
    } finally {
      await small.dispose();
    }
  });

  it('explains with phrases from the text that carry positive weight, pointing at the red flag', async () => {
    requireModel();
    // A red flag buried after a routine request: removing it must lower the score most.
    const buried = 'Refill\nplease refill my metformin. also my face is droopy and I cannot lift my left arm';
    const phrases = await q8.explain(buried, 3);
    expect(phrases.length).toBeGreaterThan(0);
    expect(phrases.length).toBeLessThanOrEqual(3);
    for (const p of phrases) {
      expect(p.weight).toBeGreaterThan(0);
      expect(buried.toLowerCase()).toContain(p.text.toLowerCase());
    }
    expect(buried.indexOf(phrases[0]!.text)).toBeGreaterThan(buried.indexOf('metformin.'));
    // Redundant evidence may leave nothing whose single removal lowers the score: never invent weights.
    for (const p of await q8.explain(CASES[0].text, 3)) expect(p.weight).toBeGreaterThan(0);
    // Long texts: variants are capped and the result is still at most k phrases.
    const long = `${'I have a question about my appointment next week and parking. '.repeat(40)}Also my chest hurts.`;
    expect((await q8.explain(long, 3)).length).toBeLessThanOrEqual(3);
  });
});
