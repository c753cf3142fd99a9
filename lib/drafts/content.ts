/**
 * The drafts feature in the content script: inserts a draft the side panel sends into the EHR's
 * reply box through the adapter, notices the EHR's own send (./send-watch.ts), and reports one
 * use record per message to the background (ids, numbers and labels; never text). Text stays in
 * this page's memory only, to compute the edit ratio.
 */
import type { EhrAdapter, InsertResult, OpenMessage } from '../adapters/types';
import { checkInsertable } from './placeholders';
import { watchSends } from './send-watch';
import { editRatio, newRecordId, type DraftUseReport } from './usage';
import type { DraftInsertRequest, DraftsShownNote, RememberReply } from './protocol';
import { triageText } from '../adapters/types';

/**
 * How the draft went in: alone (empty box), in place of the extension's earlier draft (`swapped`),
 * after text the clinician typed (`after-own`), or after an earlier draft the clinician edited
 * (`after-edited-draft`: the box now holds both, and the panel says to delete what is not wanted).
 */
export type InsertMode = 'alone' | 'swapped' | 'after-own' | 'after-edited-draft';

export type DraftInsertReply =
  | (InsertResult & { keptExisting?: boolean; mode?: InsertMode })
  | { ok: false; reason: 'not-open' | 'placeholders'; detail?: string };

/** The text a reply box holds now (a text control's value, an editable element's text). */
export function replyBoxText(box: Element | null): string {
  if (!box) return '';
  if (box instanceof HTMLTextAreaElement || box instanceof HTMLInputElement) return box.value;
  return (box as HTMLElement).innerText ?? box.textContent ?? '';
}

const sameText = (a: string, b: string) => a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();

/** What the extension last put in the box: the whole box text, and the clinician's own text it kept. */
export interface LastInsert {
  boxText: string;
  kept: string;
}

/**
 * What to put in the reply box: the draft alone when the box is empty; when the box still holds
 * exactly what the extension put there (one suggestion swapped for another), the same kept text
 * with the new draft; otherwise the clinician's own text first and the draft below it, so that
 * nothing they typed is ever lost.
 */
export function replyWithExisting(existing: string, draft: string, last: LastInsert | null): { text: string; kept: string; mode: InsertMode } {
  const unchanged = !!last && sameText(existing, last.boxText);
  const own = unchanged ? last!.kept : existing;
  if (!own.trim()) return { text: draft, kept: '', mode: unchanged ? 'swapped' : 'alone' };
  const kept = own.replace(/\s+$/, '');
  const mode: InsertMode = unchanged ? 'swapped' : last && existing.trim() ? 'after-edited-draft' : 'after-own';
  return { text: `${kept}\n\n${draft}`, kept, mode };
}

/** The sent reply without the clinician's own text that was in the box before the draft (for the edit ratio). */
export function withoutKept(sent: string, kept: string): string {
  if (!kept) return sent;
  const k = kept.replace(/\s+/g, ' ').trim();
  const flat = sent.replace(/\s+/g, ' ').trim();
  return flat.startsWith(k) ? flat.slice(k.length).trim() : sent;
}

interface MessageState {
  messageId: string;
  openedAt: number;
  shown: DraftsShownNote | null;
  inserted: { text: string; kept: string; suggested: string; at: number; request: DraftInsertRequest } | null;
  recordId: string;
  sent: boolean;
}

export interface DraftSessionOptions {
  adapter: EhrAdapter;
  doc: Document;
  report(record: DraftUseReport): Promise<unknown>;
  /** Remembered phrasing: hand the sent reply to the background (called only when the panel said it is allowed). */
  remember?(r: RememberReply): Promise<unknown>;
  now?: () => number;
}

export interface DraftSession {
  onOpen(message: Pick<OpenMessage, 'id'> | null): void;
  noteShown(note: DraftsShownNote): { ok: boolean };
  insert(req: DraftInsertRequest): DraftInsertReply;
  destroy(): void;
}

