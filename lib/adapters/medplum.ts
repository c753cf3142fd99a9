/**
 * Adapter for Medplum's provider Messages page: the `ThreadInbox` component of
 * @medplum/react 5 (docs/ehr-targets.md, section 1; test target: tests/medplum-harness).
 *
 * Stable hooks first: thread links `/Communication/<id>`, `aria-label="Sender name"`,
 * `input[name="message"]`, `aria-label="Send message"`. Medplum's CSS-module class names
 * (ListWithDetailPane_item, BaseChat_chatBubble…) are used only as `[class*=…]` fallbacks.
 * All selectors live here.
 */
import type { EhrAdapter, InboxRow, InsertResult, OpenMessage } from './types';
import { blockTextOf, setNativeValue, textOf, toIso } from './dom';

export const MEDPLUM_SELECTORS = {
  /** A thread row's link (also under a patient's chart: /Patient/<id>/Communication/<id>). */
  rowLink: 'a[href^="/Communication/"], a[href^="/Patient/"][href*="/Communication/"]',
  /** The row (list item) around the link, and the open one. Fallbacks only. */
  rowItem: '[class*="ListWithDetailPane_item"]',
  selectedRow: '[class*="ListWithDetailPane_selected"]',
  /** The text lines of a row (Mantine Text renders <p>): patient, subject, date of the last message. */
  rowLine: 'p',
  rowLineFallback: '.mantine-Text-root',
  /** The inbox's status tabs (links to the same page filtered by status). */
  statusTab: 'a[href*="/Communication?"][href*="status="]',
  /** Fallback markers of the inbox shell. */
  inboxShell: '[class*="ThreadInbox_container"], [class*="ListWithDetailPane_list"]',
  /** One per chat message: "<author> · <time>"; the message text is in the next sibling. */
  senderName: '[aria-label="Sender name"]',
  senderTime: 'span',
  /** Fallbacks: the bubble itself, and the markers of the clinician's own (right-aligned) messages. */
  bubble: '[class*="BaseChat_chatBubble"]:not([class*="Wrap"]):not([class*="Menu"]):not([class*="Name"])',
  ownMessage: '[class*="NameRight"], [class*="RightAligned"]',
  chatClassFallback: '[class*="BaseChat_"]',
  /** A sender's avatar (initials with a title, or a photo). */
  avatar: '[title], img',
  /** Header of the open thread (its subject), found from the chat. Fallback class. */
  threadDetail: '[class*="ThreadDetail_"]',
  statusMenu: 'button[aria-haspopup="menu"]',
  replyBox: 'input[name="message"]',
  sendButton: 'button[aria-label="Send message"]',
} as const;

const S = MEDPLUM_SELECTORS;

