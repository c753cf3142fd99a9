/**
 * The background's triage service: model outputs (cached by text hash in Dexie,
 * computed by the model host) fused with the red-flag rules. If the model host
 * cannot load or answer, every result still comes back from the rules, and the
 * reply says why the model is not in use.
 */
import type { InboxTriageDb } from '../db/schema';
import { classifyWithCache, type CachedOutput } from '../model-host/cached-classifier';
import type { ModelStatus, TriageBatch, TriageBatchReply } from '../messaging/protocol';
import { fuse, type RuleResult } from '../triage/fusion';

export interface ModelHostClient {
  /** Scores texts (loading the model first if needed). Rejects when the model is unavailable. */
  classify(texts: string[]): Promise<CachedOutput[]>;
  status(): Promise<ModelStatus>;
}

export interface TriageServiceDeps {
  db: InboxTriageDb;
  host: ModelHostClient;
  /** Model version + rules version: part of every cache key. */
  modelVersion(): Promise<string>;
  rules(text: string): RuleResult;
}

export async function triageBatch(deps: TriageServiceDeps, batch: TriageBatch): Promise<TriageBatchReply> {
  const { items } = batch;
  let outputs: (CachedOutput | null)[] = items.map(() => null);
  let cacheHits = 0;
  let model: ModelStatus;
  try {
    const version = await deps.modelVersion();
    const r = await classifyWithCache(deps.db, version, items, (texts) => deps.host.classify(texts));
    outputs = r.outputs;
    cacheHits = r.hits;
    model = await deps.host.status().catch(() => ({ state: 'ready' as const }));
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const status = await deps.host.status().catch(() => null);
    model = status?.state === 'failed' ? status : { state: 'failed', error: message };
  }
  const results = items.map((item, i) => {
    const out = outputs[i];
    return fuse(item.text, item.hash, out ? { ...out, embedding: [] } : null, deps.rules(item.text));
  });
  return { results, model, cacheHits };
}
