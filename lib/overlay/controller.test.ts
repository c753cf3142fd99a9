// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InboxOverlay, REFINE_BATCH, type Triager } from './controller';
import { demoAdapter } from '../adapters/demo';
import type { EhrAdapter } from '../adapters/types';
import type { TriageResult } from '../triage/result';
import { loadFixture } from '../../tests/fixtures/load';

const URL_OK = 'http://127.0.0.1:5174/inbox';

function result(hash: string, urgency: TriageResult['urgency'], source: TriageResult['source'] = 'rules'): TriageResult {
  return { textHash: hash, urgency, score: urgency === 'emergency' ? 0.9 : 0.1, category: null, probs: null, redFlags: [], source, reasons: ['r'], salient: [] };
}

/** Emergency when the text mentions chest pressure, else routine. */
const fakeRules: Triager = {
  quick: (text, hash) => result(hash, /chest pressure/.test(text) ? 'emergency' : 'routine'),
};

const badges = (doc: Document) =>
  [...doc.querySelectorAll<HTMLElement>('[data-ehr-triage-badge]')].map((b) => [b.dataset.ehrTriageFor, b.dataset.ehrTriageUrgency, b.dataset.ehrTriageSource]);

let overlay: InboxOverlay | null = null;
afterEach(() => {
  overlay?.stop();
  overlay = null;
});

const tick = (ms = 60) => new Promise((r) => setTimeout(r, ms));

