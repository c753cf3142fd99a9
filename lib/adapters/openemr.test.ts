// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import {
  OPENEMR_MESSAGES_SELECTORS,
  OPENEMR_PORTAL_MAIL_SELECTORS,
  openemrMessagesAdapter as mc,
  openemrPortalMailAdapter as portal,
} from './openemr';
import { demoAdapter } from './demo';
import { pickAdapter } from './registry';
import { InboxMessageSchema, OpenMessageSchema, type EhrAdapter, type InboxMessage } from './types';
import { loadFixture } from '../../tests/fixtures/load';

/** registry.ts is not edited here: pick among the OpenEMR adapters and the demo one explicitly. */
const ADAPTERS: readonly EhrAdapter[] = [mc, portal, demoAdapter];

const HOST = 'https://emr.example-clinic.org/openemr';
const MC_URL = `${HOST}/interface/main/messages/messages.php`;
const MC_PAGE2_URL = `${MC_URL}?show_all=no&sortby=pnotes.date&sortorder=desc&begin=25&`;
const MC_DETAIL_URL = `${MC_URL}?showall=no&sortby=pnotes.date&sortorder=desc&begin=0&task=edit&noteid=418&`;
const MC_DETAIL_RTL_URL = `${MC_URL}?showall=no&sortby=pnotes.date&sortorder=desc&begin=0&task=edit&noteid=415&`;
const PORTAL_URL = `${HOST}/portal/messaging/messages.php`;
const LOGIN_URL = `${HOST}/interface/login/login.php?site=default`;

/** OpenEMR prints local wall-clock times without a zone; this is what the adapters must turn them into. */
const local = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0) => new Date(y, mo - 1, d, h, mi, s).toISOString();

function load(fixture: string, url: string): Document {
  return loadFixture(`openemr/${fixture}`, url);
}

/** Everything an adapter reads, with a watch on the DOM: reading must not add, remove or change anything. */
function readAll(adapter: EhrAdapter, doc: Document) {
  const before = doc.getElementsByTagName('*').length;
  const obs = new MutationObserver(() => undefined);
  obs.observe(doc.documentElement, { subtree: true, childList: true, attributes: true, characterData: true });
  const rows = adapter.listRows(doc);
  const open = adapter.readOpenMessage(doc);
  const box = adapter.findReplyBox(doc);
  const mutations = obs.takeRecords();
  obs.disconnect();
  expect(mutations).toEqual([]);
  expect(doc.getElementsByTagName('*').length).toBe(before);
  for (const r of rows) InboxMessageSchema.parse(r.message);
  if (open) OpenMessageSchema.parse(open);
  return { rows, messages: rows.map((r) => r.message), open, box };
}

// ---------------------------------------------------------------------------------------------------
// Message Center
// ---------------------------------------------------------------------------------------------------

const MC_PAGE1: InboxMessage[] = [
  {
    id: '418',
    subject: 'Pharmacy',
    preview: '',
    sender: 'Chen, Avery',
    patient: 'Whitfield, Dana',
    sentAtText: '2024-03-05',
    sentAt: local(2024, 3, 5),
    unread: true,
  },
  {
    id: '417',
    subject: 'Lab Results',
    preview: '',
    sender: 'Okafor, Grace',
    patient: '王, 小梅',
    sentAtText: '2024-03-04',
    sentAt: local(2024, 3, 4),
    unread: true,
  },
  {
    id: '415',
    subject: 'Test Scheduling',
    preview: '',
    sender: 'Administrator, Administrator',
    patient: 'الحداد, ليلى',
    sentAtText: '2024-03-04',
    sentAt: local(2024, 3, 4),
    unread: false,
  },
  {
    id: '409',
    subject: 'Unassigned',
    preview: '',
    sender: 'Chen, Avery',
    patient: undefined,
    sentAtText: '2024-03-01',
    sentAt: local(2024, 3, 1),
    unread: true,
  },
  {
    id: '402',
    subject: 'Insurance',
    preview: '',
    sender: 'Okafor, Grace',
    patient: 'Delgado, Leo',
    sentAtText: '2024-02-27',
    sentAt: local(2024, 2, 27),
    unread: false,
  },
];

const MC_DETAIL_BODY =
  "Pharmacy says it's not there. Also the chest pressure is back since last night <b>really</b> bad. <script>alert(1)</script>\nI took an aspirin at 6am.";

