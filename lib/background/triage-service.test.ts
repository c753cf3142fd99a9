import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { openDb } from '../db/schema';
import { triageBatch, type TriageServiceDeps } from './triage-service';
import type { CachedOutput } from '../model-host/cached-classifier';
import type { RuleResult } from '../triage/fusion';

const routine: CachedOutput = {
  probs: { urgency: { emergency: 0.01, urgent: 0.04, routine: 0.95 }, category: { symptom: 0.1, medication: 0.8, results: 0.02, scheduling: 0.03, administrative: 0.03, acknowledgement: 0.02 } },
  score: 0.03,
  urgency: 'routine',
  category: 'medication',
};
const noRules = (): RuleResult => ({ floor: null, matches: [] });
const chestRule = (text: string): RuleResult =>
  /chest pain/.test(text) ? { floor: 'emergency', matches: [{ ruleId: 'chest-pain', label: 'Chest pain', level: 'emergency', phrase: 'chest pain' }] } : noRules();

function deps(over: Partial<TriageServiceDeps> = {}): TriageServiceDeps {
  return {
    db: openDb(`svc-${Math.random()}`),
    host: { classify: async (t) => t.map(() => routine), status: async () => ({ state: 'ready' }) },
    modelVersion: async () => 'm1+r1',
    rules: chestRule,
    ...over,
  };
}

describe('triageBatch', () => {
  it('fuses model outputs with the rules, which only raise', async () => {
    const r = await triageBatch(deps(), {
      items: [
        { hash: 'a', text: 'refill my lisinopril please' },
        { hash: 'b', text: 'refill, also chest pain since this morning' },
      ],
    });
    expect(r.model.state).toBe('ready');
    expect(r.results.map((x) => [x.textHash, x.urgency, x.source, x.category])).toEqual([
      ['a', 'routine', 'model', 'medication'],
      ['b', 'emergency', 'model+rules', 'medication'],
    ]);
    expect(r.results[1]!.score).toBeGreaterThanOrEqual(0.9);
  });

  it('answers from the rules, saying why, when the model host fails', async () => {
    const r = await triageBatch(
      deps({ host: { classify: () => Promise.reject(new Error('WASM failed to load')), status: async () => ({ state: 'failed', error: 'WASM failed to load' }) } }),
      { items: [{ hash: 'b', text: 'chest pain' }, { hash: 'c', text: 'thanks' }] },
    );
    expect(r.model).toEqual({ state: 'failed', error: 'WASM failed to load' });
    expect(r.results.map((x) => [x.urgency, x.source, x.category])).toEqual([
      ['emergency', 'rules', null],
      ['routine', 'rules', null],
    ]);
  });

  it('uses the cache on the second call', async () => {
    const classify = vi.fn(async (t: string[]) => t.map(() => routine));
    const d = deps({ host: { classify, status: async () => ({ state: 'ready' }) } });
    await triageBatch(d, { items: [{ hash: 'a', text: 'x' }] });
    const again = await triageBatch(d, { items: [{ hash: 'a', text: 'x' }] });
    expect(again.cacheHits).toBe(1);
    expect(classify).toHaveBeenCalledTimes(1);
  });
});
