/**
 * Model outputs with a cache in front: texts whose hash was scored by the same
 * model version are not scored again (the cache holds outputs, never text).
 */
import type { ModelOutput } from '../triage/decide';
import { cacheKey, type InboxTriageDb, type ModelCacheRecord } from '../db/schema';

export interface ClassifyItem {
  hash: string;
  text: string;
}

/** Outputs as cached: everything but the embedding. */
export type CachedOutput = Omit<ModelOutput, 'embedding'>;

export async function classifyWithCache(
  db: InboxTriageDb,
  modelVersion: string,
  items: readonly ClassifyItem[],
  classify: (texts: string[]) => Promise<CachedOutput[]>,
  now = Date.now(),
): Promise<{ outputs: CachedOutput[]; hits: number }> {
  const keys = items.map((i) => cacheKey(modelVersion, i.hash));
  const cached = await db.modelCache.bulkGet(keys).catch(() => keys.map(() => undefined));
  const missIdx = cached.flatMap((c, i) => (c ? [] : [i]));
  const fresh = missIdx.length ? await classify(missIdx.map((i) => items[i]!.text)) : [];
  if (fresh.length !== missIdx.length) throw new Error(`The model returned ${fresh.length} results for ${missIdx.length} texts`);
  const records: ModelCacheRecord[] = missIdx.map((i, j) => ({
    key: keys[i]!,
    modelVersion,
    textHash: items[i]!.hash,
    probs: fresh[j]!.probs,
    score: fresh[j]!.score,
    urgency: fresh[j]!.urgency,
    category: fresh[j]!.category,
    createdAt: now,
  }));
  // A failed cache write costs speed, not correctness.
  if (records.length) await db.modelCache.bulkPut(records).catch(() => undefined);
  const byIdx = new Map(missIdx.map((i, j) => [i, fresh[j]!]));
  const outputs = items.map((_, i) => {
    const hit = cached[i];
    if (hit) return { probs: hit.probs, score: hit.score, urgency: hit.urgency, category: hit.category };
    const f = byIdx.get(i)!;
    return { probs: f.probs, score: f.score, urgency: f.urgency, category: f.category };
  });
  return { outputs, hits: items.length - missIdx.length };
}