export function createDraftSession(opts: DraftSessionOptions): DraftSession {
  const { adapter, doc } = opts;
  const now = opts.now ?? Date.now;
  let state: MessageState | null = null;

  const record = (s: MessageState, sentAt: number | null, sentText: string | null): DraftUseReport => {
    const meta = s.inserted?.request ?? s.shown!;
    const shownIds = s.shown?.templateIds ?? s.inserted?.request.draftsShownIds ?? [];
    return {
      recordId: s.recordId,
      messageId: s.messageId,
      adapterId: adapter.id,
      draftsShown: shownIds.length,
      draftsShownIds: shownIds,
      insertedTemplateId: s.inserted?.request.templateId ?? null,
      editRatio: s.inserted && sentText !== null ? editRatio(s.inserted.suggested, withoutKept(sentText, s.inserted.kept)) : null,
      openedAt: s.openedAt,
      insertedAt: s.inserted?.at ?? null,
      sentAt,
      openToSendMs: sentAt !== null ? Math.max(0, sentAt - s.openedAt) : null,
      lang: meta.lang,
      urgency: meta.urgency,
      category: meta.category,
      studyMode: meta.studyMode,
      disclosure: s.inserted?.request.disclosure ?? false,
    };
  };

  const send = (r: DraftUseReport): void => {
    opts.report(r).catch(() => undefined);
  };

  const stopWatching = watchSends({
    adapter,
    doc,
    now,
    onSent: (e) => {
      const s = state;
      if (!s || s.sent || (!s.inserted && !s.shown)) return;
      const open = safeOpenId();
      if (open !== null && open !== s.messageId) return;
      s.sent = true;
      send(record(s, e.at, e.text));
      const meta = s.inserted?.request ?? s.shown;
      if (meta?.remember && !meta.studyMode && opts.remember) {
        try {
          const open = adapter.readOpenMessage(doc);
          const messageText = open ? triageText(open.subject, open.body) : '';
          if (messageText && e.text.trim()) {
            opts.remember({ messageText, replyText: e.text, lang: meta.lang, category: meta.category }).catch(() => undefined);
          }
        } catch {
          // nothing to remember
        }
      }
    },
  });

  function safeOpenId(): string | null {
    try {
      return adapter.readOpenMessage(doc)?.id ?? null;
    } catch {
      return null;
    }
  }

  return {
    onOpen(message) {
      const id = message?.id ?? null;
      if (id === state?.messageId) return;
      state = id ? { messageId: id, openedAt: now(), shown: null, inserted: null, recordId: newRecordId(), sent: false } : null;
    },
    noteShown(note) {
      if (!state || state.messageId !== note.messageId) return { ok: false };
      state.shown = note;
      return { ok: true };
    },
    insert(req) {
      if (!state || state.messageId !== req.messageId || safeOpenId() !== req.messageId) {
        return { ok: false, reason: 'not-open', detail: 'The message open in the EHR is not the one the draft is for.' };
      }
      const check = checkInsertable(req.text);
      if (!check.ok) return { ok: false, reason: 'placeholders', detail: check.reason === 'placeholders' ? check.labels.join(', ') : 'empty' };
      let existing = '';
      try {
        existing = replyBoxText(adapter.findReplyBox(doc));
      } catch {
        existing = '';
      }
      const last = state.inserted ? { boxText: state.inserted.text, kept: state.inserted.kept } : null;
      const { text, kept, mode } = replyWithExisting(existing, req.text, last);
      const result = adapter.insertReply(doc, text);
      if (!result.ok) return result;
      // A new insertion after a send starts a new record.
      if (state.sent) state = { ...state, recordId: newRecordId(), sent: false };
      state.inserted = { text, kept, suggested: req.suggestedText, at: now(), request: req };
      send(record(state, null, null));
      return { ...result, keptExisting: kept !== '', mode };
    },
    destroy() {
      stopWatching();
      state = null;
    },
  };
}