describe('OpenEMR Message Center: pages it must recognise', () => {
  it('recognises the list on any host and extracts the exact messages', () => {
    const doc = load('messages-list.html', MC_URL);
    expect(pickAdapter(new URL(MC_URL), doc, ADAPTERS)?.id).toBe('openemr-messages');
    expect(mc.matches(new URL('http://10.0.0.7/interface/main/messages/messages.php?form_active=1'), doc)).toBe(true);
    expect(mc.hasInbox(doc)).toBe(true);
    const { rows, messages, open, box } = readAll(mc, doc);
    expect(messages).toEqual(MC_PAGE1);
    expect(open).toBeNull();
    expect(box).toBeNull();
    // Row element ids are positions on the page; the message id is the note id.
    expect(rows.map((r) => r.element.id)).toEqual(['row1', 'row2', 'row3', 'row4', 'row5']);
    // The badge goes in the Type cell, inside the row.
    expect(rows[0]!.badgeAnchor.tagName).toBe('TD');
    expect(textOfEl(rows[0]!.badgeAnchor)).toBe('Pharmacy');
    expect(rows.every((r) => r.element.contains(r.badgeAnchor))).toBe(true);
  });

  it('recognises an empty list', () => {
    const doc = load('messages-empty.html', MC_URL);
    expect(mc.matches(new URL(MC_URL), doc)).toBe(true);
    expect(mc.hasInbox(doc)).toBe(true);
    const { rows, open, box } = readAll(mc, doc);
    expect(rows).toEqual([]);
    expect(open).toBeNull();
    expect(box).toBeNull();
    expect(mc.insertReply(doc, 'x')).toEqual({ ok: false, reason: 'no-reply-box' });
  });

  it('reads page 2 (older markup, US dates): row ids restart at row1 but message ids are the note ids', () => {
    const page1 = mc.listRows(load('messages-list.html', MC_URL)).map((r) => r.message.id);
    const doc = load('messages-list-page2.html', MC_PAGE2_URL);
    expect(pickAdapter(new URL(MC_PAGE2_URL), doc, ADAPTERS)?.id).toBe('openemr-messages');
    const { rows, messages } = readAll(mc, doc);
    expect(rows.map((r) => r.element.id)).toEqual(['row1', 'row2', 'row3']);
    // No format variable on this page: 02/14/2024 shows the order is mm/dd, so 02/09/2024 is 9 February.
    expect(messages).toEqual([
      {
        id: '371',
        subject: 'Prior Auth',
        preview: '',
        sender: 'Okafor, Grace',
        patient: 'Whitfield, Dana',
        sentAtText: '02/14/2024',
        sentAt: local(2024, 2, 14),
        unread: false,
      },
      {
        id: '368',
        subject: 'Lab Results',
        preview: '',
        sender: 'Chen, Avery',
        patient: 'Novak, Petra',
        sentAtText: '02/09/2024',
        sentAt: local(2024, 2, 9),
        unread: false,
      },
      {
        id: '360',
        subject: 'Referral',
        preview: '',
        sender: 'Chen, Avery',
        patient: 'Delgado, Leo',
        sentAtText: '01/30/2024',
        sentAt: local(2024, 1, 30),
        unread: false,
      },
    ]);
    expect(messages.filter((m) => page1.includes(m.id))).toEqual([]);
  });

  it('does not guess a day/month order it cannot know', () => {
    const doc = load('messages-list-page2.html', MC_PAGE2_URL);
    // Leave only ambiguous dates on the page.
    for (const [i, t] of ['02/03/2024', '02/09/2024', '01/12/2024'].entries()) {
      dateCell(doc, `row${i + 1}`).textContent = t;
    }
    expect(mc.listRows(doc).map((r) => [r.message.sentAtText, r.message.sentAt])).toEqual([
      ['02/03/2024', undefined],
      ['02/09/2024', undefined],
      ['01/12/2024', undefined],
    ]);
    // A declared format settles it.
    const s = doc.createElement('script');
    s.textContent = "var format_date_moment_js = 'DD/MM/YYYY';";
    doc.head.appendChild(s);
    expect(mc.listRows(doc).map((r) => r.message.sentAt)).toEqual([local(2024, 3, 2), local(2024, 9, 2), local(2024, 12, 1)]);
  });

  it('reads the detail page: the last history entry is the body, earlier ones the thread', () => {
    const doc = load('message-detail.html', MC_DETAIL_URL);
    expect(pickAdapter(new URL(MC_DETAIL_URL), doc, ADAPTERS)?.id).toBe('openemr-messages');
    expect(mc.hasInbox(doc)).toBe(false);
    const { rows, open, box } = readAll(mc, doc);
    expect(rows).toEqual([]);
    expect(open).toEqual({
      id: '418',
      subject: 'Pharmacy',
      preview: MC_DETAIL_BODY,
      sender: 'Whitfield, Dana',
      patient: 'Whitfield, Dana',
      sentAtText: '2024-03-05 07:48',
      sentAt: local(2024, 3, 5, 7, 48),
      body: MC_DETAIL_BODY,
      thread: [
        {
          from: 'patient',
          author: 'Whitfield, Dana',
          body: 'My lisinopril ran out on Friday. Can you send a refill to the pharmacy on Main St?',
        },
        { from: 'clinic', author: 'achen', body: 'Sent. Please check your blood pressure daily this week.' },
      ],
    });
    expect(box).toBe(doc.getElementById('note'));
  });

  it('reads the history from a read-only textarea when the page has no #pnotes (newer markup)', () => {
    const doc = load('message-detail.html', MC_DETAIL_URL);
    const expected = mc.readOpenMessage(doc);
    const pnotes = doc.getElementById('pnotes')!;
    const ta = doc.createElement('textarea');
    ta.setAttribute('readonly', '');
    ta.textContent = [
      '2024-03-04 16:20 (Whitfield, Dana to achen) My lisinopril ran out on Friday. Can you send a refill to the pharmacy on Main St?',
      '2024-03-04 17:05 (achen to Whitfield, Dana) Sent. Please check your blood pressure daily this week.',
      "2024-03-05 07:48 (Whitfield, Dana to achen) Pharmacy says it's not there. Also the chest pressure is back since last night <b>really</b> bad. <script>alert(1)</script>",
      'I took an aspirin at 6am.',
    ].join('\n');
    pnotes.replaceWith(ta);
    expect(mc.readOpenMessage(doc)).toEqual(expected);
  });

  it('keeps right-to-left text exactly, with translated labels and dd/mm dates', () => {
    const doc = load('message-detail-rtl.html', MC_DETAIL_RTL_URL);
    expect(mc.matches(new URL(MC_DETAIL_RTL_URL), doc)).toBe(true);
    const { open } = readAll(mc, doc);
    const body = 'شكراً جزيلاً. هل يجب أن أصوم قبل التحليل؟';
    expect(open).toEqual({
      id: '415',
      subject: 'جدولة الفحوصات',
      preview: body,
      sender: 'الحداد, ليلى',
      patient: 'الحداد, ليلى',
      sentAtText: '06/03/2024 10:02',
      sentAt: local(2024, 3, 6, 10, 2),
      body,
      thread: [
        { from: 'patient', author: 'الحداد, ليلى', body: 'هل يمكن تغيير موعد تحليل الدم إلى يوم الخميس؟' },
        { from: 'clinic', author: 'gokafor', body: 'نعم، يوم الخميس الساعة العاشرة صباحاً.' },
      ],
    });
    // Same code points as the page (no normalisation, no reordering).
    expect([...open!.body]).toEqual([...'شكراً جزيلاً. هل يجب أن أصوم قبل التحليل؟']);
  });

  it('returns typed HTML and script as text and never creates elements', () => {
    const doc = load('message-detail.html', MC_DETAIL_URL);
    const pnotes = doc.getElementById('pnotes')!;
    expect(pnotes.querySelectorAll('script, b').length).toBe(0);
    const { open } = readAll(mc, doc);
    expect(open!.body).toContain('<b>really</b>');
    expect(open!.body).toContain('<script>alert(1)</script>');
    expect(pnotes.querySelectorAll('script, b').length).toBe(0);
  });

  it('inserts a reply into textarea#note and fires an input event', () => {
    const doc = load('message-detail.html', MC_DETAIL_URL);
    const box = doc.getElementById('note') as HTMLTextAreaElement;
    const events: string[] = [];
    box.addEventListener('input', () => events.push(`input:${box.value}`));
    box.addEventListener('change', () => events.push('change'));
    const text = 'Dana, please call 911 if the chest pressure comes back.\nI re-sent the refill: <b>lisinopril 10 mg</b>.';
    expect(mc.insertReply(doc, text)).toEqual({ ok: true });
    expect(box.value).toBe(text);
    expect(events).toEqual([`input:${text}`, 'change']);
    expect(box.querySelectorAll('*').length).toBe(0);
    expect(doc.activeElement).toBe(box);
  });

  it('reports no reply box on the list and a read-only one as read-only', () => {
    expect(mc.insertReply(load('messages-list.html', MC_URL), 'x')).toEqual({ ok: false, reason: 'no-reply-box' });
    const doc = load('message-detail.html', MC_DETAIL_URL);
    doc.getElementById('note')!.setAttribute('readonly', '');
    expect(mc.insertReply(doc, 'x')).toEqual({ ok: false, reason: 'read-only' });
    expect((doc.getElementById('note') as HTMLTextAreaElement).value).toBe('');
  });

  it('extracts 500 rows in order with unique ids', () => {
    const doc = load('messages-list.html', MC_URL);
    const tbody = doc.getElementById('row1')!.parentElement!;
    const n = 500;
    tbody.innerHTML = Array.from({ length: n }, (_, i) => mcRowHtml(i + 1, 20000 - i)).join('');
    const { rows, messages } = readAll(mc, doc);
    expect(rows).toHaveLength(n);
    const ids = messages.map((m) => m.id);
    expect(new Set(ids).size).toBe(n);
    expect(ids).toEqual(Array.from({ length: n }, (_, i) => String(20000 - i)));
    expect(rows.map((r) => r.element.id)).toEqual(Array.from({ length: n }, (_, i) => `row${i + 1}`));
    expect(messages[0]).toEqual({
      id: '20000',
      subject: 'Lab Results',
      preview: '',
      sender: 'Chen, Avery',
      patient: 'Patient 1, Test',
      sentAtText: '2024-01-02',
      sentAt: local(2024, 1, 2),
      unread: false,
    });
    expect(messages[n - 1]).toEqual({
      id: '19501',
      subject: 'Lab Results',
      preview: '',
      sender: 'Chen, Avery',
      patient: 'Patient 500, Test',
      sentAtText: '2024-01-25',
      sentAt: local(2024, 1, 25),
      unread: false,
    });
    expect(messages.filter((m) => m.unread)).toHaveLength(166);
  });

  it('keeps the same ids when rows are re-rendered in place, and follows the notes when re-sorted', () => {
    const doc = load('messages-list.html', MC_URL);
    const before = mc.listRows(doc);
    const tbody = before[0]!.element.parentElement!;
    tbody.innerHTML = tbody.innerHTML; // fresh elements, same markup
    const after = mc.listRows(doc);
    expect(after.map((r) => r.message)).toEqual(before.map((r) => r.message));
    expect(after[0]!.element).not.toBe(before[0]!.element);

    // Sorted by patient instead: OpenEMR renumbers row1..row5, the note ids travel with their messages.
    const html = [...tbody.querySelectorAll('tr[id^="row"]')].map((tr) => tr.outerHTML).reverse();
    tbody.innerHTML = html.map((h, i) => h.replace(/\brow\d+\b/g, `row${i + 1}`).replace(/\bcheck\d+\b/g, `check${i + 1}`)).join('');
    const resorted = mc.listRows(doc);
    expect(resorted.map((r) => r.element.id)).toEqual(['row1', 'row2', 'row3', 'row4', 'row5']);
    expect(resorted.map((r) => r.message)).toEqual([...MC_PAGE1].reverse());
  });
});

