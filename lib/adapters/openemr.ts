/**
 * Adapters for OpenEMR (self-hosted PHP EHR, docs/ehr-targets.md §2):
 *
 * - `openemrMessagesAdapter`: the Message Center (`/interface/main/messages/messages.php`), both its
 *   list (one `<tr id="row<N>">` per note) and its detail page (`task=edit&noteid=<N>`).
 * - `openemrPortalMailAdapter`: portal mail as the clinician sees it (`/portal/messaging/messages.php`,
 *   an AngularJS page), its list and the open-message panel.
 *
 * OpenEMR runs on any host under any prefix (often `/openemr`), so pages are recognised by the end of the
 * URL path plus the page's structure. All selectors live in the two const objects below; they use ids,
 * names, link targets, Angular directive attributes and text structure, not layout classes.
 *
 * Dates: OpenEMR prints dates without a time zone; they are read as local time (the clinician's browser
 * and the EHR are assumed to share it). A date whose day/month order cannot be known is not guessed.
 */
import type { EhrAdapter, InboxRow, InsertResult, OpenMessage } from './types';
import { blockTextOf, setNativeValue, textOf } from './dom';

// ---------------------------------------------------------------------------------------------------
// Selectors
// ---------------------------------------------------------------------------------------------------

export const OPENEMR_MESSAGES_SELECTORS = {
  /** End of the URL path (the install prefix before it varies). */
  path: '/interface/main/messages/messages.php',
  /** The list form (`name` in every version, `id` only in recent ones). */
  listForm: 'form[name="MessageList"]',
  /** A message row: `<tr id="row<N>">`. N is the position on the page, not the message id. */
  row: 'tr[id^="row"]',
  rowCheckbox: 'input[type="checkbox"][name="delete_id[]"]',
  /** The Patient cell's link to the detail page; its `noteid` is the message id. */
  noteLink: 'a[href*="task=edit"][href*="noteid="]',
  /** The Chart cell (OpenEMR 6+); `set_pid=0` means no patient is attached. */
  chartLink: 'a[href*="demographics.php"]',
  /** Inline scripts, searched for `format_date_moment_js` (the site's date format). */
  inlineScript: 'script:not([src])',
  detailForm: 'form#new_note',
  detailNoteId: 'form#new_note input[name="noteid"]',
  /** The message history, in order of preference. */
  history: ['#pnotes', 'form#new_note textarea[readonly]:not(#note)'],
  /** Users a message can be assigned to; option values are usernames (authors of clinic entries). */
  users: 'select#users option',
  replyBox: 'form#new_note textarea#note',
  sendButton: 'form#new_note #newnote',
  type: 'select#form_note_type',
  patient: 'form#new_note input[name="form_patient"]',
} as const;

export const OPENEMR_PORTAL_MAIL_SELECTORS = {
  /** End of the URL path (the install prefix before it varies). */
  path: '/portal/messaging/messages.php',
  app: '[ng-app="emrMessageApp"]',
  inboxPanel: '#inboxPanel',
  listTable: '#inboxPanel table',
  /** A list row: Angular's repeater over the current page of items (the thread table repeats `allItems`). */
  row: '#inboxPanel tr[ng-repeat^="item in pagedItems"]',
  /** Class Angular's ng-show / ng-hide put on hidden parts of the page. */
  hidden: '.ng-hide',
  /** Unread rows render their text with this class. */
  unreadMark: '.strong',
  /** The open message's full text: the one shown (not `.ng-hide`) of the per-row panels. */
  openPanel: '#inboxPanel div.col-sm-10.well',
  replyButton: '#inboxPanel button[data-mode="reply"][data-target="#modalCompose"]',
  /**
   * The Reply button opens the compose modal (Bootstrap: `.in` in v3, `.show` in v4); in reply mode the
   * body is a summernote editor, whose editable area is this element (the hidden textarea `#finputBody`
   * is only used for forwarding).
   */
  replyBox:
    '#modalCompose.in form#fcompose .note-editable[contenteditable], #modalCompose.show form#fcompose .note-editable[contenteditable]',
} as const;

