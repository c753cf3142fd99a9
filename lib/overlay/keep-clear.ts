/**
 * The overlay's status pill (fixed, bottom-right) must never cover the EHR's own reply box or send
 * button: a clinician has to be able to press the EHR's Send. While the pill's box overlaps the
 * reply area (the reply box's form, or its parent), the pill is lifted just above it; otherwise it
 * goes back. Reads layout only; writes one inline style on our own host element.
 */
import type { EhrAdapter } from '../adapters/types';
import { STATUS_ATTR } from './status';

const GAP = 8;

function overlaps(a: DOMRect, b: DOMRect): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/** One check: lift the pill above the reply area when they overlap. Returns the bottom offset set (px) or null. */
export function keepPillClear(doc: Document, adapter: Pick<EhrAdapter, 'findReplyBox'>): number | null {
  const pill = doc.querySelector<HTMLElement>(`[${STATUS_ATTR}]`);
  if (!pill) return null;
  let box: Element | null = null;
  try {
    box = adapter.findReplyBox(doc);
  } catch {
    box = null;
  }
  const area = box ? (box.closest('form') ?? box.parentElement ?? box) : null;
  pill.style.removeProperty('bottom');
  if (!area) return null;
  const a = area.getBoundingClientRect();
  const p = pill.getBoundingClientRect();
  if (!a.width || !a.height || !overlaps(a, p)) return null;
  const viewport = doc.defaultView?.innerHeight ?? 0;
  const bottom = Math.max(GAP, Math.round(viewport - a.top + GAP));
  pill.style.setProperty('bottom', `${bottom}px`, 'important');
  return bottom;
}

/** Keep checking (layout changes with re-renders, scrolling and resizing); returns a stop function. */
export function watchPillClear(doc: Document, adapter: Pick<EhrAdapter, 'findReplyBox'>, everyMs = 1000): () => void {
  const run = () => {
    try {
      keepPillClear(doc, adapter);
    } catch {
      // never break the page
    }
  };
  const win = doc.defaultView;
  const t = setInterval(run, everyMs);
  win?.addEventListener('resize', run);
  run();
  return () => {
    clearInterval(t);
    win?.removeEventListener('resize', run);
  };
}
