// Runs in Node without a DOM: selectors are checked by the built-in syntax check here, and by
// happy-dom's parser where a document is passed (as the options page passes the real one).
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { Window } from 'happy-dom';
import {
  AdapterConfigFileSchema,
  AdapterConfigSchema,
  NOT_JSON,
  checkSelectorSyntax,
  exportAdapterConfigFile,
  formatConfigErrors,
  formatPath,
  isValidSelector,
  matchPatternProblem,
  parseAdapterConfig,
  parseAdapterConfigFile,
  parseMatchPattern,
  selectorProblem,
} from './config-schema';

const ACME_JSON = readFileSync(new URL('../../tests/fixtures/configured/acme-config.json', import.meta.url), 'utf8');

/** A small valid config; each test breaks one thing in a copy. */
function minimal(): Record<string, any> {
  return {
    schemaVersion: 1,
    id: 'clinic-portal',
    name: 'Clinic portal',
    urlPatterns: ['https://portal.clinic.example/messages/*'],
    list: {
      row: 'li.message',
      id: { from: 'attribute', attribute: 'data-id' },
      sender: { selector: '.from' },
      subject: { selector: '.subject' },
      date: { selector: 'time', attribute: 'datetime' },
    },
    detail: { container: '#detail', body: '.body' },
    reply: { box: 'textarea#reply', kind: 'textarea' },
  };
}

function fileWith(...adapters: unknown[]): Record<string, any> {
  return { kind: 'inbox-triage-adapters', version: 1, adapters };
}

/** The error sentences for a file holding one adapter changed by `edit`. */
function errorsFor(edit: (a: Record<string, any>) => void): string[] {
  const a = minimal();
  edit(a);
  const r = parseAdapterConfigFile(fileWith(a));
  return r.ok ? [] : r.errors;
}

const VALID_SELECTORS = [
  'div',
  '*',
  'tr.ac-grid__row[data-rowkey]:not([hidden])',
  '#acInboxApp[data-app="acmecare-inbox"]',
  '.ac-col-from .ac-person',
  'ul > li + li ~ li',
  'a:has(> img)',
  'li:nth-child(2n + 1 of .msg)',
  'td:nth-of-type(3)',
  '[aria-label="Sender name"]',
  'div[class*="ListWithDetailPane_item"]',
  'a[href*="task=edit&noteid="]',
  'input[name="message" i]',
  ':is(.a, .b) span',
  ':scope > li',
  '#\\31 23',
  '.a\\:b',
  'div#x.y[z]:first-child',
];

const INVALID_SELECTORS = ['', '   ', 'div[', 'a >', '> a', 'a,,b', '#1abc', '.1a', 'div)', '!!', ':not()', '[data-x=]'];

describe('isValidSelector', () => {
  const win = new Window({ url: 'https://options.example/' });
  afterAll(async () => {
    await win.happyDOM.close();
  });
  const dom = win.document as unknown as Document;

  it('accepts selectors in use on EHR pages, with and without a DOM', () => {
    for (const s of VALID_SELECTORS) {
      expect(isValidSelector(s, null), `syntax check: ${s}`).toBe(true);
      expect(isValidSelector(s, dom), `DOM: ${s}`).toBe(true);
    }
  });

  it('refuses broken selectors, with and without a DOM', () => {
    for (const s of INVALID_SELECTORS) {
      expect(isValidSelector(s, null), `syntax check: ${JSON.stringify(s)}`).toBe(false);
      expect(isValidSelector(s, dom), `DOM: ${JSON.stringify(s)}`).toBe(false);
    }
  });

  it('refuses pseudo-elements, which never match an element', () => {
    for (const s of ['a::before', 'p:after', '.x::first-line']) {
      expect(checkSelectorSyntax(s)).toBe('pseudo-element');
      expect(selectorProblem(s, null)).toBe(
        'not a valid CSS selector for finding elements: pseudo-elements such as ::before never match an element',
      );
      expect(isValidSelector(s, dom)).toBe(false);
    }
  });

  it('checks :nth-* arguments and unknown functional arguments without a DOM', () => {
    expect(isValidSelector(':nth-child(foo)', null)).toBe(false);
    expect(isValidSelector('li:nth-child(odd)', null)).toBe(true);
    expect(isValidSelector('li:nth-last-child(-n+3)', null)).toBe(true);
    expect(isValidSelector(':lang(en)', null)).toBe(true);
    expect(isValidSelector(':lang()', null)).toBe(false);
    expect(isValidSelector('a[href="x"', null)).toBe(false);
    expect(isValidSelector('a[href="x]', null)).toBe(false);
  });

  it('uses the global document when there is one and no document is passed (none here)', () => {
    expect(typeof (globalThis as { document?: unknown }).document).toBe('undefined');
    expect(isValidSelector('li.message')).toBe(true);
    expect(isValidSelector('li.message[')).toBe(false);
  });
});

