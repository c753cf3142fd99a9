// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { PREVIEW_ATTR, runPreview } from './preview-inject';
import { loadFixture } from '../../tests/fixtures/load';

const RAW = JSON.parse(readFileSync('tests/fixtures/configured/acme-config.json', 'utf8')).adapters[0];
const URL_LOCAL = 'http://127.0.0.1:5555/ehr/inbox/message.do?folder=PATIENT';

afterEach(() => vi.restoreAllMocks());

describe('runPreview (Test on this tab)', () => {
  it('reports what the config finds and outlines the rows, the open message and the reply box for a while', async () => {
    const doc = loadFixture('configured/acme-inbox.html', URL_LOCAL);
    vi.spyOn(Element.prototype, 'getBoundingClientRect').mockReturnValue({ left: 10, top: 20, width: 300, height: 24, right: 310, bottom: 44, x: 10, y: 20, toJSON: () => ({}) } as DOMRect);
    const before = doc.body.innerHTML;
    const r = runPreview({ ...RAW, urlPatterns: ['http://127.0.0.1/ehr/inbox/*'] }, { highlightMs: 50 }, doc);
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(r.preview.matches).toBe(true);
    expect(r.preview.rows.count).toBe(4);
    expect(r.preview.rows.usable).toBe(4);
    expect(r.preview.rows.sample.map((s) => s.message?.id)).toEqual(['MSG-20417', 'MSG-20409', 'MSG-20388', 'MSG-20371']);
    expect(r.preview.openMessage?.id).toBe('MSG-20417');
    expect(r.preview.replyBoxFound).toBe(true);
    expect(r.preview.problems).toEqual(['list.patient: could not be read in 1 of 4 rows', 'list.date: could not be read in 1 of 4 rows']);
    expect(r.highlighted).toBe(4);
    // The outlines live in an overlay of their own; the EHR's elements are untouched.
    expect(doc.body.innerHTML).toBe(before);
    const host = doc.querySelector(`[${PREVIEW_ATTR}]`)!;
    expect([...host.shadowRoot!.querySelectorAll('.box')].map((b) => [b.className, b.textContent])).toEqual([
      ['box row', 'Row 1'],
      ['box row', 'Row 2'],
      ['box row', 'Row 3'],
      ['box row', 'Row 4'],
      ['box detail', 'Open message'],
      ['box reply', 'Reply box'],
    ]);
    await new Promise((res) => setTimeout(res, 80));
    expect(doc.querySelector(`[${PREVIEW_ATTR}]`)).toBeNull();
  });

  it('says when the page address does not match, and still previews', () => {
    const doc = loadFixture('configured/acme-inbox.html', URL_LOCAL);
    const r = runPreview(RAW, { highlightMs: 0 }, doc);
    expect(r.ok && [r.preview.matches, r.preview.rows.count, r.preview.problems[0]]).toEqual([
      false,
      4,
      "urlPatterns: this page's address (http://127.0.0.1:5555/ehr/inbox/message.do) matches none of the patterns",
    ]);
    expect(doc.querySelector(`[${PREVIEW_ATTR}]`)).toBeNull();
  });

  it('refuses an invalid config with its reasons', () => {
    const doc = loadFixture('configured/acme-inbox.html', URL_LOCAL);
    expect(runPreview({ ...RAW, list: { ...RAW.list, row: 'tr[' } }, {}, doc)).toEqual({ ok: false, errors: ['list.row: not a valid CSS selector'] });
  });
});
