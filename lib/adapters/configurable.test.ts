// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadFixture } from '../../tests/fixtures/load';
import { parseAdapterConfigFile, type AdapterConfig } from './config-schema';
import { createConfiguredAdapter, matchPattern, parseShownDate, previewConfig } from './configurable';
import { demoAdapter } from './demo';
import { pickAdapter } from './registry';

const ACME_JSON = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../tests/fixtures/configured/acme-config.json'), 'utf8');
const INBOX_URL = 'https://ehr.acmehealth.example/ehr/inbox/message.do?folder=PATIENT&msgId=MSG-20417';

/** The Acme config exactly as IT wrote it (JSON only), through the import path. */
function acmeConfig(): AdapterConfig {
  const r = parseAdapterConfigFile(ACME_JSON);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.value.adapters[0]!;
}

function acmePage(url = INBOX_URL): Document {
  return loadFixture('configured/acme-inbox.html', url);
}

const ACME_MESSAGES = [
  {
    id: 'MSG-20417',
    subject: 'Metformin refill',
    preview: 'Ran out of metformin 2 days ago. Sugar was 310 this morning and I feel very thirsty.',
    sender: 'Whitfield, Dana',
    patient: 'Whitfield, Dana',
    sentAtText: '03/09/2026 8:14 AM',
    sentAt: '2026-03-09T13:14:00.000Z',
    unread: true,
  },
  {
    id: 'MSG-20409',
    subject: 'Fever since last night',
    preview: 'Leo is 3 and has had 102.5 since last night, tylenol helps a little. Should we come in?',
    sender: 'Delgado, Rosa',
    patient: 'Delgado, Leo',
    sentAtText: '03/09/2026 6:02 AM',
    sentAt: '2026-03-09T11:02:00.000Z',
    unread: false,
  },
  {
    id: 'MSG-20388',
    subject: 'Appointment moved?',
    preview: '<b>Is Tuesday still ok for Dad?</b>',
    sender: 'Becker, Tom',
    patient: undefined,
    sentAtText: 'Yesterday',
    sentAt: undefined,
    unread: false,
  },
  {
    id: 'MSG-20371',
    subject: 'Lab results question',
    preview: 'My A1c came back 7.9, is that bad?',
    sender: 'Okafor, Chidi',
    patient: 'Okafor, Chidi',
    sentAtText: '03/08/2026 3:45 PM',
    sentAt: '2026-03-08T20:45:00.000Z',
    unread: true,
  },
];

const ACME_BODY =
  'Hi Dr. Chen,\n\nRan out of metformin 2 days ago. Sugar was 310 this morning and I feel very thirsty.\n\nCan you send a refill to the CVS on Main St?';