describe('OpenEMR Message Center: pages it must leave alone', () => {
  it('ignores the login page, at its own URL and in place of the inbox', () => {
    for (const url of [LOGIN_URL, MC_URL]) {
      const doc = load('login.html', url);
      expect(mc.matches(new URL(url), doc)).toBe(false);
      expect(pickAdapter(new URL(url), doc, ADAPTERS)).toBeNull();
    }
  });
  it('ignores PHP error pages served at the Message Center URL', () => {
    for (const f of ['error-php.html', 'error-site-id.html']) {
      const doc = load(f, MC_URL);
      expect(mc.matches(new URL(MC_URL), doc)).toBe(false);
      expect(pickAdapter(new URL(MC_URL), doc, ADAPTERS)).toBeNull();
    }
  });
  it('ignores the portal mail page, and its own markup under another path', () => {
    const doc = load('portal-mail-list.html', PORTAL_URL);
    expect(mc.matches(new URL(PORTAL_URL), doc)).toBe(false);
    const list = load('messages-list.html', `${HOST}/interface/main/messages/lab_results_messages.php`);
    expect(mc.matches(new URL(`${HOST}/interface/main/messages/lab_results_messages.php`), list)).toBe(false);
    expect(mc.matches(new URL(PORTAL_URL), list)).toBe(false);
  });
  it('ignores a random page, even one served under the same path', () => {
    for (const url of ['https://forum.example.net/messages.php?folder=inbox', 'https://forum.example.net/interface/main/messages/messages.php']) {
      const doc = load('random-page.html', url);
      expect(mc.matches(new URL(url), doc)).toBe(false);
      expect(pickAdapter(new URL(url), doc, ADAPTERS)).toBeNull();
    }
  });
});

