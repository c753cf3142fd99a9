/**
 * An EhrAdapter built from an AdapterConfig (config-schema.ts): the "configured, not coded"
 * adapter of docs/ehr-targets.md §3. It reads text only (never HTML), never throws from
 * `matches`, and writes nothing to the page except the reply box.
 *
 * Also here: Chrome match-pattern matching, and `previewConfig` for the options page's live
 * "test on this tab" preview.
 */
import type { AdapterConfig, DetailIdConfig, FieldConfig, ParsedMatchPattern, RowIdConfig, RowStateConfig } from './config-schema';
import { parseMatchPattern } from './config-schema';
import { blockTextOf, setNativeValue, textOf } from './dom';
import type { EhrAdapter, InboxMessage, InboxRow, InsertResult, OpenMessage } from './types';

/* ------------------------------------------------------------------------------------------ */
/* Match patterns                                                                              */
/* ------------------------------------------------------------------------------------------ */

const ALL_URLS_SCHEMES = new Set(['http', 'https', 'ws', 'wss', 'ftp', 'file']);
const DEFAULT_PORTS: Record<string, string> = { http: '80', https: '443', ws: '80', wss: '443', ftp: '21' };

function globToRegExp(glob: string): RegExp {
  const body = glob
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[\\s\\S]*');
  return new RegExp(`^${body}$`);
}

const compiledPaths = new Map<string, RegExp>();
function pathMatches(patternPath: string, test: string): boolean {
  // Chrome: "/foo/*" also matches "/foo" (so a pattern for a site matches its bare address).
  if (patternPath === `${test}/*`) return true;
  let re = compiledPaths.get(patternPath);
  if (!re) {
    re = globToRegExp(patternPath);
    if (compiledPaths.size > 500) compiledPaths.clear();
    compiledPaths.set(patternPath, re);
  }
  return re.test(test);
}

function isIpAddress(host: string): boolean {
  return host.startsWith('[') || /^\d{1,3}(?:\.\d{1,3}){3}$/.test(host);
}

/**
 * Whether `url` is matched by a Chrome match pattern, with Chrome's semantics: '*' as scheme
 * means http or https; '*.example.com' matches example.com and its subdomains (not IP
 * addresses); no port (or ':*') means any port, an explicit port is compared with the URL's
 * effective port; the path glob ('*' = any characters) is matched against path + query
 * (never the #fragment). An invalid pattern or URL matches nothing.
 */
export function matchPattern(pattern: string | ParsedMatchPattern, url: string | URL): boolean {
  let p: ParsedMatchPattern;
  if (typeof pattern === 'string') {
    const parsed = parseMatchPattern(pattern);
    if (!parsed.ok) return false;
    p = parsed.pattern;
  } else {
    p = pattern;
  }
  let u: URL;
  try {
    u = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return false;
  }
  const scheme = u.protocol.replace(/:$/, '');
  if (p.allUrls) return ALL_URLS_SCHEMES.has(scheme);
  if (p.scheme === '*' ? scheme !== 'http' && scheme !== 'https' : scheme !== p.scheme) return false;
  if (scheme !== 'file') {
    const host = u.hostname.toLowerCase();
    if (!p.allHosts && host !== p.host) {
      if (!p.matchSubdomains || isIpAddress(host) || !host.endsWith(`.${p.host}`)) return false;
    }
    if (p.port !== '*' && p.port !== (u.port || DEFAULT_PORTS[scheme] || '')) return false;
  }
  return pathMatches(p.path, u.pathname + u.search);
}

/* ------------------------------------------------------------------------------------------ */
/* Reading the page                                                                            */
/* ------------------------------------------------------------------------------------------ */

const LIMITS = { id: 200, subject: 2000, preview: 200_000, sender: 500, patient: 500, sentAtText: 200 } as const;

function clamp(s: string, max: number): string {
  return s.length > max ? s.slice(0, max) : s;
}

function qs<T extends Element = HTMLElement>(root: ParentNode | null | undefined, sel: string | undefined): T | null {
  if (!root || !sel) return null;
  try {
    return root.querySelector<T>(sel as string);
  } catch {
    return null;
  }
}

function qsa<T extends Element = HTMLElement>(root: ParentNode | null | undefined, sel: string | undefined): T[] {
  if (!root || !sel) return [];
  try {
    return [...root.querySelectorAll<T>(sel as string)];
  } catch {
    return [];
  }
}

