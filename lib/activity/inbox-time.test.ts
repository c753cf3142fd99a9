import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type InboxTriageDb } from '../db/schema';
import { createRecorder } from './recorder';
import { inboxTime } from './inbox-time';
import { defaultSettings } from './settings';

let db: InboxTriageDb;
const name = `inbox-time-${Math.random()}`;
afterEach(async () => {
  db?.close();
  await Dexie.delete(name);
});

describe('getInboxTime (background)', () => {
  it("answers today's and this week's measures, the open message's totals and its patient's 7 days", async () => {
    db = openDb(name);
    const settings = defaultSettings('America/New_York');
    const t0 = Date.parse('2026-12-03T15:00:00Z'); // Thursday 10:00 in New York
    const rec = createRecorder({ db, now: () => t0 + 3600_000 });
    const beats = (from: number, to: number, kind: 'read' | 'draft', id: string) =>
      Array.from({ length: (to - from) / 10 + 1 }, (_, i) => ({ at: t0 + (from + i * 10) * 1000, kind, messageId: id }));
    await rec.record(1, {
      adapterId: 'demo',
      open: { messageId: 'm1', at: t0, patient: 'Ivan Petrov', sentAt: '2026-12-03T14:00:00Z', chars: 200 },
      beats: [...beats(0, 360, 'read', 'm1')],
    });
    await rec.record(1, { adapterId: 'demo', beats: [...beats(360, 420, 'draft', 'm1')], outcome: { messageId: 'm1', outcome: 'replied', at: t0 + 420_000 } });
    const r = await inboxTime(db, settings, { open: { adapterId: 'demo', messageId: 'm1', patient: 'Ivan Petrov' } }, t0 + 3600_000);
    expect(r.day).toBe('2026-12-03');
    expect(r.today).toMatchObject({ activeMs: 420_000, readMs: 360_000, draftMs: 60_000, messagesHandled: 1, replies: 1, turnaroundMedianMs: 3600_000 + 420_000, afterHoursMs: 0 });
    expect(r.week.activeMs).toBe(420_000);
    expect(r.message).toMatchObject({ readMs: 360_000, draftMs: 60_000, activeMs: 420_000, opens: 1, repliedAt: t0 + 420_000 });
    expect(r.patient7d).toEqual({ ms: 420_000, minutes: 7, band: '99421' });
    const other = await inboxTime(db, settings, { day: '2026-12-04' }, t0);
    expect(other.today.activeMs).toBe(0);
  });
});
