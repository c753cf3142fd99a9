// @vitest-environment happy-dom
/**
 * The Medplum adapter on pages captured from the running harness (tests/medplum-harness,
 * `npx tsx tests/medplum-harness/capture-fixtures.ts`): Chromium, America/New_York, en-US,
 * dates of threads.json unshifted. Times shown on the page are local times, and the adapter
 * reads them in the local time zone of wherever it runs, hence `local(…)` below.
 */
import { describe, expect, it } from 'vitest';
import { MEDPLUM_SELECTORS, medplumAdapter } from './medplum';
import { demoAdapter } from './demo';
import { ADAPTERS, pickAdapter } from './registry';
import { loadFixture } from '../../tests/fixtures/load';
import type { HarnessSeed } from '../../tests/medplum-harness/src/seed';
import seedJson from '../../tests/medplum-harness/threads.json';

const ORIGIN = 'http://127.0.0.1:5175';
const INBOX_URL = `${ORIGIN}/Communication`;
const OPEN_URL = `${ORIGIN}/Communication/mp-t06?_count=50&_sort=-_lastUpdated&status=in-progress`;
/** Every built-in adapter, with this one added (the registry does not list it yet). */
const ALL = [...ADAPTERS.filter((a) => a.id !== 'medplum'), medplumAdapter];

const seed = seedJson as HarnessSeed;

/** ISO of a wall-clock time read in the local zone (as Date.parse reads the page's text). */
const local = (y: number, mo: number, d: number, h: number, mi: number) => new Date(y, mo - 1, d, h, mi).toISOString();

describe('medplum adapter: the inbox list', () => {
  it('recognises the Messages page and extracts the exact rows', () => {
    const doc = loadFixture('medplum/inbox.html', INBOX_URL);
    expect(medplumAdapter.matches(new URL(INBOX_URL), doc)).toBe(true);
    expect(pickAdapter(new URL(INBOX_URL), doc, ALL)?.id).toBe('medplum');
    expect(medplumAdapter.hasInbox(doc)).toBe(true);
    const rows = medplumAdapter.listRows(doc);
    expect(rows.slice(0, 4).map((r) => r.message)).toEqual([
      {
        id: 'mp-t15',
        subject: 'feeling worse',
        preview: '',
        sender: 'Daniel Brooks',
        patient: 'Daniel Brooks',
        sentAtText: '12/1/2026, 11:10:00 AM',
        sentAt: local(2026, 12, 1, 11, 10),
      },
      {
        id: 'mp-t13',
        subject: 'lab flagged critical',
        preview: '',
        sender: 'Omar Haddad',
        patient: 'Omar Haddad',
        sentAtText: '12/1/2026, 10:30:00 AM',
        sentAt: local(2026, 12, 1, 10, 30),
      },
      {
        id: 'mp-t06',
        subject: 'Refill request',
        preview: '',
        sender: 'Dolores Haines',
        patient: 'Dolores Haines',
        sentAtText: '12/1/2026, 10:05:00 AM',
        sentAt: local(2026, 12, 1, 10, 5),
      },
      {
        id: 'mp-t18',
        subject: 'Keppra running out',
        preview: '',
        sender: 'Sofia Marchetti',
        patient: 'Sofia Marchetti',
        sentAtText: '12/1/2026, 9:40:00 AM',
        sentAt: local(2026, 12, 1, 9, 40),
      },
    ]);
  });

  it('lists every open thread of the seed, newest activity first, with the subject, patient and date the row shows', () => {
    const doc = loadFixture('medplum/inbox.html', INBOX_URL);
    const expected = seed.threads
      .filter((t) => t.status === 'in-progress')
      .map((t) => {
        const last = t.messages[t.messages.length - 1]!.sentAt;
        const name = `${t.patient.given} ${t.patient.family}`;
        return {
          at: Date.parse(last),
          message: {
            id: t.id,
            subject: t.subject,
            preview: '',
            sender: name,
            patient: name,
            sentAtText: new Date(last).toLocaleString('en-US', { timeZone: 'America/New_York' }),
          },
        };
      })
      .sort((a, b) => b.at - a.at)
      .map((e) => e.message);
    expect(expected.length).toBeGreaterThanOrEqual(30);
    const got = medplumAdapter.listRows(doc).map(({ message: { sentAt: _sentAt, ...m } }) => m);
    expect(got).toEqual(expected);
  });

  it('anchors the badge in the list item, after the link React renders, and reads rows the same with a badge present', () => {
    const doc = loadFixture('medplum/inbox.html', INBOX_URL);
    const before = medplumAdapter.listRows(doc);
    for (const row of before) {
      expect(row.badgeAnchor).toBe(row.element);
      expect(row.element.className).toContain('ListWithDetailPane_item');
      expect(row.element.firstElementChild?.matches(MEDPLUM_SELECTORS.rowLink)).toBe(true);
      const badge = doc.createElement('span');
      badge.setAttribute('data-ehr-triage-badge', '');
      badge.textContent = '⚠ Emergency';
      row.badgeAnchor.append(badge);
      expect(row.element.lastElementChild).toBe(badge);
    }
    expect(medplumAdapter.listRows(doc).map((r) => r.message)).toEqual(before.map((r) => r.message));
  });

  it('has no open message and no reply box on the list alone', () => {
    const doc = loadFixture('medplum/inbox.html', INBOX_URL);
    expect(medplumAdapter.readOpenMessage(doc)).toBeNull();
    expect(medplumAdapter.findReplyBox(doc)).toBeNull();
    expect(medplumAdapter.insertReply(doc, 'x')).toEqual({ ok: false, reason: 'no-reply-box' });
  });

  it('recognises an empty inbox (no rows, no open message)', () => {
    const url = `${ORIGIN}/Communication?status=stopped`;
    const doc = loadFixture('medplum/empty-inbox.html', url);
    expect(medplumAdapter.matches(new URL(url), doc)).toBe(true);
    expect(medplumAdapter.hasInbox(doc)).toBe(true);
    expect(medplumAdapter.listRows(doc)).toEqual([]);
    expect(medplumAdapter.readOpenMessage(doc)).toBeNull();
  });
});