describe('matchPattern: Chrome match-pattern semantics', () => {
  const cases: Array<[string, string, boolean]> = [
    // Chrome's documented examples
    ['https://*/*', 'https://www.google.com/', true],
    ['https://*/*', 'https://example.org/foo/bar.html', true],
    ['https://*/*', 'http://example.org/', false],
    ['https://*/foo*', 'https://example.com/foo/bar.html', true],
    ['https://*/foo*', 'https://www.google.com/foo', true],
    ['https://*/foo*', 'https://example.com/bar/foo', false],
    ['https://*.google.com/foo*bar', 'https://www.google.com/foo/baz/bar', true],
    ['https://*.google.com/foo*bar', 'https://docs.google.com/foobar', true],
    ['https://*.google.com/foo*bar', 'https://docs.google.com/foo/bar/baz', false],
    ['file:///foo*', 'file:///foo/bar.html', true],
    ['file:///foo*', 'file:///foo', true],
    ['http://127.0.0.1/*', 'http://127.0.0.1/', true],
    ['http://127.0.0.1/*', 'http://127.0.0.1/foo/bar.html', true],
    ['*://mail.google.com/*', 'http://mail.google.com/foo/baz/bar', true],
    ['*://mail.google.com/*', 'https://mail.google.com/foobar', true],
    ['*://mail.google.com/*', 'ftp://mail.google.com/foobar', false],
    ['<all_urls>', 'http://example.org/foo/bar.html', true],
    ['<all_urls>', 'file:///bar/baz.html', true],
    ['<all_urls>', 'chrome://extensions/', false],
    // hosts
    ['http://*.example.com/*', 'http://example.com/', true],
    ['http://*.example.com/*', 'http://a.b.example.com/x', true],
    ['http://*.example.com/*', 'http://badexample.com/', false],
    ['http://*.0.0.1/*', 'http://127.0.0.1/', false],
    ['https://EHR.Example.org/*', 'https://ehr.example.org/x', true],
    ['https://ehr.example.org/*', 'https://ehr.example.org.evil.example/x', false],
    // ports: none or * = any; a number = that effective port
    ['http://localhost/*', 'http://localhost:5174/inbox', true],
    ['http://localhost:*/*', 'http://localhost:3000/', true],
    ['http://localhost:8080/*', 'http://localhost:8080/x', true],
    ['http://localhost:8080/*', 'http://localhost/x', false],
    ['http://localhost:8080/*', 'http://localhost:3000/x', false],
    ['https://ehr.example.org:443/*', 'https://ehr.example.org/', true],
    ['http://[::1]/*', 'http://[::1]:8080/x', true],
    // paths: matched against path + query, never the fragment; '?' is literal
    ['https://a.example/inbox', 'https://a.example/inbox?x=1', false],
    ['https://a.example/inbox*', 'https://a.example/inbox?x=1', true],
    ['https://a.example/inbox', 'https://a.example/inbox#/m/1', true],
    ['https://a.example/inbox?folder=*', 'https://a.example/inbox?folder=PATIENT', true],
    ['https://a.example/inbox?folder=*', 'https://a.example/inboxXfolder=PATIENT', false],
    ['https://a.example/foo/*', 'https://a.example/foo', true],
    ['https://a.example/*/messages', 'https://a.example/clinic/7/messages', true],
    // invalid patterns and URLs match nothing
    ['https://www.google.com', 'https://www.google.com/', false],
    ['http://*foo/bar', 'http://xfoo/bar', false],
    ['https://a.example/*', 'not a url', false],
  ];
  it.each(cases)('%s on %s → %s', (pattern, url, expected) => {
    expect(matchPattern(pattern, url)).toBe(expected);
  });

  it('takes URL objects too', () => {
    expect(matchPattern('https://ehr.acmehealth.example/ehr/inbox/*', new URL(INBOX_URL))).toBe(true);
  });
});

describe('parseShownDate', () => {
  it('reads ISO dates, epoch numbers and shown dates with a year, and nothing else', () => {
    expect(parseShownDate('2026-03-09T13:14:00Z')).toBe('2026-03-09T13:14:00.000Z');
    expect(parseShownDate('2026-03-09T08:14:00-05:00')).toBe('2026-03-09T13:14:00.000Z');
    expect(parseShownDate('1773062040000')).toBe('2026-03-09T13:14:00.000Z');
    expect(parseShownDate('1773062040')).toBe('2026-03-09T13:14:00.000Z');
    expect(parseShownDate('Nov 30, 8:05 AM')).toBeUndefined(); // no year: never guessed
    expect(parseShownDate('Yesterday')).toBeUndefined();
    expect(parseShownDate('')).toBeUndefined();
  });
});

