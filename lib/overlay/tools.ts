/**
 * Inbox tools that work with every adapter, drawn inside the status pill's shadow root:
 *
 * - the "Triage queue": a compact list of the visible messages, most urgent first (urgency,
 *   then score, then page order), with Emergency / Urgent / Routine filter chips that show
 *   their counts. Collapsed by default to one button next to the status pill.
 * - "jump to the next most urgent unread message" (the keyboard shortcut; the background relays
 *   the command to this tab).
 *
 * Opening a message does what a user would do: scroll the EHR's own row into view and click the
 * row's own link (or the row). The EHR's list is never re-ordered, hidden or edited, so its own
 * sorting, paging and selection keep working. Text is set with textContent only.
 */
import type { EhrAdapter, InboxRow } from '../adapters/types';
import { URGENCIES, URGENCY_TEXT, type Urgency } from '../triage/labels';
import { compareByRisk } from '../triage/result';
import type { VisibleTriage } from './controller';

export const TOOLS_ATTR = 'data-ehr-triage-tools';

/* ------------------------------------------------------------------------------------------ */
/* Ordering, filtering, jump target (pure)                                                     */
/* ------------------------------------------------------------------------------------------ */

export interface QueueItem {
  id: string;
  urgency: Urgency;
  score: number;
  subject: string;
  sender: string;
  patient?: string;
  unread?: boolean;
  /** Position in the EHR's list, from 0. */
  position: number;
}

/** The visible messages, most urgent first: urgency, then score (higher first), then page order. */
export function queueItems(visible: readonly VisibleTriage[]): QueueItem[] {
  return visible
    .map((v, position) => ({
      id: v.message.id,
      urgency: v.triage.urgency,
      score: v.triage.score,
      subject: v.message.subject,
      sender: v.message.sender,
      patient: v.message.patient,
      unread: v.message.unread,
      position,
    }))
    .sort((a, b) => compareByRisk(a, b) || a.position - b.position);
}

export function urgencyCounts(items: readonly QueueItem[]): Record<Urgency, number> {
  const out: Record<Urgency, number> = { emergency: 0, urgent: 0, routine: 0 };
  for (const i of items) out[i.urgency] += 1;
  return out;
}

/** Items whose urgency is among the chosen ones; no choice means all. Order is kept. */
export function filterQueue(items: readonly QueueItem[], chosen: ReadonlySet<Urgency>): QueueItem[] {
  return chosen.size === 0 ? [...items] : items.filter((i) => chosen.has(i.urgency));
}

export type JumpReason = 'unread' | 'unopened';

/**
 * The message the shortcut opens: the most urgent unread one that is not already open; when no
 * message is unread (or the EHR does not show unread state), the most urgent one not opened yet
 * on this page. Messages already opened through the tools on this page are skipped, so pressing
 * again moves on. Null when there is none left.
 */
export function jumpTarget(
  items: readonly QueueItem[],
  opts: { openId?: string | null; visited?: ReadonlySet<string> } = {},
): { item: QueueItem; reason: JumpReason } | null {
  const ordered = [...items].sort((a, b) => compareByRisk(a, b) || a.position - b.position);
  const fresh = (i: QueueItem) => i.id !== opts.openId && !opts.visited?.has(i.id);
  const unread = ordered.find((i) => i.unread === true && fresh(i));
  if (unread) return { item: unread, reason: 'unread' };
  const unopened = ordered.find((i) => i.unread !== true && fresh(i));
  return unopened ? { item: unopened, reason: 'unopened' } : null;
}

/* ------------------------------------------------------------------------------------------ */
/* Opening a row the way a user would                                                          */
/* ------------------------------------------------------------------------------------------ */

const NOT_TO_CLICK = 'input, button, select, textarea, label, [role="checkbox"], [role="button"], [contenteditable]';

function usableLink(a: HTMLAnchorElement): boolean {
  const href = (a.getAttribute('href') ?? '').trim();
  if (!href || href === '#' || /^javascript:/i.test(href)) return false;
  return !a.closest(NOT_TO_CLICK);
}

function hrefHasId(href: string, id: string): boolean {
  if (href.includes(id)) return true;
  try {
    return href.includes(encodeURIComponent(id)) || decodeURIComponent(href).includes(id);
  } catch {
    return false;
  }
}

/**
 * What to click to open a row: the row's link that names the message id (a message link, not
 * the chart link beside it), else the row itself when it is a link, else its first link, else an
 * element the page made clickable (AngularJS ng-click), else the row. Never a checkbox or button.
 */
