/**
 * A practice's web EHR inbox, described as data instead of code (docs/ehr-targets.md §3,
 * docs/configurable-adapter.md). IT staff write one `AdapterConfig` per inbox page; the
 * options page imports and exports them as an `AdapterConfigFile`; hospitals can also push
 * them by policy (`chrome.storage.managed`, see managed.ts).
 *
 * Everything here is validation: selectors must parse, match patterns must follow Chrome's
 * rules, unknown fields are refused (they are almost always typos), and every error can be
 * turned into a sentence a person can act on (`formatConfigErrors`).
 */
import { z } from 'zod';

/* ------------------------------------------------------------------------------------------ */
/* CSS selectors                                                                               */
/* ------------------------------------------------------------------------------------------ */

export const MAX_SELECTOR_LENGTH = 1000;

export const SELECTOR_INVALID = 'not a valid CSS selector';
export const SELECTOR_PSEUDO_ELEMENT =
  'not a valid CSS selector for finding elements: pseudo-elements such as ::before never match an element';

/** Legacy single-colon spellings of pseudo-elements (they parse, but never match an element). */
const LEGACY_PSEUDO_ELEMENTS = new Set(['before', 'after', 'first-line', 'first-letter']);

function defaultDocument(): Document | null {
  const d = (globalThis as { document?: Document }).document;
  return d && typeof d.createDocumentFragment === 'function' ? d : null;
}

/**
 * Why a selector cannot be used to find elements, or null when it can.
 *
 * With a DOM (the options page, a content script, happy-dom in tests) the browser's own
 * parser decides, by running the selector on an empty fragment. Without one (the MV3 service
 * worker, plain Node) a syntax check written from the Selectors Level 4 grammar stands in.
 * Pseudo-elements are refused in both cases: they parse, but never match an element.
 */
export function selectorProblem(sel: string, doc?: Document | null): string | null {
  if (typeof sel !== 'string' || sel.trim() === '' || sel.length > MAX_SELECTOR_LENGTH) return SELECTOR_INVALID;
  const syntax = checkSelectorSyntax(sel);
  if (syntax === 'pseudo-element') return SELECTOR_PSEUDO_ELEMENT;
  const d = doc === undefined ? defaultDocument() : doc;
  if (d) {
    try {
      d.createDocumentFragment().querySelector(sel);
      return null;
    } catch {
      return SELECTOR_INVALID;
    }
  }
  return syntax === 'ok' ? null : SELECTOR_INVALID;
}

/** True when `sel` is a CSS selector that can find elements (see `selectorProblem`). */
export function isValidSelector(sel: string, doc?: Document | null): boolean {
  return selectorProblem(sel, doc) === null;
}

type SyntaxResult = 'ok' | 'invalid' | 'pseudo-element';

/**
 * A DOM-free syntax check for selector lists (used where no document exists). It follows the
 * grammar of Selectors Level 4: compound selectors of type, #id, .class, [attribute] and
 * :pseudo-class parts joined by combinators, with :is/:where/:not/:has/:nth-* arguments
 * checked recursively. Unknown pseudo-class names are accepted (a browser would decide).
 */
export function checkSelectorSyntax(sel: string): SyntaxResult {
  const p = new SelectorParser(sel);
  try {
    p.selectorList(false, false);
    p.ws();
    if (!p.eof()) return 'invalid';
    return p.sawPseudoElement ? 'pseudo-element' : 'ok';
  } catch (e) {
    if (e === PSEUDO_ELEMENT) return 'pseudo-element';
    return 'invalid';
  }
}

const PSEUDO_ELEMENT = Symbol('pseudo-element');
class SelectorSyntaxError extends Error {}

const SELECTOR_LIST_PSEUDOS = new Set(['is', 'where', 'not', 'matches', 'any', '-webkit-any', '-moz-any', 'host', 'host-context', 'current', 'past', 'future']);
const FORGIVING_PSEUDOS = new Set(['is', 'where']);
const NTH_OF_PSEUDOS = new Set(['nth-child', 'nth-last-child']);
const NTH_PSEUDOS = new Set(['nth-of-type', 'nth-last-of-type', 'nth-col', 'nth-last-col']);
const ANB = /^(?:odd|even|[+-]?\d+|[+-]?\d*n(?:\s*[+-]\s*\d+)?)$/i;

class SelectorParser {
  i = 0;
  sawPseudoElement = false;
  constructor(private readonly s: string) {}

