import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { STORES_V1, STORES_V2, messageKeyOf, openDb, type ModelCacheRecord } from './schema';

const cached: ModelCacheRecord = {
  key: 'm1|abc',
  modelVersion: 'm1',
  textHash: 'abc',
  probs: { urgency: { emergency: 0.1, urgent: 0.2, routine: 0.7 }, category: { other: 1 } } as unknown as ModelCacheRecord['probs'],
  score: 0.3,
  urgency: 'routine',
  category: 'other' as ModelCacheRecord['category'],
  createdAt: 1_700_000_000_000,
};

describe('database schema', () => {
  it('migrates a version-1 database to version 2 and keeps its data', async () => {
    const name = `migrate-${Math.random()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores(STORES_V1);
    await v1.table('modelCache').put(cached);
    expect(v1.verno).toBe(1);
    v1.close();

    const db = openDb(name);
    await db.open();
    expect(db.verno).toBe(3);
    expect(await db.modelCache.get('m1|abc')).toEqual(cached);
    expect(db.tables.map((t) => t.name).sort()).toEqual(['activity', 'activityState', 'draftUses', 'messageStats', 'messageTriage', 'modelCache']);

    // The new stores work and are indexed as the metrics and the drafts feature read them.
    await db.activity.add({ start: 1000, end: 5000, kind: 'read', adapterId: 'demo', messageKey: 'demo:x', patientKey: 'p', tabId: 1 });
    await db.draftUses.add({ messageKey: 'demo:x', adapterId: 'demo', sentAt: 6000, editRatio: 0.2 });
    expect(await db.activity.where('start').between(0, 2000).count()).toBe(1);
    expect(await db.draftUses.where('messageKey').equals('demo:x').count()).toBe(1);
    db.close();

    // Reopening v2 keeps everything.
    const again = openDb(name);
    expect(await again.modelCache.count()).toBe(1);
    expect(await again.activity.count()).toBe(1);
    again.close();
    await Dexie.delete(name);
  });

  it('migrates a version-2 database to version 3 (messageTriage) and keeps its data', async () => {
    const name = `migrate-v2-${Math.random()}`;
    const v2 = new Dexie(name);
    v2.version(1).stores(STORES_V1);
    v2.version(2).stores(STORES_V2);
    await v2.table('activity').add({ start: 1000, end: 5000, kind: 'read', adapterId: 'demo', messageKey: 'demo:x', patientKey: 'p', tabId: 1 });
    v2.close();

    const db = openDb(name);
    await db.open();
    expect(db.verno).toBe(3);
    expect(await db.activity.count()).toBe(1);
    await db.messageTriage.put({ messageKey: 'demo:x', urgency: 'urgent', category: 'symptom', at: 2000 });
    expect(await db.messageTriage.where('at').above(0).count()).toBe(1);
    db.close();
    await Dexie.delete(name);
  });

  it('message keys hash the EHR id and keep the adapter', () => {
    const k = messageKeyOf('demo', 'msg-42');
    expect(k.startsWith('demo:')).toBe(true);
    expect(k).not.toContain('msg-42');
    expect(messageKeyOf('demo', 'msg-42')).toBe(k);
    expect(messageKeyOf('demo', 'msg-43')).not.toBe(k);
  });
});
