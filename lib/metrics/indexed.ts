/**
 * The same measures as ./summary.ts over large data (a year of events, many clinicians): an index
 * built once hands `summarize` only the records that can change a period's figures, so the
 * results are identical (a unit test compares them) while each period costs what it holds, not
 * what the whole data holds. Used by the burden dashboard (issue 7).
 *
 * What a period [start, end) can depend on (see summarize): events overlapping it or the 7 clinic
 * days ending with its last day (per-patient CPT bands); and all the stats and draft uses of the
 * messages whose first reply could fall in it (a reply time of the message in the period).
 */
import type { ActivityEventRecord, DraftUseRecord, MessageStatsRecord } from '../db/schema';
import { summarize, type MetricsInput, type PeriodSummary } from './summary';
import { addDayKey, dayKey, dayRange, daysIn, type Span } from './time';

export interface MetricsIndex {
  input: MetricsInput;
  /** The input restricted to what `span` can depend on (same order as the input). */
  restrict(span: Span): MetricsInput;
  summarize(span: Span): PeriodSummary;
  /** One summary per clinic day from `from` to `to` inclusive. */
  daily(from: string, to: string): PeriodSummary[];
}

export function indexMetrics(input: MetricsInput): MetricsIndex {
  const tz = input.schedule.timeZone;
  // Events by every clinic day they touch (index into input.events).
  const eventsByDay = new Map<string, number[]>();
  input.events.forEach((e, i) => {
    for (const d of e.end > e.start ? daysIn(e, tz) : [dayKey(e.start, tz)]) {
      let list = eventsByDay.get(d);
      if (!list) eventsByDay.set(d, (list = []));
      list.push(i);
    }
  });
  // Messages by the day of each of their reply times.
  const keysByDay = new Map<string, Set<string>>();
  const noteKey = (at: number | null | undefined, key: string) => {
    if (typeof at !== 'number' || !Number.isFinite(at)) return;
    const d = dayKey(at, tz);
    let set = keysByDay.get(d);
    if (!set) keysByDay.set(d, (set = new Set()));
    set.add(key);
  };
  const statsByKey = new Map<string, number[]>();
  input.stats.forEach((s, i) => {
    noteKey(s.repliedAt, s.messageKey);
    let l = statsByKey.get(s.messageKey);
    if (!l) statsByKey.set(s.messageKey, (l = []));
    l.push(i);
  });
  const draftsByKey = new Map<string, number[]>();
  input.draftUses.forEach((d, i) => {
    noteKey(d.sentAt ?? null, d.messageKey);
    let l = draftsByKey.get(d.messageKey);
    if (!l) draftsByKey.set(d.messageKey, (l = []));
    l.push(i);
  });

  function restrict(span: Span): MetricsInput {
    const days = daysIn(span, tz);
    if (!days.length) return { ...input, events: [], stats: [], draftUses: [] };
    const first = addDayKey(days[0]!, -7);
    const eventIdx = new Set<number>();
    const keys = new Set<string>();
    for (let d = first; d <= days[days.length - 1]!; d = addDayKey(d, 1)) {
      for (const i of eventsByDay.get(d) ?? []) eventIdx.add(i);
    }
    for (const d of days) for (const k of keysByDay.get(d) ?? []) keys.add(k);
    const statIdx: number[] = [];
    const draftIdx: number[] = [];
    for (const k of keys) {
      statIdx.push(...(statsByKey.get(k) ?? []));
      draftIdx.push(...(draftsByKey.get(k) ?? []));
    }
    const asc = (a: number, b: number) => a - b;
    return {
      schedule: input.schedule,
      events: [...eventIdx].sort(asc).map((i) => input.events[i]!) as ActivityEventRecord[],
      stats: statIdx.sort(asc).map((i) => input.stats[i]!) as MessageStatsRecord[],
      draftUses: draftIdx.sort(asc).map((i) => input.draftUses[i]!) as DraftUseRecord[],
    };
  }

  return {
    input,
    restrict,
    summarize: (span) => summarize(restrict(span), span),
    daily(from, to) {
      const out: PeriodSummary[] = [];
      for (let d = from; d <= to; d = addDayKey(d, 1)) {
        const span = dayRange(d, tz);
        out.push(summarize(restrict(span), span));
      }
      return out;
    },
  };
}