/** Page paths of the inbox: /Communication, /Communication/<id>, /Patient/<id>/Communication[/<id>]. */
const INBOX_PATH = /(^|\/)Communication(\/[^/]+)?\/?$/;
const THREAD_ID = /\/Communication\/([^/?#]+)/;

function threadIdOf(href: string | null | undefined): string | null {
  const m = THREAD_ID.exec(href ?? '');
  return m ? decodeURIComponent(m[1]!) : null;
}

function rowLinks(doc: Document): HTMLAnchorElement[] {
  return [...doc.querySelectorAll<HTMLAnchorElement>(S.rowLink)].filter((a) => !!threadIdOf(a.getAttribute('href')));
}

/** The row element of a link: the list item around it (React owns only the link inside it). */
function rowOf(link: HTMLElement): HTMLElement {
  return link.closest<HTMLElement>(S.rowItem) ?? link.parentElement ?? link;
}

interface RowText {
  patient: string;
  subject: string;
  date: string;
}

function rowText(link: Element): RowText {
  let found = link.querySelectorAll(S.rowLine);
  if (found.length < 2) found = link.querySelectorAll(S.rowLineFallback);
  const lines = [...found].map((p) => textOf(p));
  return { patient: lines[0] ?? '', subject: lines[1] ?? '', date: lines[2] ?? '' };
}

interface Bubble {
  side: 'patient' | 'clinic';
  author: string;
  time: string;
  /** The date separator shown above this message or an earlier one ("Dec 1, 2026"). */
  day: string;
  body: string;
}

/**
 * True for the signed-in clinician's own messages (drawn on the right). Medplum marks them with
 * classes; without those, the avatar is the clue: it comes after the bubble on the user's side.
 */
function isOwnMessage(name: Element, wrap: Element | null, content: Element | null): boolean {
  if (name.matches(S.ownMessage) || content?.matches(S.ownMessage)) return true;
  if (wrap?.matches(S.chatClassFallback)) return false;
  const avatar = (el: Element | null | undefined) => !!el?.querySelector(S.avatar);
  return !avatar(wrap?.previousElementSibling) && avatar(wrap?.nextElementSibling);
}

/** All chat messages of the open thread, in page order (oldest first). */
function readBubbles(doc: Document): Bubble[] {
  const out: Bubble[] = [];
  let day = '';
  const seenDays = new Set<Element>();
  for (const name of doc.querySelectorAll<HTMLElement>(S.senderName)) {
    const wrap = name.parentElement;
    // A date separator is a sibling paragraph of the message's row, before it.
    const block = wrap?.parentElement?.parentElement;
    for (const p of block ? [...block.children] : []) {
      // 4 = Node.DOCUMENT_POSITION_FOLLOWING: the message comes after this separator.
      if (p.tagName === 'P' && !seenDays.has(p) && p.compareDocumentPosition(name) & 4) {
        seenDays.add(p);
        day = textOf(p);
      }
    }
    const content = name.nextElementSibling ?? wrap?.querySelector(S.bubble) ?? null;
    const own = isOwnMessage(name, wrap, content);
    const time = textOf(name.querySelector(S.senderTime));
    let author = '';
    for (const n of name.childNodes) if (n.nodeType === 3) author += n.nodeValue ?? '';
    out.push({
      side: own ? 'clinic' : 'patient',
      author: author.replace(/[\s\u00a0]*·[\s\u00a0]*$/, '').replace(/\s+/g, ' ').trim(),
      time,
      day,
      body: blockTextOf(content),
    });
  }
  return out;
}

function openThreadId(doc: Document): string | null {
  const selected = doc.querySelector(S.selectedRow)?.querySelector<HTMLAnchorElement>(S.rowLink);
  return threadIdOf(selected?.getAttribute('href')) ?? threadIdOf(doc.location?.pathname);
}

function threadSubject(doc: Document, firstBubble: Element | null): string {
  const detail = firstBubble?.closest(S.threadDetail);
  if (detail) return textOf(detail.querySelector('p'));
  // Without the class: the nearest ancestor of the chat that holds the status menu; its first line is the subject.
  for (let el = firstBubble?.parentElement; el; el = el.parentElement) {
    if (el.querySelector(S.statusMenu)) return textOf(el.querySelector('p'));
  }
  return '';
}

function hasInbox(doc: Document): boolean {
  return !!doc.querySelector(S.statusTab) || !!doc.querySelector(S.inboxShell) || rowLinks(doc).length > 0;
}

export const medplumAdapter: EhrAdapter = {
  id: 'medplum',
  name: 'Medplum messages',

  matches(url, doc) {
    try {
      if (!INBOX_PATH.test(url.pathname)) return false;
      return hasInbox(doc) || (!!doc.querySelector(S.replyBox) && !!doc.querySelector(S.senderName));
    } catch {
      return false;
    }
  },

  hasInbox,

  listRows(doc) {
    const rows: InboxRow[] = [];
    const seen = new Set<string>();
    for (const link of rowLinks(doc)) {
      const id = threadIdOf(link.getAttribute('href'))!;
      if (seen.has(id)) continue;
      seen.add(id);
      const element = rowOf(link);
      const t = rowText(link);
      rows.push({
        element,
        // Appended as the row's last child, after the link React renders; React never touches it.
        badgeAnchor: element,
        message: {
          id,
          subject: t.subject,
          // The row shows no message text, only the thread's subject.
          preview: '',
          // The row names the patient only (threads are with one patient).
          sender: t.patient,
          patient: t.patient || undefined,
          sentAtText: t.date || undefined,
          sentAt: toIso(t.date),
        },
      });
    }
    return rows;
  },

  readOpenMessage(doc): OpenMessage | null {
    const id = openThreadId(doc);
    const bubbles = readBubbles(doc);
    if (!id || !bubbles.length) return null;
    const row = rowLinks(doc).find((a) => threadIdOf(a.getAttribute('href')) === id);
    const rt = row ? rowText(row) : null;
    // The body is the patient's latest turn: their last message, with any sent just before it
    // without a reply in between (the most urgent line may be in either). Earlier ones are the thread.
    let last = -1;
    for (let i = bubbles.length - 1; i >= 0; i--) if (bubbles[i]!.side === 'patient') { last = i; break; }
    let first = last;
    while (first > 0 && bubbles[first - 1]!.side === 'patient') first--;
    const turn = last >= 0 ? bubbles.slice(first, last + 1) : [];
    const latest = turn[turn.length - 1];
    const body = turn.map((b) => b.body).join('\n\n');
    const sentAtText = latest ? [latest.day, latest.time].filter(Boolean).join(', ') : undefined;
    return {
      id,
      subject: rt?.subject || threadSubject(doc, doc.querySelector(S.senderName)),
      sender: latest?.author ?? '',
      patient: rt?.patient || undefined,
      sentAtText: sentAtText || undefined,
      sentAt: toIso(sentAtText),
      preview: body.slice(0, 200),
      body,
      thread: bubbles.slice(0, last >= 0 ? first : bubbles.length).map((b) => ({ from: b.side, author: b.author, body: b.body })),
    };
  },

  findReplyBox(doc) {
    return doc.querySelector<HTMLInputElement>(S.replyBox);
  },

  readSentReplies(doc) {
    const bubbles = readBubbles(doc);
    let last = -1;
    for (let i = bubbles.length - 1; i >= 0; i--) if (bubbles[i]!.side === 'patient') { last = i; break; }
    return bubbles.slice(last + 1).filter((b) => b.side === 'clinic').map((b) => b.body);
  },

  insertReply(doc, text): InsertResult {
    const box = doc.querySelector<HTMLInputElement | HTMLTextAreaElement>(S.replyBox);
    if (!box) return { ok: false, reason: 'no-reply-box' };
    if (box.readOnly || box.disabled) return { ok: false, reason: 'read-only' };
    try {
      // React tracks the value through the native setter; Medplum's input is one line, so keep paragraphs apart with spaces.
      setNativeValue(box, box.tagName === 'INPUT' ? text.replace(/\s*\n+\s*/g, ' ').trim() : text);
      box.focus();
      return { ok: true };
    } catch (err) {
      return { ok: false, reason: 'error', detail: err instanceof Error ? err.message : String(err) };
    }
  },
};