const M = OPENEMR_MESSAGES_SELECTORS;
const P = OPENEMR_PORTAL_MAIL_SELECTORS;

// ---------------------------------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------------------------------

function pathIs(url: URL, suffix: string): boolean {
  return url.pathname.endsWith(suffix);
}

function tdChildren(row: Element): HTMLElement[] {
  return [...row.children].filter((c): c is HTMLElement => c.tagName === 'TD');
}

/** Local date/time to ISO, or undefined when the parts do not make a real date. */
function localIso(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): string | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined;
  const dt = new Date(y, mo - 1, d, h, mi, s);
  if (Number.isNaN(dt.getTime()) || dt.getFullYear() !== y || dt.getMonth() !== mo - 1 || dt.getDate() !== d) return undefined;
  return dt.toISOString();
}

/** Day/month order of OpenEMR's three date formats (global `date_display_format`). */
type DateOrder = 'ymd' | 'mdy' | 'dmy';

const YMD_RE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const SLASH_RE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/** The format the page declares (`var format_date_moment_js = 'MM/DD/YYYY'`), if any. */
function declaredDateOrder(doc: Document): DateOrder | null {
  for (const s of doc.querySelectorAll(M.inlineScript)) {
    const m = /format_date_moment_js\s*=\s*['"]([^'"]+)['"]/.exec(s.textContent ?? '');
    if (!m) continue;
    const f = m[1]!.trim().toUpperCase();
    if (f.startsWith('YYYY')) return 'ymd';
    if (f.startsWith('MM')) return 'mdy';
    if (f.startsWith('DD')) return 'dmy';
  }
  return null;
}

/** Infer mm/dd vs dd/mm from any date on the page that can only be read one way (a part above 12). */
function inferDateOrder(texts: readonly string[]): DateOrder | null {
  for (const t of texts) {
    const m = SLASH_RE.exec(t.trim());
    if (!m) continue;
    if (Number(m[1]) > 12) return 'dmy';
    if (Number(m[2]) > 12) return 'mdy';
  }
  return null;
}

/** Parse an OpenEMR date ("2024-03-05", "03/05/2024", "05/03/2024 08:40") as local time. */
function parseOpenEmrDate(text: string, order: DateOrder | null): string | undefined {
  const t = text.trim();
  const ymd = YMD_RE.exec(t);
  if (ymd) return localIso(+ymd[1]!, +ymd[2]!, +ymd[3]!, +(ymd[4] ?? 0), +(ymd[5] ?? 0), +(ymd[6] ?? 0));
  const sl = SLASH_RE.exec(t);
  if (!sl || (order !== 'mdy' && order !== 'dmy')) return undefined;
  const [a, b] = [+sl[1]!, +sl[2]!];
  const [mo, d] = order === 'mdy' ? [a, b] : [b, a];
  return localIso(+sl[3]!, mo, d, +(sl[4] ?? 0), +(sl[5] ?? 0), +(sl[6] ?? 0));
}

