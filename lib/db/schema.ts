/**
 * The extension's IndexedDB (Dexie), owned by the background service worker.
 * Records carry hashes, labels, probabilities and timings, never message text.
 *
 * Versions: bump `db.version(n)` with a new `stores()` (and `upgrade()` when data
 * must be transformed); never edit an old version. See lib/db/schema.test.ts.
 */
import Dexie, { type EntityTable } from 'dexie';
import type { ModelProbs } from '../triage/decide';
import type { Category, Urgency } from '../triage/labels';

/** The model's output for one text, keyed by model version and text hash. No text. */
export interface ModelCacheRecord {
  /** `${modelVersion}|${textHash}` */
  key: string;
  modelVersion: string;
  textHash: string;
  probs: ModelProbs;
  score: number;
  urgency: Urgency;
  category: Category;
  createdAt: number;
}

export const DB_NAME = 'inbox-triage';

export type InboxTriageDb = Dexie & {
  modelCache: EntityTable<ModelCacheRecord, 'key'>;
};

export function openDb(name = DB_NAME): InboxTriageDb {
  const db = new Dexie(name) as InboxTriageDb;
  db.version(1).stores({
    modelCache: 'key, modelVersion, createdAt',
  });
  return db;
}

export const cacheKey = (modelVersion: string, textHash: string) => `${modelVersion}|${textHash}`;
