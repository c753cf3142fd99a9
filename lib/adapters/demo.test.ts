// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { demoAdapter } from './demo';
import { pickAdapter } from './registry';
import { loadFixture } from '../../tests/fixtures/load';

const URL_OK = 'http://127.0.0.1:5174/inbox#/page/1/message/m101';

describe('demo adapter: pages it must recognise', () => {
  it('recognises the inbox with an open message and extracts the exact messages', () => {
    const doc = loadFixture('demo/inbox-open.html', URL_OK);
    expect(pickAdapter(new URL(URL_OK), doc)?.id).toBe('demo');
    const rows = demoAdapter.listRows(doc);
    expect(rows.map((r) => r.message)).toEqual([
      {
        id: 'm101',
        subject: 'Refill',
        preview: 'Need my lisinopril refilled. Also the chest pressure is back.',
        sender: 'Dana Whitfield',
        patient: 'Dana Whitfield',
        sentAtText: 'Nov 30, 8:05 AM',
        sentAt: '2026-11-30T13:05:00.000Z',
        unread: true,
      },
      {
        id: 'm102',
        subject: '',
        preview: '<b>thanks</b> <script>alert(1)</script>',
        sender: 'Rosa Delgado (mother)',
        patient: 'Leo Delgado',
        sentAtText: 'Nov 29, 5:40 PM',
        sentAt: '2026-11-29T22:40:00.000Z',
        unread: false,
      },
      {
        id: 'm103',
        subject: 'Dad',
        preview: "Dad's appt moved to Tuesday?",
        sender: 'Tom Becker (son)',
        patient: undefined,
        sentAtText: 'yesterday',
        sentAt: undefined,
        unread: false,
      },
    ]);
    expect(rows[0]!.badgeAnchor.className).toBe('msg-meta');
  });

  it('reads the open message with its thread', () => {
    const doc = loadFixture('demo/inbox-open.html', URL_OK);
    const open = demoAdapter.readOpenMessage(doc);
    expect(open).toMatchObject({
      id: 'm101',
      subject: 'Refill',
      sender: 'Dana Whitfield',
      patient: 'Dana Whitfield',
      sentAt: '2026-11-30T13:05:00.000Z',
      thread: [{ from: 'clinic', author: 'Dr. Avery Chen', body: 'How is the new dose?' }],
    });
    expect(open!.body.replace(/\s+/g, ' ')).toBe('Need my lisinopril refilled. Also the chest pressure is back.');
  });

  it('inserts text into the reply box so that input listeners see it', () => {
    const doc = loadFixture('demo/inbox-open.html', URL_OK);
    const box = demoAdapter.findReplyBox(doc) as HTMLTextAreaElement;
    let seen = '';
    box.addEventListener('input', () => (seen = box.value));
    expect(demoAdapter.insertReply(doc, 'Hello Dana')).toEqual({ ok: true });
    expect(box.value).toBe('Hello Dana');
    expect(seen).toBe('Hello Dana');
  });

  it('recognises an empty inbox (no rows, no open message)', () => {
    const doc = loadFixture('demo/empty-inbox.html', 'http://localhost:5174/inbox');
    expect(demoAdapter.matches(new URL('http://localhost:5174/inbox'), doc)).toBe(true);
    expect(demoAdapter.hasInbox(doc)).toBe(true);
    expect(demoAdapter.listRows(doc)).toEqual([]);
    expect(demoAdapter.readOpenMessage(doc)).toBeNull();
    expect(demoAdapter.insertReply(doc, 'x')).toEqual({ ok: false, reason: 'no-reply-box' });
  });
});

describe('demo adapter: pages it must leave alone', () => {
  it('ignores another page on the same host', () => {
    const doc = loadFixture('demo/not-inbox.html', 'http://127.0.0.1:5174/schedule');
    expect(pickAdapter(new URL('http://127.0.0.1:5174/schedule'), doc)).toBeNull();
  });
  it('ignores the inbox markup on a non-local host', () => {
    const doc = loadFixture('demo/inbox-open.html', 'https://example.org/inbox');
    expect(demoAdapter.matches(new URL('https://example.org/inbox'), doc)).toBe(false);
  });
});