describe('configured adapter on the Acme EHR fixture (config written as JSON only)', () => {
  it('is named after the config and recognises the inbox page', () => {
    const adapter = createConfiguredAdapter(acmeConfig());
    const doc = acmePage();
    expect(adapter.id).toBe('configured:acmecare-inbox');
    expect(adapter.name).toBe('AcmeCare EHR – Patient Messages');
    expect(adapter.matches(new URL(INBOX_URL), doc)).toBe(true);
    expect(adapter.hasInbox(doc)).toBe(true);
    expect(pickAdapter(new URL(INBOX_URL), doc, [demoAdapter, adapter])?.id).toBe('configured:acmecare-inbox');
  });

  it('extracts the exact messages, skipping group headers and the hidden template row', () => {
    const adapter = createConfiguredAdapter(acmeConfig());
    const rows = adapter.listRows(acmePage());
    expect(rows.map((r) => r.message)).toEqual(ACME_MESSAGES);
    expect(rows.map((r) => r.element.dataset.rowkey)).toEqual(['r0', 'r1', 'r2', 'r3']);
    expect(rows.every((r) => r.badgeAnchor.className === 'ac-col-flags' && r.element.contains(r.badgeAnchor))).toBe(true);
  });

  it('reads the open message, without the signature, the quoted reply and hidden labels', () => {
    const adapter = createConfiguredAdapter(acmeConfig());
    expect(adapter.readOpenMessage(acmePage())).toEqual({
      id: 'MSG-20417',
      subject: 'Metformin refill',
      sender: 'Whitfield, Dana',
      patient: 'Whitfield, Dana',
      sentAtText: 'Mon 03/09/2026 8:14 AM',
      sentAt: '2026-03-09T13:14:00.000Z',
      unread: true,
      preview: ACME_BODY,
      body: ACME_BODY,
      thread: [],
    });
  });

  it('reads the body as one line when collapseWhitespace is set', () => {
    const config = acmeConfig();
    config.cleanup = { ...config.cleanup!, collapseWhitespace: true };
    const open = createConfiguredAdapter(config).readOpenMessage(acmePage());
    expect(open?.body).toBe(ACME_BODY.replace(/\n+/g, ' '));
  });

  it('inserts a reply into the contenteditable composer, firing an input event', () => {
    const adapter = createConfiguredAdapter(acmeConfig());
    const doc = acmePage();
    const box = adapter.findReplyBox(doc) as HTMLElement;
    expect(box.getAttribute('aria-label')).toBe('Reply to patient');
    const events: Array<{ type: string; inputType?: string; data?: string | null; text: string }> = [];
    box.addEventListener('input', (e) => events.push({ type: e.type, inputType: (e as InputEvent).inputType, data: (e as InputEvent).data, text: box.textContent ?? '' }));
    expect(adapter.insertReply(doc, 'Hi Dana,\nI sent the refill to CVS on Main St.')).toEqual({ ok: true });
    expect(box.innerHTML).toBe('Hi Dana,<br>I sent the refill to CVS on Main St.');
    expect(events).toEqual([{ type: 'input', inputType: 'insertText', data: 'Hi Dana,\nI sent the refill to CVS on Main St.', text: 'Hi Dana,I sent the refill to CVS on Main St.' }]);
    // Only the reply box changed: the message is read the same as before.
    expect(adapter.readOpenMessage(doc)?.body).toBe(ACME_BODY);
  });

  it('refuses to write into a read-only composer', () => {
    const adapter = createConfiguredAdapter(acmeConfig());
    const doc = acmePage();
    doc.querySelector('[aria-label="Reply to patient"]')!.setAttribute('aria-readonly', 'true');
    expect(adapter.insertReply(doc, 'x')).toEqual({ ok: false, reason: 'read-only' });
  });

  it('inserts into a textarea when the config says textarea', () => {
    const doc = acmePage();
    doc.querySelector('#acComposer')!.innerHTML = '<textarea class="ac-reply" name="replyText" aria-label="Reply to patient"></textarea>';
    const config = acmeConfig();
    config.reply = { box: '#acComposer', kind: 'textarea' };
    const adapter = createConfiguredAdapter(config);
    const box = adapter.findReplyBox(doc) as HTMLTextAreaElement;
    expect(box.tagName).toBe('TEXTAREA');
    let seen = '';
    box.addEventListener('input', () => (seen = box.value));
    expect(adapter.insertReply(doc, 'Refill sent.')).toEqual({ ok: true });
    expect(box.value).toBe('Refill sent.');
    expect(seen).toBe('Refill sent.');
    // the contenteditable config finds no box in it
    expect(createConfiguredAdapter(acmeConfig()).insertReply(doc, 'x')).toEqual({ ok: false, reason: 'no-reply-box' });
  });

  it('finds the open message id without detail.id: from the selected row, or the page URL', () => {
    const config = acmeConfig();
    delete config.detail.id;
    expect(createConfiguredAdapter(config).readOpenMessage(acmePage())?.id).toBe('MSG-20417');

    const doc = acmePage('https://ehr.acmehealth.example/ehr/inbox/message.do?folder=PATIENT&msgId=MSG-20409');
    doc.querySelector('#acReadingPane')!.removeAttribute('data-msg-id');
    config.detail.id = { from: 'url-param', param: 'msgId' };
    const open = createConfiguredAdapter(config).readOpenMessage(doc);
    expect(open?.id).toBe('MSG-20409');
    // fields the detail view does not have come from the row with that id
    delete config.detail.patient;
    expect(createConfiguredAdapter(config).readOpenMessage(doc)?.patient).toBe('Delgado, Leo');
  });

  it('gives a content id when nothing links the open message to a row', () => {
    const config = acmeConfig();
    delete config.detail.id;
    delete config.list.selected;
    const doc = acmePage();
    doc.querySelector('.ac-rp__subject')!.textContent = 'Something else';
    const a = createConfiguredAdapter(config).readOpenMessage(doc);
    const b = createConfiguredAdapter(config).readOpenMessage(acmePage());
    expect(a?.id).toMatch(/^content-[0-9a-f]{8}$/);
    expect(b?.id).toBe('MSG-20417'); // matched by subject and sender
  });

  it('recognises an empty inbox with no open message', () => {
    const adapter = createConfiguredAdapter(acmeConfig());
    const doc = acmePage('https://ehr.acmehealth.example/ehr/inbox/message.do?folder=STAFF');
    for (const tr of doc.querySelectorAll('#inboxGrid tbody tr')) tr.remove();
    doc.querySelector('#acReadingPane')!.remove();
    expect(adapter.matches(new URL(doc.location.href), doc)).toBe(true);
    expect(adapter.hasInbox(doc)).toBe(true);
    expect(adapter.listRows(doc)).toEqual([]);
    expect(adapter.readOpenMessage(doc)).toBeNull();
    expect(adapter.findReplyBox(doc)).toBeNull();
    expect(adapter.insertReply(doc, 'x')).toEqual({ ok: false, reason: 'no-reply-box' });
  });

  it('skips rows without an id and duplicates of an earlier id', () => {
    const adapter = createConfiguredAdapter(acmeConfig());
    const doc = acmePage();
    const links = doc.querySelectorAll<HTMLAnchorElement>('a.ac-msg-link');
    links[1]!.setAttribute('href', '/ehr/inbox/message.do?folder=PATIENT');
    links[3]!.setAttribute('href', links[0]!.getAttribute('href')!);
    expect(adapter.listRows(doc).map((r) => r.message.id)).toEqual(['MSG-20417', 'MSG-20388']);
  });
});