  eof(): boolean {
    return this.i >= this.s.length;
  }
  peek(o = 0): string {
    return this.s[this.i + o] ?? '';
  }
  fail(): never {
    throw new SelectorSyntaxError();
  }
  ws(): boolean {
    const start = this.i;
    while (/[ \t\n\r\f]/.test(this.peek())) this.i++;
    return this.i > start;
  }

  /** selector-list := complex (',' complex)* ; relative lists allow a leading combinator. */
  selectorList(relative: boolean, forgiving: boolean): void {
    for (;;) {
      this.ws();
      if (forgiving && (this.peek() === ')' || this.peek() === ',')) {
        // forgiving lists may hold empty entries
      } else {
        this.complex(relative);
      }
      this.ws();
      if (this.peek() !== ',') return;
      this.i++;
    }
  }

  complex(relative: boolean): void {
    if (relative && /[>+~]/.test(this.peek())) {
      this.i++;
      this.ws();
    }
    this.compound();
    for (;;) {
      const hadWs = this.ws();
      const c = this.peek();
      if (c === '>' || c === '+' || c === '~') {
        this.i++;
        this.ws();
        this.compound();
      } else if (hadWs && c !== '' && c !== ',' && c !== ')') {
        this.compound();
      } else {
        return;
      }
    }
  }

  compound(): void {
    let parts = 0;
    // type selector or universal, with an optional namespace prefix
    if (this.peek() === '*' || this.isIdentStart() || (this.peek() === '|' && this.peek(1) !== '=')) {
      this.typeSelector();
      parts++;
    }
    for (;;) {
      const c = this.peek();
      if (c === '#') {
        this.i++;
        if (!this.isIdentStart()) this.fail();
        this.ident();
      } else if (c === '.') {
        this.i++;
        this.ident();
      } else if (c === '[') {
        this.attribute();
      } else if (c === ':') {
        this.pseudo();
      } else if (c === '&') {
        this.i++;
      } else {
        break;
      }
      parts++;
    }
    if (parts === 0) this.fail();
  }

  typeSelector(): void {
    const name = (): void => {
      if (this.peek() === '*') this.i++;
      else this.ident();
    };
    if (this.peek() === '|') {
      this.i++;
      name();
      return;
    }
    name();
    if (this.peek() === '|' && this.peek(1) !== '=') {
      this.i++;
      name();
    }
  }

  attribute(): void {
    this.i++; // [
    this.ws();
    if (this.peek() === '*' && this.peek(1) === '|') this.i += 2;
    else if (this.peek() === '|') this.i++;
    this.ident();
    if (this.peek() === '|' && this.peek(1) !== '=') {
      this.i++;
      this.ident();
    }
    this.ws();
    if (this.peek() === ']') {
      this.i++;
      return;
    }
    if (this.peek() === '=') this.i++;
    else if (/[~|^$*]/.test(this.peek()) && this.peek(1) === '=') this.i += 2;
    else this.fail();
    this.ws();
    if (this.peek() === '"' || this.peek() === "'") this.string();
    else this.ident();
    this.ws();
    if (/[iIsS]/.test(this.peek()) && !this.isNameChar(this.peek(1))) {
      this.i++;
      this.ws();
    }
    if (this.peek() !== ']') this.fail();
    this.i++;
  }

  pseudo(): void {
    this.i++; // :
    if (this.peek() === ':') {
      this.sawPseudoElement = true;
      throw PSEUDO_ELEMENT;
    }
    const name = this.ident().toLowerCase();
    if (LEGACY_PSEUDO_ELEMENTS.has(name)) throw PSEUDO_ELEMENT;
    if (this.peek() !== '(') {
      if (SELECTOR_LIST_PSEUDOS.has(name) && name !== 'host' && name !== 'current' && name !== 'past' && name !== 'future') this.fail();
      if (name === 'has' || NTH_OF_PSEUDOS.has(name) || NTH_PSEUDOS.has(name) || name === 'lang' || name === 'dir' || name === 'state') this.fail();
      return;
    }
    this.i++; // (
    if (name === 'has') {
      this.selectorList(true, false);
    } else if (SELECTOR_LIST_PSEUDOS.has(name)) {
      this.selectorList(false, FORGIVING_PSEUDOS.has(name));
    } else if (NTH_OF_PSEUDOS.has(name) || NTH_PSEUDOS.has(name)) {
      const start = this.i;
      while (!this.eof() && this.peek() !== ')' && !(NTH_OF_PSEUDOS.has(name) && /^\s+of\s/i.test(this.s.slice(this.i)))) this.i++;
      const anb = this.s.slice(start, this.i).trim();
      if (!ANB.test(anb)) this.fail();
      if (this.peek() !== ')') {
        this.ws();
        this.i += 2; // of
        this.selectorList(false, false);
      }
    } else {
      this.balancedArgument();
    }
    this.ws();
    if (this.peek() !== ')') this.fail();
    this.i++;
  }

