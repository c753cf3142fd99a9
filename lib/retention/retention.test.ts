import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { openDb } from '../db/schema';
import { importExports, openImportsDb } from '../export/imports-db';
import { buildExport } from '../export/build';
import { bundleToNdjson } from '../export/files';
import { syntheticClinician } from '../export/synthetic';
import { enroll } from '../study/enrollment';
import { DAY_MS, deleteEverything, purgeOlderThan } from './retention';

const NOW = Date.parse('2026-06-01T12:00:00Z');

async function seeded() {
  const db = openDb(`ret-${Math.random()}`);
  const old = NOW - 40 * DAY_MS;
  const recent = NOW - 2 * DAY_MS;
  await db.activity.bulkAdd([
    { start: old, end: old + 60_000, kind: 'read', adapterId: 'demo', messageKey: 'demo:a', patientKey: 'p', tabId: 1 },
    { start: recent, end: recent + 60_000, kind: 'read', adapterId: 'demo', messageKey: 'demo:b', patientKey: 'p', tabId: 1 },
  ]);
  const stat = (messageKey: string, t: number, repliedAt: number | null = null) => ({ messageKey, adapterId: 'demo', patientKey: 'p', sentAt: null, chars: 10, firstOpenedAt: t, lastOpenedAt: t, opens: 1, readMs: 1, draftMs: 0, activeMs: 1, repliedAt, completedAt: null });
  // 'c' was opened long ago but replied recently: it stays.
  await db.messageStats.bulkPut([stat('demo:a', old), stat('demo:b', recent), stat('demo:c', old, recent)]);
  await db.draftUses.bulkAdd([{ messageKey: 'demo:a', adapterId: 'demo', openedAt: old, sentAt: old + 1 }, { messageKey: 'demo:b', adapterId: 'demo', openedAt: recent, sentAt: null }]);
  await db.messageTriage.bulkPut([{ messageKey: 'demo:a', urgency: 'urgent', category: 'symptom', at: old }, { messageKey: 'demo:b', urgency: 'routine', category: 'results', at: recent }]);
  await db.activityState.put({ key: 'patientSalt', value: 'x' });
  return db;
}

describe('retention', () => {
  it('purges records older than N days and keeps the newer ones', async () => {
    const db = await seeded();
    const n = await purgeOlderThan(db, 30, NOW);
    expect(n).toMatchObject({ activity: 1, messageStats: 1, draftUses: 1, messageTriage: 1 });
    expect((await db.activity.toArray()).map((a) => a.messageKey)).toEqual(['demo:b']);
    expect((await db.messageStats.toArray()).map((s) => s.messageKey).sort()).toEqual(['demo:b', 'demo:c']);
    expect((await db.draftUses.toArray()).map((d) => d.messageKey)).toEqual(['demo:b']);
    expect(await db.activityState.count()).toBe(1);
    await expect(purgeOlderThan(db, 0, NOW)).rejects.toThrow(/at least 1 day/);
    db.close();
    await Dexie.delete(db.name);
  });

  it('deletes everything, imported exports included', async () => {
    const db = await seeded();
    const imports = openImportsDb(`ret-imp-${Math.random()}`);
    const e = await enroll({ studyId: 'S1', participantCode: 'P-1', consentText: 'I agree to take part in this study, times only.', salt: 'salt-salt-salt-salt', method: 'fixed', arm: 'ai' }, Date.parse('2026-03-02T12:00:00Z'), () => 's');
    const b = await buildExport(syntheticClinician({ seed: 'r', from: '2026-03-02', days: 3, perDay: 5 }), e, { now: Date.parse('2026-03-05T12:00:00Z'), exportId: '0123456789abcdef', extensionVersion: '0' });
    await importExports(imports, [{ name: 'a.ndjson', text: bundleToNdjson(b) }]);
    expect(await imports.imports.count()).toBe(1);
    await deleteEverything(db, imports);
    for (const t of db.tables) expect(await t.count()).toBe(0);
    expect(await imports.imports.count()).toBe(0);
    expect(await imports.rows.count()).toBe(0);
    db.close();
    imports.close();
  });
});
