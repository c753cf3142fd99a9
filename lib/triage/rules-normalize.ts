/**
 * Text normalisation for the red-flag rules, with an offset map back to the original string.
 *
 * The normalised text is lowercase, accent-free ("caída" -> "caida"), has apostrophes removed
 * ("can't" -> "cant"), hyphens/dashes/underscores turned into spaces ("6-week-old" -> "6 week old"),
 * HTML tags replaced by a space (block tags by a newline), common entities decoded, and every
 * whitespace run collapsed to one space (or one newline when the run contained a line break).
 * Every normalised character remembers the original [start, end) it came from.
 */

export interface Normalized {
  /** The normalised text the rule patterns run on. */
  text: string;
  /** starts[i]: offset in the original string of normalised char i. */
  starts: number[];
  /** ends[i]: offset just past the original char(s) that produced normalised char i. */
  ends: number[];
}

const TAG_RE = /<\/?([a-zA-Z][a-zA-Z0-9]{0,15})(?:[\s/][^<>]{0,500})?>|<!--[\s\S]{0,2000}?-->/y;
const BLOCK_TAGS = /^(?:br|p|div|li|ul|ol|tr|td|th|table|h[1-6]|hr|blockquote|section|article|header|footer|pre)$/i;
const ENTITY_RE = /&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});/y;
const NAMED_ENTITIES: Record<string, string> = {
  nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", rsquo: "'", lsquo: "'", ldquo: '"',
  rdquo: '"', ndash: '-', mdash: '-', hellip: '.', deg: '°', eacute: 'é', aacute: 'á', iacute: 'í',
  oacute: 'ó', uacute: 'ú', ntilde: 'ñ', uuml: 'ü', iexcl: '¡', iquest: '¿',
};
const APOSTROPHES = new Set(["'", '’', '‘', 'ʼ', '`', '´', 'ʹ', '′']);
const DASHES = new Set(['-', '‐', '‑', '‒', '–', '—', '―', '−', '_', '~']);
const INVISIBLE = /[\u200b-\u200f\u2060\ufeff\u00ad]/;
const WHITESPACE = /\s/;
const NEWLINES = /[\n\r\u2028\u2029\u000b\u000c]/;
const MARKS = /\p{M}/gu;

class Builder {
  readonly out: string[] = [];
  readonly starts: number[] = [];
  readonly ends: number[] = [];

  push1(ch: string, a: number, b: number): void {
    this.out.push(ch);
    this.starts.push(a);
    this.ends.push(b);
  }

  push(s: string, a: number, b: number): void {
    for (const ch of s) {
      this.out.push(ch);
      this.starts.push(a);
      this.ends.push(b);
    }
  }

  /** Whitespace: collapse runs; a run containing a newline becomes '\n'. Leading whitespace is dropped. */
  space(newline: boolean, a: number, b: number): void {
    const n = this.out.length;
    if (n === 0) return;
    const last = this.out[n - 1];
    if (last === ' ' || last === '\n') {
      if (newline && last === ' ') this.out[n - 1] = '\n';
      return;
    }
    this.push(newline ? '\n' : ' ', a, b);
  }

  /** A removed combining mark or invisible char stays part of the previous char's span. */
  extend(b: number): void {
    const n = this.ends.length;
    if (n > 0) this.ends[n - 1] = b;
  }
}

function emitAscii(bld: Builder, code: number, a: number, b: number): void {
  if (code === 32 || code === 9) return bld.space(false, a, b);
  if (code === 10 || code === 13 || code === 11 || code === 12) return bld.space(true, a, b);
  if (code === 39 || code === 96) return; // apostrophes
  if (code === 45 || code === 95 || code === 126) return bld.space(false, a, b); // - _ ~
  if (code < 32 || code === 127) return bld.space(false, a, b); // control chars
  bld.push1(code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : String.fromCharCode(code), a, b);
}

function emitChar(bld: Builder, ch: string, a: number, b: number): void {
  const code = ch.charCodeAt(0);
  if (code < 128) return emitAscii(bld, code, a, b);
  if (WHITESPACE.test(ch)) return bld.space(NEWLINES.test(ch), a, b);
  if (APOSTROPHES.has(ch)) return;
  if (DASHES.has(ch)) return bld.space(false, a, b);
  if (INVISIBLE.test(ch)) return bld.extend(b);
  const folded = ch.normalize('NFD').replace(MARKS, '').toLowerCase();
  if (folded === '') return bld.extend(b);
  bld.push(folded, a, b);
}

function decodeEntity(body: string): string {
  if (body[0] === '#') {
    const cp = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    const ok = Number.isFinite(cp) && cp > 0 && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff);
    return ok ? String.fromCodePoint(cp) : ' ';
  }
  return NAMED_ENTITIES[body.toLowerCase()] ?? ' ';
}

/** Try to consume an HTML tag or entity at i; returns the new index or -1. */
function consumeMarkup(bld: Builder, input: string, i: number): number {
  const code = input.charCodeAt(i);
  if (code === 60 /* < */) {
    TAG_RE.lastIndex = i;
    const m = TAG_RE.exec(input);
    if (m) {
      const end = i + m[0].length;
      bld.space(m[1] !== undefined && BLOCK_TAGS.test(m[1]), i, end);
      return end;
    }
  } else if (code === 38 /* & */) {
    ENTITY_RE.lastIndex = i;
    const m = ENTITY_RE.exec(input);
    if (m && m[1] !== undefined) {
      const end = i + m[0].length;
      for (const ch of decodeEntity(m[1])) emitChar(bld, ch, i, end);
      return end;
    }
  }
  return -1;
}

export function normalize(input: string): Normalized {
  const bld = new Builder();
  let i = 0;
  while (i < input.length) {
    const next = consumeMarkup(bld, input, i);
    if (next > i) {
      i = next;
      continue;
    }
    const code = input.charCodeAt(i);
    if (code < 128) {
      emitAscii(bld, code, i, i + 1);
      i++;
      continue;
    }
    const cp = input.codePointAt(i) ?? 0;
    const len = cp > 0xffff ? 2 : 1;
    emitChar(bld, input.slice(i, i + len), i, i + len);
    i += len;
  }
  // Drop one trailing collapsed space so the text never ends in whitespace.
  while (bld.out.length && (bld.out[bld.out.length - 1] === ' ' || bld.out[bld.out.length - 1] === '\n')) {
    bld.out.pop();
    bld.starts.pop();
    bld.ends.pop();
  }
  return { text: bld.out.join(''), starts: bld.starts, ends: bld.ends };
}

/** Map a [s, e) span of the normalised text back to the original string (trimming spaces). */
export function toOriginal(n: Normalized, s: number, e: number): { start: number; end: number } | null {
  let a = s;
  let b = e;
  while (a < b && (n.text[a] === ' ' || n.text[a] === '\n')) a++;
  while (b > a && (n.text[b - 1] === ' ' || n.text[b - 1] === '\n')) b--;
  if (a >= b) return null;
  const start = n.starts[a];
  const end = n.ends[b - 1];
  if (start === undefined || end === undefined) return null;
  return { start, end };
}
