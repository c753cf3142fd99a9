/**
 * The background's side of draft-use records: parse with zod and upsert into `draftUses`
 * (one row per record id: the insertion creates it, the send completes it). No text.
 */
import { messageKeyOf, type InboxTriageDb } from '../db/schema';
import { DraftUseReportSchema, type DraftUseRecord } from './usage';

export async function saveDraftUse(db: Pick<InboxTriageDb, 'draftUses' | 'transaction'>, raw: unknown): Promise<DraftUseRecord> {
  const { messageId, ...rest } = DraftUseReportSchema.parse(raw);
  const record: DraftUseRecord = { ...rest, messageKey: messageKeyOf(rest.adapterId, messageId) };
  await db.transaction('rw', db.draftUses, async () => {
    const existing = await db.draftUses.where('messageKey').equals(record.messageKey).filter((r) => r.recordId === record.recordId).first();
    if (existing?.id !== undefined) await db.draftUses.put({ ...record, id: existing.id });
    else await db.draftUses.add({ ...record });
  });
  return record;
}