describe('configured adapter: pages it must leave alone', () => {
  const adapter = createConfiguredAdapter(acmeConfig());
  it.each([
    'https://ehr.acmehealth.example/ehr/schedule/day.do',
    'http://ehr.acmehealth.example/ehr/inbox/message.do?folder=PATIENT',
    'https://ehr.acmehealth.example.evil.example/ehr/inbox/message.do',
    'https://portal.acmehealth.example/ehr/inbox/message.do',
    'https://ehr.acmehealth-test.example/ehr/inbox/message.do',
    'http://127.0.0.1:5174/inbox',
  ])('ignores the same markup at %s', (url) => {
    const doc = acmePage(url);
    expect(adapter.matches(new URL(url), doc)).toBe(false);
    expect(pickAdapter(new URL(url), doc, [adapter])).toBeNull();
  });

  it('runs on the test system named by the second pattern', () => {
    const url = 'https://ehr.acmehealth-test.example:8443/ehr/inbox/message.do';
    expect(adapter.matches(new URL(url), acmePage(url))).toBe(true);
  });

  it('ignores a page inside its URL patterns that is not the inbox app (pageMustContain)', () => {
    const doc = loadFixture('demo/inbox-open.html', INBOX_URL);
    expect(adapter.matches(new URL(INBOX_URL), doc)).toBe(false);
    expect(pickAdapter(new URL(INBOX_URL), doc, [adapter])).toBeNull();
  });

  it('never throws, even with a config that skipped validation', () => {
    const broken = { ...acmeConfig(), pageMustContain: 'main[' } as AdapterConfig;
    const a = createConfiguredAdapter(broken);
    const doc = acmePage();
    expect(a.matches(new URL(INBOX_URL), doc)).toBe(false);
    const badRow = createConfiguredAdapter({ ...acmeConfig(), list: { ...acmeConfig().list, row: 'tr[' } } as AdapterConfig);
    expect(badRow.listRows(doc)).toEqual([]);
  });
});