export function findOpenTarget(row: Pick<InboxRow, 'element' | 'message'>): HTMLElement {
  const el = row.element;
  if (el.matches('a[href]') && usableLink(el as HTMLAnchorElement)) return el;
  const links = [...el.querySelectorAll<HTMLAnchorElement>('a[href]')].filter(usableLink);
  const named = links.find((a) => hrefHasId(a.getAttribute('href') ?? '', row.message.id));
  if (named) return named;
  if (links[0]) return links[0];
  const clickable = [...el.querySelectorAll<HTMLElement>('[ng-click], [data-ng-click], [role="link"]')].find((c) => !c.closest(NOT_TO_CLICK));
  return clickable ?? el;
}

/** Scroll the EHR's row into view and click its own link. False when the row is gone. */
export function openRow(doc: Document, adapter: EhrAdapter, id: string): boolean {
  let row: InboxRow | undefined;
  try {
    row = (adapter.hasInbox(doc) ? adapter.listRows(doc) : []).find((r) => r.message.id === id);
  } catch {
    return false;
  }
  if (!row) return false;
  try {
    row.element.scrollIntoView?.({ block: 'center', inline: 'nearest' });
  } catch {
    // scrolling is a nicety
  }
  const target = findOpenTarget(row);
  try {
    target.focus?.({ preventScroll: true });
  } catch {
    // not focusable: fine
  }
  target.click();
  return true;
}

/* ------------------------------------------------------------------------------------------ */
/* The panel                                                                                   */
/* ------------------------------------------------------------------------------------------ */

export const TOOLS_CSS = `
.tq { position: absolute; right: calc(100% + 6px); bottom: 0; display: flex; flex-direction: column; align-items: flex-end;
  font: 12px/1.3 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #111827; }
.tq button { font: inherit; color: inherit; cursor: pointer; }
.tq-toggle { white-space: nowrap; border: 1px solid #d1d5db; background: #ffffff; border-radius: 16px; padding: 5px 10px;
  box-shadow: 0 2px 8px rgba(0,0,0,.12); }
.tq-toggle[aria-expanded="true"] { background: #eef2ff; border-color: #4f46e5; }
.tq button:focus-visible { outline: 2px solid #1d4ed8; outline-offset: 2px; }
.tq-panel { position: absolute; right: 0; bottom: calc(100% + 8px); width: 360px; max-width: 80vw; max-height: 60vh;
  display: flex; flex-direction: column; background: #ffffff; border: 1px solid #9ca3af; border-radius: 8px;
  box-shadow: 0 6px 24px rgba(0,0,0,.2); }
.tq-panel[hidden] { display: none; }
.tq-head { display: flex; align-items: center; gap: 8px; padding: 8px 10px; border-bottom: 1px solid #e5e7eb; }
.tq-head h2 { font-size: 13px; margin: 0; flex: 1; }
.tq-close { border: 1px solid #d1d5db; background: #f9fafb; border-radius: 6px; padding: 0 7px; }
.tq-chips { display: flex; gap: 6px; padding: 8px 10px; flex-wrap: wrap; }
.tq-chip { border: 1px solid #9ca3af; background: #f9fafb; border-radius: 12px; padding: 2px 9px; }
.tq-chip[aria-pressed="true"] { background: #1f2937; color: #ffffff; border-color: #1f2937; }
.tq-chip[aria-pressed="true"]::before { content: "✓ "; }
.tq-list { list-style: none; margin: 0; padding: 0 6px 6px; overflow: auto; }
.tq-item { display: block; width: 100%; text-align: left; border: 1px solid transparent; background: none; border-radius: 6px;
  padding: 6px; margin: 1px 0; }
.tq-item:hover { background: #f3f4f6; border-color: #e5e7eb; }
.tq-item[aria-current="true"] { border-color: #4f46e5; }
.tq-lvl { display: inline-block; font-weight: 600; font-size: 11px; border-radius: 9px; padding: 0 6px; margin-right: 6px; border: 1px solid; }
.tq-lvl.emergency { background: #b91c1c; color: #fff; border-color: #7f1d1d; }
.tq-lvl.urgent { background: #fde68a; color: #713f12; border-color: #b45309; }
.tq-lvl.routine { background: #e5e7eb; color: #1f2937; border-color: #9ca3af; }
.tq-subj { font-weight: 600; }
.tq-meta { display: block; color: #4b5563; margin-top: 2px; }
.tq-unread { font-weight: 600; color: #1e3a8a; }
.tq-empty { margin: 6px 10px 10px; color: #4b5563; }
.tq-live { margin: 0; padding: 0 10px 8px; color: #1f2937; }
.tq-live:empty { display: none; }
.tq-note { position: absolute; right: 0; bottom: calc(100% + 8px); width: max-content; max-width: 320px; background: #111827;
  color: #f9fafb; border-radius: 6px; padding: 5px 8px; }
.tq-note:empty, .tq-note[hidden] { display: none; }
`;