// ---------------------------------------------------------------------------------------------------
// Portal mail
// ---------------------------------------------------------------------------------------------------

const PORTAL_PAGE1: InboxMessage[] = [
  {
    id: '52',
    subject: 'Refill',
    preview: "Pharmacy says it's not there. Also",
    sender: 'Dana Whitfield',
    sentAtText: '2024-03-05 07:55:12',
    sentAt: local(2024, 3, 5, 7, 55, 12),
    unread: true,
  },
  {
    id: '51',
    subject: 'תור',
    preview: 'האם אפשר להקדים את התור ליום שלישי',
    sender: 'נועה ברק',
    sentAtText: '2024-03-04 22:10:03',
    sentAt: local(2024, 3, 4, 22, 10, 3),
    unread: true,
  },
  {
    id: '50',
    subject: '化验结果',
    preview: '我的血糖结果出来了吗？医生说要空腹复查。',
    sender: '王小梅',
    sentAtText: '2024-03-04 18:41:59',
    sentAt: local(2024, 3, 4, 18, 41, 59),
    unread: false,
  },
  {
    id: '49',
    subject: 'Leo',
    preview: '<b>thanks</b> <script>alert(1)</scr',
    sender: 'Rosa Delgado',
    sentAtText: '2024-03-03 12:00:00',
    sentAt: local(2024, 3, 3, 12, 0, 0),
    unread: false,
  },
  {
    id: '45',
    subject: 'Refill',
    preview: 'My lisinopril ran out on Friday. Ca',
    sender: 'Dana Whitfield',
    sentAtText: '2024-03-02 09:30:00',
    sentAt: local(2024, 3, 2, 9, 30, 0),
    unread: false,
  },
];