function noteIdFromHref(href: string | null | undefined): string | null {
  if (!href) return null;
  const m = /[?&]noteid=([^&#]+)/.exec(href);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]!).trim() || null;
  } catch {
    return null;
  }
}

function insertError(err: unknown): InsertResult {
  return { ok: false, reason: 'error', detail: err instanceof Error ? err.message : String(err) };
}

// ---------------------------------------------------------------------------------------------------
// Message Center
// ---------------------------------------------------------------------------------------------------

/** Status titles of OpenEMR's `message_status` list: only "New" is unread; unknown titles say nothing. */
const STATUS_UNREAD: Record<string, boolean> = { New: true, Read: false, Done: false, Forwarded: false };

interface RawMcRow {
  el: HTMLElement;
  id: string;
  sender: string;
  patient: string | undefined;
  type: string;
  typeCell: HTMLElement;
  dateText: string;
  status: string;
}

function readMcRow(el: HTMLElement): RawMcRow | null {
  const link = el.querySelector<HTMLAnchorElement>(M.noteLink);
  if (!link || !el.querySelector(M.rowCheckbox)) return null;
  const id = noteIdFromHref(link.getAttribute('href'));
  if (!id) return null;
  const cells = tdChildren(el);
  const p = cells.findIndex((c) => c.contains(link));
  // checkbox | From | Patient | [Chart] | Type | Date | Status
  if (p < 2 || cells.length - 3 <= p) return null;
  const typeCell = cells[cells.length - 3]!;
  const chart = el.querySelector(M.chartLink);
  const noPatient = /[?&]set_pid=0(?:&|$)/.test(chart?.getAttribute('href') ?? '');
  const patientText = textOf(link);
  return {
    el,
    id,
    sender: textOf(cells[p - 1]),
    // pid 0 shows "* Patient must be set manually *" (translated): not a patient name.
    patient: noPatient || /^\*.*\*$/.test(patientText) || !patientText ? undefined : patientText,
    type: textOf(typeCell),
    typeCell,
    dateText: textOf(cells[cells.length - 2]),
    status: textOf(cells[cells.length - 1]),
  };
}

interface HistoryEntry {
  dateText: string;
  timeText: string;
  party: string;
  lines: string[];
}

/** One history entry starts a line: "2024-03-05 07:48 (author to recipient) text". */
const ENTRY_RE = /^(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\/\d{1,2}\/\d{4}) (\d{1,2}:\d{2}) \(([^()]*)\)\s?(.*)$/;

function parseHistory(text: string): { entries: HistoryEntry[]; loose: string[] } {
  const entries: HistoryEntry[] = [];
  const loose: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const m = ENTRY_RE.exec(line);
    if (m) entries.push({ dateText: m[1]!, timeText: m[2]!, party: m[3]!.trim(), lines: m[4] ? [m[4]] : [] });
    else if (entries.length) entries[entries.length - 1]!.lines.push(line);
    else loose.push(line);
  }
  return { entries, loose };
}

/**
 * Who wrote an entry. The word between author and recipient is translated ("to", "إلى"…), so the
 * patient is recognised by name (the page replaces the patient's id with "Last, First") and staff by
 * username (the first word; OpenEMR usernames have no spaces) found in the page's user list.
 */
function entryAuthor(party: string, patient: string | undefined, usernames: ReadonlySet<string>) {
  if (patient && (party === patient || party.startsWith(`${patient} `))) return { author: patient, from: 'patient' as const };
  const to = / to /.exec(party);
  const author = to ? party.slice(0, to.index) : (party.split(' ')[0] ?? '');
  return { author, from: usernames.has(author) ? ('clinic' as const) : ('unknown' as const) };
}

/** The option the server marked selected (the stored value), else the current selection. */
function selectedText(sel: HTMLSelectElement | null): string {
  if (!sel) return '';
  return textOf(sel.querySelector('option[selected]') ?? (sel.selectedIndex >= 0 ? sel.options[sel.selectedIndex] : null));
}

function historyElement(doc: Document): Element | null {
  for (const s of M.history) {
    const el = doc.querySelector(s);
    if (el) return el;
  }
  return null;
}