const ICON: Record<Urgency, string> = { emergency: '⚠', urgent: '●', routine: '○' };

export type JumpReply =
  | { ok: true; messageId: string; urgency: Urgency; reason: JumpReason }
  | { ok: false; reason: 'none' | 'not-found' };

export interface InboxTools {
  /** New rows / triage / open message from the overlay. */
  update(visible: readonly VisibleTriage[], openId: string | null): void;
  /** Open the next most urgent unread (else unopened) message. */
  jumpNext(): JumpReply;
  /** Open one message by id (as the queue does). */
  open(id: string): boolean;
  isExpanded(): boolean;
  setExpanded(expanded: boolean, focus?: boolean): void;
  destroy(): void;
  readonly element: HTMLElement;
}

export interface InboxToolsOptions {
  doc: Document;
  adapter: EhrAdapter;
  /** Where the tools go: the status pill's shadow root (or any element/shadow root). */
  mount: ShadowRoot | HTMLElement;
}

function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = doc.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

export function createInboxTools(opts: InboxToolsOptions): InboxTools {
  const { doc, adapter, mount } = opts;
  let items: QueueItem[] = [];
  let openId: string | null = null;
  const chosen = new Set<Urgency>();
  const visited = new Set<string>();
  let noteTimer: ReturnType<typeof setTimeout> | null = null;
  let renderedKey = '';

  const style = el(doc, 'style');
  style.textContent = TOOLS_CSS;
  const root = el(doc, 'div', 'tq');
  root.setAttribute(TOOLS_ATTR, '');

  const toggle = el(doc, 'button', 'tq-toggle');
  toggle.type = 'button';
  toggle.setAttribute('aria-expanded', 'false');
  toggle.setAttribute('aria-controls', 'tq-panel');
  toggle.dataset.testid = 'triage-queue-toggle';

  const panel = el(doc, 'div', 'tq-panel');
  panel.id = 'tq-panel';
  panel.hidden = true;
  panel.setAttribute('role', 'region');
  panel.setAttribute('aria-labelledby', 'tq-title');

  const head = el(doc, 'div', 'tq-head');
  const title = el(doc, 'h2', undefined, 'Triage queue');
  title.id = 'tq-title';
  const close = el(doc, 'button', 'tq-close', '×');
  close.type = 'button';
  close.setAttribute('aria-label', 'Close triage queue');
  head.append(title, close);

  const chips = el(doc, 'div', 'tq-chips');
  chips.setAttribute('role', 'group');
  chips.setAttribute('aria-label', 'Show only');
  const chipButtons = new Map<Urgency, HTMLButtonElement>();
  for (const u of URGENCIES) {
    const b = el(doc, 'button', 'tq-chip');
    b.type = 'button';
    b.dataset.urgency = u;
    b.setAttribute('aria-pressed', 'false');
    b.addEventListener('click', () => {
      if (chosen.has(u)) chosen.delete(u);
      else chosen.add(u);
      render(true);
    });
    chipButtons.set(u, b);
    chips.append(b);
  }

  const list = el(doc, 'ol', 'tq-list');
  list.setAttribute('aria-label', 'Messages, most urgent first');
  const empty = el(doc, 'p', 'tq-empty');
  const live = el(doc, 'p', 'tq-live');
  live.setAttribute('role', 'status');
  live.setAttribute('aria-live', 'polite');
  panel.append(head, chips, list, empty, live);

  /** Shown above the collapsed button after a shortcut jump (the panel may be closed). */
  const note = el(doc, 'div', 'tq-note');
  note.setAttribute('role', 'status');
  note.setAttribute('aria-live', 'polite');

  root.append(panel, note, toggle);
  mount.append(style, root);

  const setExpanded = (expanded: boolean, focus = false): void => {
    panel.hidden = !expanded;
    toggle.setAttribute('aria-expanded', String(expanded));
    if (expanded) {
      note.textContent = '';
      render(true);
      if (focus) (list.querySelector<HTMLButtonElement>('.tq-item') ?? chipButtons.get('emergency'))?.focus();
    } else if (focus) {
      toggle.focus();
    }
  };

  toggle.addEventListener('click', () => setExpanded(panel.hidden, true));
  close.addEventListener('click', () => setExpanded(false, true));
  root.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !panel.hidden) {
      e.stopPropagation();
      setExpanded(false, true);
      return;
    }
    const target = e.target as HTMLElement | null;
    if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && target?.classList.contains('tq-item')) {
      e.preventDefault();
      const all = [...list.querySelectorAll<HTMLButtonElement>('.tq-item')];
      const i = all.indexOf(target as HTMLButtonElement);
      all[Math.max(0, Math.min(all.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1)))]?.focus();
    }
  });

  const say = (text: string): void => {
    live.textContent = text;
    if (panel.hidden) {
      note.textContent = text;
      if (noteTimer) clearTimeout(noteTimer);
      noteTimer = setTimeout(() => (note.textContent = ''), 6000);
    }
  };

  const open = (id: string): boolean => {
    const ok = openRow(doc, adapter, id);
    if (ok) visited.add(id);
    return ok;
  };

  function toggleLabel(): void {
    const counts = urgencyCounts(items);
    const high = counts.emergency + counts.urgent;
    toggle.textContent = high ? `Triage queue · ${high} emergency/urgent` : 'Triage queue';
    toggle.setAttribute(
      'aria-label',
      `Triage queue: ${items.length} message${items.length === 1 ? '' : 's'}, ${counts.emergency} emergency, ${counts.urgent} urgent`,
    );
  }

  function render(force = false): void {
    toggleLabel();
    const counts = urgencyCounts(items);
    for (const [u, b] of chipButtons) {
      b.textContent = `${URGENCY_TEXT[u]} (${counts[u]})`;
      b.setAttribute('aria-pressed', String(chosen.has(u)));
      b.setAttribute('aria-label', `${URGENCY_TEXT[u]}: ${counts[u]} message${counts[u] === 1 ? '' : 's'}`);
    }
    if (panel.hidden && !force) return;
    const shown = filterQueue(items, chosen);
    const key = `${openId ?? ''}|${[...chosen].join()}|${shown.map((i) => `${i.id}:${i.urgency}:${i.unread ? 1 : 0}:${i.subject}`).join(',')}`;
    if (key === renderedKey && !force) return;
    renderedKey = key;
    const active = ('activeElement' in mount ? mount.activeElement : doc.activeElement) as HTMLElement | null;
    const keepFocus = active?.classList?.contains('tq-item') ? active.dataset.messageId : undefined;
    list.replaceChildren(
      ...shown.map((i) => {
        const li = el(doc, 'li');
        const b = el(doc, 'button', 'tq-item');
        b.type = 'button';
        b.dataset.messageId = i.id;
        b.dataset.urgency = i.urgency;
        if (i.id === openId) b.setAttribute('aria-current', 'true');
        const lvl = el(doc, 'span', `tq-lvl ${i.urgency}`, `${ICON[i.urgency]} ${URGENCY_TEXT[i.urgency]}`);
        const subj = el(doc, 'span', 'tq-subj', i.subject || '(no subject)');
        const meta = el(doc, 'span', 'tq-meta');
        const who = [i.sender, i.patient && i.patient !== i.sender ? `re ${i.patient}` : ''].filter(Boolean).join(' · ');
        meta.append(doc.createTextNode(who));
        if (i.unread) meta.append(doc.createTextNode(who ? ' · ' : ''), el(doc, 'span', 'tq-unread', 'Unread'));
        if (i.id === openId) meta.append(doc.createTextNode(' · Open now'));
        b.append(lvl, subj, meta);
        b.addEventListener('click', () => {
          if (!open(i.id)) say('That message is no longer on the page.');
          else say(`Opened: ${i.subject || '(no subject)'}`);
        });
        li.append(b);
        return li;
      }),
    );
    empty.textContent = shown.length ? '' : items.length ? 'No messages match the chosen levels.' : 'No messages on this page.';
    empty.hidden = shown.length > 0;
    if (keepFocus) list.querySelector<HTMLButtonElement>(`.tq-item[data-message-id="${cssEscape(keepFocus)}"]`)?.focus();
  }

  render(true);

  return {
    element: root,
    update(visible, newOpenId) {
      items = queueItems(visible);
      if (newOpenId) visited.add(newOpenId);
      openId = newOpenId;
      render();
    },
    jumpNext() {
      const t = jumpTarget(items, { openId, visited });
      if (!t) {
        say('No unread or unopened message left on this page.');
        return { ok: false, reason: 'none' };
      }
      if (!open(t.item.id)) {
        say('That message is no longer on the page.');
        return { ok: false, reason: 'not-found' };
      }
      say(`Opened the most urgent ${t.reason} message: ${URGENCY_TEXT[t.item.urgency]} · ${t.item.subject || '(no subject)'}`);
      return { ok: true, messageId: t.item.id, urgency: t.item.urgency, reason: t.reason };
    },
    open,
    isExpanded: () => !panel.hidden,
    setExpanded,
    destroy() {
      if (noteTimer) clearTimeout(noteTimer);
      style.remove();
      root.remove();
    },
  };
}

function cssEscape(s: string): string {
  return typeof CSS !== 'undefined' && typeof CSS.escape === 'function' ? CSS.escape(s) : s.replace(/["\\]/g, '\\$&');
}
