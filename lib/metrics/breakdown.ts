/**
 * Breakdowns the burden dashboard shows beside ./summary.ts (issue 7): the time spent on each
 * message in a period (same definition as summarize's per-message time), its distribution, and
 * the messages handled by urgency and by category (the triage of each opened message, Dexie
 * `messageTriage`). Pure functions.
 */
import type { ActivityEventRecord, MessageTriageRecord } from '../db/schema';
import { CATEGORIES, URGENCIES, type Category, type Urgency } from '../triage/labels';
import { clip, type Span } from './time';

/** Read + draft time per message in the period (messages with none are left out). */
export function messageTimes(events: readonly ActivityEventRecord[], span: Span): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of clip(events, span)) {
    if (!e.messageKey || e.kind === 'list') continue;
    out.set(e.messageKey, (out.get(e.messageKey) ?? 0) + (e.end - e.start));
  }
  for (const [k, v] of out) if (v <= 0) out.delete(k);
  return out;
}

export interface Bin {
  /** Lower bound, inclusive (ms). */
  from: number;
  /** Upper bound, exclusive (ms); null for the last, open bin. */
  to: number | null;
  label: string;
  count: number;
}

/** Time-per-message bins: under 30 s, 30–60 s, 1–2, 2–5, 5–10, 10–20 min, 20 min or more. */
export const TIME_BINS_MS = [0, 30_000, 60_000, 120_000, 300_000, 600_000, 1_200_000] as const;

function fmt(ms: number): string {
  return ms < 60_000 ? `${ms / 1000} s` : `${ms / 60_000} min`;
}

export function histogram(values: Iterable<number>, edges: readonly number[] = TIME_BINS_MS): Bin[] {
  const bins: Bin[] = edges.map((from, i) => {
    const to = edges[i + 1] ?? null;
    return { from, to, label: to === null ? `${fmt(from)} or more` : from === 0 ? `under ${fmt(to)}` : `${fmt(from)}–${fmt(to)}`, count: 0 };
  });
  for (const v of values) {
    let i = bins.length - 1;
    while (i > 0 && v < bins[i]!.from) i--;
    bins[i]!.count += 1;
  }
  return bins;
}

export interface LevelCounts {
  byUrgency: Record<Urgency | 'unknown', number>;
  byCategory: Record<Category | 'unknown', number>;
}

/** Messages (keys) counted by the urgency and category of their triage ('unknown' when none was recorded). */
export function countByLevel(keys: Iterable<string>, triage: ReadonlyMap<string, Pick<MessageTriageRecord, 'urgency' | 'category'>>): LevelCounts {
  const byUrgency = Object.fromEntries([...URGENCIES, 'unknown'].map((u) => [u, 0])) as LevelCounts['byUrgency'];
  const byCategory = Object.fromEntries([...CATEGORIES, 'unknown'].map((c) => [c, 0])) as LevelCounts['byCategory'];
  for (const k of keys) {
    const t = triage.get(k);
    byUrgency[t?.urgency ?? 'unknown'] += 1;
    byCategory[t?.category ?? 'unknown'] += 1;
  }
  return { byUrgency, byCategory };
}