  /** Arguments of pseudo-classes this checker does not know: any balanced, non-empty text. */
  balancedArgument(): void {
    let depth = 0;
    const start = this.i;
    while (!this.eof()) {
      const c = this.peek();
      if (c === '"' || c === "'") {
        this.string();
        continue;
      }
      if (c === '\\') {
        this.escape();
        continue;
      }
      if (c === '(' || c === '[') depth++;
      else if (c === ')' || c === ']') {
        if (depth === 0) break;
        depth--;
      }
      this.i++;
    }
    if (depth !== 0 || this.s.slice(start, this.i).trim() === '') this.fail();
  }

  isNameChar(c: string): boolean {
    return /[A-Za-z0-9_-]/.test(c) || (c !== '' && c.charCodeAt(0) >= 0x80);
  }

  isIdentStart(): boolean {
    const c = this.peek();
    const n = this.peek(1);
    const startChar = (x: string): boolean => /[A-Za-z_]/.test(x) || (x !== '' && x.charCodeAt(0) >= 0x80);
    const validEscape = (a: string, b: string): boolean => a === '\\' && b !== '' && b !== '\n';
    if (c === '-') return startChar(n) || n === '-' || validEscape(n, this.peek(2));
    return startChar(c) || validEscape(c, n);
  }

  ident(): string {
    if (!this.isIdentStart()) this.fail();
    let out = '';
    while (!this.eof()) {
      const c = this.peek();
      if (c === '\\') out += this.escape();
      else if (this.isNameChar(c)) {
        out += c;
        this.i++;
      } else break;
    }
    return out;
  }

  escape(): string {
    this.i++; // backslash
    const c = this.peek();
    if (c === '' || c === '\n') this.fail();
    const hex = /^[0-9a-fA-F]{1,6}/.exec(this.s.slice(this.i));
    if (hex) {
      this.i += hex[0].length;
      if (/[ \t\n]/.test(this.peek())) this.i++;
      return String.fromCodePoint(Math.min(parseInt(hex[0], 16), 0x10ffff) || 0xfffd);
    }
    this.i++;
    return c;
  }

  string(): void {
    const q = this.peek();
    this.i++;
    while (!this.eof()) {
      const c = this.peek();
      if (c === q) {
        this.i++;
        return;
      }
      if (c === '\n') this.fail();
      if (c === '\\') {
        this.i += 2;
        continue;
      }
      this.i++;
    }
    this.fail();
  }
}

/* ------------------------------------------------------------------------------------------ */
/* Chrome match patterns                                                                       */
/* ------------------------------------------------------------------------------------------ */

/** A match pattern split into its parts (https://developer.chrome.com/docs/extensions/develop/concepts/match-patterns). */
export interface ParsedMatchPattern {
  /** `<all_urls>`: every http, https, ws, wss, ftp and file URL. */
  allUrls: boolean;
  /** 'http' | 'https' | 'ws' | 'wss' | 'ftp' | 'file', or '*' (http and https). */
  scheme: string;
  /** Canonical host (lower case, punycode), without '*.'; '' for file and for a host of '*'. */
  host: string;
  /** The host was '*' (any host). */
  allHosts: boolean;
  /** The host started with '*.' (the host itself and all its subdomains). */
  matchSubdomains: boolean;
  /** '*' (any port: also the meaning of a pattern without a port) or a port number. */
  port: string;
  /** Starts with '/'; '*' matches any run of characters, everything else is literal. */
  path: string;
}

export type MatchPatternParse = { ok: true; pattern: ParsedMatchPattern } | { ok: false; reason: string };

const PATTERN_SCHEMES = new Set(['http', 'https', 'ws', 'wss', 'ftp', 'file', '*']);

/**
 * Parse a Chrome match pattern, with Chrome's rules: `<scheme>://<host><path>`, scheme one of
 * http/https/ws/wss/ftp/file or '*' (http and https); host '*', '*.' + a host, or a host, with
 * an optional ':port' (none or ':*' means any port); the path is required and may use '*'
 * anywhere. `<all_urls>` parses here; the adapter schema refuses it (see MatchPatternSchema).
 */
