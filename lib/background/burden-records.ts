/**
 * Small background records for the burden dashboard and the popup (issue 7):
 * - the triage (level and category, never text) of each opened message, in Dexie `messageTriage`,
 *   so messages can be counted by urgency and category (in the control arm too: measured the same);
 * - the latest unread emergency/urgent counts per tab, in `storage.session` (memory), for the popup.
 */
import { z } from 'zod';
import { messageKeyOf, type InboxTriageDb } from '../db/schema';
import type { InboxStatsReport, OpenMessageReport } from '../messaging/protocol';

export const INBOX_STATS_PREFIX = 'inbox:stats:';

export const StoredInboxStatsSchema = z.object({
  adapterId: z.string(),
  rows: z.number().int().min(0),
  unreadEmergency: z.number().int().min(0),
  unreadUrgent: z.number().int().min(0),
  at: z.number(),
});
export type StoredInboxStats = z.infer<typeof StoredInboxStatsSchema>;

interface SessionArea {
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

export async function recordMessageTriage(db: Pick<InboxTriageDb, 'messageTriage'>, report: OpenMessageReport, now = Date.now()): Promise<void> {
  if (!report.message || !report.triage) return;
  await db.messageTriage.put({ messageKey: messageKeyOf(report.adapterId, report.message.id), urgency: report.triage.urgency, category: report.triage.category ?? null, at: now });
}

export async function storeInboxStats(session: SessionArea, tabId: number, stats: InboxStatsReport, now = Date.now()): Promise<void> {
  if (stats.rows === 0 && stats.unreadEmergency === 0 && stats.unreadUrgent === 0) await session.remove(INBOX_STATS_PREFIX + tabId);
  else await session.set({ [INBOX_STATS_PREFIX + tabId]: { ...stats, at: now } satisfies StoredInboxStats });
}

/** The popup's counts: the given tab's when it has an inbox, otherwise the sum over every tab. */
export function unreadCounts(all: Record<string, unknown>, tabId: number | undefined): { emergency: number; urgent: number; tabs: number } {
  const entries = Object.entries(all).flatMap(([k, v]) => {
    if (!k.startsWith(INBOX_STATS_PREFIX)) return [];
    const p = StoredInboxStatsSchema.safeParse(v);
    return p.success ? [[Number(k.slice(INBOX_STATS_PREFIX.length)), p.data] as const] : [];
  });
  const mine = entries.find(([id]) => id === tabId);
  const use = mine ? [mine] : entries;
  return { emergency: use.reduce((a, [, s]) => a + s.unreadEmergency, 0), urgent: use.reduce((a, [, s]) => a + s.unreadUrgent, 0), tabs: use.length };
}
