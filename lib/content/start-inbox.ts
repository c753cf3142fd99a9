/**
 * Content-script wiring: pick the adapter for this page, start the overlay, report
 * the open message and the unread counts to the background. Everything is wrapped
 * so that nothing can break the EHR page.
 */
import { pickAdapter } from '../adapters/registry';
import { InboxOverlay } from '../overlay/controller';
import { sendMessage } from '../messaging/protocol';
import { createContentTriager } from './triager';

interface Ctx {
  onInvalidated(cb: () => void): void;
}

export function startInbox(ctx: Ctx, doc: Document = document): InboxOverlay | null {
  try {
    const adapter = pickAdapter(new URL(doc.location.href), doc);
    if (!adapter) return waitForAdapter(ctx, doc);
    const overlay = new InboxOverlay({
      adapter,
      doc,
      triager: createContentTriager((items) => sendMessage('triageBatch', { items })),
      onOpenMessage: (message, triage) => {
        sendMessage('reportOpenMessage', { adapterId: adapter.id, message, triage }).catch(() => undefined);
      },
      onScan: (stats) => {
        sendMessage('reportInboxStats', {
          adapterId: adapter.id,
          rows: stats.rows,
          unreadEmergency: stats.unreadByUrgency.emergency,
          unreadUrgent: stats.unreadByUrgency.urgent,
        }).catch(() => undefined);
      },
    });
    overlay.start();
    ctx.onInvalidated(() => overlay.stop());
    return overlay;
  } catch (err) {
    console.warn('[inbox-triage] could not start on this page', err);
    return null;
  }
}

/**
 * Single-page EHRs may render their inbox after the content script runs: watch
 * cheaply for a while and start once an adapter recognises the page.
 */
function waitForAdapter(ctx: Ctx, doc: Document): null {
  let started = false;
  const obs = new MutationObserver(() => {
    if (started) return;
    try {
      if (pickAdapter(new URL(doc.location.href), doc)) {
        started = true;
        obs.disconnect();
        startInbox(ctx, doc);
      }
    } catch {
      obs.disconnect();
    }
  });
  obs.observe(doc.documentElement, { childList: true, subtree: true });
  const stopAfter = setTimeout(() => obs.disconnect(), 120_000);
  ctx.onInvalidated(() => {
    clearTimeout(stopAfter);
    obs.disconnect();
  });
  return null;
}