export function parseMatchPattern(pattern: string): MatchPatternParse {
  const bad = (reason: string): MatchPatternParse => ({ ok: false, reason });
  if (typeof pattern !== 'string' || pattern === '') return bad('it is empty');
  if (pattern === '<all_urls>') {
    return { ok: true, pattern: { allUrls: true, scheme: '*', host: '', allHosts: true, matchSubdomains: false, port: '*', path: '/*' } };
  }
  if (/\s/.test(pattern)) return bad('it must not contain spaces');
  const sep = pattern.indexOf('://');
  if (sep <= 0) return bad('it must look like scheme://host/path, e.g. https://ehr.example.com/*');
  const scheme = pattern.slice(0, sep).toLowerCase();
  if (!PATTERN_SCHEMES.has(scheme)) return bad(`"${pattern.slice(0, sep)}" is not a scheme Chrome accepts in a match pattern`);
  const rest = pattern.slice(sep + 3);
  if (scheme === 'file') {
    if (!rest.startsWith('/')) return bad('a file pattern must look like file:///path');
    return { ok: true, pattern: { allUrls: false, scheme, host: '', allHosts: false, matchSubdomains: false, port: '*', path: rest } };
  }
  const slash = rest.indexOf('/');
  if (slash < 0) return bad('the path is missing (end it with / or /*)');
  let hostPort = rest.slice(0, slash);
  const path = rest.slice(slash);
  if (hostPort === '') return bad('the host is missing');
  let port = '*';
  const close = hostPort.startsWith('[') ? hostPort.indexOf(']') : -1;
  const colon = hostPort.indexOf(':', close < 0 ? 0 : close);
  if (colon >= 0) {
    port = hostPort.slice(colon + 1);
    hostPort = hostPort.slice(0, colon);
    if (port !== '*' && !(/^\d{1,5}$/.test(port) && Number(port) <= 65535)) return bad('the port must be a number or *');
    if (port !== '*') port = String(Number(port));
  }
  if (hostPort === '') return bad('the host is missing');
  if (hostPort === '*') {
    return { ok: true, pattern: { allUrls: false, scheme, host: '', allHosts: true, matchSubdomains: false, port, path } };
  }
  let host = hostPort;
  let matchSubdomains = false;
  if (host.startsWith('*.')) {
    matchSubdomains = true;
    host = host.slice(2);
    if (host === '') return bad('a host is needed after "*."');
  }
  if (host.includes('*')) return bad('a * in the host may only be the whole host or its start, as in *.example.com');
  if (/[/?#@\\%]/.test(host)) return bad(`"${host}" is not a valid host name`);
  let canonical: string;
  try {
    canonical = new URL(`http://${host}/`).hostname;
  } catch {
    return bad(`"${host}" is not a valid host name`);
  }
  if (!canonical) return bad(`"${host}" is not a valid host name`);
  return { ok: true, pattern: { allUrls: false, scheme, host: canonical, allHosts: false, matchSubdomains, port, path } };
}

/** Why a pattern cannot be used in an adapter config (Chrome rules plus this extension's limits), or null. */
export function matchPatternProblem(pattern: string): string | null {
  if (pattern === '<all_urls>') return '<all_urls> is not allowed: name the EHR\'s own address, e.g. https://ehr.example.com/*';
  const parsed = parseMatchPattern(pattern);
  if (!parsed.ok) return `not a valid match pattern: ${parsed.reason}`;
  const p = parsed.pattern;
  if (p.scheme !== 'http' && p.scheme !== 'https' && p.scheme !== '*') return 'not allowed: an EHR page is served over https or http (scheme https, http or *)';
  if (p.allHosts) return 'not allowed: a host of * would match every website; name the EHR\'s host';
  if (p.matchSubdomains && !p.host.includes('.') && p.host !== 'localhost') return `not allowed: *.${p.host} would match every website under .${p.host}`;
  return null;
}

/* ------------------------------------------------------------------------------------------ */
/* Human error messages                                                                        */
/* ------------------------------------------------------------------------------------------ */

export const REQUIRED = 'required field is missing';

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  switch (typeof v) {
    case 'string':
      return 'text';
    case 'number':
      return 'a number';
    case 'boolean':
      return v ? 'true' : 'false';
    case 'object':
      return 'an object';
    default:
      return typeof v;
  }
}

type AnyIssue = { code?: string; input?: unknown; [k: string]: unknown };

/** Schema-level error: "required field is missing" or "must be <what>, not <found>". */
function typed(what: string) {
  return {
    error: (iss: AnyIssue): string | undefined => {
      if (iss.code !== 'invalid_type') return undefined;
      return iss.input === undefined ? REQUIRED : `must be ${what}, not ${describe(iss.input)}`;
    },
  };
}

function literalError(expected: string, newer?: (n: number) => string) {
  return {
    error: (iss: AnyIssue): string | undefined => {
      if (iss.input === undefined) return REQUIRED;
      if (newer && typeof iss.input === 'number' && iss.input > 1) return newer(iss.input);
      return `must be ${expected}`;
    },
  };
}

/* ------------------------------------------------------------------------------------------ */
/* Building blocks                                                                             */
/* ------------------------------------------------------------------------------------------ */

export const SelectorSchema = z
  .string(typed('a CSS selector in quotes'))
  .superRefine((s, ctx) => {
    const problem = selectorProblem(s);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const MatchPatternSchema = z
  .string(typed('a match pattern in quotes, e.g. "https://ehr.example.com/inbox*"'))
  .max(2048, { error: 'is too long (at most 2048 characters)' })
  .superRefine((s, ctx) => {
    const problem = matchPatternProblem(s);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const AttributeNameSchema = z
  .string(typed('an attribute name in quotes'))
  .regex(/^[A-Za-z_:][-A-Za-z0-9_:.]{0,99}$/, { error: 'not a valid attribute name (e.g. "datetime", "data-id", "title")' });

const ClassNameSchema = z
  .string(typed('a class name in quotes'))
  .superRefine((s, ctx) => {
    if (s.startsWith('.')) ctx.addIssue({ code: 'custom', message: 'write the class name without the leading dot' });
    else if (!/^[^\s.#[\]"'>+~,:()]{1,200}$/.test(s)) ctx.addIssue({ code: 'custom', message: 'must be one class name (no spaces)' });
  });

export const REGEX_INVALID = 'not a valid regular expression';

const RegexSchema = z
  .string(typed('a regular expression in quotes'))
  .min(1, { error: 'must not be empty' })
  .max(500, { error: 'is too long (at most 500 characters)' })
  .superRefine((s, ctx) => {
    try {
      new RegExp(s);
    } catch {
      ctx.addIssue({ code: 'custom', message: REGEX_INVALID });
    }
  });

const RegexFlagsSchema = z
  .string(typed('regular expression flags in quotes'))
  .regex(/^(?!.*(.).*\1)[imsu]*$/, { error: 'may only hold the flags i, m, s and u, each once' });

/** A value read from an element: its text, or one of its attributes. */
export const FieldSchema = z
  .strictObject(
    {
      /** Where, inside the row (or the detail container). Without it: the row/container itself. */
      selector: SelectorSchema.optional(),
      /** Read this attribute instead of the text (for `date`: the machine-readable date, e.g. datetime). */
      attribute: AttributeNameSchema.optional(),
    },
    typed('an object such as { "selector": ".from" }'),
  )
  .superRefine((f, ctx) => {
    if (f.selector === undefined && f.attribute === undefined) {
      ctx.addIssue({ code: 'custom', message: 'give a selector, an attribute, or both' });
    }
  });
export type FieldConfig = z.output<typeof FieldSchema>;

const idSourceError = (kinds: readonly string[]) => ({
  error: (iss: AnyIssue): string | undefined => {
    if (iss.code === 'invalid_type') return iss.input === undefined ? REQUIRED : `must be an object such as { "from": "attribute", "attribute": "data-id" }, not ${describe(iss.input)}`;
    if (iss.code === 'invalid_union') {
      const input = iss.input as { from?: unknown } | undefined;
      if (input && typeof input === 'object' && input.from === undefined) return REQUIRED;
      return `must be one of ${kinds.map((k) => `"${k}"`).join(', ')}`;
    }
    return undefined;
  },
});

const IdFromAttribute = z.strictObject(
  {
    from: z.literal('attribute'),
    selector: SelectorSchema.optional(),
    attribute: AttributeNameSchema,
    pattern: RegexSchema.optional(),
    flags: RegexFlagsSchema.optional(),
  },
  typed('an object'),
);
const IdFromHrefParam = z.strictObject(
  {
    from: z.literal('href-param'),
    /** The link; default `a[href]` (or the row itself when it is a link). */
    selector: SelectorSchema.optional(),
    param: z.string(typed('a parameter name in quotes')).min(1, { error: 'must not be empty' }).max(100, { error: 'is too long (at most 100 characters)' }),
  },
  typed('an object'),
);
const IdFromText = z.strictObject(
  {
    from: z.literal('text'),
    selector: SelectorSchema.optional(),
    pattern: RegexSchema.optional(),
    flags: RegexFlagsSchema.optional(),
  },
  typed('an object'),
);
const IdFromUrlParam = z.strictObject(
  {
    from: z.literal('url-param'),
    param: z.string(typed('a parameter name in quotes')).min(1, { error: 'must not be empty' }).max(100, { error: 'is too long (at most 100 characters)' }),
  },
  typed('an object'),
);
const IdFromUrl = z.strictObject(
  {
    from: z.literal('url'),
    pattern: RegexSchema,
    flags: RegexFlagsSchema.optional(),
  },
  typed('an object'),
);

const ROW_ID_KINDS = ['attribute', 'href-param', 'text'] as const;
const DETAIL_ID_KINDS = ['attribute', 'href-param', 'text', 'url-param', 'url'] as const;

/** Where a row's stable id is: an attribute, a link's query parameter, or a regex on text. */
export const RowIdSchema = z.discriminatedUnion('from', [IdFromAttribute, IdFromHrefParam, IdFromText], idSourceError(ROW_ID_KINDS));
/** The open message's id: as for rows (inside the detail container), or from the page's own URL. */
export const DetailIdSchema = z.discriminatedUnion(
  'from',
  [IdFromAttribute, IdFromHrefParam, IdFromText, IdFromUrlParam, IdFromUrl],
  idSourceError(DETAIL_ID_KINDS),
);
export type RowIdConfig = z.output<typeof RowIdSchema>;
export type DetailIdConfig = z.output<typeof DetailIdSchema>;

/** A row state (unread, selected): the row matches / contains a selector, or has a class. */
export const RowStateSchema = z
  .strictObject({ selector: SelectorSchema.optional(), class: ClassNameSchema.optional() }, typed('an object such as { "class": "unread" }'))
  .superRefine((u, ctx) => {
    if ((u.selector === undefined) === (u.class === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'give either "selector" or "class" (exactly one)' });
    }
  });
export type RowStateConfig = z.output<typeof RowStateSchema>;

export const ListSchema = z.strictObject(
  {
    /** Optional: the element holding the rows (lets an empty inbox be recognised). */
    container: SelectorSchema.optional(),
    /** One element per message. */
    row: SelectorSchema,
    id: RowIdSchema,
    sender: FieldSchema,
    subject: FieldSchema,
    /** The date shown; `attribute` names where the machine-readable date is (e.g. datetime). */
    date: FieldSchema,
    preview: FieldSchema.optional(),
    patient: FieldSchema.optional(),
    unread: RowStateSchema.optional(),
    /** Optional: marks the row of the message open in the detail view. */
    selected: RowStateSchema.optional(),
    /** Where the urgency badge goes, inside the row; default: the row. */
    badgeAnchor: SelectorSchema.optional(),
  },
  typed('an object'),
);

export const DetailSchema = z.strictObject(
  {
    container: SelectorSchema,
    id: DetailIdSchema.optional(),
    subject: FieldSchema.optional(),
    sender: FieldSchema.optional(),
    patient: FieldSchema.optional(),
    date: FieldSchema.optional(),
    /** The message text, inside the container. */
    body: SelectorSchema,
  },
  typed('an object'),
);

export const REPLY_KINDS = ['textarea', 'input', 'contenteditable'] as const;

export const ReplySchema = z.strictObject(
  {
    /** The reply box itself, or an element around it (the first box of `kind` inside is used). */
    box: SelectorSchema,
    kind: z.enum(REPLY_KINDS, {
      error: (iss: AnyIssue) => (iss.input === undefined ? REQUIRED : 'must be one of "textarea", "input", "contenteditable"'),
    }),
  },
  typed('an object'),
);

export const CleanupSchema = z.strictObject(
  {
    /** Removed from the start of subjects, previews and bodies, repeatedly, ignoring case ("RE:", "[Portal]"). */
    stripPrefixes: z
      .array(z.string(typed('text in quotes')).min(1, { error: 'must not be empty' }).max(100, { error: 'is too long (at most 100 characters)' }), typed('a list of texts'))
      .max(50, { error: 'has too many entries (at most 50)' })
      .default([]),
    /** True: message bodies are read as one line; false (default): paragraph breaks are kept. */
    collapseWhitespace: z.boolean(typed('true or false')).default(false),
    /** Elements left out of every text read (signature blocks, screen-reader-only labels, MRNs). */
    removeSelectors: z.array(SelectorSchema, typed('a list of CSS selectors')).max(50, { error: 'has too many entries (at most 50)' }).default([]),
  },
  typed('an object'),
);

export const ADAPTER_SCHEMA_VERSION = 1 as const;

export const AdapterConfigSchema = z.strictObject(
  {
    schemaVersion: z.literal(
      ADAPTER_SCHEMA_VERSION,
      literalError('1', (n) => `is ${n}, but this extension reads adapter schemaVersion 1 (update the extension)`),
    ),
    /** Short lowercase name: letters, digits and dashes. */
    id: z
      .string(typed('a short name in quotes'))
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'must be a short lowercase name of letters, digits and dashes, e.g. "acme-inbox"' })
      .max(64, { error: 'is too long (at most 64 characters)' }),
    /** Shown to users. */
    name: z
      .string(typed('text in quotes'))
      .trim()
      .min(1, { error: 'must not be empty' })
      .max(100, { error: 'is too long (at most 100 characters)' }),
    urlPatterns: z
      .array(MatchPatternSchema, typed('a list of match patterns, e.g. ["https://ehr.example.com/inbox*"]'))
      .min(1, { error: 'needs at least one match pattern' })
      .max(20, { error: 'has too many entries (at most 20)' }),
    /** A selector that must find something for the adapter to run (tells the inbox from other pages). */
    pageMustContain: SelectorSchema.optional(),
    list: ListSchema,
    detail: DetailSchema,
    reply: ReplySchema,
    cleanup: CleanupSchema.optional(),
  },
  typed('an object'),
);
export type AdapterConfig = z.output<typeof AdapterConfigSchema>;
export type AdapterConfigInput = z.input<typeof AdapterConfigSchema>;

export const CONFIG_FILE_KIND = 'inbox-triage-adapters' as const;
export const CONFIG_FILE_VERSION = 1 as const;
export const MAX_ADAPTERS = 50;

export const AdapterConfigFileSchema = z
  .strictObject(
    {
      kind: z.literal(CONFIG_FILE_KIND, literalError(`"${CONFIG_FILE_KIND}"`)),
      version: z.literal(
        CONFIG_FILE_VERSION,
        literalError('1', (n) => `is ${n}, but this extension reads version 1 files (update the extension)`),
      ),
      adapters: z.array(AdapterConfigSchema, typed('a list of adapters')).max(MAX_ADAPTERS, { error: `has too many entries (at most ${MAX_ADAPTERS})` }),
    },
    typed('an object'),
  )
  .superRefine((file, ctx) => {
    const seen = new Map<string, number>();
    file.adapters.forEach((a, i) => {
      const first = seen.get(a.id);
      if (first !== undefined) ctx.addIssue({ code: 'custom', path: ['adapters', i, 'id'], message: `"${a.id}" is already used by adapters[${first}]` });
      else seen.set(a.id, i);
    });
  });
export type AdapterConfigFile = z.output<typeof AdapterConfigFileSchema>;

/** The file's envelope only (kind, version, a list), for checking its adapters one by one. */
export const AdapterConfigFileEnvelopeSchema = z.strictObject(
  {
    kind: z.literal(CONFIG_FILE_KIND, literalError(`"${CONFIG_FILE_KIND}"`)),
    version: z.literal(
      CONFIG_FILE_VERSION,
      literalError('1', (n) => `is ${n}, but this extension reads version 1 files (update the extension)`),
    ),
    adapters: z.array(z.unknown(), typed('a list of adapters')),
  },
  typed('an object'),
);

/* ------------------------------------------------------------------------------------------ */
/* Errors as sentences                                                                         */
/* ------------------------------------------------------------------------------------------ */

/** `adapters[0].list.row` from a zod path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const k of path) {
    if (typeof k === 'number') out += `[${k}]`;
    else if (typeof k === 'string' && /^[A-Za-z_$][\w$]*$/.test(k)) out += out ? `.${k}` : k;
    else out += `[${JSON.stringify(String(k))}]`;
  }
  return out;
}

type IssueLike = z.core.$ZodIssue;

/** Zod's default English messages, turned into the same style as ours. */
function humanMessage(iss: IssueLike): string {
  const m = iss.message;
  if (!m.startsWith('Invalid') && !m.startsWith('Too ') && !m.startsWith('Unrecognized')) return m;
  switch (iss.code) {
    case 'invalid_type': {
      const received = /received (\w+)/.exec(m)?.[1];
      return received === 'undefined' ? REQUIRED : `must be ${iss.expected}${received ? `, not ${received}` : ''}`;
    }
    case 'invalid_value':
      return `must be ${iss.values.map((v) => JSON.stringify(v)).join(' or ')}`;
    case 'too_small':
      return iss.origin === 'array' ? `needs at least ${String(iss.minimum)} entries` : iss.origin === 'string' ? 'must not be empty' : `must be at least ${String(iss.minimum)}`;
    case 'too_big':
      return iss.origin === 'array' ? `has too many entries (at most ${String(iss.maximum)})` : iss.origin === 'string' ? `is too long (at most ${String(iss.maximum)} characters)` : `must be at most ${String(iss.maximum)}`;
    case 'invalid_union':
      return 'is not in any of the accepted forms';
    case 'invalid_format':
      return 'is not in the expected format';
    default:
      return m;
  }
}

function issueSentences(iss: IssueLike, prefix: readonly PropertyKey[], root: string): string[] {
  const path = [...prefix, ...iss.path];
  const where = (p: readonly PropertyKey[]): string => formatPath(p) || root;
  if (iss.code === 'unrecognized_keys') {
    return iss.keys.map((k) => `${where([...path, k])}: unknown field (check the spelling; remove it if it is not needed)`);
  }
  if (iss.code === 'invalid_union' && iss.errors.length > 0 && !iss.message.startsWith('must be one of')) {
    // A union of object shapes: report the branch that got furthest (fewest type errors at its root).
    const ranked = iss.errors
      .map((branch) => ({ branch, rootTypeErrors: branch.filter((b) => b.code === 'invalid_type' && b.path.length === 0).length }))
      .sort((a, b) => a.rootTypeErrors - b.rootTypeErrors || a.branch.length - b.branch.length);
    const best = ranked[0]?.branch;
    if (best && best.length > 0) return best.flatMap((b) => issueSentences(b, path, root));
  }
  return [`${where(path)}: ${humanMessage(iss)}`];
}

/**
 * A zod error as sentences a person can act on, one per problem, each starting with where it
 * is: "adapters[0].list.row: not a valid CSS selector". `prefix` is prepended to every path
 * (e.g. ['adapters', 2] when an adapter was checked on its own).
 */
export function formatConfigErrors(err: z.ZodError, prefix: readonly PropertyKey[] = [], root = 'the configuration'): string[] {
  const out: string[] = [];
  for (const iss of err.issues) for (const s of issueSentences(iss, prefix, root)) if (!out.includes(s)) out.push(s);
  return out;
}

/* ------------------------------------------------------------------------------------------ */
/* Parsing helpers (objects or JSON text)                                                      */
/* ------------------------------------------------------------------------------------------ */

export type ConfigResult<T> = { ok: true; value: T } | { ok: false; errors: string[] };

export const NOT_JSON = 'the text is not valid JSON (look for a missing comma, quote or bracket)';

/** JSON text to a value, or the not-JSON sentence. */
export function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, error: NOT_JSON };
  }
}

/** One adapter config (an object, or JSON text of one). */
export function parseAdapterConfig(raw: unknown, prefix: readonly PropertyKey[] = []): ConfigResult<AdapterConfig> {
  let value = raw;
  if (typeof raw === 'string') {
    const j = parseJsonText(raw);
    if (!j.ok) return { ok: false, errors: [prefix.length ? `${formatPath(prefix)}: ${j.error}` : j.error] };
    value = j.value;
  }
  const r = AdapterConfigSchema.safeParse(value);
  return r.success ? { ok: true, value: r.data } : { ok: false, errors: formatConfigErrors(r.error, prefix) };
}

/** An import/export file (an object, or its JSON text). All or nothing: see managed.ts for one-by-one. */
export function parseAdapterConfigFile(raw: unknown): ConfigResult<AdapterConfigFile> {
  let value = raw;
  if (typeof raw === 'string') {
    const j = parseJsonText(raw);
    if (!j.ok) return { ok: false, errors: [j.error] };
    value = j.value;
  }
  const r = AdapterConfigFileSchema.safeParse(value);
  return r.success ? { ok: true, value: r.data } : { ok: false, errors: formatConfigErrors(r.error, [], 'the file') };
}

/** The export file for these adapters, as pretty JSON text. */
export function exportAdapterConfigFile(adapters: readonly AdapterConfig[]): string {
  const file: AdapterConfigFile = { kind: CONFIG_FILE_KIND, version: CONFIG_FILE_VERSION, adapters: [...adapters] };
  return `${JSON.stringify(file, null, 2)}\n`;
}