export const openemrMessagesAdapter: EhrAdapter = {
  id: 'openemr-messages',
  name: 'OpenEMR Message Center',

  matches(url, doc) {
    try {
      if (!pathIs(url, M.path)) return false;
      const list = !!doc.querySelector(M.listForm);
      const detail = !!doc.querySelector(M.detailForm) && !!doc.querySelector(M.replyBox) && !!doc.querySelector(M.sendButton);
      return list || detail;
    } catch {
      return false;
    }
  },

  hasInbox(doc) {
    return !!doc.querySelector(M.listForm);
  },

  listRows(doc) {
    const form = doc.querySelector(M.listForm);
    if (!form) return [];
    const raw: RawMcRow[] = [];
    for (const el of form.querySelectorAll<HTMLElement>(M.row)) {
      const r = readMcRow(el);
      if (r) raw.push(r);
    }
    const order = declaredDateOrder(doc) ?? inferDateOrder(raw.map((r) => r.dateText));
    return raw.map(
      (r): InboxRow => ({
        element: r.el,
        badgeAnchor: r.typeCell,
        message: {
          id: r.id,
          // There is no subject column: the message type is the closest thing to one.
          subject: r.type,
          // The message text is only on the detail page.
          preview: '',
          sender: r.sender,
          patient: r.patient,
          sentAtText: r.dateText || undefined,
          sentAt: parseOpenEmrDate(r.dateText, order),
          unread: STATUS_UNREAD[r.status],
        },
      }),
    );
  },

  readOpenMessage(doc): OpenMessage | null {
    if (!doc.querySelector(M.detailForm)) return null;
    const id =
      (doc.querySelector<HTMLInputElement>(M.detailNoteId)?.value ?? '').trim() || noteIdFromHref(doc.location?.href ?? null);
    if (!id) return null;
    const patient = (doc.querySelector<HTMLInputElement>(M.patient)?.value ?? '').replace(/;\s*$/, '').trim() || undefined;
    const usernames = new Set([...doc.querySelectorAll<HTMLOptionElement>(M.users)].map((o) => o.value).filter((v) => v && v !== '--'));
    const { entries, loose } = parseHistory(blockTextOf(historyElement(doc)));
    const order = declaredDateOrder(doc) ?? inferDateOrder(entries.map((e) => e.dateText));
    const last = entries[entries.length - 1];
    const body = last ? last.lines.join('\n') : loose.join('\n');
    const who = last ? entryAuthor(last.party, patient, usernames) : { author: '', from: 'unknown' as const };
    const sentAtText = last ? `${last.dateText} ${last.timeText}` : undefined;
    return {
      id,
      subject: selectedText(doc.querySelector<HTMLSelectElement>(M.type)),
      preview: body.slice(0, 200),
      sender: who.author,
      patient,
      sentAtText,
      sentAt: sentAtText ? parseOpenEmrDate(sentAtText, order) : undefined,
      body,
      thread: entries.slice(0, -1).map((e) => {
        const w = entryAuthor(e.party, patient, usernames);
        return { from: w.from, author: w.author, body: e.lines.join('\n') };
      }),
    };
  },

  findReplyBox(doc) {
    return doc.querySelector<HTMLTextAreaElement>(M.replyBox);
  },

  insertReply(doc, text): InsertResult {
    try {
      const box = doc.querySelector<HTMLTextAreaElement>(M.replyBox);
      if (!box) return { ok: false, reason: 'no-reply-box' };
      if (box.readOnly || box.disabled) return { ok: false, reason: 'read-only' };
      setNativeValue(box, text);
      box.focus();
      return { ok: true };
    } catch (err) {
      return insertError(err);
    }
  },
};

// ---------------------------------------------------------------------------------------------------
// Portal mail
// ---------------------------------------------------------------------------------------------------

/** The portal prints `YYYY-MM-DD HH:MM:SS`. Without seconds it is Angular's `hh:mm` (12-hour, no AM/PM): not parsed. */
const PORTAL_DATE_RE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})(?::(\d{2}))?$/;

function portalDate(text: string): string | undefined {
  const m = PORTAL_DATE_RE.exec(text);
  if (!m || m[6] === undefined) return undefined;
  return localIso(+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +m[6]);
}

interface PortalCells {
  id: string;
  status: string;
  dateText: string;
  sender: string;
  subject: string;
  subjectCell: HTMLElement;
  snippet: string;
}

/**
 * A row's cells are the spans directly inside its cell: [checkbox], id, status and date (the list and
 * the thread table print these two in different orders), "<sender> to <recipient>", subject, the first
 * 35 characters of the body, and in the thread table a span of buttons.
 */
function readPortalCells(row: Element): PortalCells | null {
  const td = tdChildren(row)[0];
  if (!td) return null;
  const cells = [...td.children].filter((c): c is HTMLElement => c.tagName === 'SPAN' && !c.querySelector('input, button'));
  const id = textOf(cells[0]);
  if (!/^\d+$/.test(id)) return null;
  const rest = cells.slice(1);
  const d = rest.findIndex((c) => PORTAL_DATE_RE.test(textOf(c)));
  if (d < 0 || d > 1) return null;
  const [statusCell, fromToCell, subjectCell, snippetCell] = rest.filter((_, i) => i !== d);
  if (!statusCell || !fromToCell || !subjectCell || !snippetCell) return null;
  const fromTo = textOf(fromToCell);
  const m = /^(.*?) to (.*)$/.exec(fromTo);
  return {
    id,
    status: textOf(statusCell),
    dateText: textOf(rest[d]),
    sender: m ? m[1]! : fromTo,
    subject: textOf(subjectCell),
    subjectCell,
    snippet: textOf(snippetCell),
  };
}

