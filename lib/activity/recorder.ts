/**
 * The background's side of inbox-time capture: takes the content scripts' heartbeats, merges them
 * (./merge.ts) and writes them to Dexie at once, one transaction per report, one report at a time.
 * Nothing that matters lives only in memory: the service worker can stop between any two
 * reports, and the next one continues from the database.
 *
 * Timestamps come from the content script's clock (the same machine clock in production); the
 * background accepts them within bounds of its own (injectable) clock.
 */
import type { ActivityEventRecord, ActivityKind, InboxTriageDb, MessageStatsRecord } from '../db/schema';
import { messageKeyOf } from '../db/schema';
import { mergeHeartbeat, DEFAULT_PULSE_MS } from './merge';
import { ActivityReportSchema, type SystemState } from './report';

export interface RecorderDeps {
  db: InboxTriageDb;
  /** The background's clock (ms since the epoch). */
  now: () => number;
  pulseMs?: number;
  /** Heartbeats later than now + this are refused (default 2 minutes). */
  maxFutureMs?: number;
  /** Heartbeats older than now - this are refused (default 48 hours). */
  maxPastMs?: number;
}

export interface RecordResult {
  accepted: number;
  refused: number;
}

const SALT_KEY = 'patientSalt';
const SYSTEM_KEY = 'systemState';

interface SystemRecord {
  state: SystemState;
  since: number;
}

/** Salted SHA-256 of a normalised patient name (hex, 32 chars). The salt never leaves this profile. */
export async function hashPatient(name: string, salt: string): Promise<string> {
  const norm = name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  if (!norm) return '';
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${salt}|patient|${norm}`));
  return [...new Uint8Array(digest)].slice(0, 16).map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function patientSalt(db: InboxTriageDb): Promise<string> {
  const got = await db.activityState.get(SALT_KEY);
  if (typeof got?.value === 'string') return got.value;
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const salt = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  // Two workers racing: the first salt written wins.
  return db.transaction('rw', db.activityState, async () => {
    const again = await db.activityState.get(SALT_KEY);
    if (typeof again?.value === 'string') return again.value;
    await db.activityState.put({ key: SALT_KEY, value: salt });
    return salt;
  });
}

function emptyStats(messageKey: string, adapterId: string, at: number): MessageStatsRecord {
  return {
    messageKey,
    adapterId,
    patientKey: '',
    sentAt: null,
    chars: 0,
    firstOpenedAt: at,
    lastOpenedAt: at,
    opens: 0,
    readMs: 0,
    draftMs: 0,
    activeMs: 0,
    repliedAt: null,
    completedAt: null,
  };
}

export function createRecorder(deps: RecorderDeps) {
  const { db } = deps;
  const pulseMs = deps.pulseMs ?? DEFAULT_PULSE_MS;
  const maxFuture = deps.maxFutureMs ?? 2 * 60_000;
  const maxPast = deps.maxPastMs ?? 48 * 3600_000;
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const p = queue.then(fn, fn);
    queue = p.catch(() => undefined);
    return p;
  };
  const inBounds = (at: number, now: number) => at <= now + maxFuture && at >= now - maxPast;

  async function recordUnsafe(tabId: number, raw: unknown): Promise<RecordResult> {
    const report = ActivityReportSchema.parse(raw);
    const now = deps.now();
    const { adapterId } = report;
    const patientKey = report.open?.patient ? await hashPatient(report.open.patient, await patientSalt(db)) : '';
    let accepted = 0;
    let refused = 0;
    await db.transaction('rw', [db.activity, db.messageStats, db.activityState], async () => {
      const system = (await db.activityState.get(SYSTEM_KEY))?.value as SystemRecord | undefined;
      const statsCache = new Map<string, MessageStatsRecord>();
      const statsFor = async (key: string, at: number): Promise<MessageStatsRecord> => {
        let s = statsCache.get(key) ?? (await db.messageStats.get(key));
        s ??= emptyStats(key, adapterId, at);
        statsCache.set(key, s);
        return s;
      };

      if (report.open && inBounds(report.open.at, now)) {
        const key = messageKeyOf(adapterId, report.open.messageId);
        const s = await statsFor(key, report.open.at);
        s.opens += 1;
        s.firstOpenedAt = s.opens === 1 ? report.open.at : Math.min(s.firstOpenedAt, report.open.at);
        s.lastOpenedAt = Math.max(s.lastOpenedAt, report.open.at);
        if (patientKey) s.patientKey = patientKey;
        if (report.open.sentAt) s.sentAt = Date.parse(report.open.sentAt);
        s.chars = report.open.chars;
      }

      for (const beat of report.beats) {
        if (!inBounds(beat.at, now) || (system?.state === 'locked' && beat.at >= system.since)) {
          refused += 1;
          continue;
        }
        const messageKey = beat.messageId ? messageKeyOf(adapterId, beat.messageId) : '';
        const stats = messageKey ? await statsFor(messageKey, beat.at) : null;
        const last = (await db.activity.orderBy('end').last()) as ActivityEventRecord | undefined;
        const r = mergeHeartbeat(last, { at: beat.at, kind: beat.kind, adapterId, messageKey, patientKey: stats?.patientKey ?? '', tabId, final: beat.final }, pulseMs);
        if (r.op === 'extend' && r.closed && last && r.end <= last.start) await db.activity.delete(r.id);
        else if (r.op === 'extend') await db.activity.update(r.id, r.closed ? { end: r.end, closed: true } : { end: r.end });
        else if (r.op === 'insert') await db.activity.add(r.event);
        if (stats && r.addedMs > 0) addTime(stats, beat.kind, r.addedMs);
        accepted += 1;
      }

      if (report.outcome && inBounds(report.outcome.at, now)) {
        const s = await statsFor(messageKeyOf(adapterId, report.outcome.messageId), report.outcome.at);
        if (report.outcome.outcome === 'replied') s.repliedAt = s.repliedAt === null ? report.outcome.at : Math.min(s.repliedAt, report.outcome.at);
        else s.completedAt = s.completedAt === null ? report.outcome.at : Math.min(s.completedAt, report.outcome.at);
      }

      if (statsCache.size) await db.messageStats.bulkPut([...statsCache.values()]);
    });
    return { accepted, refused };
  }

  return {
    /** Record one report from a tab. Reports are applied one at a time, in the order received. */
    record: (tabId: number, report: unknown) => serial(() => recordUnsafe(tabId, report)),
    /** chrome.idle changed: remember it (durably) so that a locked screen ends activity at once. */
    setSystemState: (state: SystemState) =>
      serial(async () => {
        await db.activityState.put({ key: SYSTEM_KEY, value: { state, since: deps.now() } satisfies SystemRecord });
      }),
  };
}

function addTime(s: MessageStatsRecord, kind: ActivityKind, ms: number): void {
  if (kind === 'read') s.readMs += ms;
  else if (kind === 'draft') s.draftMs += ms;
  else return;
  s.activeMs += ms;
}

export type Recorder = ReturnType<typeof createRecorder>;
