/**
 * Pure decision logic for the triage model: logits -> probabilities -> score ->
 * urgency level and category, plus the occlusion bookkeeping used by `explain`.
 * No transformers.js here, so it runs (and is tested) anywhere.
 */
import { z } from 'zod';
import { CATEGORIES, URGENCIES, type Category, type Urgency } from './labels';

/** The only score formula this code implements (triage.json "score"). */
export const SCORE_FORMULA = 'p_emergency + 0.5 * p_urgent';

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && new Set(a).size === a.length && b.every((x) => a.includes(x));

const Slice = z.tuple([z.number().int().min(0), z.number().int().min(0)]);

/** triage.json, written next to the ONNX model by the training pipeline. */
export const TriageModelConfigSchema = z
  .object({
    version: z.string(),
    urgencyLabels: z.array(z.string()).refine((xs) => sameSet(xs, URGENCIES), {
      message: `urgencyLabels must be a permutation of ${URGENCIES.join(', ')}`,
    }),
    categoryLabels: z.array(z.string()).refine((xs) => sameSet(xs, CATEGORIES), {
      message: `categoryLabels must be a permutation of ${CATEGORIES.join(', ')}`,
    }),
    logitSlices: z.object({ urgency: Slice, category: Slice }),
    score: z.string().refine((s) => s.replace(/\s+/g, ' ').trim() === SCORE_FORMULA, {
      message: `unsupported score formula (this code implements "${SCORE_FORMULA}")`,
    }),
    thresholds: z.object({
      emergency: z.number().min(0).max(1),
      urgentOrAbove: z.number().min(0).max(1),
    }),
    maxLength: z.number().int().positive(),
  })
  .refine((c) => c.logitSlices.urgency[1] - c.logitSlices.urgency[0] === c.urgencyLabels.length, {
    message: 'logitSlices.urgency does not match urgencyLabels',
  })
  .refine((c) => c.logitSlices.category[1] - c.logitSlices.category[0] === c.categoryLabels.length, {
    message: 'logitSlices.category does not match categoryLabels',
  });
export type TriageModelConfig = z.infer<typeof TriageModelConfigSchema>;
export type Thresholds = TriageModelConfig['thresholds'];

export interface ModelProbs {
  urgency: Record<Urgency, number>;
  category: Record<Category, number>;
}

/** What the model says about one message. */
export interface ModelOutput {
  probs: ModelProbs;
  /** p_emergency + 0.5 * p_urgent, in 0..1. */
  score: number;
  urgency: Urgency;
  category: Category;
  /** L2-normalised mean-pooled sentence embedding. */
  embedding: Float32Array | number[];
}