function portalUnread(row: Element, status: string): boolean {
  if (status === 'New') return true;
  if (status === 'Read') return false;
  return !!row.querySelector(P.unreadMark);
}

export const openemrPortalMailAdapter: EhrAdapter = {
  id: 'openemr-portal-mail',
  name: 'OpenEMR portal mail',

  matches(url, doc) {
    try {
      return pathIs(url, P.path) && !!doc.querySelector(P.app) && !!doc.querySelector(P.inboxPanel);
    } catch {
      return false;
    }
  },

  hasInbox(doc) {
    return !!doc.querySelector(P.listTable);
  },

  listRows(doc) {
    const rows: InboxRow[] = [];
    for (const el of doc.querySelectorAll<HTMLElement>(P.row)) {
      if (el.closest(P.hidden)) continue; // the list is hidden while a message is open
      const c = readPortalCells(el);
      if (!c) continue;
      rows.push({
        element: el,
        badgeAnchor: c.subjectCell,
        message: {
          id: c.id,
          subject: c.subject,
          preview: c.snippet,
          sender: c.sender,
          sentAtText: c.dateText,
          sentAt: portalDate(c.dateText),
          unread: portalUnread(el, c.status),
        },
      });
    }
    return rows;
  },

  readOpenMessage(doc): OpenMessage | null {
    const panel = [...doc.querySelectorAll<HTMLElement>(P.openPanel)].find((el) => !el.closest(P.hidden));
    const row = panel?.closest('tr');
    const c = row ? readPortalCells(row) : null;
    if (!panel || !row || !c) return null;
    const body = blockTextOf(panel);
    const earlier = [...(row.parentElement?.children ?? [])]
      .filter((tr) => tr !== row && tr.tagName === 'TR')
      .map((tr) => readPortalCells(tr))
      .filter((t): t is PortalCells => !!t && t.id !== c.id && t.dateText <= c.dateText)
      .sort((a, b) => (a.dateText < b.dateText ? -1 : a.dateText > b.dateText ? 1 : 0));
    return {
      id: c.id,
      subject: c.subject,
      preview: body.slice(0, 200),
      sender: c.sender,
      sentAtText: c.dateText,
      sentAt: portalDate(c.dateText),
      body,
      // Earlier messages show only their first 35 characters; who is the patient is not on the page.
      thread: earlier.map((t) => ({ from: 'unknown' as const, author: t.sender, body: t.snippet })),
    };
  },

  findReplyBox(doc) {
    return doc.querySelector<HTMLElement>(P.replyBox);
  },

  insertReply(doc, text): InsertResult {
    try {
      const box = doc.querySelector<HTMLElement>(P.replyBox);
      if (!box) return { ok: false, reason: 'no-reply-box' };
      if (box.getAttribute('contenteditable') === 'false') return { ok: false, reason: 'read-only' };
      setEditableText(box, text);
      box.focus();
      return { ok: true };
    } catch (err) {
      return insertError(err);
    }
  },
};

/**
 * Fill a contenteditable editor (summernote) with plain text, one paragraph per line, the way typing
 * would: text nodes only (never parsed as HTML), then an `input` event so the editor updates its model.
 */
function setEditableText(box: HTMLElement, text: string): void {
  const doc = box.ownerDocument;
  const paras = text.split('\n').map((line) => {
    const p = doc.createElement('p');
    if (line) p.textContent = line;
    else p.appendChild(doc.createElement('br'));
    return p;
  });
  box.replaceChildren(...paras);
  box.dispatchEvent(new Event('input', { bubbles: true }));
  box.dispatchEvent(new Event('change', { bubbles: true }));
}
