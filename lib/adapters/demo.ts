/**
 * Adapter for the demo EHR inbox (tests/demo-inbox): the embedded default of
 * `npm run demo` and the end-to-end fixture. Its selectors live here only.
 */
import type { EhrAdapter, InboxRow, InsertResult, OpenMessage } from './types';
import { blockTextOf, setNativeValue, textOf, toIso } from './dom';

export const DEMO_SELECTORS = {
  root: 'main#demo-ehr-inbox',
  list: '[data-testid="message-list"]',
  row: 'li.msg-row[data-message-id]',
  sender: '.msg-sender',
  patient: '.msg-patient',
  subject: '.msg-subject',
  date: 'time.msg-date',
  preview: '.msg-preview',
  badgeAnchor: '.msg-meta',
  detail: 'section#message-detail[data-message-id]',
  detailSubject: '.detail-subject',
  detailSender: '.detail-sender',
  detailPatient: '.detail-patient',
  detailDate: 'time.detail-date',
  threadItem: '.thread-item',
  threadAuthor: '.thread-author',
  threadBody: '.thread-body',
  currentBody: '.thread-item.current .thread-body',
  replyBox: 'textarea#reply-body',
} as const;

const S = DEMO_SELECTORS;

export const demoAdapter: EhrAdapter = {
  id: 'demo',
  name: 'Demo EHR inbox',

  matches(url, doc) {
    return (url.hostname === 'localhost' || url.hostname === '127.0.0.1') && !!doc.querySelector(S.root);
  },

  hasInbox(doc) {
    return !!doc.querySelector(S.list);
  },

  listRows(doc) {
    const rows: InboxRow[] = [];
    for (const el of doc.querySelectorAll<HTMLElement>(S.row)) {
      const id = el.dataset.messageId;
      if (!id) continue;
      const date = el.querySelector<HTMLTimeElement>(S.date);
      rows.push({
        element: el,
        badgeAnchor: el.querySelector<HTMLElement>(S.badgeAnchor) ?? el,
        message: {
          id,
          subject: textOf(el.querySelector(S.subject)),
          preview: textOf(el.querySelector(S.preview)),
          sender: textOf(el.querySelector(S.sender)),
          patient: textOf(el.querySelector(S.patient)) || undefined,
          sentAtText: textOf(date) || undefined,
          sentAt: toIso(date?.dateTime),
          unread: el.classList.contains('unread'),
        },
      });
    }
    return rows;
  },

  readOpenMessage(doc): OpenMessage | null {
    const d = doc.querySelector<HTMLElement>(S.detail);
    const id = d?.dataset.messageId;
    if (!d || !id) return null;
    const items = [...d.querySelectorAll<HTMLElement>(S.threadItem)];
    const current = d.querySelector(S.currentBody);
    const date = d.querySelector<HTMLTimeElement>(S.detailDate);
    const body = blockTextOf(current);
    return {
      id,
      subject: textOf(d.querySelector(S.detailSubject)),
      sender: textOf(d.querySelector(S.detailSender)),
      patient: textOf(d.querySelector(S.detailPatient)) || undefined,
      sentAtText: textOf(date) || undefined,
      sentAt: toIso(date?.dateTime),
      preview: body.slice(0, 200),
      body,
      thread: items
        .filter((it) => !it.classList.contains('current'))
        .map((it) => ({
          from: it.dataset.from === 'clinic' ? ('clinic' as const) : it.dataset.from === 'patient' ? ('patient' as const) : ('unknown' as const),
          author: textOf(it.querySelector(S.threadAuthor)),
          body: blockTextOf(it.querySelector(S.threadBody)),
        })),
    };
  },

  findReplyBox(doc) {
    return doc.querySelector<HTMLTextAreaElement>(S.replyBox);
  },

  readSentReplies(doc) {
    const items = [...doc.querySelectorAll<HTMLElement>(`${S.detail} ${S.threadItem}`)];
    const current = items.findIndex((it) => it.classList.contains('current'));
    return items
      .slice(current + 1)
      .filter((it) => it.dataset.from === 'clinic')
      .map((it) => blockTextOf(it.querySelector(S.threadBody)));
  },

  insertReply(doc, text): InsertResult {
    const box = doc.querySelector<HTMLTextAreaElement>(S.replyBox);
    if (!box) return { ok: false, reason: 'no-reply-box' };
    if (box.readOnly || box.disabled) return { ok: false, reason: 'read-only' };
    setNativeValue(box, text);
    box.focus();
    return { ok: true };
  },
};
