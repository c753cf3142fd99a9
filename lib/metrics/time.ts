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

/** 'yyyy-MM-dd' of an instant in a time zone. */
export function dayKey(ms: number, timeZone: string): string {
  return format(new TZDate(ms, timeZone), 'yyyy-MM-dd');
}

function ymd(day: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw new Error(`not a day: ${day}`);
  return [Number(m[1]), Number(m[2]) - 1, Number(m[3])];
}

/** Local midnight to local midnight. */
export function dayRange(day: string, timeZone: string): Span {
  const [y, m, d] = ymd(day);
  return { start: new TZDate(y, m, d, 0, 0, timeZone).getTime(), end: new TZDate(y, m, d + 1, 0, 0, timeZone).getTime() };
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
      const start = new TZDate(y, m, d, Math.floor(s / 60), s % 60, schedule.timeZone).getTime();
      const end = new TZDate(y, m, d, Math.floor(e / 60), e % 60, schedule.timeZone).getTime();
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
  let total = 0;
  for (const s of spans) for (const w of windows) total += Math.max(0, Math.min(s.end, w.end) - Math.max(s.start, w.start));
  return total;
}
