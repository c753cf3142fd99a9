import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { messageKeyOf, openDb } from '../db/schema';
import { INBOX_STATS_PREFIX, recordMessageTriage, storeInboxStats, unreadCounts } from './burden-records';

describe('burden records', () => {
  it('keeps the level and category of an opened message under its message key, no text', async () => {
    const db = openDb(`br-${Math.random()}`);
    const triage = { urgency: 'urgent', category: 'symptom' } as never;
    await recordMessageTriage(db, { adapterId: 'demo', message: { id: 'm-1', subject: 'secret', body: 'secret text' } as never, triage }, 5);
    await recordMessageTriage(db, { adapterId: 'demo', message: null, triage: null }, 6);
    const all = await db.messageTriage.toArray();
    expect(all).toEqual([{ messageKey: messageKeyOf('demo', 'm-1'), urgency: 'urgent', category: 'symptom', at: 5 }]);
    expect(JSON.stringify(all)).not.toContain('secret');
    db.close();
    await Dexie.delete(db.name);
  });

  it('stores unread counts per tab and adds them up for the popup', async () => {
    const store: Record<string, unknown> = {};
    const session = { set: async (i: Record<string, unknown>) => void Object.assign(store, i), remove: async (k: string | string[]) => void [k].flat().forEach((x) => delete store[x]) };
    await storeInboxStats(session, 1, { adapterId: 'demo', rows: 5, unreadEmergency: 1, unreadUrgent: 2 }, 1);
    await storeInboxStats(session, 2, { adapterId: 'demo', rows: 3, unreadEmergency: 0, unreadUrgent: 1 }, 1);
    expect(unreadCounts(store, 1)).toEqual({ emergency: 1, urgent: 2, tabs: 1 });
    expect(unreadCounts(store, 99)).toEqual({ emergency: 1, urgent: 3, tabs: 2 });
    await storeInboxStats(session, 2, { adapterId: 'demo', rows: 0, unreadEmergency: 0, unreadUrgent: 0 });
    expect(Object.keys(store)).toEqual([`${INBOX_STATS_PREFIX}1`]);
  });
});
