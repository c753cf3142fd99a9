import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDb, type InboxTriageDb } from '../db/schema';
import { classifyWithCache, type CachedOutput } from './cached-classifier';

const out = (score: number): CachedOutput => ({
  probs: { urgency: { emergency: score, urgent: 0, routine: 1 - score }, category: { symptom: 1, medication: 0, results: 0, scheduling: 0, administrative: 0, acknowledgement: 0 } },
  score,
  urgency: score > 0.5 ? 'emergency' : 'routine',
  category: 'symptom',
});

let db: InboxTriageDb;
afterEach(async () => {
  await db?.delete();
});

describe('classifyWithCache', () => {
  it('scores only texts not cached for this model version, in input order', async () => {
    db = openDb(`t-${Math.random()}`);
    const classify = vi.fn(async (texts: string[]) => texts.map((t) => out(t.length / 100)));
    const a = await classifyWithCache(db, 'v1', [{ hash: 'h1', text: 'x'.repeat(90) }, { hash: 'h2', text: 'y'.repeat(10) }], classify);
    expect(a.hits).toBe(0);
    expect(a.outputs.map((o) => o.score)).toEqual([0.9, 0.1]);
    const b = await classifyWithCache(db, 'v1', [{ hash: 'h3', text: 'z'.repeat(50) }, { hash: 'h1', text: 'x'.repeat(90) }], classify);
    expect(b.hits).toBe(1);
    expect(b.outputs.map((o) => o.score)).toEqual([0.5, 0.9]);
    expect(classify).toHaveBeenCalledTimes(2);
    expect(classify.mock.calls[1]![0]).toEqual(['z'.repeat(50)]);
    // Another model version does not reuse the cache.
    await classifyWithCache(db, 'v2', [{ hash: 'h1', text: 'x'.repeat(90) }], classify);
    expect(classify).toHaveBeenCalledTimes(3);
  });

  it('stores no text', async () => {
    db = openDb(`t-${Math.random()}`);
    await classifyWithCache(db, 'v1', [{ hash: 'h1', text: 'my chest hurts' }], async (t) => t.map(() => out(0.9)));
    const all = await db.modelCache.toArray();
    expect(JSON.stringify(all)).not.toContain('chest');
    expect(all[0]).toMatchObject({ key: 'v1|h1', textHash: 'h1', modelVersion: 'v1' });
  });

  it('fails loudly when the model returns the wrong number of results', async () => {
    db = openDb(`t-${Math.random()}`);
    await expect(classifyWithCache(db, 'v1', [{ hash: 'a', text: 'a' }], async () => [])).rejects.toThrow(/0 results for 1 texts/);
  });
});
