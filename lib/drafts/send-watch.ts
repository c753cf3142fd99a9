/**
 * Noticing the EHR's own send, in the content script. Nothing is ever sent by the extension:
 * this only watches. When the clinician presses the EHR's send button (a click on a button,
 * a form submit, or Enter in the reply box) while the reply box holds text, the watcher arms;
 * the send is confirmed when, within `confirmMs`, a new clinic reply appears after the open
 * message (`adapter.readSentReplies`), or, for adapters without it, the reply box is emptied
 * or replaced. The text is kept in memory only, for the edit ratio.
 */
import type { EhrAdapter } from '../adapters/types';

export interface SentEvent {
  /** What went out: the new reply as the EHR shows it, or the reply box's text at the send. */
  text: string;
  at: number;
  /** How the send was confirmed. */
  via: 'reply-appeared' | 'box-cleared';
}

export interface SendWatchOptions {
  adapter: Pick<EhrAdapter, 'findReplyBox' | 'readSentReplies'>;
  doc: Document;
  onSent(e: SentEvent): void;
  confirmMs?: number;
  now?: () => number;
}

function boxValue(el: Element | null): string {
  if (!el) return '';
  if (el.tagName === 'TEXTAREA' || el.tagName === 'INPUT') return (el as HTMLInputElement).value;
  return (el as HTMLElement).innerText ?? el.textContent ?? '';
}

export function watchSends(opts: SendWatchOptions): () => void {
  const { adapter, doc } = opts;
  const now = opts.now ?? Date.now;
  const confirmMs = opts.confirmMs ?? 20_000;
  let pending: { text: string; at: number; baseline: number; box: Element | null } | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let scheduled = false;

  const sentCount = (): number => {
    try {
      return adapter.readSentReplies ? adapter.readSentReplies(doc).length : -1;
    } catch {
      return -1;
    }
  };

  const arm = (): void => {
    try {
      const box = adapter.findReplyBox(doc);
      const text = boxValue(box);
      if (!text.trim()) return;
      pending = { text, at: now(), baseline: sentCount(), box };
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => (pending = null), confirmMs);
    } catch {
      pending = null;
    }
  };

  const check = (): void => {
    scheduled = false;
    const p = pending;
    if (!p) return;
    try {
      if (adapter.readSentReplies && p.baseline >= 0) {
        const replies = adapter.readSentReplies(doc);
        if (replies.length > p.baseline) {
          pending = null;
          opts.onSent({ text: replies[replies.length - 1] ?? p.text, at: now(), via: 'reply-appeared' });
        }
        return;
      }
      const box = adapter.findReplyBox(doc);
      if (!box || box !== p.box || !boxValue(box).trim()) {
        pending = null;
        opts.onSent({ text: p.text, at: now(), via: 'box-cleared' });
      }
    } catch {
      // never break the page
    }
  };

  const schedule = (): void => {
    if (!pending || scheduled) return;
    scheduled = true;
    setTimeout(check, 50);
  };

  const onClick = (e: Event): void => {
    const t = e.target as Element | null;
    if (t?.closest?.('button, [role="button"], input[type="submit"], input[type="button"]')) arm();
  };
  const onSubmit = (): void => arm();
  const onKey = (e: KeyboardEvent): void => {
    if (e.key !== 'Enter' || e.shiftKey || e.isComposing) return;
    const box = adapter.findReplyBox(doc);
    // Enter sends in one-line boxes; in a textarea it is a new line unless Ctrl/Cmd is held.
    if (box && e.target === box && (box.tagName === 'INPUT' || e.ctrlKey || e.metaKey)) arm();
  };

  doc.addEventListener('click', onClick, true);
  doc.addEventListener('submit', onSubmit, true);
  doc.addEventListener('keydown', onKey, true);
  const obs = new MutationObserver(schedule);
  obs.observe(doc.documentElement, { childList: true, subtree: true, characterData: true });
  // A cleared box need not change the DOM (value property): poll briefly while armed.
  const poll = setInterval(() => pending && schedule(), 250);

  return () => {
    doc.removeEventListener('click', onClick, true);
    doc.removeEventListener('submit', onSubmit, true);
    doc.removeEventListener('keydown', onKey, true);
    obs.disconnect();
    clearInterval(poll);
    if (timer) clearTimeout(timer);
    pending = null;
  };
}