const PORTAL_OPEN_BODY =
  "Pharmacy says it's not there. Also the chest pressure is back since last night.\n\nI took an aspirin at 6am. <b>Please</b> call me <script>alert(1)</script>";

describe('OpenEMR portal mail: pages it must recognise', () => {
  it('recognises the list on any host and extracts the exact messages', () => {
    const doc = load('portal-mail-list.html', PORTAL_URL);
    expect(pickAdapter(new URL(PORTAL_URL), doc, ADAPTERS)?.id).toBe('openemr-portal-mail');
    expect(portal.matches(new URL('http://192.168.1.20/portal/messaging/messages.php'), doc)).toBe(true);
    expect(portal.hasInbox(doc)).toBe(true);
    const { rows, messages, open, box } = readAll(portal, doc);
    expect(messages).toEqual(PORTAL_PAGE1);
    // The hidden detail pane repeats every item with an (empty, hidden) panel: nothing is open.
    expect(open).toBeNull();
    expect(box).toBeNull();
    expect(rows.every((r) => r.element.getAttribute('ng-repeat') === 'item in pagedItems[currentPage]')).toBe(true);
    expect(textOfEl(rows[0]!.badgeAnchor)).toBe('Refill');
    expect(rows.every((r) => r.element.contains(r.badgeAnchor))).toBe(true);
    expect(portal.insertReply(doc, 'x')).toEqual({ ok: false, reason: 'no-reply-box' });
  });

  it('keeps Hebrew and Chinese text exactly', () => {
    const { messages } = readAll(portal, load('portal-mail-list.html', PORTAL_URL));
    const he = messages.find((m) => m.id === '51')!;
    const zh = messages.find((m) => m.id === '50')!;
    expect([...he.sender]).toEqual([...'נועה ברק']);
    expect([...he.subject]).toEqual([...'תור']);
    expect(he.preview).toBe('האם אפשר להקדים את התור ליום שלישי');
    expect([...zh.preview]).toEqual([...'我的血糖结果出来了吗？医生说要空腹复查。']);
    expect(zh.sender).toBe('王小梅');
  });

  it('recognises an empty list', () => {
    const doc = load('portal-mail-empty.html', PORTAL_URL);
    expect(portal.matches(new URL(PORTAL_URL), doc)).toBe(true);
    expect(portal.hasInbox(doc)).toBe(true);
    const { rows, open, box } = readAll(portal, doc);
    expect(rows).toEqual([]);
    expect(open).toBeNull();
    expect(box).toBeNull();
  });

  it('reads page 2 (client-side paging on the same URL)', () => {
    const page1 = portal.listRows(load('portal-mail-list.html', PORTAL_URL)).map((r) => r.message.id);
    const doc = load('portal-mail-page2.html', PORTAL_URL);
    const { messages } = readAll(portal, doc);
    expect(messages).toEqual([
      {
        id: '30',
        subject: 'Insurance',
        preview: 'My new insurance card arrived, do y',
        sender: 'Petra Novak',
        sentAtText: '2024-02-12 16:45:09',
        sentAt: local(2024, 2, 12, 16, 45, 9),
        unread: false,
      },
      {
        id: '29',
        subject: 'Dad',
        preview: "Dad's appointment moved to Tuesday?",
        sender: 'Tom Becker',
        sentAtText: '2024-02-11 08:03:27',
        sentAt: local(2024, 2, 11, 8, 3, 27),
        unread: false,
      },
      {
        id: '27',
        subject: 'Rash',
        preview: 'The rash on my arm is spreading and',
        sender: 'Leo Delgado',
        sentAtText: '2024-02-09 19:20:00',
        sentAt: local(2024, 2, 9, 19, 20, 0),
        unread: true,
      },
    ]);
    expect(messages.filter((m) => page1.includes(m.id))).toEqual([]);
  });

  it('reads the open message from the shown panel, with the earlier messages of its thread', () => {
    const doc = load('portal-mail-open.html', PORTAL_URL);
    expect(pickAdapter(new URL(PORTAL_URL), doc, ADAPTERS)?.id).toBe('openemr-portal-mail');
    const { rows, open, box } = readAll(portal, doc);
    // The list is hidden (ng-hide) while a message is open.
    expect(rows).toEqual([]);
    expect(portal.hasInbox(doc)).toBe(true);
    expect(open).toEqual({
      id: '52',
      subject: 'Refill',
      preview: PORTAL_OPEN_BODY,
      sender: 'Dana Whitfield',
      sentAtText: '2024-03-05 07:55:12',
      sentAt: local(2024, 3, 5, 7, 55, 12),
      body: PORTAL_OPEN_BODY,
      thread: [
        { from: 'unknown', author: 'Dana Whitfield', body: 'My lisinopril ran out on Friday. Ca' },
        { from: 'unknown', author: 'Avery Chen', body: 'Sent to the pharmacy on Main St. Pl' },
      ],
    });
    // Reply has not been clicked: there is a Reply button but no reply box yet.
    expect(doc.querySelector(OPENEMR_PORTAL_MAIL_SELECTORS.replyButton)?.textContent?.trim()).toBe('Reply');
    expect(box).toBeNull();
    expect(portal.insertReply(doc, 'x')).toEqual({ ok: false, reason: 'no-reply-box' });
  });

  it('returns typed HTML and script as text and never creates elements', () => {
    const doc = load('portal-mail-open.html', PORTAL_URL);
    const panel = doc.querySelector('#inboxPanel div.col-sm-10.well:not(.ng-hide)')!;
    expect(panel.querySelectorAll('script, b').length).toBe(0);
    const { open } = readAll(portal, doc);
    expect(open!.body).toContain('<b>Please</b> call me <script>alert(1)</script>');
    expect(panel.querySelectorAll('script, b').length).toBe(0);
    const list = load('portal-mail-list.html', PORTAL_URL);
    const { messages } = readAll(portal, list);
    expect(messages.find((m) => m.id === '49')!.preview).toBe('<b>thanks</b> <script>alert(1)</scr');
    expect(list.querySelectorAll('#inboxPanel script, #inboxPanel b').length).toBe(0);
  });

  it('inserts a reply into the compose box opened by Reply, as text, and fires an input event', () => {
    const doc = load('portal-mail-reply.html', PORTAL_URL);
    const box = portal.findReplyBox(doc)!;
    expect(box).not.toBeNull();
    expect(box.classList.contains('note-editable')).toBe(true);
    expect(box.closest('form')?.id).toBe('fcompose');
    expect(box.closest('#modalCompose')).not.toBeNull();
    let seen = '';
    box.addEventListener('input', () => (seen = box.textContent ?? ''));
    const text = 'Dana, if the chest pressure is back please call 911 now.\n\nI re-sent <b>lisinopril</b> to Main St.';
    expect(portal.insertReply(doc, text)).toEqual({ ok: true });
    expect([...box.children].map((p) => [p.tagName, p.textContent])).toEqual([
      ['P', 'Dana, if the chest pressure is back please call 911 now.'],
      ['P', ''],
      ['P', 'I re-sent <b>lisinopril</b> to Main St.'],
    ]);
    expect(box.querySelectorAll('b, script').length).toBe(0);
    expect(seen).toBe('Dana, if the chest pressure is back please call 911 now.I re-sent <b>lisinopril</b> to Main St.');
    expect(doc.activeElement).toBe(box);
    // The forward-only textarea and the code-view textarea are left alone.
    expect((doc.getElementById('finputBody') as HTMLTextAreaElement).value).toBe('');
    expect((doc.querySelector('textarea.note-codable') as HTMLTextAreaElement).value).toBe('');
  });

  it('has no reply box once the compose modal is closed, and respects a read-only editor', () => {
    const doc = load('portal-mail-reply.html', PORTAL_URL);
    const modal = doc.getElementById('modalCompose')!;
    modal.classList.remove('in');
    expect(portal.findReplyBox(doc)).toBeNull();
    expect(portal.insertReply(doc, 'x')).toEqual({ ok: false, reason: 'no-reply-box' });
    modal.classList.add('show'); // Bootstrap 4 pages
    expect(portal.findReplyBox(doc)).not.toBeNull();
    doc.querySelector('.note-editable')!.setAttribute('contenteditable', 'false');
    expect(portal.insertReply(doc, 'x')).toEqual({ ok: false, reason: 'read-only' });
  });

  it('reads unread from the status, and from the bold class when the status is not New/Read', () => {
    const doc = load('portal-mail-list.html', PORTAL_URL);
    const rows = portal.listRows(doc);
    const statusSpan = (i: number) => rows[i]!.element.querySelectorAll('td > span')[2]!.firstElementChild!;
    statusSpan(0).textContent = 'Pending'; // row 52 is bold
    statusSpan(3).textContent = 'Pending'; // row 49 is not
    const after = portal.listRows(doc).map((r) => [r.message.id, r.message.unread]);
    expect(after).toEqual([
      ['52', true],
      ['51', true],
      ['50', false],
      ['49', false],
      ['45', false],
    ]);
  });

  it("does not parse Angular's 12-hour hh:mm time (no seconds, no AM/PM)", () => {
    const doc = load('portal-mail-list.html', PORTAL_URL);
    const row = portal.listRows(doc)[0]!.element;
    row.querySelectorAll('td > span')[3]!.firstElementChild!.textContent = '2024-03-05 07:55';
    expect(portal.listRows(doc)[0]!.message).toMatchObject({ id: '52', sentAtText: '2024-03-05 07:55', sentAt: undefined });
  });

  it('extracts 500 rows in order with unique ids', () => {
    const doc = load('portal-mail-list.html', PORTAL_URL);
    const tbody = doc.querySelector(OPENEMR_PORTAL_MAIL_SELECTORS.row)!.parentElement!;
    const n = 500;
    tbody.innerHTML = Array.from({ length: n }, (_, i) => portalRowHtml(5000 - i, i)).join('');
    const { rows, messages } = readAll(portal, doc);
    expect(rows).toHaveLength(n);
    const ids = messages.map((m) => m.id);
    expect(new Set(ids).size).toBe(n);
    expect(ids).toEqual(Array.from({ length: n }, (_, i) => String(5000 - i)));
    expect(messages[0]).toEqual({
      id: '5000',
      subject: 'Question 0',
      preview: 'Message number 0 about my medicatio',
      sender: 'Patient 0',
      sentAtText: '2024-01-01 08:00:00',
      sentAt: local(2024, 1, 1, 8, 0, 0),
      unread: true,
    });
    expect(messages[n - 1]).toEqual({
      id: '4501',
      subject: 'Question 499',
      preview: 'Message number 499 about my medicat',
      sender: 'Patient 499',
      sentAtText: '2024-01-20 08:19:00',
      sentAt: local(2024, 1, 20, 8, 19, 0),
      unread: false,
    });
  });

  it('keeps the same ids when Angular re-renders the rows in place', () => {
    const doc = load('portal-mail-list.html', PORTAL_URL);
    const before = portal.listRows(doc);
    const tbody = before[0]!.element.parentElement!;
    tbody.innerHTML = tbody.innerHTML;
    const after = portal.listRows(doc);
    expect(after.map((r) => r.message)).toEqual(PORTAL_PAGE1);
    expect(after[0]!.element).not.toBe(before[0]!.element);
    // Re-sorted (orderBy): ids travel with their messages.
    const html = [...tbody.querySelectorAll('tr')].map((tr) => tr.outerHTML).reverse();
    tbody.innerHTML = html.join('');
    expect(portal.listRows(doc).map((r) => r.message)).toEqual([...PORTAL_PAGE1].reverse());
  });
});