describe('parseMatchPattern and matchPatternProblem', () => {
  it('splits a pattern into Chrome parts', () => {
    expect(parseMatchPattern('https://*.acmehealth.example:8443/ehr/inbox/*')).toEqual({
      ok: true,
      pattern: { allUrls: false, scheme: 'https', host: 'acmehealth.example', allHosts: false, matchSubdomains: true, port: '8443', path: '/ehr/inbox/*' },
    });
    expect(parseMatchPattern('*://EHR.Example.org/*')).toMatchObject({ ok: true, pattern: { scheme: '*', host: 'ehr.example.org', port: '*' } });
    expect(parseMatchPattern('http://[::1]:5174/*')).toMatchObject({ ok: true, pattern: { host: '[::1]', port: '5174' } });
    expect(parseMatchPattern('file:///C:/ehr/*')).toMatchObject({ ok: true, pattern: { scheme: 'file', host: '', path: '/C:/ehr/*' } });
    expect(parseMatchPattern('<all_urls>')).toMatchObject({ ok: true, pattern: { allUrls: true } });
  });

  it('gives Chrome\'s reasons for refusing a pattern', () => {
    const reason = (p: string): string | undefined => {
      const r = parseMatchPattern(p);
      return r.ok ? undefined : r.reason;
    };
    expect(reason('https://www.google.com')).toBe('the path is missing (end it with / or /*)');
    expect(reason('http://*foo/bar')).toBe('a * in the host may only be the whole host or its start, as in *.example.com');
    expect(reason('http://foo.*.bar/baz')).toBe('a * in the host may only be the whole host or its start, as in *.example.com');
    expect(reason('http:/bar')).toBe('it must look like scheme://host/path, e.g. https://ehr.example.com/*');
    expect(reason('foo://*')).toBe('"foo" is not a scheme Chrome accepts in a match pattern');
    expect(reason('https:///inbox')).toBe('the host is missing');
    expect(reason('https://ehr.example.org:99999/*')).toBe('the port must be a number or *');
    expect(reason('https://ehr.example.org/in box')).toBe('it must not contain spaces');
    expect(reason('https://*./*')).toBe('a host is needed after "*."');
  });

  it('adds this extension\'s limits: EHR hosts only', () => {
    expect(matchPatternProblem('https://ehr.example.org/*')).toBeNull();
    expect(matchPatternProblem('*://*.example.org/inbox*')).toBeNull();
    expect(matchPatternProblem('http://localhost:8080/*')).toBeNull();
    expect(matchPatternProblem('<all_urls>')).toBe("<all_urls> is not allowed: name the EHR's own address, e.g. https://ehr.example.com/*");
    expect(matchPatternProblem('*://*/*')).toBe("not allowed: a host of * would match every website; name the EHR's host");
    expect(matchPatternProblem('https://*.com/*')).toBe('not allowed: *.com would match every website under .com');
    expect(matchPatternProblem('file:///C:/ehr/*')).toBe('not allowed: an EHR page is served over https or http (scheme https, http or *)');
  });
});

