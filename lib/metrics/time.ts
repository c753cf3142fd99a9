/**
 * Clinic-local calendar arithmetic (days, ISO weeks, clinic hours) with date-fns + @date-fns/tz:
 * a local day can be 23 or 25 hours long, and "08:00" must mean 08:00 in the clinic's zone
 * whatever the zone of the computer.
 */
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { ClinicSchedule } from '../activity/settings';
import { toMinutes } from '../activity/settings';

export interface Span {
  start: number;
  end: number;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** 'yyyy-MM-dd' of an instant in a time zone. (Intl directly: TZDate + format cost ~50 µs a call, too slow for a year of events.) */
const dayKeyCache = new Map<string, string>();
export function dayKey(ms: number, timeZone: string): string {
  // Every zone's offset is a whole number of quarter hours: one answer per quarter hour.
  const q = Math.floor(ms / 900_000);
  const ck = `${q}|${timeZone}`;
  const hit = dayKeyCache.get(ck);
  if (hit !== undefined) return hit;
  if (dayKeyCache.size > 500_000) dayKeyCache.clear();
  const v = dayKeyUncached(q * 900_000, timeZone);
  dayKeyCache.set(ck, v);
  return v;
}

function dayKeyUncached(ms: number, timeZone: string): string {
  let f = dayFormats.get(timeZone);
  if (!f) dayFormats.set(timeZone, (f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', calendar: 'gregory', numberingSystem: 'latn' })));
  let y = '';
  let m = '';
  let d = '';
  for (const p of f.formatToParts(ms)) {
    if (p.type === 'year') y = p.value;
    else if (p.type === 'month') m = p.value;
    else if (p.type === 'day') d = p.value;
  }
  if (y.length !== 4) return format(new TZDate(ms, timeZone), 'yyyy-MM-dd');
  return `${y}-${m}-${d}`;
}

/** Local wall-clock time → instant, memoised (pure; TZDate is slow). */
const localCache = new Map<string, number>();
function localMs(y: number, m: number, d: number, h: number, min: number, timeZone: string): number {
  const k = `${y}|${m}|${d}|${h}|${min}|${timeZone}`;
  let v = localCache.get(k);
  if (v === undefined) {
    if (localCache.size > 200_000) localCache.clear();
    v = new TZDate(y, m, d, h, min, timeZone).getTime();
    localCache.set(k, v);
  }
  return v;
}

function ymd(day: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw new Error(`not a day: ${day}`);
  return [Number(m[1]), Number(m[2]) - 1, Number(m[3])];
}

/** Local midnight to local midnight. */
export function dayRange(day: string, timeZone: string): Span {
  const [y, m, d] = ymd(day);
  return { start: localMs(y, m, d, 0, 0, timeZone), end: localMs(y, m, d + 1, 0, 0, timeZone) };
}

/** The day `n` days after `day` (negative: before). */
export function addDayKey(day: string, n: number): string {
  const [y, m, d] = ymd(day);
  return isoDay(Date.UTC(y, m, d + n));
}

function isoDay(utcMs: number): string {
  return new Date(utcMs).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday, for a calendar day. */
export function weekday(day: string): number {
  const [y, m, d] = ymd(day);
  return new Date(Date.UTC(y, m, d)).getUTCDay();
}

/** The ISO week (Monday to Sunday, clinic time) that holds `day`. */
export function weekRange(day: string, timeZone: string): Span & { days: string[] } {
  const monday = addDayKey(day, -((weekday(day) + 6) % 7));
  const days = Array.from({ length: 7 }, (_, i) => addDayKey(monday, i));
  return { start: dayRange(days[0]!, timeZone).start, end: dayRange(days[6]!, timeZone).end, days };
}

/** Calendar days (clinic time) that [from, to) touches. */
export function daysIn(span: Span, timeZone: string): string[] {
  if (span.end <= span.start) return [];
  const out: string[] = [];
  let day = dayKey(span.start, timeZone);
  const last = dayKey(span.end - 1, timeZone);
  for (;;) {
    out.push(day);
    if (day === last) break;
    day = addDayKey(day, 1);
  }
  return out;
}

/** The clinic's open hours within [from, to), as instants. */
export function clinicHours(schedule: ClinicSchedule, span: Span): Span[] {
  const out: Span[] = [];
  for (const day of daysIn(span, schedule.timeZone)) {
    const [y, m, d] = ymd(day);
    for (const b of schedule.weeklyHours[weekday(day)] ?? []) {
      const s = toMinutes(b.start);
      const e = toMinutes(b.end);
      const start = localMs(y, m, d, Math.floor(s / 60), s % 60, schedule.timeZone);
      const end = localMs(y, m, d, Math.floor(e / 60), e % 60, schedule.timeZone);
      const cs = Math.max(start, span.start);
      const ce = Math.min(end, span.end);
      if (ce > cs) out.push({ start: cs, end: ce });
    }
  }
  return out;
}

/** Spans cut to [from, to); empty ones dropped. */
export function clip<T extends Span>(spans: readonly T[], span: Span): T[] {
  const out: T[] = [];
  for (const s of spans) {
    const start = Math.max(s.start, span.start);
    const end = Math.min(s.end, span.end);
    if (end > start) out.push({ ...s, start, end });
  }
  return out;
}

export function totalMs(spans: readonly Span[]): number {
  return spans.reduce((a, s) => a + (s.end - s.start), 0);
}

/** Time of `spans` inside `windows` (both lists without overlaps within themselves). */
export function overlapMs(spans: readonly Span[], windows: readonly Span[]): number {
  // Both sorted by start, one sweep: O((n + m) log) instead of n × m (a year of events × clinic hours).
  const a = [...spans].sort((x, y) => x.start - y.start);
  const b = [...windows].sort((x, y) => x.start - y.start);
  let total = 0;
  let j = 0;
  for (const s of a) {
    while (j < b.length && b[j]!.end <= s.start) j++;
    for (let k = j; k < b.length && b[k]!.start < s.end; k++) total += Math.max(0, Math.min(s.end, b[k]!.end) - Math.max(s.start, b[k]!.start));
  }
  return total;
}