describe('OpenEMR portal mail: pages it must leave alone', () => {
  it('ignores the login page', () => {
    for (const url of [LOGIN_URL, PORTAL_URL]) {
      const doc = load('login.html', url);
      expect(portal.matches(new URL(url), doc)).toBe(false);
    }
  });
  it('ignores PHP error pages served at the portal mail URL', () => {
    for (const f of ['error-php.html', 'error-site-id.html']) {
      const doc = load(f, PORTAL_URL);
      expect(portal.matches(new URL(PORTAL_URL), doc)).toBe(false);
      expect(pickAdapter(new URL(PORTAL_URL), doc, ADAPTERS)).toBeNull();
    }
  });
  it('ignores the Message Center, and its own markup under another path', () => {
    for (const f of ['messages-list.html', 'message-detail.html']) {
      expect(portal.matches(new URL(MC_URL), load(f, MC_URL))).toBe(false);
    }
    const other = `${HOST}/portal/messaging/secure_chat.php`;
    expect(portal.matches(new URL(other), load('portal-mail-list.html', other))).toBe(false);
    expect(portal.matches(new URL(MC_URL), load('portal-mail-list.html', MC_URL))).toBe(false);
  });
  it('ignores a random page, even one served under the same path', () => {
    const url = 'https://forum.example.net/portal/messaging/messages.php';
    const doc = load('random-page.html', url);
    expect(portal.matches(new URL(url), doc)).toBe(false);
    expect(pickAdapter(new URL(url), doc, ADAPTERS)).toBeNull();
  });
  it('never throws from matches', () => {
    const broken = { querySelector: () => { throw new Error('boom'); } } as unknown as Document;
    expect(portal.matches(new URL(PORTAL_URL), broken)).toBe(false);
    expect(mc.matches(new URL(MC_URL), broken)).toBe(false);
  });
});