describe('InboxOverlay', () => {
  it('badges every row once and reports the open message', () => {
    const doc = loadFixture('demo/inbox-open.html', URL_OK);
    const onOpen = vi.fn();
    overlay = new InboxOverlay({ adapter: demoAdapter, doc, triager: fakeRules, onOpenMessage: onOpen });
    overlay.start();
    expect(badges(doc)).toEqual([
      ['m101', 'emergency', 'rules'],
      ['m102', 'routine', 'rules'],
      ['m103', 'routine', 'rules'],
    ]);
    expect(onOpen).toHaveBeenCalledTimes(1);
    expect(onOpen.mock.calls[0]![0].id).toBe('m101');
    expect(onOpen.mock.calls[0]![1].urgency).toBe('emergency');
    // A second scan changes nothing and reports nothing new.
    overlay.scan();
    expect(doc.querySelectorAll('[data-ehr-triage-badge]')).toHaveLength(3);
    expect(onOpen).toHaveBeenCalledTimes(1);
    // The patient's HTML-like text stays text in the row and in the badge.
    expect(doc.querySelector('script')).toBeNull();
  });

  it("gives an opened message's row the triage of its whole text (lists often show only the subject)", () => {
    const doc = loadFixture('demo/inbox-open.html', URL_OK);
    // m101's row shows nothing alarming; the open message (m101) says "chest pressure".
    const row = doc.querySelector<HTMLElement>('li.msg-row[data-message-id="m101"]')!;
    row.querySelector('.msg-subject')!.textContent = 'Refill';
    row.querySelector('.msg-preview')!.textContent = 'Need my usual refill please';
    overlay = new InboxOverlay({ adapter: demoAdapter, doc, triager: fakeRules });
    overlay.start();
    expect(badges(doc)).toEqual([
      ['m101', 'emergency', 'rules'],
      ['m102', 'routine', 'rules'],
      ['m103', 'routine', 'rules'],
    ]);
    const tip = doc.querySelector<HTMLElement>('[data-ehr-triage-for="m101"]')!.shadowRoot!.textContent!;
    expect(tip).toContain('Read from the whole message (opened), not only the row.');
    expect(overlay.visibleTriage().find((v) => v.message.id === 'm101')!.triage.urgency).toBe('emergency');
  });

  it('re-badges rows the page re-renders', async () => {
    const doc = loadFixture('demo/inbox-open.html', URL_OK);
    overlay = new InboxOverlay({ adapter: demoAdapter, doc, triager: fakeRules });
    overlay.start();
    const list = doc.querySelector('[data-testid="message-list"]')!;
    const html = list.innerHTML.replace(/<span data-ehr-triage-badge[^>]*><\/span>/g, '');
    list.innerHTML = html;
    list.querySelectorAll('[data-ehr-triage-badge]').forEach((b) => b.remove());
    expect(doc.querySelectorAll('[data-ehr-triage-badge]')).toHaveLength(0);
    await tick();
    expect(badges(doc).map((b) => b[0])).toEqual(['m101', 'm102', 'm103']);
  });

  it('sends a whole 50-row page to the model in one request, and larger pages in requests of REFINE_BATCH', async () => {
    // + 1: the fixture's open message is refined from its whole text too
    for (const [rows, calls] of [[50, [51]], [70, [REFINE_BATCH, 71 - REFINE_BATCH]]] as const) {
      const doc = loadFixture('demo/inbox-open.html', URL_OK);
      const list = doc.querySelector('[data-testid="message-list"]')!;
      const proto = list.querySelector('li.msg-row')!;
      list.innerHTML = '';
      for (let i = 0; i < rows; i++) {
        const li = proto.cloneNode(true) as HTMLElement;
        li.setAttribute('data-message-id', `x${i}`);
        li.querySelector('.msg-subject')!.textContent = `Question number ${i}`;
        list.appendChild(li);
      }
      const refine = vi.fn(async (items: { hash: string; text: string }[]) => items.map((i) => result(i.hash, 'routine', 'model')));
      overlay = new InboxOverlay({ adapter: demoAdapter, doc, triager: { ...fakeRules, refine } });
      overlay.start();
      await vi.waitFor(() => expect(badges(doc).filter((b) => b[2] === 'model')).toHaveLength(rows), { timeout: 2000 });
      expect(refine.mock.calls.map((c) => c[0].length)).toEqual(calls);
      overlay.stop();
    }
  });

  it('upgrades badges with refined (model) results, and keeps rules results when refining fails', async () => {
    const doc = loadFixture('demo/inbox-open.html', URL_OK);
    const refine = vi.fn(async (items: { hash: string; text: string }[]) =>
      items.map((i) => result(i.hash, i.text.includes('appt') ? 'urgent' : 'routine', 'model')),
    );
    overlay = new InboxOverlay({ adapter: demoAdapter, doc, triager: { ...fakeRules, refine } });
    overlay.start();
    await tick(120);
    expect(refine).toHaveBeenCalledTimes(1);
    expect(badges(doc).map((b) => [b[0], b[1], b[2]])).toEqual([
      ['m101', 'routine', 'model'],
      ['m102', 'routine', 'model'],
      ['m103', 'urgent', 'model'],
    ]);

    overlay.stop();
    const doc2 = loadFixture('demo/inbox-open.html', URL_OK);
    overlay = new InboxOverlay({ adapter: demoAdapter, doc: doc2, triager: { ...fakeRules, refine: () => Promise.reject(new Error('no model')) } });
    overlay.start();
    await tick(120);
    expect(badges(doc2).map((b) => b[1])).toEqual(['emergency', 'routine', 'routine']);
    expect(doc2.querySelector<HTMLElement>('[data-ehr-triage-status]')!.dataset.level).toBe('warn');
  });

  it('never lets an adapter error escape; pauses with one status after repeated failures', async () => {
    const doc = loadFixture('demo/inbox-open.html', URL_OK);
    const broken: EhrAdapter = {
      ...demoAdapter,
      listRows: () => {
        throw new TypeError('row.querySelector is not a function');
      },
    };
    overlay = new InboxOverlay({ adapter: broken, doc, triager: fakeRules, maxConsecutiveErrors: 2 });
    expect(() => overlay!.start()).not.toThrow();
    await tick();
    const status = doc.querySelector<HTMLElement>('[data-ehr-triage-status]')!;
    expect(status.dataset.level).toBe('error');
    expect(status.dataset.text).toMatch(/Triage paused on this page/);
    expect(doc.querySelectorAll('[data-ehr-triage-status]')).toHaveLength(1);
    // The diagnostic carries structure, never patient text.
    const diag = status.shadowRoot!.querySelector('button.copy') as HTMLButtonElement;
    expect(diag.hidden).toBe(false);
  });

  it('says once that triage is paused when an update renames the layout under it, and resumes when it is back', async () => {
    const doc = loadFixture('demo/inbox-open.html', URL_OK);
    overlay = new InboxOverlay({ adapter: demoAdapter, doc, triager: fakeRules, layoutDriftMs: 600 });
    overlay.start();
    const status = doc.querySelector<HTMLElement>('[data-ehr-triage-status]')!;
    expect(status.dataset.level).toBe('ok');
    const bodyText = doc.body.textContent!;
    // The EHR's update: every id, class and data attribute the adapter used is renamed.
    const saved = [...doc.body.querySelectorAll<HTMLElement>('*')].map((el) => [el, [...el.attributes].map((a) => [a.name, a.value])] as const);
    for (const [el, attrs] of saved) for (const [name, value] of attrs) if (/^(id|class|data-)/.test(name!)) {
      el.removeAttribute(name!);
      el.setAttribute(`x-${name}`, value!);
    }
    const renamedAt = Date.now();
    overlay.scan();
    await tick(20);
    if (Date.now() - renamedAt < 500) expect(status.dataset.level).toBe('ok'); // a short gap is a re-render, not a change
    await vi.waitFor(() => expect(status.dataset.level).toBe('error'), { timeout: 5000, interval: 20 });
    expect(Date.now() - renamedAt).toBeGreaterThanOrEqual(590);
    expect(status.dataset.text).toMatch(/paused on this page: the inbox layout was not recognised/);
    expect(doc.querySelectorAll('[data-ehr-triage-status]')).toHaveLength(1);
    const diag = JSON.parse(overlay.currentDiagnostic()) as Record<string, unknown>;
    expect(diag.kind).toBe('inbox-triage-diagnostic');
    expect(diag.error).toMatch(/layout-drift/);
    // Structure only: not one word of patient text.
    for (const word of bodyText.split(/\s+/).filter((w) => w.length > 6).slice(0, 50)) expect(JSON.stringify(diag)).not.toContain(word);
    // The layout comes back (or the adapter is fixed): triage resumes by itself.
    for (const [el, attrs] of saved) for (const [name, value] of attrs) if (/^(id|class|data-)/.test(name!)) {
      el.removeAttribute(`x-${name}`);
      el.setAttribute(name!, value!);
    }
    await vi.waitFor(() => expect(status.dataset.level).toBe('ok'), { timeout: 5000, interval: 20 });
    expect(status.dataset.text).toMatch(/messages/);
  });

  it('does not call an empty inbox or another page a layout change', async () => {
    const doc = loadFixture('demo/empty-inbox.html', URL_OK);
    overlay = new InboxOverlay({ adapter: demoAdapter, doc, triager: fakeRules, layoutDriftMs: 30 });
    overlay.start();
    await tick(100);
    const status = doc.querySelector<HTMLElement>('[data-ehr-triage-status]')!;
    expect(status.dataset.level).toBe('ok');
    expect(status.dataset.text).toMatch(/no messages on this page/);
  });

  it('removes everything it drew when stopped', () => {
    const doc = loadFixture('demo/inbox-open.html', URL_OK);
    overlay = new InboxOverlay({ adapter: demoAdapter, doc, triager: fakeRules });
    overlay.start();
    overlay.stop();
    overlay = null;
    expect(doc.querySelectorAll('[data-ehr-triage-badge], [data-ehr-triage-status]')).toHaveLength(0);
  });
});
