// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { blockTextOf, textOf, toIso } from './dom';

function html(s: string): HTMLElement {
  const d = document.createElement('div');
  d.innerHTML = s;
  return d;
}

describe('dom text helpers', () => {
  it('textOf collapses whitespace and returns text, never markup', () => {
    expect(textOf(html('<b> hi </b>\n  there &lt;script&gt;'))).toBe('hi there <script>');
    expect(textOf(null)).toBe('');
  });
  it('blockTextOf keeps paragraph and line breaks and skips scripts', () => {
    expect(blockTextOf(html('<p>One  two</p><p>three<br>four</p><script>evil()</script>'))).toBe('One two\n\nthree\nfour');
    expect(blockTextOf(html('line 1\n   line 2'))).toBe('line 1\nline 2');
  });
  it('toIso parses dates or gives undefined', () => {
    expect(toIso('2026-11-30T13:05:00Z')).toBe('2026-11-30T13:05:00.000Z');
    expect(toIso('yesterday')).toBeUndefined();
    expect(toIso('')).toBeUndefined();
  });
});
