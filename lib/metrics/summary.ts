/**
 * Inbox burden measures: pure functions of the recorded events (lib/db/schema.ts), per day or ISO
 * week in the clinic's time zone. One browser profile is one clinician; every figure here is that
 * clinician's. Exact definitions (the unit tests check exact values):
 *
 * - inbox active time: the merged activity events (list + read + draft), cut to the period.
 * - time per message: each message's read + draft time in the period; median and 90th percentile
 *   (nearest rank) over the messages handled.
 * - messages handled: messages with any read or draft time in the period.
 * - after-hours time: active time outside the clinic's weekly hours.
 * - per 8 hours of scheduled patient time: active time ÷ (scheduled patient hours ÷ 8).
 * - draft use: replies in the period (first reply time) started from an inserted draft ÷ replies;
 *   edit ratio: median of the sent drafts' edit ratios (0 = sent as inserted).
 * - turnaround: first reply time − the patient's send time, median over replies in the period.
 * - per patient, 7 days: read + draft time on the patient's messages in the 7 days ending with the
 *   period's last day, and the CPT online digital E/M band it reaches (99421: 5–10 min,
 *   99422: 11–20, 99423: 21+; whole minutes). Information for the clinician's own billing
 *   judgment, not a billing decision.
 */
import type { ActivityEventRecord, DraftUseRecord, MessageStatsRecord } from '../db/schema';
import type { ClinicSchedule } from '../activity/settings';
import { addDayKey, clinicHours, clip, dayRange, daysIn, overlapMs, totalMs, weekRange, weekday, type Span } from './time';

export interface MetricsInput {
  events: readonly ActivityEventRecord[];
  stats: readonly MessageStatsRecord[];
  draftUses: readonly DraftUseRecord[];
  schedule: ClinicSchedule;
}

export interface PeriodSummary {
  from: number;
  to: number;
  days: string[];
  activeMs: number;
  listMs: number;
  readMs: number;
  draftMs: number;
  afterHoursMs: number;
  messagesHandled: number;
  perMessageMedianMs: number | null;
  perMessageP90Ms: number | null;
  scheduledPatientHours: number;
  /** Active time per 8 hours of scheduled patient time, or null when none was scheduled. */
  per8hMs: number | null;
  replies: number;
  repliesFromDraft: number;
  draftShare: number | null;
  editRatioMedian: number | null;
  turnaroundMedianMs: number | null;
  patients: PatientWeek[];
}

export type CptCode = '99421' | '99422' | '99423';

export interface PatientWeek {
  patientKey: string;
  ms: number;
  minutes: number;
  band: CptCode | null;
}

/** Median (mean of the two middle values for an even count). */
export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Nearest-rank percentile (q in 0..1): the smallest value with at least q of the values at or below it. */
export function percentile(values: readonly number[], q: number): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil(q * s.length) - 1)]!;
}

/** The CPT 99421–99423 band a cumulative 7-day time reaches (whole minutes). */
export function cptBand(ms: number): CptCode | null {
  const min = Math.floor(ms / 60_000);
  if (min >= 21) return '99423';
  if (min >= 11) return '99422';
  if (min >= 5) return '99421';
  return null;
}

export function scheduledPatientHours(schedule: ClinicSchedule, days: readonly string[]): number {
  return days.reduce((a, d) => a + (schedule.patientHours[weekday(d)] ?? 0), 0);
}

/** Per patient: read + draft time in the 7 clinic days ending with `lastDay`. */
export function patientWeeks(events: readonly ActivityEventRecord[], lastDay: string, timeZone: string): PatientWeek[] {
  const span: Span = { start: dayRange(addDayKey(lastDay, -6), timeZone).start, end: dayRange(lastDay, timeZone).end };
  const by = new Map<string, number>();
  for (const e of clip(events, span)) {
    if (!e.patientKey || e.kind === 'list') continue;
    by.set(e.patientKey, (by.get(e.patientKey) ?? 0) + (e.end - e.start));
  }
  return [...by]
    .map(([patientKey, ms]) => ({ patientKey, ms, minutes: Math.floor(ms / 60_000), band: cptBand(ms) }))
    .sort((a, b) => b.ms - a.ms || a.patientKey.localeCompare(b.patientKey));
}