/** Numerically stable softmax. */
export function softmax(logits: ArrayLike<number>): number[] {
  const xs = Array.from(logits);
  if (!xs.length) return [];
  const m = Math.max(...xs);
  const ex = xs.map((x) => Math.exp(x - m));
  const z = ex.reduce((a, b) => a + b, 0);
  return ex.map((e) => e / z);
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** The continuous urgency score: p_emergency + 0.5 * p_urgent (kept in 0..1). */
export function urgencyScore(p: Record<Urgency, number>): number {
  return clamp01(p.emergency + 0.5 * p.urgent);
}

/** emergency if p_e >= t_e, else urgent if p_e + p_u >= t_u, else routine. */
export function decideUrgency(p: Record<Urgency, number>, t: Thresholds): Urgency {
  if (p.emergency >= t.emergency) return 'emergency';
  if (p.emergency + p.urgent >= t.urgentOrAbove) return 'urgent';
  return 'routine';
}

/** The most probable category (ties go to the earlier one in CATEGORIES order). */
export function argmaxCategory(p: Record<Category, number>): Category {
  let best: Category = CATEGORIES[0];
  for (const c of CATEGORIES) if (p[c] > p[best]) best = c;
  return best;
}

function toRecord<K extends string>(names: readonly string[], probs: number[]): Record<K, number> {
  const out = {} as Record<K, number>;
  names.forEach((n, i) => (out[n as K] = probs[i] ?? 0));
  return out;
}

/** One row of logits (length >= 9) -> probabilities, score and decisions. */
export function decideFromLogits(
  logits: ArrayLike<number>,
  cfg: Pick<TriageModelConfig, 'urgencyLabels' | 'categoryLabels' | 'logitSlices' | 'thresholds'>,
): Omit<ModelOutput, 'embedding'> {
  const row = Array.from(logits);
  const [u0, u1] = cfg.logitSlices.urgency;
  const [c0, c1] = cfg.logitSlices.category;
  if (row.length < Math.max(u1, c1)) throw new Error(`Expected at least ${Math.max(u1, c1)} logits, got ${row.length}`);
  const urgency = toRecord<Urgency>(cfg.urgencyLabels, softmax(row.slice(u0, u1)));
  const category = toRecord<Category>(cfg.categoryLabels, softmax(row.slice(c0, c1)));
  return {
    probs: { urgency, category },
    score: urgencyScore(urgency),
    urgency: decideUrgency(urgency, cfg.thresholds),
    category: argmaxCategory(category),
  };
}

/**
 * A batch of flat row-major outputs ([B, nLogits] logits, [B, H] embeddings) ->
 * one ModelOutput per row.
 */
export function decodeBatch(
  logits: ArrayLike<number>,
  logitDims: readonly number[],
  embedding: ArrayLike<number> | null,
  embeddingDims: readonly number[] | null,
  cfg: Pick<TriageModelConfig, 'urgencyLabels' | 'categoryLabels' | 'logitSlices' | 'thresholds'>,
): ModelOutput[] {
  const [b = 0, n = 0] = logitDims;
  const h = embeddingDims?.[1] ?? 0;
  const out: ModelOutput[] = [];
  for (let i = 0; i < b; i++) {
    const row = Array.prototype.slice.call(logits, i * n, (i + 1) * n) as number[];
    const emb = new Float32Array(h);
    if (embedding) for (let j = 0; j < h; j++) emb[j] = embedding[i * h + j] ?? 0;
    out.push({ ...decideFromLogits(row, cfg), embedding: emb });
  }
  return out;
}

// ---------------------------------------------------------------- occlusion

/** A stretch of the original text that `explain` removes to see what it did. */
export interface OcclusionUnit {
  /** Index of the unit in reading order (adjacent units have consecutive indices). */
  index: number;
  start: number;
  end: number;
}

export const MAX_OCCLUSION_VARIANTS = 64;

/** Whitespace-separated words with their character offsets. */
export function wordSpans(text: string): { start: number; end: number }[] {
  return [...text.matchAll(/\S+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

/**
 * The units to occlude: single words for short texts; 3-word windows (stride 3)
 * when there are more words than `maxVariants`, wider windows when even that is too many.
 * `maxWords` limits the units to the words the model actually sees (truncation).
 */
export function occlusionUnits(text: string, maxVariants = MAX_OCCLUSION_VARIANTS, maxWords = Infinity): OcclusionUnit[] {
  const words = wordSpans(text).slice(0, Math.max(0, maxWords));
  if (!words.length || maxVariants < 1) return [];
  const width = words.length <= maxVariants ? 1 : Math.max(3, Math.ceil(words.length / maxVariants));
  const units: OcclusionUnit[] = [];
  for (let i = 0; i < words.length; i += width) {
    const first = words[i]!;
    const last = words[Math.min(i + width, words.length) - 1]!;
    units.push({ index: units.length, start: first.start, end: last.end });
  }
  return units;
}

/** The text with one unit removed (the gap collapsed to a single space). */
export function occlude(text: string, unit: Pick<OcclusionUnit, 'start' | 'end'>): string {
  const before = text.slice(0, unit.start).replace(/[ \t]+$/, '');
  const after = text.slice(unit.end).replace(/^[ \t]+/, '');
  if (!before) return after;
  if (!after) return before;
  return /\s$/.test(before) || /^\s/.test(after) ? before + after : `${before} ${after}`;
}

/** Trim surrounding punctuation and quotes from a displayed phrase. */
export function cleanPhrase(s: string): string {
  return s
    .replace(/\s+/g, ' ')
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}%°]+$/gu, '')
    .trim();
}

/**
 * The k phrases whose removal lowered the score most. weight = base - occluded
 * score (only positive weights count). The top-k units are chosen first, then
 * chosen units that are adjacent in the text are merged into one phrase
 * (weight = the larger), so "chest" + "pain" reads as "chest pain".
 */
export function topSalient(
  text: string,
  units: readonly OcclusionUnit[],
  baseScore: number,
  occludedScores: readonly number[],
  k = 3,
): { text: string; weight: number }[] {
  const scored = units
    .map((u, i) => ({ u, w: baseScore - (occludedScores[i] ?? baseScore) }))
    .filter((x) => x.w > 0 && cleanPhrase(text.slice(x.u.start, x.u.end)))
    .sort((a, b) => b.w - a.w || a.u.index - b.u.index)
    .slice(0, Math.max(0, k))
    .sort((a, b) => a.u.index - b.u.index);
  const groups: { start: number; end: number; last: number; w: number }[] = [];
  for (const { u, w } of scored) {
    const g = groups[groups.length - 1];
    if (g && g.last + 1 === u.index) {
      g.end = u.end;
      g.last = u.index;
      g.w = Math.max(g.w, w);
    } else groups.push({ start: u.start, end: u.end, last: u.index, w });
  }
  const seen = new Set<string>();
  return groups
    .sort((a, b) => b.w - a.w || a.start - b.start)
    .map((g) => ({ text: cleanPhrase(text.slice(g.start, g.end)), weight: Math.round(g.w * 1e4) / 1e4 }))
    .filter((p) => !seen.has(p.text.toLowerCase()) && !!seen.add(p.text.toLowerCase()));
}