describe('AdapterConfigSchema and AdapterConfigFileSchema', () => {
  it('accepts the Acme config written as JSON, unchanged', () => {
    const r = parseAdapterConfigFile(ACME_JSON);
    expect(r.ok && r.value).toEqual(JSON.parse(ACME_JSON));
  });

  it('accepts a minimal config, without optional parts', () => {
    const r = AdapterConfigSchema.safeParse(minimal());
    expect(r.success).toBe(true);
    expect(r.data?.cleanup).toBeUndefined();
    expect(AdapterConfigSchema.parse({ ...minimal(), cleanup: {} }).cleanup).toEqual({
      stripPrefixes: [],
      collapseWhitespace: false,
      removeSelectors: [],
    });
  });

  it('accepts every id source, the detail ones included', () => {
    const ids = [
      { from: 'attribute', attribute: 'data-id' },
      { from: 'attribute', selector: 'a', attribute: 'href', pattern: '/Communication/([\\w-]+)' },
      { from: 'href-param', param: 'noteid' },
      { from: 'text', selector: '.msg-no', pattern: '#(\\d+)', flags: 'i' },
    ];
    for (const id of ids) expect(errorsFor((a) => (a.list.id = id))).toEqual([]);
    for (const id of [...ids, { from: 'url-param', param: 'msgId' }, { from: 'url', pattern: '/message/(\\w+)' }]) {
      expect(errorsFor((a) => (a.detail.id = id))).toEqual([]);
    }
  });

  it('refuses an invalid selector', () => {
    expect(errorsFor((a) => (a.list.row = 'li.message['))).toEqual(['adapters[0].list.row: not a valid CSS selector']);
    expect(errorsFor((a) => (a.detail.body = '.body::after'))).toEqual([
      'adapters[0].detail.body: not a valid CSS selector for finding elements: pseudo-elements such as ::before never match an element',
    ]);
    expect(errorsFor((a) => (a.cleanup = { removeSelectors: ['.sig', '>.x'] }))).toEqual([
      'adapters[0].cleanup.removeSelectors[1]: not a valid CSS selector',
    ]);
  });

  it('refuses a missing field', () => {
    expect(errorsFor((a) => delete a.list.subject)).toEqual(['adapters[0].list.subject: required field is missing']);
    expect(errorsFor((a) => delete a.reply)).toEqual(['adapters[0].reply: required field is missing']);
    expect(errorsFor((a) => delete a.list.id.from)).toEqual(['adapters[0].list.id.from: required field is missing']);
    expect(errorsFor((a) => delete a.urlPatterns)).toEqual(['adapters[0].urlPatterns: required field is missing']);
  });

  it('refuses a bad match pattern', () => {
    expect(errorsFor((a) => (a.urlPatterns = ['https://portal.clinic.example']))).toEqual([
      'adapters[0].urlPatterns[0]: not a valid match pattern: the path is missing (end it with / or /*)',
    ]);
    expect(errorsFor((a) => (a.urlPatterns = ['https://portal.clinic.example/*', '<all_urls>']))).toEqual([
      "adapters[0].urlPatterns[1]: <all_urls> is not allowed: name the EHR's own address, e.g. https://ehr.example.com/*",
    ]);
    expect(errorsFor((a) => (a.urlPatterns = ['https://portal.*.example/*']))).toEqual([
      'adapters[0].urlPatterns[0]: not a valid match pattern: a * in the host may only be the whole host or its start, as in *.example.com',
    ]);
    expect(errorsFor((a) => (a.urlPatterns = []))).toEqual(['adapters[0].urlPatterns: needs at least one match pattern']);
  });

  it('refuses a wrong version', () => {
    expect(parseAdapterConfigFile({ ...fileWith(minimal()), version: 2 })).toEqual({
      ok: false,
      errors: ['version: is 2, but this extension reads version 1 files (update the extension)'],
    });
    expect(parseAdapterConfigFile({ ...fileWith(minimal()), version: '1' })).toEqual({ ok: false, errors: ['version: must be 1'] });
    expect(errorsFor((a) => (a.schemaVersion = 2))).toEqual([
      'adapters[0].schemaVersion: is 2, but this extension reads adapter schemaVersion 1 (update the extension)',
    ]);
    expect(errorsFor((a) => delete a.schemaVersion)).toEqual(['adapters[0].schemaVersion: required field is missing']);
    expect(parseAdapterConfigFile({ ...fileWith(), kind: 'adapters' })).toEqual({ ok: false, errors: ['kind: must be "inbox-triage-adapters"'] });
  });

  it('refuses text that is not JSON', () => {
    expect(parseAdapterConfigFile('{ "kind": "inbox-triage-adapters", ')).toEqual({ ok: false, errors: [NOT_JSON] });
    expect(NOT_JSON).toBe('the text is not valid JSON (look for a missing comma, quote or bracket)');
    expect(parseAdapterConfigFile('[]')).toEqual({ ok: false, errors: ['the file: must be an object, not a list'] });
    expect(parseAdapterConfig('nope')).toEqual({ ok: false, errors: [NOT_JSON] });
  });

  it('names unknown fields (typos) and wrong shapes', () => {
    expect(
      errorsFor((a) => {
        a.list.subjet = a.list.subject;
        delete a.list.subject;
      }),
    ).toEqual([
      'adapters[0].list.subject: required field is missing',
      'adapters[0].list.subjet: unknown field (check the spelling; remove it if it is not needed)',
    ]);
    expect(errorsFor((a) => (a.list.sender = '.from'))).toEqual([
      'adapters[0].list.sender: must be an object such as { "selector": ".from" }, not text',
    ]);
    expect(errorsFor((a) => (a.list.sender = {}))).toEqual(['adapters[0].list.sender: give a selector, an attribute, or both']);
    expect(errorsFor((a) => (a.list.id = { from: 'data-attribute', attribute: 'data-id' }))).toEqual([
      'adapters[0].list.id.from: must be one of "attribute", "href-param", "text"',
    ]);
    expect(errorsFor((a) => (a.list.id = { from: 'url-param', param: 'id' }))).toEqual([
      'adapters[0].list.id.from: must be one of "attribute", "href-param", "text"',
    ]);
    expect(errorsFor((a) => (a.list.id = { from: 'text', pattern: '(' }))).toEqual(['adapters[0].list.id.pattern: not a valid regular expression']);
    expect(errorsFor((a) => (a.list.unread = { class: 'unread', selector: '.dot' }))).toEqual([
      'adapters[0].list.unread: give either "selector" or "class" (exactly one)',
    ]);
    expect(errorsFor((a) => (a.list.unread = { class: '.unread' }))).toEqual(['adapters[0].list.unread.class: write the class name without the leading dot']);
    expect(errorsFor((a) => (a.reply.kind = 'richtext'))).toEqual(['adapters[0].reply.kind: must be one of "textarea", "input", "contenteditable"']);
    expect(errorsFor((a) => (a.id = 'Clinic Portal'))).toEqual([
      'adapters[0].id: must be a short lowercase name of letters, digits and dashes, e.g. "acme-inbox"',
    ]);
    expect(errorsFor((a) => (a.list.date.attribute = 'date time'))).toEqual([
      'adapters[0].list.date.attribute: not a valid attribute name (e.g. "datetime", "data-id", "title")',
    ]);
    expect(errorsFor((a) => (a.cleanup = { collapseWhitespace: 'yes' }))).toEqual(['adapters[0].cleanup.collapseWhitespace: must be true or false, not text']);
  });

  it('reports every problem at once, in order', () => {
    expect(
      errorsFor((a) => {
        a.urlPatterns = ['https://portal.clinic.example'];
        a.list.row = 'li[';
        delete a.detail.body;
      }),
    ).toEqual([
      'adapters[0].urlPatterns[0]: not a valid match pattern: the path is missing (end it with / or /*)',
      'adapters[0].list.row: not a valid CSS selector',
      'adapters[0].detail.body: required field is missing',
    ]);
  });

  it('refuses two adapters with the same id in one file', () => {
    expect(parseAdapterConfigFile(fileWith(minimal(), minimal()))).toEqual({
      ok: false,
      errors: ['adapters[1].id: "clinic-portal" is already used by adapters[0]'],
    });
  });

  it('exports a file that imports back unchanged', () => {
    const first = parseAdapterConfigFile(ACME_JSON);
    if (!first.ok) throw new Error(first.errors.join('\n'));
    const text = exportAdapterConfigFile(first.value.adapters);
    expect(JSON.parse(text)).toEqual(JSON.parse(ACME_JSON));
    expect(parseAdapterConfigFile(text)).toEqual(first);
  });
});

describe('formatConfigErrors and formatPath', () => {
  it('writes paths the way people read them', () => {
    expect(formatPath(['adapters', 0, 'list', 'row'])).toBe('adapters[0].list.row');
    expect(formatPath([])).toBe('');
    expect(formatPath(['a', 'data-x', 2])).toBe('a["data-x"][2]');
  });

  it('prefixes paths and names the root', () => {
    const r = AdapterConfigSchema.safeParse(42);
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(formatConfigErrors(r.error)).toEqual(['the configuration: must be an object, not a number']);
      expect(formatConfigErrors(r.error, ['adapters', 3])).toEqual(['adapters[3]: must be an object, not a number']);
    }
    const f = AdapterConfigFileSchema.safeParse({ kind: 'inbox-triage-adapters', version: 1 });
    if (!f.success) expect(formatConfigErrors(f.error, [], 'the file')).toEqual(['adapters: required field is missing']);
  });
});
