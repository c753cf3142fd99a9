/**
 * Red-flag rules: the safety net fused with the urgency model. Rules can only RAISE urgency:
 * `floor` is the least urgent level the message may be shown at (null = no floor).
 *
 * Pipeline: normalise (rules-normalize.ts) -> run the rule table (rules-table.ts) -> validate
 * numbers (rules-readings.ts) and required companions -> classify each mention's context
 * (rules-context.ts: negated / hypothetical / past / current) -> escalate by companions ->
 * de-duplicate -> floor = most urgent active match.
 */
import { maxUrgency, urgencyRank, type Urgency } from './labels';
import { classifyMention } from './rules-context';
import { normalize, toOriginal, type Normalized } from './rules-normalize';
import { RULE_TABLE } from './rules-table';
import type { Adjustment, Check, CheckContext, Companion, FlagLevel, RuleDef } from './rules-types';

export interface RedFlagMatch {
  /** Stable id, e.g. 'chest-pain', 'stroke-face-droop', 'suicidal-plan', 'insulin-out'. */
  ruleId: string;
  /** Short human reason shown in the UI. */
  label: string;
  level: 'emergency' | 'urgent';
  /** The text as it appears in the message (original casing), for highlighting. */
  phrase: string;
  /** Offsets into the input string: text.slice(start, end) === phrase. */
  start: number;
  end: number;
}

export interface SuppressedMatch {
  ruleId: string;
  phrase: string;
  start: number;
  end: number;
  reason: 'negated' | 'past' | 'hypothetical';
}

export interface RuleResult {
  /** The most urgent level any active match requires; null when nothing matched. */
  floor: Urgency | null;
  /** Active matches, ordered by start. */
  matches: RedFlagMatch[];
  suppressed: SuppressedMatch[];
}

/** Bump when rules change (part of cache keys). */
export const RULES_VERSION = 'rules-2025.2';

/** Safety valve for pathological inputs: matches examined per pattern per message. */
const MAX_MATCHES_PER_PATTERN = 2000;
const SENTENCE_BREAK = /[!?;\n]|\.(?!\d)/;

// ------------------------------------------------------------------------------ compile
interface CompiledPattern {
  re: RegExp;
  check?: Check;
}
interface CompiledRule {
  def: RuleDef;
  patterns: CompiledPattern[];
}

const globalCache = new Map<RegExp, RegExp>();
function globalRe(re: RegExp): RegExp {
  let g = globalCache.get(re);
  if (!g) {
    g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
    globalCache.set(re, g);
  }
  return g;
}

const COMPILED: readonly CompiledRule[] = RULE_TABLE.map((def) => ({
  def,
  patterns: def.patterns.map((p) => (p instanceof RegExp ? { re: globalRe(p) } : { re: globalRe(p.re), check: p.check })),
}));

function* execAll(re: RegExp, text: string): Generator<RegExpExecArray> {
  const g = globalRe(re);
  g.lastIndex = 0;
  let count = 0;
  for (let m = g.exec(text); m && count < MAX_MATCHES_PER_PATTERN; m = g.exec(text)) {
    if (m[0].length === 0) {
      g.lastIndex++;
      continue;
    }
    count++;
    yield m;
  }
}

// ------------------------------------------------------------------------ per-call state
type Span = readonly [number, number];

class Scan implements CheckContext {
  readonly text: string;
  private readonly memo = new Map<RegExp, boolean>();
  private readonly companionHits = new Map<Companion, Span[]>();

  constructor(
    readonly original: string,
    readonly norm: Normalized,
  ) {
    this.text = norm.text;
  }

  private readonly matchCache = new Map<RegExp, RegExpExecArray[]>();

  /** All matches of a pattern (cached: several rules share pattern lists, e.g. the "ran out of" cues). */
  matchesOf(re: RegExp): readonly RegExpExecArray[] {
    let ms = this.matchCache.get(re);
    if (!ms) {
      ms = [...execAll(re, this.text)];
      this.matchCache.set(re, ms);
    }
    return ms;
  }

  mentions(re: RegExp): boolean {
    let v = this.memo.get(re);
    if (v === undefined) {
      const g = globalRe(re);
      g.lastIndex = 0;
      v = g.test(this.text);
      this.memo.set(re, v);
    }
    return v;
  }