function elMatches(el: Element, sel: string): boolean {
  try {
    return el.matches(sel);
  } catch {
    return false;
  }
}

/** Parse a date as shown or as stored in an attribute. Needs a 4-digit year or an epoch number (no guessing years). */
export function parseShownDate(value: string | null | undefined): string | undefined {
  const v = (value ?? '').trim();
  if (!v) return undefined;
  let t: number;
  if (/^\d{13}$/.test(v)) t = Number(v);
  else if (/^\d{10}$/.test(v)) t = Number(v) * 1000;
  else if (/(?:^|\D)(?:19|20)\d{2}(?:\D|$)/.test(v)) t = Date.parse(v);
  else return undefined;
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

/** FNV-1a, for ids of open messages the page gives no id for. */
function hashText(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

interface DateRead {
  /** Why no date could be read (null: read, or not configured). */
  problem: string | null;
  text: string;
  raw: string;
  iso: string | undefined;
}

interface FieldRead {
  /** The element (and attribute, when one is configured) was found. */
  found: boolean;
  value: string;
}

/** Everything an adapter needs from a config, with selectors and regexes prepared once. */
class ConfiguredReader {
  private readonly regexes = new Map<string, RegExp | null>();
  constructor(readonly config: AdapterConfig) {}

  get cleanup() {
    return this.config.cleanup ?? { stripPrefixes: [], collapseWhitespace: false, removeSelectors: [] };
  }

  regex(pattern: string, flags = ''): RegExp | null {
    const key = `${flags}/${pattern}`;
    if (!this.regexes.has(key)) {
      let re: RegExp | null = null;
      try {
        re = new RegExp(pattern, flags.replace(/[gy]/g, ''));
      } catch {
        re = null;
      }
      this.regexes.set(key, re);
    }
    return this.regexes.get(key) ?? null;
  }

  /** Text of an element without the cleanup.removeSelectors parts. */
  text(el: Element | null, keepLines = false): string {
    if (!el) return '';
    const remove = this.cleanup.removeSelectors;
    let source: Element = el;
    if (remove.length > 0) {
      source = el.cloneNode(true) as Element;
      for (const sel of remove) for (const r of qsa<Element>(source, sel)) r.remove();
    }
    return keepLines ? blockTextOf(source) : textOf(source);
  }

  stripPrefixes(s: string): string {
    const prefixes = this.cleanup.stripPrefixes;
    if (prefixes.length === 0) return s;
    let out = s.trimStart();
    for (let changed = true; changed; ) {
      changed = false;
      const lower = out.toLowerCase();
      for (const p of prefixes) {
        if (p && lower.startsWith(p.toLowerCase())) {
          out = out.slice(p.length).trimStart();
          changed = true;
          break;
        }
      }
    }
    return out;
  }

  field(f: FieldConfig | undefined, scope: Element): FieldRead {
    if (!f) return { found: false, value: '' };
    const el = f.selector ? qs<Element>(scope, f.selector) : scope;
    if (!el) return { found: false, value: '' };
    if (f.attribute) {
      const v = el.getAttribute(f.attribute);
      return v === null ? { found: false, value: '' } : { found: true, value: v.replace(/\s+/g, ' ').trim() };
    }
    return { found: true, value: this.text(el) };
  }

  /** For dates: the text shown, and the ISO date (from the attribute when one is configured). */
  date(f: FieldConfig | undefined, scope: Element): DateRead {
    if (!f) return { problem: null, text: '', raw: '', iso: undefined };
    const el = f.selector ? qs<Element>(scope, f.selector) : scope;
    if (!el) return { problem: 'nothing found', text: '', raw: '', iso: undefined };
    const text = f.selector ? this.text(el) : '';
    const attr = f.attribute ? el.getAttribute(f.attribute) : null;
    const raw = f.attribute ? (attr ?? '') : text;
    const iso = parseShownDate(raw);
    let problem: string | null = null;
    if (f.attribute && attr === null) problem = `the element has no "${f.attribute}" attribute`;
    else if (!raw) problem = 'found, but empty';
    else if (!iso) problem = `"${clamp(raw, 60)}" could not be read as a date with a year`;
    return { problem, text: text || raw, raw, iso };
  }

  private applyPattern(value: string | null | undefined, pattern: string | undefined, flags: string | undefined): string | null {
    if (value === null || value === undefined) return null;
    const v = value.trim();
    if (!pattern) return v || null;
    const re = this.regex(pattern, flags);
    const m = re?.exec(v);
    if (!m) return null;
    const out = (m.length > 1 ? m.slice(1).find((g) => g !== undefined) : m[0]) ?? m[0];
    return out.trim() || null;
  }

  private paramOf(href: string | null | undefined, param: string, base: string): string | null {
    if (!href) return null;
    let u: URL;
    try {
      u = new URL(href, base);
    } catch {
      return null;
    }
    const direct = u.searchParams.get(param);
    if (direct) return direct;
    const q = u.hash.indexOf('?');
    if (q >= 0) return new URLSearchParams(u.hash.slice(q + 1)).get(param) || null;
    return null;
  }

  /** A stable id from a row or the detail container. Null when it cannot be read. */
  id(src: RowIdConfig | DetailIdConfig, scope: Element, doc: Document): string | null {
    const base = doc.baseURI || doc.location?.href || 'about:blank';
    let out: string | null = null;
    switch (src.from) {
      case 'attribute': {
        const el = src.selector ? qs<Element>(scope, src.selector) : scope;
        out = this.applyPattern(el?.getAttribute(src.attribute), src.pattern, src.flags);
        break;
      }
      case 'href-param': {
        const el = src.selector ? qs<Element>(scope, src.selector) : elMatches(scope, 'a[href]') ? scope : qs<Element>(scope, 'a[href]');
        out = this.paramOf(el?.getAttribute('href'), src.param, base);
        break;
      }
      case 'text': {
        const el = src.selector ? qs<Element>(scope, src.selector) : scope;
        out = el ? this.applyPattern(this.text(el), src.pattern, src.flags) : null;
        break;
      }
      case 'url-param':
        out = this.paramOf(doc.location?.href, src.param, base);
        break;
      case 'url':
        out = this.applyPattern(doc.location?.href, src.pattern, src.flags);
        break;
    }
    if (!out) return null;
    return out.length > LIMITS.id ? null : out;
  }

  state(s: RowStateConfig | undefined, row: Element): boolean | undefined {
    if (!s) return undefined;
    if (s.class !== undefined) return row.classList.contains(s.class);
    if (s.selector !== undefined) return elMatches(row, s.selector) || !!qs(row, s.selector);
    return undefined;
  }

  rowElements(doc: Document): HTMLElement[] {
    const { list } = this.config;
    const root: ParentNode | null = list.container ? qs(doc, list.container) : doc;
    return qsa<HTMLElement>(root, list.row);
  }

  /** One row, with the reasons a field could not be read (for the preview). */
  row(el: HTMLElement, doc: Document): { message: InboxMessage | null; badgeAnchor: HTMLElement; warnings: string[] } {
    const { list } = this.config;
    const warnings: string[] = [];
    const id = this.id(list.id, el, doc);
    if (!id) warnings.push('list.id: no id found in this row (the row is skipped)');

    const need = (name: string, f: FieldConfig | undefined, r: FieldRead): string => {
      if (!f) return '';
      if (!r.found) warnings.push(`list.${name}: nothing found in this row`);
      else if (!r.value) warnings.push(`list.${name}: found, but empty`);
      return r.value;
    };
    const sender = need('sender', list.sender, this.field(list.sender, el));
    const subject = this.stripPrefixes(need('subject', list.subject, this.field(list.subject, el)));
    const preview = this.stripPrefixes(need('preview', list.preview, this.field(list.preview, el)));
    const patient = need('patient', list.patient, this.field(list.patient, el));
    const d = this.date(list.date, el);
    if (d.problem) warnings.push(`list.date: ${d.problem} in this row`);

    const badgeAnchor = (list.badgeAnchor ? qs<HTMLElement>(el, list.badgeAnchor) : null) ?? el;
    if (list.badgeAnchor && badgeAnchor === el) warnings.push('list.badgeAnchor: nothing found in this row (the badge goes on the row)');

    if (!id) return { message: null, badgeAnchor, warnings };
    const message: InboxMessage = {
      id,
      subject: clamp(subject, LIMITS.subject),
      preview: clamp(preview, LIMITS.preview),
      sender: clamp(sender, LIMITS.sender),
      patient: patient ? clamp(patient, LIMITS.patient) : undefined,
      sentAtText: d.text ? clamp(d.text, LIMITS.sentAtText) : undefined,
      sentAt: d.iso,
      unread: this.state(list.unread, el),
    };
    return { message, badgeAnchor, warnings };
  }

  listRows(doc: Document): InboxRow[] {
    const rows: InboxRow[] = [];
    const seen = new Set<string>();
    for (const el of this.rowElements(doc)) {
      const r = this.row(el, doc);
      if (!r.message || seen.has(r.message.id)) continue; // no id, or a duplicate: skipped
      seen.add(r.message.id);
      rows.push({ element: el, badgeAnchor: r.badgeAnchor, message: r.message });
    }
    return rows;
  }

  openMessage(doc: Document): { message: OpenMessage | null; warnings: string[] } {
    const { detail, list } = this.config;
    const warnings: string[] = [];
    const c = qs<HTMLElement>(doc, detail.container);
    if (!c) return { message: null, warnings: ['detail.container: nothing found (open a message and test again)'] };
    const bodyEl = qs<Element>(c, detail.body);
    if (!bodyEl) return { message: null, warnings: ['detail.body: nothing found inside detail.container'] };

    const collapse = this.cleanup.collapseWhitespace;
    const body = this.stripPrefixes(this.text(bodyEl, !collapse));
    const read = (name: string, f: FieldConfig | undefined): string | undefined => {
      if (!f) return undefined;
      const r = this.field(f, c);
      if (!r.found) warnings.push(`detail.${name}: nothing found`);
      return r.found ? r.value : '';
    };
    let subject = read('subject', detail.subject);
    if (subject !== undefined) subject = this.stripPrefixes(subject);
    let sender = read('sender', detail.sender);
    let patient = read('patient', detail.patient);
    const d = detail.date ? this.date(detail.date, c) : undefined;
    if (d?.problem) warnings.push(`detail.date: ${d.problem}`);

    // The id: configured, else the selected row, else the one row with this subject and sender,
    // else a hash of the content (stable while the message is unchanged).
    const rows = this.listRows(doc);
    let id: string | null = null;
    if (detail.id) {
      id = this.id(detail.id, c, doc);
      if (!id) {
        warnings.push('detail.id: no id found for the open message');
        return { message: null, warnings };
      }
    }
    let row = id ? rows.find((r) => r.message.id === id) : undefined;
    if (!id && list.selected) {
      const selected = rows.filter((r) => this.state(list.selected, r.element));
      if (selected.length === 1) row = selected[0];
    }
    if (!id && !row && (subject !== undefined || sender !== undefined)) {
      const same = rows.filter(
        (r) => (subject === undefined || r.message.subject === subject) && (sender === undefined || r.message.sender === sender),
      );
      if (same.length === 1) row = same[0];
    }
    if (!id) id = row ? row.message.id : `content-${hashText([sender ?? '', subject ?? '', d?.text ?? '', body].join('\u0000'))}`;

    subject ??= row?.message.subject ?? '';
    sender ??= row?.message.sender ?? '';
    patient ??= row?.message.patient;
    const message: OpenMessage = {
      id,
      subject: clamp(subject, LIMITS.subject),
      sender: clamp(sender, LIMITS.sender),
      patient: patient ? clamp(patient, LIMITS.patient) : undefined,
      sentAtText: d ? (d.text ? clamp(d.text, LIMITS.sentAtText) : undefined) : row?.message.sentAtText,
      sentAt: d ? d.iso : row?.message.sentAt,
      unread: row?.message.unread,
      preview: clamp(body, 200),
      body: clamp(body, LIMITS.preview),
      thread: [],
    };
    return { message, warnings };
  }

  /** The configured box, or the first box of the configured kind inside it. */
  replyBox(doc: Document): { el: HTMLTextAreaElement | HTMLInputElement | HTMLElement | null; problem?: string } {
    const { box, kind } = this.config.reply;
    const found = qs<HTMLElement>(doc, box);
    if (!found) return { el: null, problem: 'reply.box: nothing found on this page (open a message and test again)' };
    const isKind = (el: Element): boolean =>
      kind === 'textarea' ? el.tagName === 'TEXTAREA' : kind === 'input' ? el.tagName === 'INPUT' : isEditable(el);
    if (isKind(found)) return { el: found };
    const inner = qs<HTMLElement>(found, kind === 'textarea' ? 'textarea' : kind === 'input' ? 'input' : '[contenteditable]:not([contenteditable="false"])');
    if (inner && isKind(inner)) return { el: inner };
    return { el: null, problem: `reply.box: found a <${found.tagName.toLowerCase()}> that is not a ${kind} and holds none` };
  }
}

function isEditable(el: Element): boolean {
  const v = el.getAttribute('contenteditable');
  if (v === null) return false;
  const lower = v.toLowerCase();
  return lower === '' || lower === 'true' || lower === 'plaintext-only';
}

/** Tag checks, not instanceof: the page's elements may come from another window (frames). */
function isTextControl(el: Element): el is HTMLTextAreaElement | HTMLInputElement {
  return el.tagName === 'TEXTAREA' || el.tagName === 'INPUT';
}

function isReadOnly(el: HTMLElement): boolean {
  if (isTextControl(el)) return el.readOnly || el.disabled;
  return el.getAttribute('aria-readonly') === 'true' || el.getAttribute('aria-disabled') === 'true';
}

/**
 * Replace a contenteditable's content the way typing would: through the editing command when
 * the browser supports it (rich-text editors listen to the beforeinput/input events it fires),
 * else by replacing the text and firing an input event.
 */
function insertIntoEditable(doc: Document, el: HTMLElement, text: string): void {
  const flat = (s: string): string => s.replace(/\s+/g, '');
  el.focus();
  try {
    const sel = doc.getSelection?.();
    if (sel && typeof doc.execCommand === 'function') {
      const range = doc.createRange();
      range.selectNodeContents(el);
      sel.removeAllRanges();
      sel.addRange(range);
      if (doc.execCommand('insertText', false, text) && flat(el.textContent ?? '') === flat(text)) return;
    }
  } catch {
    // fall through to the direct way
  }
  const nodes: Node[] = [];
  text.split('\n').forEach((line, i) => {
    if (i > 0) nodes.push(doc.createElement('br'));
    if (line) nodes.push(doc.createTextNode(line));
  });
  el.replaceChildren(...nodes);
  const InputEv = (doc.defaultView as (Window & typeof globalThis) | null)?.InputEvent ?? globalThis.InputEvent;
  const ev = typeof InputEv === 'function' ? new InputEv('input', { bubbles: true, inputType: 'insertText', data: text }) : new Event('input', { bubbles: true });
  el.dispatchEvent(ev);
}

/* ------------------------------------------------------------------------------------------ */
/* The adapter                                                                                 */
/* ------------------------------------------------------------------------------------------ */

/** Adapter ids of configured adapters carry this prefix, so they never collide with built-in ones. */
export const CONFIGURED_ID_PREFIX = 'configured:';

/** The adapter for a validated config (use parseAdapterConfig / AdapterConfigSchema first). */
export function createConfiguredAdapter(config: AdapterConfig): EhrAdapter {
  const reader = new ConfiguredReader(config);
  const patterns = config.urlPatterns.map((p) => parseMatchPattern(p)).flatMap((r) => (r.ok ? [r.pattern] : []));

  return {
    id: `${CONFIGURED_ID_PREFIX}${config.id}`,
    name: config.name,

    matches(url, doc) {
      try {
        if (!patterns.some((p) => matchPattern(p, url))) return false;
        return config.pageMustContain ? !!qs(doc, config.pageMustContain) : true;
      } catch {
        return false;
      }
    },

    hasInbox(doc) {
      return config.list.container ? !!qs(doc, config.list.container) : !!qs(doc, config.list.row);
    },

    listRows(doc) {
      return reader.listRows(doc);
    },

    readOpenMessage(doc) {
      return reader.openMessage(doc).message;
    },

    findReplyBox(doc) {
      return reader.replyBox(doc).el;
    },

    insertReply(doc, text): InsertResult {
      const box = reader.replyBox(doc).el;
      if (!box) return { ok: false, reason: 'no-reply-box' };
      if (isReadOnly(box)) return { ok: false, reason: 'read-only' };
      try {
        if (isTextControl(box)) {
          setNativeValue(box, text);
          box.focus();
        } else {
          insertIntoEditable(doc, box, text);
        }
        return { ok: true };
      } catch (e) {
        return { ok: false, reason: 'error', detail: e instanceof Error ? e.message : String(e) };
      }
    },
  };
}

/* ------------------------------------------------------------------------------------------ */
/* Live preview ("test on this tab")                                                           */
/* ------------------------------------------------------------------------------------------ */

export interface PreviewRow {
  /** Position on the page, from 1. */
  position: number;
  /** What the adapter extracts (null when the row has no id and would be skipped). */
  message: InboxMessage | null;
  /** Missing or unreadable fields of this row. */
  warnings: string[];
}

export interface ConfigPreview {
  /** The adapter would run on this page (URL patterns and pageMustContain). */
  matches: boolean;
  urlMatches: boolean;
  /** null when the config has no pageMustContain. */
  pageMustContainFound: boolean | null;
  hasInbox: boolean;
  rows: {
    /** Elements found by list.row. */
    count: number;
    /** Rows with a usable, unique id (the ones that get a badge). */
    usable: number;
    /** The first rows as extracted. */
    sample: PreviewRow[];
  };
  openMessage: OpenMessage | null;
  replyBoxFound: boolean;
  /** Sentences for the person testing the config; empty when all is well. */
  problems: string[];
}

const PREVIEW_ROWS = 5;

/**
 * What a config finds on a page, for the options page's preview on the IT person's own screen:
 * whether it would run, the rows (count and the first five as extracted, with per-row
 * warnings), the open message, the reply box, and the problems found, as sentences. The
 * extraction runs even when the URL does not match, so a config can be tried before it is
 * finished. Reads only; never writes to the page.
 */
export function previewConfig(config: AdapterConfig, doc: Document): ConfigPreview {
  const reader = new ConfiguredReader(config);
  const problems: string[] = [];
  const href = doc.location?.href ?? '';

  const urlMatches = href ? config.urlPatterns.some((p) => matchPattern(p, href)) : false;
  if (!urlMatches) {
    let shown = href;
    try {
      const u = new URL(href);
      shown = `${u.origin}${u.pathname}`;
    } catch {
      // keep as is
    }
    problems.push(`urlPatterns: this page's address (${shown || 'unknown'}) matches none of the patterns`);
  }
  let pageMustContainFound: boolean | null = null;
  if (config.pageMustContain) {
    pageMustContainFound = !!qs(doc, config.pageMustContain);
    if (!pageMustContainFound) problems.push('pageMustContain: nothing found on this page, so the adapter would not run here');
  }
  if (config.list.container && !qs(doc, config.list.container)) problems.push('list.container: nothing found on this page');

  const elements = reader.rowElements(doc);
  if (elements.length === 0) problems.push('list.row: no rows found on this page');
  const sample: PreviewRow[] = [];
  const missing = new Map<string, number>();
  const firstPosition = new Map<string, number>();
  let noId = 0;
  let usable = 0;
  elements.forEach((el, i) => {
    const r = reader.row(el, doc);
    for (const w of r.warnings) {
      const key = w.slice(0, w.indexOf(':'));
      missing.set(key, (missing.get(key) ?? 0) + 1);
    }
    if (!r.message) noId++;
    else if (firstPosition.has(r.message.id)) {
      problems.push(`list.id: rows ${firstPosition.get(r.message.id)} and ${i + 1} have the same id "${r.message.id}" (the second is skipped)`);
    } else {
      firstPosition.set(r.message.id, i + 1);
      usable++;
    }
    if (i < PREVIEW_ROWS) sample.push({ position: i + 1, message: r.message, warnings: r.warnings });
  });
  if (noId > 0) problems.push(`list.id: ${noId} of ${elements.length} rows have no id and would be skipped`);
  for (const [field, n] of missing) {
    if (field === 'list.id') continue;
    problems.push(`${field}: could not be read in ${n} of ${elements.length} rows`);
  }

  const open = reader.openMessage(doc);
  problems.push(...open.warnings);
  const reply = reader.replyBox(doc);
  if (reply.problem) problems.push(reply.problem);
  else if (reply.el && isReadOnly(reply.el)) problems.push('reply.box: found, but it is read-only or disabled right now');

  return {
    matches: urlMatches && pageMustContainFound !== false,
    urlMatches,
    pageMustContainFound,
    hasInbox: config.list.container ? !!qs(doc, config.list.container) : elements.length > 0,
    rows: { count: elements.length, usable, sample },
    openMessage: open.message,
    replyBoxFound: !!reply.el,
    problems,
  };
}
