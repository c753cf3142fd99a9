// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { demoAdapter } from '../adapters/demo';
import { openDb, messageKeyOf } from '../db/schema';
import { createDraftSession } from './content';
import { saveDraftUse } from './store';
import type { DraftUseReport } from './usage';

/** A tiny page shaped like the demo inbox: one open message, a reply form that appends the reply on submit. */
function page(): Document {
  document.body.innerHTML = `
    <main id="demo-ehr-inbox"><ul data-testid="message-list"></ul>
      <section id="message-detail" data-message-id="m007">
        <h2 class="detail-subject">rx</h2><span class="detail-sender">Raj Malhotra</span>
        <ol class="thread"><li class="thread-item current" data-from="patient"><div class="thread-author">Raj</div><div class="thread-body">pls send rx atorvastatin 40</div></li></ol>
        <form id="reply-form"><textarea id="reply-body"></textarea><button type="submit" id="send-reply">Send</button></form>
      </section></main>`;
  const form = document.querySelector('#reply-form')!;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const box = document.querySelector<HTMLTextAreaElement>('#reply-body')!;
    const li = document.createElement('li');
    li.className = 'thread-item';
    li.dataset.from = 'clinic';
    li.innerHTML = '<div class="thread-author">Dr. Chen</div><div class="thread-body"></div>';
    li.querySelector('.thread-body')!.textContent = box.value.trim();
    setTimeout(() => {
      document.querySelector('.thread')!.append(li);
      box.value = '';
    }, 30);
  });
  return document;
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
let destroy: (() => void) | null = null;
afterEach(() => destroy?.());

const meta = { messageId: 'm007', lang: 'en' as const, urgency: 'routine' as const, category: 'medication' as const, studyMode: true, remember: false };