  /** Sorted spans of a companion's mentions (active ones only unless `raw`). */
  private hits(c: Companion): Span[] {
    let spans = this.companionHits.get(c);
    if (spans) return spans;
    spans = [];
    for (const re of c.patterns) {
      for (const m of this.matchesOf(re)) {
        const s = m.index;
        const e = s + m[0].length;
        if (c.check && !c.check(m)) continue;
        if (!c.raw && classifyMention(this.text, s, e) !== 'active') continue;
        spans.push([s, e]);
      }
    }
    spans.sort((a, b) => a[0] - b[0]);
    this.companionHits.set(c, spans);
    return spans;
  }

  /** The nearest companion mention within `window` chars of [s, e), or null. */
  near(c: Companion, s: number, e: number): Span | null {
    const spans = this.hits(c);
    let best: Span | null = null;
    let bestGap = Infinity;
    for (let i = lowerBound(spans, s - c.window - 400); i < spans.length; i++) {
      const span = spans[i]!;
      const [hs, he] = span;
      if (hs > e + c.window) break;
      if (c.after && hs < e) continue;
      const gap = hs >= e ? hs - e : s >= he ? s - he : 0;
      if (gap > c.window || gap >= bestGap) continue;
      if (c.sameSentence && SENTENCE_BREAK.test(this.text.slice(Math.min(e, he), Math.max(s, hs)))) continue;
      best = span;
      bestGap = gap;
    }
    return best;
  }
}

function lowerBound(spans: readonly Span[], pos: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]![0] < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// ------------------------------------------------------------------------------- matching
interface Candidate extends RedFlagMatch {
  order: number;
  /** The rule needed a companion (e.g. pregnancy), so its label is more specific. */
  specific: boolean;
}

function minLevel(a: FlagLevel, b: FlagLevel): FlagLevel {
  return urgencyRank(a) <= urgencyRank(b) ? a : b;
}

/** Escalate (first applicable companion wins), then lower (e.g. an explicit "no plan"). */
function adjust(scan: Scan, def: RuleDef, hit: Hit): { level: FlagLevel; label: string } {
  let out = { level: hit.level, label: hit.label };
  const ups: readonly Adjustment[] = def.escalate ?? [];
  const up = ups.find((a) => urgencyRank(a.level) >= urgencyRank(out.level) && scan.near(a, hit.s, hit.e));
  if (up) out = { level: up.level, label: up.label };
  const down = def.lower;
  if (down && scan.near(down, hit.s, hit.e)) out = { level: minLevel(out.level, down.level), label: down.label };
  return out;
}

/** A pattern hit after its numeric check: span in normalised text plus level/label. */
interface Hit {
  s: number;
  e: number;
  level: FlagLevel;
  label: string;
}

function checkedHit(scan: Scan, def: RuleDef, p: CompiledPattern, m: RegExpExecArray): Hit | null {
  const hit: Hit = { s: m.index, e: m.index + m[0].length, level: def.level, label: def.label };
  if (!p.check) return hit;
  const r = p.check(m, scan);
  if (!r) return null;
  if (typeof r === 'object') {
    hit.e = r.end ?? hit.e;
    hit.level = r.level ?? hit.level;
    hit.label = r.label ?? hit.label;
  }
  return hit;
}

/** The span to highlight: the hit, joined with its companion when the rule asks for it. */
function shownSpan(scan: Scan, def: RuleDef, hit: Hit): { start: number; end: number } | null {
  const companion = def.requires ? scan.near(def.requires, hit.s, hit.e) : null;
  if (def.requires && !companion) return null;
  const join = companion && def.requires?.extend;
  const s = join ? Math.min(hit.s, companion[0]) : hit.s;
  const e = join ? Math.max(hit.e, companion[1]) : hit.e;
  return toOriginal(scan.norm, s, e);
}

