/**
 * The adapter contract: what every EHR adapter provides so that the overlay,
 * the side panel and the draft inserter never touch an EHR's DOM directly.
 *
 * Adapters read the page; they never write to it, except `insertReply`, which
 * only fills the EHR's own reply box (the clinician always presses send).
 */
import { z } from 'zod';

/** One message as the inbox list shows it, normalised across EHRs. */
export const InboxMessageSchema = z.object({
  /** Stable id within this EHR (row id, resource id, note id). Never a row index. */
  id: z.string().min(1).max(200),
  subject: z.string().max(2000),
  /** The text the row shows beyond the subject (preview or full body). */
  preview: z.string().max(200_000),
  sender: z.string().max(500),
  patient: z.string().max(500).optional(),
  /** As shown, and parsed to ISO when possible. */
  sentAtText: z.string().max(200).optional(),
  sentAt: z.string().datetime({ offset: true }).optional(),
  unread: z.boolean().optional(),
});
export type InboxMessage = z.infer<typeof InboxMessageSchema>;

/** The message open in the detail view, with its full text. */
export const OpenMessageSchema = InboxMessageSchema.extend({
  body: z.string().max(200_000),
  /** Earlier messages of the thread, oldest first (text only). */
  thread: z
    .array(z.object({ from: z.enum(['patient', 'clinic', 'unknown']), author: z.string().max(500), body: z.string().max(200_000) }))
    .max(500)
    .default([]),
});
export type OpenMessage = z.infer<typeof OpenMessageSchema>;

export interface InboxRow {
  message: InboxMessage;
  /** The row element, for placing the badge and for sorting. */
  element: HTMLElement;
  /** Where the badge is appended (inside the row). */
  badgeAnchor: HTMLElement;
}

export type InsertResult =
  | { ok: true }
  | { ok: false; reason: 'no-reply-box' | 'read-only' | 'error'; detail?: string };

export interface EhrAdapter {
  /** Stable identifier, e.g. 'demo', 'medplum', 'openemr-messages'. */
  readonly id: string;
  /** Name shown to users. */
  readonly name: string;
  /** True when this adapter should run on this page (URL and structure). Must not throw. */
  matches(url: URL, doc: Document): boolean;
  /** True when the page has the inbox list (it may be empty). */
  hasInbox(doc: Document): boolean;
  /** The visible message rows, in page order. */
  listRows(doc: Document): InboxRow[];
  /** The message open in the detail view, or null when none is open. */
  readOpenMessage(doc: Document): OpenMessage | null;
  /** The EHR's own reply box, or null. */
  findReplyBox(doc: Document): HTMLTextAreaElement | HTMLInputElement | HTMLElement | null;
  /** Put text into the reply box the way a user would (framework-controlled inputs included). */
  insertReply(doc: Document, text: string): InsertResult;
  /**
   * The clinic's replies shown after the open patient message, oldest first (text only). Lets the
   * drafts feature notice the EHR's own send (a new reply appears after the clinician pressed the
   * EHR's send button); adapters without it fall back to "the reply box was cleared". Optional.
   */
  readSentReplies?(doc: Document): string[];
}

/**
 * What EHR lists print where a message has no subject ("(no subject)", "[No Subject]", "(sin asunto)",
 * "(untitled)", "(none)", a lone dash): not words the patient wrote, so not text to triage.
 */
const PLACEHOLDER_SUBJECT = /^[([<{]?\s*(?:no[ -]?subject|without subject|sin asunto|untitled|none|empty|blank|-+|—|–)\s*[)\]>}]?$/i;

export function isPlaceholderSubject(subject: string): boolean {
  return PLACEHOLDER_SUBJECT.test(subject.replace(/\s+/g, ' ').trim());
}

/**
 * Text used for triage: subject and body, whitespace collapsed, so that a row's
 * preview and the open message give the same text (and the same cache key). A placeholder
 * subject the EHR shows for a message without one counts as no subject.
 */
export function triageText(subject: string, body: string): string {
  const s = isPlaceholderSubject(subject) ? '' : subject.replace(/\s+/g, ' ').trim();
  const b = body.replace(/\s+/g, ' ').trim();
  return s && b ? `${s}\n${b}` : s || b;
}