describe('configs refused before they reach a page (the DOM decides what a selector is)', () => {
  const base = (): Record<string, any> => JSON.parse(ACME_JSON);
  const errors = (edit: (file: Record<string, any>) => void): string[] => {
    const f = base();
    edit(f);
    const r = parseAdapterConfigFile(JSON.stringify(f));
    return r.ok ? [] : r.errors;
  };

  it('invalid selector', () => {
    expect(errors((f) => (f.adapters[0].list.row = 'tr.ac-grid__row[data-rowkey'))).toEqual(['adapters[0].list.row: not a valid CSS selector']);
    expect(errors((f) => (f.adapters[0].reply.box = '#acComposer >'))).toEqual(['adapters[0].reply.box: not a valid CSS selector']);
  });
  it('missing field', () => {
    expect(errors((f) => delete f.adapters[0].detail.container)).toEqual(['adapters[0].detail.container: required field is missing']);
  });
  it('bad match pattern', () => {
    expect(errors((f) => f.adapters[0].urlPatterns.push('https://ehr.acmehealth.example'))).toEqual([
      'adapters[0].urlPatterns[2]: not a valid match pattern: the path is missing (end it with / or /*)',
    ]);
  });
  it('wrong version', () => {
    expect(errors((f) => (f.version = 2))).toEqual(['version: is 2, but this extension reads version 1 files (update the extension)']);
  });
  it('not JSON', () => {
    expect(parseAdapterConfigFile(ACME_JSON.replace('"version": 1,', '"version": 1'))).toEqual({
      ok: false,
      errors: ['the text is not valid JSON (look for a missing comma, quote or bracket)'],
    });
  });
});