function evaluateRule(scan: Scan, rule: CompiledRule, active: Candidate[], suppressed: SuppressedMatch[]): void {
  const { def } = rule;
  for (const p of rule.patterns) {
    for (const m of scan.matchesOf(p.re)) {
      const hit = checkedHit(scan, def, p, m);
      const span = hit && shownSpan(scan, def, hit);
      if (!hit || !span) continue;
      const phrase = scan.original.slice(span.start, span.end);
      const status = classifyMention(scan.text, hit.s, hit.e);
      if (status === 'negated' || status === 'past' || status === 'hypothetical') {
        suppressed.push({ ruleId: def.id, phrase, ...span, reason: status });
        continue;
      }
      const { level, label } =
        status === 'resolved-recent'
          ? { level: minLevel(hit.level, def.resolvedLevel ?? 'urgent'), label: `${hit.label} (went away recently)` }
          : adjust(scan, def, hit);
      active.push({ ruleId: def.id, label, level, phrase, ...span, order: active.length, specific: !!def.requires });
    }
  }
}

// ------------------------------------------------------------------------------- dedupe
const len = (m: { start: number; end: number }) => m.end - m.start;
const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start < b.end && b.start < a.end;
const contains = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start <= b.start && b.end <= a.end;

/** a beats b: more urgent, then longer, then more specific, then found first. */
function beats(a: Candidate, b: Candidate): boolean {
  const r = urgencyRank(a.level) - urgencyRank(b.level);
  if (r !== 0) return r > 0;
  if (len(a) !== len(b)) return len(a) > len(b);
  if (a.specific !== b.specific) return a.specific;
  return a.order < b.order;
}

/** Drop a match overlapped by a better one of the same rule, or inside a better one of another rule. */
function dominated(m: Candidate, o: Candidate): boolean {
  if (o === m || !beats(o, m)) return false;
  return o.ruleId === m.ruleId ? overlaps(o, m) : contains(o, m);
}

function dedupeActive(all: Candidate[]): RedFlagMatch[] {
  const sorted = [...all].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: RedFlagMatch[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const m = sorted[i]!;
    let drop = false;
    for (let j = i - 1; j >= 0 && !drop && sorted[j]!.start >= m.start - 500; j--) drop = dominated(m, sorted[j]!);
    for (let j = i + 1; j < sorted.length && !drop && sorted[j]!.start < m.end; j++) drop = dominated(m, sorted[j]!);
    if (!drop) out.push({ ruleId: m.ruleId, label: m.label, level: m.level, phrase: m.phrase, start: m.start, end: m.end });
  }
  return out;
}

function dedupeSuppressed(all: SuppressedMatch[], active: readonly RedFlagMatch[]): SuppressedMatch[] {
  const sorted = [...all].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: SuppressedMatch[] = [];
  const activeByRule = new Map<string, RedFlagMatch[]>();
  for (const a of active) activeByRule.set(a.ruleId, [...(activeByRule.get(a.ruleId) ?? []), a]);
  for (const m of sorted) {
    const prev = out[out.length - 1];
    if (prev && prev.ruleId === m.ruleId && overlaps(prev, m)) continue;
    if (out.some((o) => o.ruleId === m.ruleId && o.start >= m.start - 500 && overlaps(o, m))) continue;
    if ((activeByRule.get(m.ruleId) ?? []).some((a) => overlaps(a, m))) continue;
    out.push(m);
  }
  return out;
}

// ------------------------------------------------------------------------------- public
function run(text: string): RuleResult {
  const norm = normalize(text);
  if (!norm.text) return { floor: null, matches: [], suppressed: [] };
  const scan = new Scan(text, norm);
  const active: Candidate[] = [];
  const suppressed: SuppressedMatch[] = [];
  for (const rule of COMPILED) {
    try {
      evaluateRule(scan, rule, active, suppressed);
    } catch {
      // A faulty rule must not take the others down; skip it.
    }
  }
  const matches = dedupeActive(active);
  const floor = matches.reduce<Urgency | null>((f, m) => maxUrgency(f, m.level), null);
  return { floor, matches, suppressed: dedupeSuppressed(suppressed, matches) };
}

/** Apply the red-flag rules to a whole message (subject + newline + body). Never throws. */
export function applyRules(text: string): RuleResult {
  try {
    return run(typeof text === 'string' ? text : String(text ?? ''));
  } catch {
    return { floor: null, matches: [], suppressed: [] };
  }
}

/** Number of rows in the rule table (for reports and tests). */
export const RULE_COUNT = RULE_TABLE.length;
