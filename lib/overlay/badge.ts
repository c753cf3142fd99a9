/**
 * The urgency badge drawn into each inbox row. One small host element per row with
 * its own shadow root; text is always set with textContent, never as HTML.
 */
import { URGENCY_TEXT, CATEGORY_TEXT } from '../triage/labels';
import type { TriageResult } from '../triage/result';
import { BADGE_CSS } from './styles';

export const BADGE_ATTR = 'data-ehr-triage-badge';
const ICON = { emergency: '⚠', urgent: '●', routine: '○' } as const;

let sheet: CSSStyleSheet | null = null;
function styleInto(root: ShadowRoot): void {
  try {
    sheet ??= new CSSStyleSheet();
    if (sheet.cssRules.length === 0) sheet.replaceSync(BADGE_CSS);
    root.adoptedStyleSheets = [sheet];
  } catch {
    const style = document.createElement('style');
    style.textContent = BADGE_CSS;
    root.append(style);
  }
}

/**
 * One Tab stop for all badges (the roving-tabindex pattern): a 50-row inbox must not add 50 stops to
 * the EHR's keyboard order. The badge that has it is the last one focused (or the first drawn);
 * Up/Down (and Home/End) move between badges in page order.
 */
let roving: WeakRef<HTMLElement> | null = null;

function badgeOf(host: Element): HTMLElement | null {
  return (host as HTMLElement).shadowRoot?.querySelector<HTMLElement>('.badge') ?? null;
}

function takeTabStop(badge: HTMLElement): void {
  const prev = roving?.deref();
  if (prev && prev !== badge) prev.tabIndex = -1;
  badge.tabIndex = 0;
  roving = new WeakRef(badge);
}

/** The badge that currently holds the Tab stop, if it is still on the page. */
export function tabStopBadge(): HTMLElement | null {
  const b = roving?.deref();
  return b && b.isConnected ? b : null;
}

function moveFocus(from: HTMLElement, key: string): boolean {
  const doc = from.ownerDocument;
  const hosts = [...doc.querySelectorAll(`[${BADGE_ATTR}]`)];
  const host = (from.getRootNode() as ShadowRoot).host;
  const i = hosts.indexOf(host);
  const j = key === 'ArrowDown' ? i + 1 : key === 'ArrowUp' ? i - 1 : key === 'Home' ? 0 : key === 'End' ? hosts.length - 1 : -1;
  const next = j >= 0 && j < hosts.length && j !== i ? badgeOf(hosts[j]!) : null;
  if (!next) return false;
  takeTabStop(next);
  next.focus();
  return true;
}

/** Find our badge host inside an anchor (only our own direct child). */
export function findBadge(anchor: Element): HTMLElement | null {
  for (const child of anchor.children) if (child.hasAttribute(BADGE_ATTR)) return child as HTMLElement;
  return null;
}

/** What the badge shows; used to skip redundant DOM writes. */
function signature(messageId: string, r: TriageResult): string {
  return `${messageId}|${r.textHash}|${r.urgency}|${r.source}|${r.category ?? ''}|${r.score}`;
}

/** Create or update the badge for a row. Returns true when the DOM changed. */
export function renderBadge(anchor: HTMLElement, messageId: string, r: TriageResult): boolean {
  let host = findBadge(anchor);
  const sig = signature(messageId, r);
  if (host && !tabStopBadge()) {
    const b = badgeOf(host);
    if (b) takeTabStop(b);
  }
  if (host && host.dataset.ehrTriageSig === sig) return false;
  if (!host) {
    host = anchor.ownerDocument.createElement('span');
    host.setAttribute(BADGE_ATTR, '');
    const root = host.attachShadow({ mode: 'open' });
    styleInto(root);
    const badge = document.createElement('span');
    badge.className = 'badge';
    badge.tabIndex = -1;
    badge.setAttribute('role', 'img');
    const tip = document.createElement('div');
    tip.className = 'tip';
    tip.setAttribute('role', 'tooltip');
    tip.id = 'tip';
    badge.setAttribute('aria-describedby', 'tip');
    root.append(badge, tip);
    const show = () => {
      const rect = badge.getBoundingClientRect();
      tip.classList.add('open');
      const h = tip.offsetHeight;
      const top = rect.bottom + 6 + h > window.innerHeight ? rect.top - h - 6 : rect.bottom + 6;
      tip.style.top = `${Math.max(4, top)}px`;
      tip.style.left = `${Math.max(4, Math.min(rect.left, window.innerWidth - 350))}px`;
    };
    const hide = () => tip.classList.remove('open');
    badge.addEventListener('mouseenter', show);
    badge.addEventListener('focus', () => {
      takeTabStop(badge);
      show();
    });
    badge.addEventListener('mouseleave', hide);
    badge.addEventListener('blur', hide);
    badge.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') hide();
      else if (['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(e.key) && moveFocus(badge, e.key)) {
        e.preventDefault();
        e.stopPropagation(); // the EHR's own list shortcuts do not also move
        hide();
      }
    });
    anchor.append(host);
    // The first badge drawn (or the first after the one holding the stop left the page) takes it.
    if (!tabStopBadge()) takeTabStop(badge);
  }
  host.dataset.ehrTriageSig = sig;
  host.dataset.ehrTriageFor = messageId;
  host.dataset.ehrTriageUrgency = r.urgency;
  host.dataset.ehrTriageSource = r.source;
  host.dataset.ehrTriageScore = String(r.score);
  if (r.category) host.dataset.ehrTriageCategory = r.category;
  else delete host.dataset.ehrTriageCategory;

  const root = host.shadowRoot!;
  const badge = root.querySelector<HTMLElement>('.badge')!;
  const tip = root.querySelector<HTMLElement>('.tip')!;
  badge.className = `badge ${r.urgency}`;
  badge.replaceChildren();
  const icon = document.createElement('span');
  icon.className = 'icon';
  icon.setAttribute('aria-hidden', 'true');
  icon.textContent = ICON[r.urgency];
  const label = document.createElement('span');
  label.textContent = URGENCY_TEXT[r.urgency];
  badge.append(icon, label);
  const cat = r.category ? ` · ${CATEGORY_TEXT[r.category]}` : '';
  badge.setAttribute('aria-label', `Triage: ${URGENCY_TEXT[r.urgency]}${cat}. ${r.reasons[0] ?? ''}`);

  const h = document.createElement('h4');
  h.textContent = `${URGENCY_TEXT[r.urgency]}${cat} · score ${r.score.toFixed(2)}`;
  const ul = document.createElement('ul');
  for (const reason of r.reasons.slice(0, 6)) {
    const li = document.createElement('li');
    li.textContent = reason;
    ul.append(li);
  }
  const foot = document.createElement('div');
  foot.className = 'foot';
  foot.textContent =
    r.source === 'rules'
      ? 'Red-flag rules only. A suggestion: always read the message.'
      : r.source === 'model+rules'
        ? 'Raised by red-flag rules over the on-device model.'
        : 'On-device model. A suggestion: always read the message.';
  const keys = document.createElement('div');
  keys.className = 'keys';
  keys.textContent = '↑ ↓ next badge · Esc closes';
  tip.replaceChildren(h, ul, foot, keys);
  return true;
}

/** Remove every badge we drew (used when the overlay stops). */
export function removeAllBadges(doc: Document): void {
  for (const el of doc.querySelectorAll(`[${BADGE_ATTR}]`)) el.remove();
}