describe('OpenEMR selectors live in one place', () => {
  it('exports them', () => {
    expect(OPENEMR_MESSAGES_SELECTORS.replyBox).toBe('form#new_note textarea#note');
    expect(OPENEMR_PORTAL_MAIL_SELECTORS.openPanel).toBe('#inboxPanel div.col-sm-10.well');
  });
});

// ---------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------

function textOfEl(el: Element): string {
  return (el.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function dateCell(doc: Document, rowId: string): Element {
  const cells = [...doc.getElementById(rowId)!.children].filter((c) => c.tagName === 'TD');
  return cells[cells.length - 2]!.querySelector('td.text') ?? cells[cells.length - 2]!;
}

/** A Message Center row in the documented layout (no Chart column), as messages.php prints it. */
function mcRowHtml(n: number, noteId: number): string {
  const day = String((n % 28) + 1).padStart(2, '0');
  return `<tr id="row${n}" height='24'>
    <td align='center'><input type='checkbox' id="check${n}" name="delete_id[]" value="${noteId}" onclick="if(this.checked==true){ selectRow('row${n}'); }else{ deselectRow('row${n}'); }"></td>
    <td><div>Chen, Avery</div></td>
    <td><div><a href="messages.php?showall=no&sortby=pnotes.date&sortorder=desc&begin=0&task=edit&noteid=${noteId}&" onclick="top.restoreSession()">Patient ${n}, Test</a></div></td>
    <td><div>Lab Results</div></td>
    <td><div>2024-01-${day}</div></td>
    <td><div>${n % 3 === 0 ? 'New' : 'Read'}</div></td>
  </tr>`;
}

/** A portal list row as Angular renders it (ng-repeat over the current page). */
function portalRowHtml(id: number, i: number): string {
  const status = i % 2 === 0 ? 'New' : 'Read';
  const strong = status === 'New' ? ' strong' : '';
  const day = String(Math.floor(i / 25) + 1).padStart(2, '0');
  const minute = String(i % 60).padStart(2, '0');
  const snippet = `Message number ${i} about my medication refill`.slice(0, 35);
  const cell = (col: string, text: string) =>
    `<span class="${col}" ng-click="readMessage($index)"><span ng-class="{strong: !item.read}" class="ng-binding${strong}">${text}</span></span>`;
  return `<!-- ngRepeat: item in pagedItems[currentPage] --><tr ng-repeat="item in pagedItems[currentPage]" class="ng-scope"><td>
    <span class="col-sm-1" style="max-width: 5px;"><input type="checkbox" checklist-model="item.deleted" value=""></span>
    <span class="col-sm-1" style="max-width: 8px;"><span ng-class="{strong: !item.read}" class="ng-binding${strong}">${id}</span></span>
    ${cell('col-sm-1', status)} ${cell('col-sm-2', `2024-01-${day} 08:${minute}:00`)}
    ${cell('col-sm-3', `Patient ${i} to\n Avery Chen`)} ${cell('col-sm-1', `Question ${i}`)} ${cell('col-sm-4', snippet)}
  </td></tr><!-- end ngRepeat: item in pagedItems[currentPage] -->`;
}
