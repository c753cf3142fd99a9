// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { keepPillClear } from './keep-clear';
import { STATUS_ATTR } from './status';

function rect(left: number, top: number, width: number, height: number): DOMRect {
  return { left, top, width, height, right: left + width, bottom: top + height, x: left, y: top, toJSON: () => ({}) } as DOMRect;
}

function page(formRect: DOMRect, pillRect: DOMRect) {
  document.body.innerHTML = `<form id="f"><input name="message"><button>Send</button></form><div ${STATUS_ATTR}></div>`;
  (document.getElementById('f') as HTMLElement).getBoundingClientRect = () => formRect;
  const pill = document.querySelector<HTMLElement>(`[${STATUS_ATTR}]`)!;
  pill.getBoundingClientRect = () => pillRect;
  return { pill, adapter: { findReplyBox: (d: Document) => d.querySelector<HTMLInputElement>('input[name="message"]') } };
}

describe('the status pill keeps clear of the EHR’s reply box', () => {
  it('lifts the pill above the reply form when they overlap', () => {
    Object.defineProperty(window, 'innerHeight', { value: 900, configurable: true });
    const { pill, adapter } = page(rect(400, 840, 1000, 50), rect(1200, 860, 180, 28));
    expect(keepPillClear(document, adapter)).toBe(68); // 900 - 840 + 8
    expect(pill.style.getPropertyValue('bottom')).toBe('68px');
  });

  it('leaves it where it is otherwise', () => {
    const { pill, adapter } = page(rect(0, 100, 300, 50), rect(1200, 860, 180, 28));
    expect(keepPillClear(document, adapter)).toBeNull();
    expect(pill.style.getPropertyValue('bottom')).toBe('');
    expect(keepPillClear(document, { findReplyBox: () => null })).toBeNull();
  });
});