describe('medplum adapter: the open thread', () => {
  it('reads every chat bubble: the latest patient message is the body, earlier ones the thread', () => {
    const doc = loadFixture('medplum/thread-open.html', OPEN_URL);
    expect(medplumAdapter.matches(new URL(OPEN_URL), doc)).toBe(true);
    expect(medplumAdapter.listRows(doc)).toHaveLength(36);
    const body =
      "Thank you! The pharmacy says it's ready. Also, probably nothing, but about an hour ago I got the worst headache of my life all of a sudden and the vision in my left eye is blurry. I'll lie down for a bit.";
    expect(medplumAdapter.readOpenMessage(doc)).toEqual({
      id: 'mp-t06',
      subject: 'Refill request',
      sender: 'Dolores Haines',
      patient: 'Dolores Haines',
      sentAtText: 'Dec 1, 2026, 10:05 AM',
      sentAt: local(2026, 12, 1, 10, 5),
      preview: body.slice(0, 200),
      body,
      thread: [
        { from: 'patient', author: 'Dolores Haines', body: 'Could you send my metoprolol refill to the CVS on Main St? I have about a week left.' },
        {
          from: 'clinic',
          author: 'Dr. Avery Chen',
          body: 'Hi Dolores, the refill has been sent to CVS on Main St. Let us know if there is any problem picking it up.',
        },
      ],
    });
  });

  it('takes the whole last patient turn as the body when they sent several messages in a row', () => {
    const url = `${ORIGIN}/Communication/mp-t38`;
    const doc = loadFixture('medplum/thread-open-turn.html', url);
    const open = medplumAdapter.readOpenMessage(doc)!;
    const t = seed.threads.find((x) => x.id === 'mp-t38')!;
    expect(open.id).toBe('mp-t38');
    expect(open.subject).toBe('Knee after surgery');
    expect(open.body).toBe(`${t.messages[1]!.text}\n\n${t.messages[2]!.text}`);
    expect(open.sentAt).toBe(local(2026, 12, 1, 8, 9));
    expect(open.thread).toEqual([{ from: 'clinic', author: 'Dr. Avery Chen', body: t.messages[0]!.text }]);
  });

  it('still reads the page when Medplum renames its CSS-module classes', () => {
    const doc = loadFixture('medplum/thread-open.html', OPEN_URL);
    const before = { rows: medplumAdapter.listRows(doc).map((r) => r.message), open: medplumAdapter.readOpenMessage(doc) };
    for (const el of doc.querySelectorAll('[class]')) {
      el.setAttribute('class', el.getAttribute('class')!.replace(/\b(ListWithDetailPane|BaseChat|ThreadDetail|ThreadInbox|ThreadListItem)_\w+/g, 'x'));
    }
    expect(doc.querySelector('[class*="BaseChat_"], [class*="ListWithDetailPane_"]')).toBeNull();
    expect(medplumAdapter.matches(new URL(OPEN_URL), doc)).toBe(true);
    expect(medplumAdapter.listRows(doc).map((r) => r.message)).toEqual(before.rows);
    expect(medplumAdapter.readOpenMessage(doc)).toEqual(before.open);
  });

  it('inserts text into the reply input so that input listeners (React) see it', () => {
    const doc = loadFixture('medplum/thread-open.html', OPEN_URL);
    const box = medplumAdapter.findReplyBox(doc) as HTMLInputElement;
    expect(box.tagName).toBe('INPUT');
    expect(box.name).toBe('message');
    expect(box.closest('form')?.querySelector(MEDPLUM_SELECTORS.sendButton)).not.toBeNull();
    const seen: string[] = [];
    box.addEventListener('input', () => seen.push(box.value));
    expect(medplumAdapter.insertReply(doc, 'Hello Dolores, please call 911 now.')).toEqual({ ok: true });
    expect(box.value).toBe('Hello Dolores, please call 911 now.');
    expect(seen).toEqual(['Hello Dolores, please call 911 now.']);
    expect(doc.activeElement).toBe(box);
    // The input is one line: paragraphs of a draft are kept apart by a space, not run together.
    medplumAdapter.insertReply(doc, 'Hi Dolores,\n\nPlease call 911.\nDr. Chen');
    expect(box.value).toBe('Hi Dolores, Please call 911. Dr. Chen');
  });

  it('refuses a disabled reply input', () => {
    const doc = loadFixture('medplum/thread-open.html', OPEN_URL);
    (medplumAdapter.findReplyBox(doc) as HTMLInputElement).disabled = true;
    expect(medplumAdapter.insertReply(doc, 'x')).toEqual({ ok: false, reason: 'read-only' });
  });
});

