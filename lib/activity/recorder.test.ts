import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { messageKeyOf, openDb, type InboxTriageDb } from '../db/schema';
import { createRecorder, hashPatient } from './recorder';

const T0 = Date.UTC(2026, 11, 3, 14, 0, 0);
let db: InboxTriageDb;
let name = '';

async function fresh(): Promise<InboxTriageDb> {
  name = `rec-${Math.random()}`;
  db = openDb(name);
  await db.open();
  return db;
}

afterEach(async () => {
  db?.close();
  await Dexie.delete(name);
});

const beat = (s: number, kind: 'list' | 'read' | 'draft', messageId: string | null, final?: boolean) => ({ at: T0 + s * 1000, kind, messageId, final });

describe('activity recorder (background)', () => {
  it('writes merged events and per-message totals at once, and a restarted worker continues from the database', async () => {
    await fresh();
    const now = () => T0 + 3600_000;
    const r1 = createRecorder({ db, now });
    await r1.record(7, {
      adapterId: 'demo',
      open: { messageId: 'm1', at: T0, patient: 'Ivan Petrov', sentAt: '2026-12-03T13:00:00Z', chars: 300 },
      beats: [beat(0, 'read', 'm1'), beat(10, 'read', 'm1')],
    });
    // The service worker stops here; a new one (new recorder, new db handle) takes the next heartbeats.
    db.close();
    db = openDb(name);
    const r2 = createRecorder({ db, now });
    await r2.record(7, { adapterId: 'demo', beats: [beat(20, 'read', 'm1'), beat(25, 'draft', 'm1'), beat(35, 'draft', 'm1'), beat(40, 'draft', 'm1', true)] });
    await r2.record(7, { adapterId: 'demo', outcome: { messageId: 'm1', outcome: 'replied', at: T0 + 41_000 } });

    const events = await db.activity.orderBy('start').toArray();
    expect(events.map((e) => [e.kind, e.start - T0, e.end - T0])).toEqual([
      ['read', 0, 20_000],
      // the draft starts with its first heartbeat (25 s): the tracker would have sent one at 20 s
      ['draft', 25_000, 40_000],
    ]);
    const key = messageKeyOf('demo', 'm1');
    const stats = (await db.messageStats.get(key))!;
    expect(stats).toMatchObject({ opens: 1, readMs: 20_000, draftMs: 15_000, activeMs: 35_000, firstOpenedAt: T0, repliedAt: T0 + 41_000, sentAt: Date.parse('2026-12-03T13:00:00Z'), chars: 300 });
  });

  it('stores the patient only as a salted hash, never in clear, and the same patient gets the same key', async () => {
    await fresh();
    const rec = createRecorder({ db, now: () => T0 });
    await rec.record(1, { adapterId: 'demo', open: { messageId: 'a', at: T0, patient: 'Ivan Petrov', chars: 10 }, beats: [beat(0, 'read', 'a')] });
    await rec.record(1, { adapterId: 'demo', open: { messageId: 'b', at: T0 + 5000, patient: '  ivan  PETROV ', chars: 10 }, beats: [beat(5, 'read', 'b')] });
    const all = JSON.stringify({ s: await db.messageStats.toArray(), e: await db.activity.toArray(), st: await db.activityState.toArray() });
    expect(all).not.toMatch(/ivan|petrov/i);
    const [a, b] = await Promise.all([db.messageStats.get(messageKeyOf('demo', 'a')), db.messageStats.get(messageKeyOf('demo', 'b'))]);
    expect(a!.patientKey).toMatch(/^[0-9a-f]{32}$/);
    expect(a!.patientKey).toBe(b!.patientKey);
    expect(await hashPatient('Ivan Petrov', 'other-salt')).not.toBe(a!.patientKey);
  });

  it('a reopened message adds to its totals', async () => {
    await fresh();
    const rec = createRecorder({ db, now: () => T0 + 3600_000 });
    await rec.record(1, { adapterId: 'demo', open: { messageId: 'a', at: T0, chars: 10 }, beats: [beat(0, 'read', 'a'), beat(10, 'read', 'a'), beat(20, 'read', 'a'), beat(30, 'read', 'a', true)] });
    await rec.record(1, { adapterId: 'demo', open: { messageId: 'a', at: T0 + 600_000, chars: 10 }, beats: [beat(600, 'read', 'a'), beat(610, 'read', 'a', true)] });
    expect(await db.messageStats.get(messageKeyOf('demo', 'a'))).toMatchObject({ opens: 2, readMs: 40_000, firstOpenedAt: T0, lastOpenedAt: T0 + 600_000 });
  });

  it('refuses heartbeats outside the clock bounds and after the screen locked', async () => {
    await fresh();
    let clock = T0;
    const rec = createRecorder({ db, now: () => clock });
    const far = await rec.record(1, { adapterId: 'demo', beats: [{ at: T0 + 3600_000, kind: 'list', messageId: null }, { at: T0 - 72 * 3600_000, kind: 'list', messageId: null }] });
    expect(far).toEqual({ accepted: 0, refused: 2 });
    await rec.record(1, { adapterId: 'demo', beats: [beat(0, 'list', null)] });
    clock = T0 + 10_000;
    await rec.setSystemState('locked');
    const after = await rec.record(1, { adapterId: 'demo', beats: [beat(9, 'list', null), beat(12, 'list', null)] });
    expect(after).toEqual({ accepted: 1, refused: 1 });
    expect((await db.activity.toArray()).map((e) => e.end - T0)).toEqual([9_000]);
  });

  it('refuses a malformed report and changes nothing', async () => {
    await fresh();
    const rec = createRecorder({ db, now: () => T0 });
    await expect(rec.record(1, { adapterId: 'demo', beats: [{ at: 'soon', kind: 'list' }] })).rejects.toThrow();
    expect(await db.activity.count()).toBe(0);
  });
});
