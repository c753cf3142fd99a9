/**
 * Retention (issue 7): purge this browser's burden data older than N days, or delete everything
 * (this browser's own records and every imported export). The pages ask the user to confirm
 * first; these functions do the deleting, each in one transaction.
 */
import type { InboxTriageDb } from '../db/schema';
import { clearImported, type ImportsDb } from '../export/imports-db';

export const DAY_MS = 86_400_000;

export interface PurgeCounts {
  activity: number;
  messageStats: number;
  draftUses: number;
  messageTriage: number;
  modelCache: number;
}

const latest = (...xs: (number | null | undefined)[]) => Math.max(...xs.map((x) => (typeof x === 'number' ? x : -Infinity)));

/** Delete records whose last time is older than `days` days before `now` (days ≥ 1). */
export async function purgeOlderThan(db: InboxTriageDb, days: number, now = Date.now()): Promise<PurgeCounts> {
  if (!Number.isFinite(days) || days < 1) throw new Error('keep at least 1 day');
  const cutoff = now - Math.floor(days) * DAY_MS;
  return db.transaction('rw', [db.activity, db.messageStats, db.draftUses, db.messageTriage, db.modelCache], async () => {
    const activity = await db.activity.where('end').below(cutoff).delete();
    const messageStats = await db.messageStats.filter((s) => latest(s.lastOpenedAt, s.firstOpenedAt, s.repliedAt, s.completedAt) < cutoff).delete();
    const draftUses = await db.draftUses.filter((d) => latest(d.openedAt, d.insertedAt, d.sentAt) < cutoff).delete();
    const messageTriage = await db.messageTriage.where('at').below(cutoff).delete();
    const modelCache = await db.modelCache.where('createdAt').below(cutoff).delete();
    return { activity, messageStats, draftUses, messageTriage, modelCache };
  });
}

/** Delete every record of this browser's burden data and every imported export. Settings stay. */
export async function deleteEverything(db: InboxTriageDb, imports: ImportsDb | null): Promise<void> {
  await db.transaction('rw', [db.activity, db.messageStats, db.draftUses, db.messageTriage, db.modelCache, db.activityState], async () => {
    await Promise.all([db.activity.clear(), db.messageStats.clear(), db.draftUses.clear(), db.messageTriage.clear(), db.modelCache.clear(), db.activityState.clear()]);
  });
  if (imports) await clearImported(imports);
}