describe('previewConfig: "test on this tab"', () => {
  it('shows what the Acme config finds, with the fields that could not be read', () => {
    const preview = previewConfig(acmeConfig(), acmePage());
    expect(preview).toEqual({
      matches: true,
      urlMatches: true,
      pageMustContainFound: true,
      hasInbox: true,
      rows: {
        count: 4,
        usable: 4,
        sample: ACME_MESSAGES.map((m, i) => ({
          position: i + 1,
          message: Object.fromEntries(Object.entries(m).filter(([, v]) => v !== undefined)),
          warnings:
            i === 2 ? ['list.patient: nothing found in this row', 'list.date: the element has no "data-sort" attribute in this row'] : [],
        })),
      },
      openMessage: expect.objectContaining({ id: 'MSG-20417', subject: 'Metformin refill', body: ACME_BODY }),
      replyBoxFound: true,
      problems: ['list.patient: could not be read in 1 of 4 rows', 'list.date: could not be read in 1 of 4 rows'],
    });
  });

  it('shows at most five rows', () => {
    const doc = acmePage();
    const tbody = doc.querySelector('#inboxGrid tbody')!;
    const proto = doc.querySelector('tr[data-rowkey="r3"]')!;
    for (let i = 0; i < 4; i++) {
      const copy = proto.cloneNode(true) as HTMLElement;
      copy.querySelector('a.ac-msg-link')!.setAttribute('href', `/ehr/inbox/message.do?msgId=MSG-3000${i}`);
      tbody.append(copy);
    }
    const preview = previewConfig(acmeConfig(), doc);
    expect(preview.rows.count).toBe(8);
    expect(preview.rows.usable).toBe(8);
    expect(preview.rows.sample.map((r) => r.position)).toEqual([1, 2, 3, 4, 5]);
  });

  it('explains why a half-finished config does not work on this page', () => {
    const config = acmeConfig();
    config.list = { ...config.list, id: { from: 'attribute', attribute: 'data-message-id' }, subject: { selector: '.subject' } };
    config.reply = { box: '#acComposer', kind: 'textarea' };
    const doc = acmePage('https://ehr.acmehealth.example/ehr/home.do?tab=inbox');
    const preview = previewConfig(config, doc);
    expect(preview.matches).toBe(false);
    expect(preview.urlMatches).toBe(false);
    expect(preview.pageMustContainFound).toBe(true);
    expect(preview.rows.count).toBe(4);
    expect(preview.rows.usable).toBe(0);
    expect(preview.rows.sample[0]).toEqual({
      position: 1,
      message: null,
      warnings: ['list.id: no id found in this row (the row is skipped)', 'list.subject: nothing found in this row'],
    });
    expect(preview.replyBoxFound).toBe(false);
    expect(preview.problems).toEqual([
      "urlPatterns: this page's address (https://ehr.acmehealth.example/ehr/home.do) matches none of the patterns",
      'list.id: 4 of 4 rows have no id and would be skipped',
      'list.subject: could not be read in 4 of 4 rows',
      'list.patient: could not be read in 1 of 4 rows',
      'list.date: could not be read in 1 of 4 rows',
      'reply.box: found a <div> that is not a textarea and holds none',
    ]);
  });

  it('says when there is nothing to find on the page', () => {
    const doc = loadFixture('demo/inbox-open.html', INBOX_URL);
    const preview = previewConfig(acmeConfig(), doc);
    expect(preview).toMatchObject({ matches: false, urlMatches: true, pageMustContainFound: false, hasInbox: false, openMessage: null, replyBoxFound: false });
    expect(preview.rows).toEqual({ count: 0, usable: 0, sample: [] });
    expect(preview.problems).toEqual([
      'pageMustContain: nothing found on this page, so the adapter would not run here',
      'list.container: nothing found on this page',
      'list.row: no rows found on this page',
      'detail.container: nothing found (open a message and test again)',
      'reply.box: nothing found on this page (open a message and test again)',
    ]);
  });

  it('reports duplicate ids and a detail view without an id', () => {
    const doc = acmePage();
    const links = doc.querySelectorAll<HTMLAnchorElement>('a.ac-msg-link');
    links[2]!.setAttribute('href', links[0]!.getAttribute('href')!);
    doc.querySelector('#acReadingPane')!.removeAttribute('data-msg-id');
    const preview = previewConfig(acmeConfig(), doc);
    expect(preview.rows.usable).toBe(3);
    expect(preview.openMessage).toBeNull();
    expect(preview.problems).toEqual([
      'list.id: rows 1 and 3 have the same id "MSG-20417" (the second is skipped)',
      'list.patient: could not be read in 1 of 4 rows',
      'list.date: could not be read in 1 of 4 rows',
      'detail.id: no id found for the open message',
    ]);
  });
});
