/**
 * The record of draft use for one message (Dexie `draftUses`, lib/db/schema.ts, written by the
 * background): which drafts were shown, which was inserted, how much it was edited before sending
 * (an edit-distance ratio, never the text), and the times. The message is identified by
 * `messageKeyOf(adapterId, messageId)` as in the other burden tables.
 */
import { z } from 'zod';
import { distance } from 'fastest-levenshtein';
import { CategorySchema, UrgencySchema } from '../triage/labels';

/** What the content script reports (with the EHR's message id; the background turns it into the message key). */
export const DraftUseReportSchema = z.object({
  /** Random id made when the record starts (one per message opening with drafts); the table's own key is numeric. */
  recordId: z.string().min(8).max(64),
  /** The EHR's message id (not stored: the record keeps `messageKeyOf(adapterId, messageId)`). */
  messageId: z.string().min(1).max(200),
  adapterId: z.string().max(100),
  /** How many drafts were shown. */
  draftsShown: z.number().int().min(0).max(20),
  /** Template ids of the drafts shown, in the order shown. */
  draftsShownIds: z.array(z.string().max(60)).max(20),
  insertedTemplateId: z.string().max(60).nullable(),
  /** Levenshtein distance between the inserted and the sent text over the longer length (0 = sent as inserted). */
  editRatio: z.number().min(0).max(1).nullable(),
  openedAt: z.number().nullable(),
  insertedAt: z.number().nullable(),
  sentAt: z.number().nullable(),
  openToSendMs: z.number().min(0).nullable(),
  lang: z.enum(['en', 'es']),
  urgency: UrgencySchema,
  category: CategorySchema.nullable(),
  studyMode: z.boolean(),
  /** The disclosure line was in the inserted text. */
  disclosure: z.boolean().default(false),
});
export type DraftUseReport = z.infer<typeof DraftUseReportSchema>;

/** What is stored in `draftUses`: the report with `messageKeyOf(adapterId, messageId)` in place of the id. */
export const DraftUseRecordSchema = DraftUseReportSchema.omit({ messageId: true }).extend({ messageKey: z.string().min(1).max(200) });
export type DraftUseRecord = z.infer<typeof DraftUseRecordSchema>;

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * How much of the inserted draft was changed before sending, 0..1: edit distance over the longer
 * text, whitespace collapsed (a one-line reply box joins paragraphs with spaces).
 */
export function editRatio(inserted: string, sent: string): number {
  const a = norm(inserted);
  const b = norm(sent);
  const n = Math.max(a.length, b.length);
  if (!n) return 0;
  return Math.round((distance(a, b) / n) * 1000) / 1000;
}

export function newRecordId(): string {
  const c = globalThis.crypto;
  if (c?.randomUUID) return c.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