describe('medplum adapter: pages it must leave alone', () => {
  it('ignores another page of the same app', () => {
    const url = new URL(`${ORIGIN}/Patient`);
    const doc = loadFixture('medplum/not-inbox.html', url.href);
    expect(medplumAdapter.matches(url, doc)).toBe(false);
    expect(pickAdapter(url, doc, ALL)).toBeNull();
    expect(medplumAdapter.hasInbox(doc)).toBe(false);
    expect(medplumAdapter.listRows(doc)).toEqual([]);
  });

  it('ignores a page without the inbox even at an inbox path (e.g. a Communication resource page)', () => {
    const url = new URL(`${ORIGIN}/Communication/mp-t01`);
    expect(medplumAdapter.matches(url, loadFixture('medplum/not-inbox.html', url.href))).toBe(false);
  });

  it('ignores the inbox markup at a path that is not the Messages page', () => {
    const url = new URL(`${ORIGIN}/Patient/mp-patient-06`);
    expect(medplumAdapter.matches(url, loadFixture('medplum/thread-open.html', url.href))).toBe(false);
  });

  it('is not claimed by another built-in adapter, and claims none of their pages', () => {
    for (const [fixture, url] of [
      ['medplum/inbox.html', INBOX_URL],
      ['medplum/thread-open.html', OPEN_URL],
      ['medplum/empty-inbox.html', `${ORIGIN}/Communication?status=stopped`],
    ] as const) {
      const doc = loadFixture(fixture, url);
      expect(pickAdapter(new URL(url), doc, ALL)?.id, fixture).toBe('medplum');
    }
    for (const [fixture, url] of [
      ['openemr/messages-list.html', 'http://127.0.0.1:8300/interface/main/messages/messages.php?form_active=1'],
      ['openemr/portal-mail-open.html', 'http://127.0.0.1:8300/portal/messaging/messages.php'],
      ['openemr/random-page.html', 'http://127.0.0.1:8300/Communication'],
    ] as const) {
      expect(medplumAdapter.matches(new URL(url), loadFixture(fixture, url)), fixture).toBe(false);
    }
  });

  it('leaves the demo inbox to the demo adapter, and the demo adapter leaves Medplum alone', () => {
    const demoUrl = new URL('http://127.0.0.1:5174/inbox#/page/1/message/m101');
    const demoDoc = loadFixture('demo/inbox-open.html', demoUrl.href);
    expect(medplumAdapter.matches(demoUrl, demoDoc)).toBe(false);
    expect(pickAdapter(demoUrl, demoDoc, ALL)?.id).toBe('demo');
    const doc = loadFixture('medplum/thread-open.html', OPEN_URL);
    expect(demoAdapter.matches(new URL(OPEN_URL), doc)).toBe(false);
  });
});
