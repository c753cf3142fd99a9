/**
 * The extension's IndexedDB (Dexie), owned by the background service worker.
 * Records carry hashes, labels, probabilities and timings, never message text
 * and never a patient's name (only a local hash of it).
 *
 * Versions: bump `db.version(n)` with a new `stores()` (and `upgrade()` when data
 * must be transformed); never edit an old version. See lib/db/schema.test.ts.
 *
 * v1: modelCache.
 * v2: activity (inbox time, ActivityWatch-style merged heartbeats), messageStats (per message),
 *     draftUses (reply drafts, issue 5), activityState (the background's durable scratch state).
 * v3: messageTriage (the urgency and category of each opened message, for the burden dashboard
 *     and study exports, issue 7).
 */
import Dexie, { type EntityTable } from 'dexie';
import type { ModelProbs } from '../triage/decide';
import type { Category, Urgency } from '../triage/labels';
import { textHash } from '../util/hash';

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

/**
 * What the clinician was doing in the inbox: `list` (inbox, no message open), `read` (a message
 * open, no typing in its reply box), `draft` (typing in, or focused on, the reply box).
 */
export type ActivityKind = 'list' | 'read' | 'draft';

/**
 * One merged span of inbox activity (ActivityWatch's event: start + duration + data). Heartbeats
 * with the same data (kind, adapter, message, patient) within the pulse window extend it.
 */
export interface ActivityEventRecord {
  id?: number;
  /** ms since the epoch. */
  start: number;
  /** ms since the epoch; `end - start` is the event's duration. */
  end: number;
  kind: ActivityKind;
  adapterId: string;
  /** `messageKey(adapterId, messageId)`, or '' on the list. */
  messageKey: string;
  /** Local hash of the patient's name (`patientKey`), or ''. */
  patientKey: string;
  /** The tab that produced it (diagnostics; only one tab counts at a time). */
  tabId: number;
  /** Set when the tab said this span ended (not indexed): later heartbeats start a new event. */
  closed?: boolean;
}

/** Per-message totals and outcome. No text: keys, times and lengths only. */
export interface MessageStatsRecord {
  messageKey: string;
  adapterId: string;
  patientKey: string;
  /** When the patient sent it (ms), when the adapter could read it. */
  sentAt: number | null;
  /** Length of the open message's text in characters (sets the reading allowance). */
  chars: number;
  firstOpenedAt: number;
  lastOpenedAt: number;
  opens: number;
  readMs: number;
  draftMs: number;
  /** readMs + draftMs. */
  activeMs: number;
  repliedAt: number | null;
  completedAt: number | null;
}

/**
 * One reply-draft use (issue 5, lib/drafts). No text: which draft, how much it was edited, timings.
 * Owned by the drafts feature; lib/metrics reads it for draft use and edit ratio.
 */
export interface DraftUseRecord {
  id?: number;
  messageKey: string;
  adapterId: string;
  draftsShown?: number;
  insertedTemplateId?: string | null;
  /** 0 = sent as inserted, 1 = entirely rewritten. */
  editRatio?: number | null;
  openedAt?: number | null;
  insertedAt?: number | null;
  sentAt?: number | null;
  openToSendMs?: number | null;
  [extra: string]: unknown;
}

/** The triage of one opened message (level and category only, no text): dashboards count messages by them. */
export interface MessageTriageRecord {
  messageKey: string;
  urgency: Urgency;
  /** null when only the red-flag rules had answered. */
  category: Category | null;
  /** When this triage was recorded (ms). */
  at: number;
}

/** Small durable key/value state of the background (the service worker can stop at any moment). */
export interface ActivityStateRecord {
  key: string;
  value: unknown;
}

export const DB_NAME = 'inbox-triage';

export type InboxTriageDb = Dexie & {
  modelCache: EntityTable<ModelCacheRecord, 'key'>;
  activity: EntityTable<ActivityEventRecord, 'id'>;
  messageStats: EntityTable<MessageStatsRecord, 'messageKey'>;
  draftUses: EntityTable<DraftUseRecord, 'id'>;
  activityState: EntityTable<ActivityStateRecord, 'key'>;
  messageTriage: EntityTable<MessageTriageRecord, 'messageKey'>;
};

/** The version-1 stores, exactly as shipped (tests open a v1 database with them). */
export const STORES_V1 = {
  modelCache: 'key, modelVersion, createdAt',
} as const;

export const STORES_V2 = {
  activity: '++id, start, end, messageKey, patientKey',
  messageStats: 'messageKey, adapterId, patientKey, firstOpenedAt, repliedAt',
  draftUses: '++id, messageKey, adapterId, sentAt',
  activityState: 'key',
} as const;

export const STORES_V3 = {
  messageTriage: 'messageKey, at',
} as const;

export function openDb(name = DB_NAME): InboxTriageDb {
  const db = new Dexie(name) as InboxTriageDb;
  db.version(1).stores(STORES_V1);
  // v2 adds stores only; v1's model cache is kept as it is.
  db.version(2).stores(STORES_V2);
  // v3 adds one store; v1 and v2 are kept as they are.
  db.version(3).stores(STORES_V3);
  return db;
}

export const cacheKey = (modelVersion: string, textHash: string) => `${modelVersion}|${textHash}`;

/**
 * The key of one message across the database (activity, messageStats, draftUses): the adapter and
 * a hash of the EHR's message id (ids can carry identifiers in some EHRs, so they are not stored).
 */
export function messageKeyOf(adapterId: string, messageId: string): string {
  return `${adapterId}:${textHash(`message|${messageId}`)}`;
}