describe('draft session in the content script', () => {
  it('inserts through the adapter, notices the EHR’s own send, and reports ids and numbers only', async () => {
    const doc = page();
    const reports: DraftUseReport[] = [];
    let t = 1000;
    const s = createDraftSession({ adapter: demoAdapter, doc, report: async (r) => void reports.push(r), now: () => t });
    destroy = s.destroy;
    s.onOpen({ id: 'm007' });
    expect(s.noteShown({ ...meta, templateIds: ['med-refill-sent', 'med-refill-visit', 'med-question'] })).toEqual({ ok: true });
    t = 5000;
    const suggested = 'Hi Raj,\n\nI sent a refill of atorvastatin 40 to your pharmacy.\n\nDr. Avery Chen';
    expect(s.insert({ ...meta, text: suggested, suggestedText: suggested, templateId: 'med-refill-sent', draftsShownIds: ['med-refill-sent', 'med-refill-visit', 'med-question'], disclosure: false })).toEqual({ ok: true, keptExisting: false, mode: 'alone' });
    const box = doc.querySelector<HTMLTextAreaElement>('#reply-body')!;
    expect(box.value).toBe(suggested);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ insertedTemplateId: 'med-refill-sent', insertedAt: 5000, sentAt: null, draftsShown: 3 });
    // The clinician edits in the EHR's box and presses the EHR's Send button.
    box.value = suggested.replace('Dr. Avery Chen', 'Dr. Chen');
    t = 9000;
    (doc.querySelector('#send-reply') as HTMLButtonElement).click();
    await wait(400);
    expect(reports).toHaveLength(2);
    const r = reports[1]!;
    expect(r).toMatchObject({
      messageId: 'm007',
      adapterId: 'demo',
      draftsShownIds: ['med-refill-sent', 'med-refill-visit', 'med-question'],
      insertedTemplateId: 'med-refill-sent',
      openedAt: 1000,
      insertedAt: 5000,
      sentAt: 9000,
      openToSendMs: 8000,
      studyMode: true,
    });
    expect(r.editRatio).toBeGreaterThan(0);
    expect(r.editRatio).toBeLessThan(0.15);
    expect(JSON.stringify(r)).not.toContain('atorvastatin');
    expect(r.recordId).toBe(reports[0]!.recordId);

    // The background stores one row per record id (insertion, then send).
    const db = openDb(`drafts-${Math.random()}`);
    for (const rep of reports) await saveDraftUse(db, rep);
    const rows = await db.draftUses.toArray();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ sentAt: 9000, insertedTemplateId: 'med-refill-sent', messageKey: messageKeyOf('demo', 'm007') });
    expect('messageId' in rows[0]!).toBe(false);
    db.close();
  });

  it('never replaces what the clinician typed: the draft goes below it, and a second draft swaps only the draft', async () => {
    const doc = page();
    const reports: DraftUseReport[] = [];
    const s = createDraftSession({ adapter: demoAdapter, doc, report: async (r) => void reports.push(r) });
    destroy = s.destroy;
    s.onOpen({ id: 'm007' });
    const box = doc.querySelector<HTMLTextAreaElement>('#reply-body')!;
    box.value = 'Raj, I looked at your chart this morning.  ';
    const base = { ...meta, templateId: 'med-refill-sent', draftsShownIds: ['med-refill-sent', 'med-question'], disclosure: false };
    const a = 'I sent a refill of atorvastatin 40 to your pharmacy.';
    expect(s.insert({ ...base, text: a, suggestedText: a })).toEqual({ ok: true, keptExisting: true, mode: 'after-own' });
    expect(box.value).toBe(`Raj, I looked at your chart this morning.\n\n${a}`);
    // Another suggestion instead: the clinician's sentence stays, the first draft goes.
    const b = 'Please book a visit before the next refill.';
    expect(s.insert({ ...base, templateId: 'med-question', text: b, suggestedText: b })).toEqual({ ok: true, keptExisting: true, mode: 'swapped' });
    expect(box.value).toBe(`Raj, I looked at your chart this morning.\n\n${b}`);
    // The edit ratio measures the draft only, not the clinician's own text before it.
    (doc.querySelector('#send-reply') as HTMLButtonElement).click();
    await wait(400);
    expect(reports.at(-1)).toMatchObject({ insertedTemplateId: 'med-question', editRatio: 0 });
    // After the send the box is empty again: the next draft goes in alone.
    expect(s.insert({ ...base, text: a, suggestedText: a })).toEqual({ ok: true, keptExisting: false, mode: 'alone' });
    expect(box.value).toBe(a);
  });

  it('swaps one draft for another when the box holds only the extension’s draft', () => {
    const doc = page();
    const s = createDraftSession({ adapter: demoAdapter, doc, report: async () => undefined });
    destroy = s.destroy;
    s.onOpen({ id: 'm007' });
    const box = doc.querySelector<HTMLTextAreaElement>('#reply-body')!;
    const base = { ...meta, templateId: 'x', draftsShownIds: [], disclosure: false };
    expect(s.insert({ ...base, text: 'First draft.', suggestedText: 'First draft.' })).toMatchObject({ keptExisting: false, mode: 'alone' });
    expect(s.insert({ ...base, text: 'Second draft.', suggestedText: 'Second draft.' })).toMatchObject({ keptExisting: false, mode: 'swapped' });
    expect(box.value).toBe('Second draft.');
    // An edited draft is the clinician's text now: kept.
    box.value = 'Second draft, with my own words.';
    expect(s.insert({ ...base, text: 'Third.', suggestedText: 'Third.' })).toMatchObject({ keptExisting: true, mode: 'after-edited-draft' });
    expect(box.value).toBe('Second draft, with my own words.\n\nThird.');
  });

  it('refuses text with placeholders left, and a draft for a message that is not open', () => {
    const doc = page();
    const s = createDraftSession({ adapter: demoAdapter, doc, report: async () => undefined });
    destroy = s.destroy;
    s.onOpen({ id: 'm007' });
    const base = { ...meta, suggestedText: '', templateId: 'x', draftsShownIds: [], disclosure: false };
    expect(s.insert({ ...base, text: 'Take [[dose]] daily.' })).toMatchObject({ ok: false, reason: 'placeholders', detail: 'dose' });
    expect(s.insert({ ...base, messageId: 'm008', text: 'Hello' })).toMatchObject({ ok: false, reason: 'not-open' });
    expect(doc.querySelector<HTMLTextAreaElement>('#reply-body')!.value).toBe('');
  });

  it('records a reply the clinician typed without a draft, when drafts were shown', async () => {
    const doc = page();
    const reports: DraftUseReport[] = [];
    const s = createDraftSession({ adapter: demoAdapter, doc, report: async (r) => void reports.push(r) });
    destroy = s.destroy;
    s.onOpen({ id: 'm007' });
    s.noteShown({ ...meta, templateIds: ['med-refill-sent'] });
    doc.querySelector<HTMLTextAreaElement>('#reply-body')!.value = 'Done.';
    (doc.querySelector('#send-reply') as HTMLButtonElement).click();
    await wait(400);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ insertedTemplateId: null, editRatio: null, draftsShown: 1 });
    expect(reports[0]!.sentAt).not.toBeNull();
  });

  it('hands the sent reply to the background to remember only when allowed, never in study mode', async () => {
    for (const [remember, studyMode, expected] of [[true, false, 1], [false, false, 0], [true, true, 0]] as const) {
      const doc = page();
      const kept: { messageText: string; replyText: string }[] = [];
      const s = createDraftSession({ adapter: demoAdapter, doc, report: async () => undefined, remember: async (r) => void kept.push(r) });
      s.onOpen({ id: 'm007' });
      s.insert({ ...meta, remember, studyMode, text: 'Done.', suggestedText: 'Done.', templateId: 'x', draftsShownIds: [], disclosure: false });
      (doc.querySelector('#send-reply') as HTMLButtonElement).click();
      await wait(400);
      s.destroy();
      expect(kept).toHaveLength(expected);
      if (expected) expect(kept[0]).toEqual({ messageText: 'rx\npls send rx atorvastatin 40', replyText: 'Done.', lang: 'en', category: 'medication' });
    }
  });
});