function inSpan(t: number | null | undefined, span: Span): t is number {
  return typeof t === 'number' && t >= span.start && t < span.end;
}

export function summarize(input: MetricsInput, span: Span): PeriodSummary {
  const { schedule } = input;
  const tz = schedule.timeZone;
  const days = daysIn(span, tz);
  const ev = clip(input.events, span);
  const kindMs = (k: string) => totalMs(ev.filter((e) => e.kind === k));
  const activeMs = totalMs(ev);

  const perMessage = new Map<string, number>();
  for (const e of ev) if (e.messageKey && e.kind !== 'list') perMessage.set(e.messageKey, (perMessage.get(e.messageKey) ?? 0) + (e.end - e.start));
  const times = [...perMessage.values()].filter((v) => v > 0);

  const hours = scheduledPatientHours(schedule, days);

  // Replies: the first reply time per message, from the EHR's send (messageStats) or a sent draft.
  const firstReply = new Map<string, number>();
  const note = (key: string, at: number | null | undefined) => {
    if (typeof at !== 'number') return;
    const cur = firstReply.get(key);
    if (cur === undefined || at < cur) firstReply.set(key, at);
  };
  for (const s of input.stats) note(s.messageKey, s.repliedAt);
  for (const d of input.draftUses) note(d.messageKey, d.sentAt ?? null);
  const replied = [...firstReply].filter(([, at]) => inSpan(at, span));
  const draftKeys = new Set(input.draftUses.filter((d) => d.insertedAt != null || d.insertedTemplateId != null).map((d) => d.messageKey));
  const fromDraft = (key: string) => draftKeys.has(key);
  const repliesFromDraft = replied.filter(([k]) => fromDraft(k)).length;
  const editRatios = input.draftUses
    .filter((d) => inSpan(d.sentAt, span) && (d.insertedAt != null || d.insertedTemplateId != null) && typeof d.editRatio === 'number')
    .map((d) => d.editRatio as number);
  const sentAtOf = new Map(input.stats.map((s) => [s.messageKey, s.sentAt]));
  const turnarounds = replied.flatMap(([k, at]) => {
    const sent = sentAtOf.get(k);
    return typeof sent === 'number' && at >= sent ? [at - sent] : [];
  });

  return {
    from: span.start,
    to: span.end,
    days,
    activeMs,
    listMs: kindMs('list'),
    readMs: kindMs('read'),
    draftMs: kindMs('draft'),
    afterHoursMs: activeMs - overlapMs(ev, clinicHours(schedule, span)),
    messagesHandled: times.length,
    perMessageMedianMs: median(times),
    perMessageP90Ms: percentile(times, 0.9),
    scheduledPatientHours: hours,
    per8hMs: hours > 0 ? activeMs / (hours / 8) : null,
    replies: replied.length,
    repliesFromDraft,
    draftShare: replied.length ? repliesFromDraft / replied.length : null,
    editRatioMedian: median(editRatios),
    turnaroundMedianMs: median(turnarounds),
    patients: days.length ? patientWeeks(input.events, days[days.length - 1]!, tz) : [],
  };
}

/** One clinic day ('yyyy-MM-dd'). */
export function daySummary(input: MetricsInput, day: string): PeriodSummary {
  return summarize(input, dayRange(day, input.schedule.timeZone));
}

/** The ISO week (Monday–Sunday, clinic time) holding `day`. */
export function weekSummary(input: MetricsInput, day: string): PeriodSummary {
  return summarize(input, weekRange(day, input.schedule.timeZone));
}

/** Day by day, `from` to `to` inclusive. */
export function dailySummaries(input: MetricsInput, from: string, to: string): PeriodSummary[] {
  const out: PeriodSummary[] = [];
  for (let d = from; d <= to; d = addDayKey(d, 1)) out.push(daySummary(input, d));
  return out;
}
