/**
 * Content-script wiring of reply drafts: one draft session per started overlay, answering the
 * side panel's `draftsShown` and `draftInsert` (parsed with zod) and reporting use records to
 * the background. Everything is guarded: drafts can fail without touching the EHR page.
 */
import type { EhrAdapter, OpenMessage } from '../adapters/types';
import { onMessage, sendMessage } from '../messaging/protocol';
import { createDraftSession, type DraftSession } from './content';
import { DraftInsertRequestSchema, DraftsShownNoteSchema } from './protocol';
import { watchPillClear } from '../overlay/keep-clear';

interface Ctx {
  onInvalidated(cb: () => void): void;
}

export function attachDrafts(ctx: Ctx, adapter: EhrAdapter, doc: Document): Pick<DraftSession, 'onOpen'> | null {
  try {
    const session = createDraftSession({
      adapter,
      doc,
      report: (record) => sendMessage('recordDraftUse', record),
      remember: (r) => sendMessage('rememberReply', r),
    });
    const removers: (() => void)[] = [];
    try {
      removers.push(onMessage('draftsShown', ({ data }) => session.noteShown(DraftsShownNoteSchema.parse(data))));
      removers.push(onMessage('draftInsert', ({ data }) => session.insert(DraftInsertRequestSchema.parse(data))));
    } catch {
      // Another overlay in this page already answers (it is being replaced): this one only watches.
    }
    // The EHR's reply box and Send button must stay clickable: our status pill moves out of their way.
    const stopClear = watchPillClear(doc, adapter);
    ctx.onInvalidated(() => {
      stopClear();
      for (const r of removers) r();
      session.destroy();
    });
    return {
      onOpen: (message: Pick<OpenMessage, 'id'> | null) => {
        try {
          session.onOpen(message);
        } catch {
          // never break the page
        }
      },
    };
  } catch (err) {
    console.warn('[inbox-triage] reply drafts unavailable on this page', err);
    return null;
  }
}
