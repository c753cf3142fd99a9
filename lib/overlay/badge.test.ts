// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { BADGE_ATTR, renderBadge, tabStopBadge } from './badge';
import type { TriageResult } from '../triage/result';

const result = (hash: string): TriageResult => ({
  textHash: hash, urgency: 'routine', score: 0.1, category: null, probs: null, redFlags: [], source: 'rules', reasons: ['No red-flag phrases found'], salient: [],
});

function rows(n: number): HTMLElement[] {
  document.body.innerHTML = '';
  return Array.from({ length: n }, (_, i) => {
    const li = document.createElement('li');
    li.id = `r${i}`;
    document.body.append(li);
    renderBadge(li, `m${i}`, result(`h${i}`));
    return li;
  });
}

const badges = () => [...document.querySelectorAll(`[${BADGE_ATTR}]`)].map((h) => (h as HTMLElement).shadowRoot!.querySelector<HTMLElement>('.badge')!);
const key = (el: HTMLElement, k: string) => el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));

afterEach(() => {
  document.body.innerHTML = '';
});

describe('badge keyboard access', () => {
  it('adds one Tab stop for all badges, not one per row', () => {
    rows(5);
    expect(badges().map((b) => b.tabIndex)).toEqual([0, -1, -1, -1, -1]);
  });

  it('Up/Down, Home/End move focus and the Tab stop between badges in page order', () => {
    rows(4);
    const b = badges();
    b[0]!.focus();
    key(b[0]!, 'ArrowDown');
    expect(b.map((x) => x.tabIndex)).toEqual([-1, 0, -1, -1]);
    key(b[1]!, 'End');
    expect(tabStopBadge()).toBe(b[3]);
    key(b[3]!, 'ArrowDown'); // already last: stays
    expect(tabStopBadge()).toBe(b[3]);
    key(b[3]!, 'Home');
    expect(b.map((x) => x.tabIndex)).toEqual([0, -1, -1, -1]);
  });

  it('a badge focused by a click takes the Tab stop; when its row is removed, the next badge drawn takes it', () => {
    const li = rows(3);
    const b = badges();
    b[2]!.focus();
    expect(b.map((x) => x.tabIndex)).toEqual([-1, -1, 0]);
    li[2]!.remove();
    expect(tabStopBadge()).toBeNull();
    const extra = document.createElement('li');
    document.body.append(extra);
    renderBadge(extra, 'm9', result('h9'));
    expect(tabStopBadge()).toBe(badges().at(-1));
    // the next scan re-renders the remaining rows: the first of them takes the stop if none has it
    extra.remove();
    expect(tabStopBadge()).toBeNull();
    renderBadge(li[0]!, 'm0', result('h0'));
    expect(tabStopBadge()).toBe(badges()[0]);
  });

  it('says how to move in the tooltip', () => {
    rows(1);
    expect(document.querySelector(`[${BADGE_ATTR}]`)!.shadowRoot!.querySelector('.keys')!.textContent).toContain('↑ ↓');
  });
});
