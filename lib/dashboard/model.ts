/**
 * What the burden dashboard shows, as pure functions of the datasets (this browser's own data, or
 * imported participants' exports): per-day inbox time in and after hours, messages by urgency and
 * category, the distribution of time per message, draft use and edit ratio, turnaround, inbox
 * time per 8 scheduled patient hours, CPT bands, and clinicians and arms side by side.
 *
 * Every figure comes from lib/metrics (summarize and its indexed form, breakdowns); imported data's
 * day rows were computed by the same functions at export time (tests check they match).
 */
import type { ExportBundle, DayRow } from '../export/schema';
import { bundleToSource, type SourceData } from '../export/build';
import type { ImportedData } from '../export/imports-db';
import { indexMetrics, type MetricsIndex } from '../metrics/indexed';
import { median, percentile, summarize, type PeriodSummary } from '../metrics/summary';
import { addDayKey, dayKey, dayRange, weekRange, type Span } from '../metrics/time';
import { countByLevel, histogram, messageTimes, type Bin, type LevelCounts } from '../metrics/breakdown';
import { armAt, type Arm, type ArmToday, type Enrollment } from '../study/enrollment';

/** What one dataset contributes to a period's view. */
export interface PeriodData {
  points: DayPoint[];
  summary: Pick<PeriodSummary, 'messagesHandled' | 'perMessageMedianMs' | 'perMessageP90Ms' | 'editRatioMedian' | 'turnaroundMedianMs'>;
  /** Read + draft time of each message handled (lib/metrics/breakdown messageTimes). */
  times: number[];
  levels: LevelCounts;
}

export interface Dataset {
  /** 'own' or the export id. */
  id: string;
  label: string;
  studyId: string | null;
  participantCode: string | null;
  arm: Arm | null;
  timeZone: string;
  /** Imported: the span its export covers. */
  range: Span | null;
  period(from: string, to: string, armFilter: ArmToday | 'all'): PeriodData;
}

/** Everything a dataset needs for any period: its full data. */
export interface FullDataset extends Dataset {
  source: SourceData;
  index: MetricsIndex;
  summarize(span: Span): PeriodSummary;
  /** Imported: the export's day rows (by day). */
  dayRows: Map<string, DayRow> | null;
  armOn(day: string): ArmToday | null;
}

const indexes = new WeakMap<SourceData, MetricsIndex>();
/** The metrics index of a source, built on first use. */
function lazyIndex(source: SourceData): MetricsIndex {
  const get = () => {
    let idx = indexes.get(source);
    if (!idx) indexes.set(source, (idx = indexMetrics(source)));
    return idx;
  };
  return { input: source, restrict: (s) => get().restrict(s), summarize: (s) => get().summarize(s), daily: (f, t) => get().daily(f, t) };
}

export function ownDataset(source: SourceData, enrollment: Enrollment | null): FullDataset {
  const tz = source.schedule.timeZone;
  return withPeriod({
    id: 'own',
    label: enrollment ? `This browser (${enrollment.participantCode})` : 'This browser',
    studyId: enrollment?.studyId ?? null,
    participantCode: enrollment?.participantCode ?? null,
    arm: enrollment?.assignment.arm ?? null,
    timeZone: tz,
    source,
    index: lazyIndex(source),
    summarize: (span) => lazyIndex(source).summarize(span),
    dayRows: null,
    armOn: (day) => (enrollment ? armAt(enrollment, dayRange(day, tz).start, tz) : null),
    range: null,
  });
}

export function importedDataset(b: ExportBundle): FullDataset {
  return importedDatasetFrom({ manifest: b.manifest, days: b.days, source: bundleToSource(b) });
}

export function importedDatasetFrom(d: ImportedData): FullDataset {
  const { source } = d;
  const m = d.manifest;
  const rows = new Map(d.days.map((r) => [r.day, r]));
  const tz = m.schedule.timeZone;
  const e = { assignment: m.assignment, enrolledAt: m.enrolledAt };
  return withPeriod({
    id: m.exportId,
    label: m.participantCode,
    studyId: m.studyId,
    participantCode: m.participantCode,
    arm: m.assignment.arm,
    timeZone: tz,
    source,
    index: lazyIndex(source),
    // The export covers one bounded window: summarize on it directly (no index to build).
    summarize: (span) => summarize(source, span),
    dayRows: rows,
    armOn: (day) => rows.get(day)?.arm ?? armAt(e as Enrollment, dayRange(day, tz).start, tz),
    range: { start: m.range.from, end: m.range.to },
  });
}

/** The measures of a whole export, computed once at import (lib/export/imports-db.ts). */
export interface ExportAggregates {
  summary: PeriodData['summary'];
  times: number[];
  levels: LevelCounts;
  /** Earliest and latest instant of any record (events, openings, replies, drafts; not the patient's send time); null when empty. */
  dataFrom: number | null;
  dataTo: number | null;
}

function dataExtent(src: SourceData): { from: number; to: number } | null {
  let from = Infinity;
  let to = -Infinity;
  const see = (t: number | null | undefined) => {
    if (typeof t !== 'number' || !Number.isFinite(t)) return;
    if (t < from) from = t;
    if (t > to) to = t;
  };
  for (const e of src.events) {
    see(e.start);
    see(e.end);
  }
  for (const m of src.stats) {
    see(m.firstOpenedAt);
    see(m.lastOpenedAt);
    see(m.repliedAt);
    see(m.completedAt);
    // (the patient's send time is not a record in the period: turnaround counts at the reply)
  }
  for (const d of src.draftUses) {
    see(d.openedAt);
    see(d.insertedAt);
    see(d.sentAt);
  }
  return from <= to ? { from, to } : null;
}

/** Compute an export's aggregates: what any period covering its whole range shows. */
export function exportAggregates(d: ImportedData): ExportAggregates {
  const ds = importedDatasetFrom(d);
  const r = ds.period(dayKey(d.manifest.range.from, ds.timeZone), dayKey(Math.max(d.manifest.range.from, d.manifest.range.to - 1), ds.timeZone), 'all');
  const ext = dataExtent(d.source);
  return { summary: r.summary, times: r.times, levels: r.levels, dataFrom: ext?.from ?? null, dataTo: ext?.to ?? null };
}

/**
 * An imported export without its rows: enough for any period that holds all of its records, all
 * days (the aggregates were computed by the same functions at import). `covers` says when.
 */
export function aggregateDataset(m: ExportBundle['manifest'], days: readonly DayRow[], agg: ExportAggregates): Dataset & { covers(from: string, to: string, armFilter: ArmToday | 'all'): boolean } {
  const tz = m.schedule.timeZone;
  const rows = new Map(days.map((r) => [r.day, r]));
  // The period holds every record of the export: its measures are the export's whole ones.
  const covers = (from: string, to: string, armFilter: ArmToday | 'all') =>
    armFilter === 'all' && (agg.dataFrom === null || (dayRange(from, tz).start <= agg.dataFrom && dayRange(to, tz).end > agg.dataTo!));
  return {
    id: m.exportId,
    label: m.participantCode,
    studyId: m.studyId,
    participantCode: m.participantCode,
    arm: m.assignment.arm,
    timeZone: tz,
    range: { start: m.range.from, end: m.range.to },
    covers,
    period(from, to, armFilter) {
      if (!covers(from, to, armFilter)) throw new Error('this period needs the export rows');
      const points: DayPoint[] = [];
      for (let d = from; d <= to; d = addDayKey(d, 1)) {
        const r = rows.get(d);
        if (r) points.push(pointFromRow(r));
      }
      return { points, summary: agg.summary, times: agg.times, levels: agg.levels };
    },
  };
}

function withPeriod(ds: Omit<FullDataset, 'period'>): FullDataset {
  const full = ds as FullDataset;
  full.period = (from, to, armFilter) => {
    const span = { start: dayRange(from, ds.timeZone).start, end: dayRange(to, ds.timeZone).end };
    let points = dayPoints(full, from, to);
    if (armFilter !== 'all') points = points.filter((p) => p.arm === armFilter);
    const keepDays = new Set(points.map((p) => p.day));
    const times = messageTimes(ds.source.events, span);
    // With an arm filter, only the messages of the days in that arm.
    const kept = armFilter === 'all' ? times : new Map([...times].filter(([k]) => keepDays.has(firstDayOf(full, k) ?? '')));
    const values = [...kept.values()];
    if (armFilter === 'all') {
      const s = ds.summarize(span);
      return {
        points,
        summary: { messagesHandled: s.messagesHandled, perMessageMedianMs: s.perMessageMedianMs, perMessageP90Ms: s.perMessageP90Ms, editRatioMedian: s.editRatioMedian, turnaroundMedianMs: s.turnaroundMedianMs },
        times: values,
        levels: countByLevel(kept.keys(), triageMap(full)),
      };
    }
    // Medians over only the days of one arm are not defined by summarize: left empty.
    return {
      points,
      summary: { messagesHandled: values.length, perMessageMedianMs: median(values), perMessageP90Ms: percentile(values, 0.9), editRatioMedian: null, turnaroundMedianMs: null },
      times: values,
      levels: countByLevel(kept.keys(), triageMap(full)),
    };
  };
  return full;
}

export type Period = { kind: 'today' } | { kind: 'week' } | { kind: 'days'; days: number } | { kind: 'custom'; from: string; to: string };

/** The period's first and last clinic day (inclusive) and its span. */
export function periodDays(p: Period, now: number, timeZone: string): { from: string; to: string; span: Span } {
  const today = dayKey(now, timeZone);
  let from = today;
  let to = today;
  if (p.kind === 'week') {
    const w = weekRange(today, timeZone);
    from = w.days[0]!;
    to = w.days[6]!;
  } else if (p.kind === 'days') {
    from = addDayKey(today, -(p.days - 1));
  } else if (p.kind === 'custom') {
    from = p.from <= p.to ? p.from : p.to;
    to = p.from <= p.to ? p.to : p.from;
  }
  return { from, to, span: { start: dayRange(from, timeZone).start, end: dayRange(to, timeZone).end } };
}

/** One clinician-day (from lib/metrics, or the export's day row). */
export interface DayPoint {
  day: string;
  arm: ArmToday | null;
  activeMs: number;
  inHoursMs: number;
  afterHoursMs: number;
  messagesHandled: number;
  scheduledPatientHours: number;
  replies: number;
  repliesFromDraft: number;
  editRatioMedian: number | null;
  turnaroundMedianMs: number | null;
  cpt: Record<'99421' | '99422' | '99423', number>;
}

function pointFromSummary(s: PeriodSummary, arm: ArmToday | null): DayPoint {
  const cpt = { '99421': 0, '99422': 0, '99423': 0 };
  for (const p of s.patients) if (p.band) cpt[p.band] += 1;
  return {
    day: s.days[0]!,
    arm,
    activeMs: s.activeMs,
    inHoursMs: s.activeMs - s.afterHoursMs,
    afterHoursMs: s.afterHoursMs,
    messagesHandled: s.messagesHandled,
    scheduledPatientHours: s.scheduledPatientHours,
    replies: s.replies,
    repliesFromDraft: s.repliesFromDraft,
    editRatioMedian: s.editRatioMedian,
    turnaroundMedianMs: s.turnaroundMedianMs,
    cpt,
  };
}

function pointFromRow(r: DayRow): DayPoint {
  return {
    day: r.day,
    arm: r.arm,
    activeMs: r.activeMs,
    inHoursMs: r.inHoursMs,
    afterHoursMs: r.afterHoursMs,
    messagesHandled: r.messagesHandled,
    scheduledPatientHours: r.scheduledPatientHours,
    replies: r.replies,
    repliesFromDraft: r.repliesFromDraft,
    editRatioMedian: r.editRatioMedian,
    turnaroundMedianMs: r.turnaroundMedianMs,
    cpt: { '99421': r.cpt99421, '99422': r.cpt99422, '99423': r.cpt99423 },
  };
}

/** The dataset's days from `from` to `to` (imported: the days its export covers). */
export function dayPoints(ds: FullDataset, from: string, to: string): DayPoint[] {
  if (ds.dayRows) {
    const out: DayPoint[] = [];
    for (let d = from; d <= to; d = addDayKey(d, 1)) {
      const r = ds.dayRows.get(d);
      if (r) out.push(pointFromRow(r));
    }
    return out;
  }
  return ds.index.daily(from, to).map((s) => pointFromSummary(s, ds.armOn(s.days[0]!)));
}

export interface ClinicianRow {
  id: string;
  label: string;
  arm: string;
  days: number;
  activeMs: number;
  afterHoursMs: number;
  perDayMs: number | null;
  per8hMs: number | null;
  messagesHandled: number;
  perMessageMedianMs: number | null;
  draftShare: number | null;
  editRatioMedian: number | null;
  turnaroundMedianMs: number | null;
}

export interface ArmRow {
  arm: ArmToday;
  clinicians: number;
  clinicianDays: number;
  activeMs: number;
  afterHoursMs: number;
  perDayMs: number | null;
  per8hMs: number | null;
  replies: number;
  draftShare: number | null;
  /** Median over clinician-days of the day's median turnaround. */
  turnaroundMedianMs: number | null;
}

export interface Bucket {
  label: string;
  from: string;
  to: string;
  activeMs: number;
  inHoursMs: number;
  afterHoursMs: number;
  scheduledPatientHours: number;
  per8hMs: number | null;
  replies: number;
  repliesFromDraft: number;
  draftShare: number | null;
  editRatioMedian: number | null;
  turnaroundMedianMs: number | null;
  cpt: Record<'99421' | '99422' | '99423', number>;
}

export interface DashboardView {
  from: string;
  to: string;
  clinicians: number;
  /** Clinician-days with any data in the period. */
  activeDays: number;
  totals: { activeMs: number; inHoursMs: number; afterHoursMs: number; messagesHandled: number; replies: number; repliesFromDraft: number; scheduledPatientHours: number };
  perDayPerClinicianMs: number | null;
  per8hMs: number | null;
  draftShare: number | null;
  perMessageMedianMs: number | null;
  perMessageP90Ms: number | null;
  editRatioMedian: number | null;
  turnaroundMedianMs: number | null;
  /** Per day: summed over the clinicians shown. */
  days: { day: string; activeMs: number; inHoursMs: number; afterHoursMs: number; clinicians: number }[];
  /** Per day (periods up to 62 days) or per ISO week. */
  buckets: Bucket[];
  bucketKind: 'day' | 'week';
  levels: LevelCounts;
  timeBins: Bin[];
  /** Patients reaching each band in the 7 days ending with the period's last day (summed over clinicians). */
  cptLastWeek: Record<'99421' | '99422' | '99423', number>;
  clinicianRows: ClinicianRow[];
  armRows: ArmRow[];
  empty: boolean;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

export function buildView(datasets: readonly Dataset[], from: string, to: string, armFilter: ArmToday | 'all' = 'all'): DashboardView {
  const perDataset = datasets.map((ds) => ({ ds, ...ds.period(from, to, armFilter) }));

  const allPoints = perDataset.flatMap((p) => p.points);
  const activePoints = allPoints.filter((p) => p.activeMs > 0);
  const byDay = new Map<string, { day: string; activeMs: number; inHoursMs: number; afterHoursMs: number; clinicians: number }>();
  for (const p of allPoints) {
    const d = byDay.get(p.day) ?? { day: p.day, activeMs: 0, inHoursMs: 0, afterHoursMs: 0, clinicians: 0 };
    d.activeMs += p.activeMs;
    d.inHoursMs += p.inHoursMs;
    d.afterHoursMs += p.afterHoursMs;
    d.clinicians += p.activeMs > 0 ? 1 : 0;
    byDay.set(p.day, d);
  }
  const days = [...byDay.values()].sort((a, b) => a.day.localeCompare(b.day));

  const nDays = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
  const bucketKind: 'day' | 'week' = nDays <= 62 ? 'day' : 'week';
  const bucketOf = (day: string) => (bucketKind === 'day' ? day : weekRange(day, 'UTC').days[0]!);
  const groups = new Map<string, DayPoint[]>();
  for (const p of allPoints) {
    const k = bucketOf(p.day);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = []));
    g.push(p);
  }
  const buckets: Bucket[] = [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, ps]) => {
      const last = ps.reduce((a, p) => (p.day > a ? p.day : a), ps[0]!.day);
      const lastDayPoints = ps.filter((p) => p.day === last);
      const activeMs = sum(ps.map((p) => p.activeMs));
      const hours = sum(ps.map((p) => p.scheduledPatientHours));
      const replies = sum(ps.map((p) => p.replies));
      const fromDraft = sum(ps.map((p) => p.repliesFromDraft));
      return {
        label: bucketKind === 'day' ? k : `week of ${k}`,
        from: k,
        to: bucketKind === 'day' ? k : addDayKey(k, 6),
        activeMs,
        inHoursMs: sum(ps.map((p) => p.inHoursMs)),
        afterHoursMs: sum(ps.map((p) => p.afterHoursMs)),
        scheduledPatientHours: hours,
        per8hMs: hours > 0 ? activeMs / (hours / 8) : null,
        replies,
        repliesFromDraft: fromDraft,
        draftShare: ratio(fromDraft, replies),
        editRatioMedian: median(ps.flatMap((p) => (p.editRatioMedian === null ? [] : [p.editRatioMedian]))),
        turnaroundMedianMs: median(ps.flatMap((p) => (p.turnaroundMedianMs === null ? [] : [p.turnaroundMedianMs]))),
        cpt: {
          '99421': sum(lastDayPoints.map((p) => p.cpt['99421'])),
          '99422': sum(lastDayPoints.map((p) => p.cpt['99422'])),
          '99423': sum(lastDayPoints.map((p) => p.cpt['99423'])),
        },
      };
    });

  const levels = addLevels(perDataset.map((p) => p.levels));
  const allTimes = perDataset.flatMap(({ times }) => times);

  const totals = {
    activeMs: sum(allPoints.map((p) => p.activeMs)),
    inHoursMs: sum(allPoints.map((p) => p.inHoursMs)),
    afterHoursMs: sum(allPoints.map((p) => p.afterHoursMs)),
    messagesHandled: sum(perDataset.map((p) => p.summary.messagesHandled)),
    replies: sum(allPoints.map((p) => p.replies)),
    repliesFromDraft: sum(allPoints.map((p) => p.repliesFromDraft)),
    scheduledPatientHours: sum(allPoints.map((p) => p.scheduledPatientHours)),
  };
  const single = perDataset.length === 1 ? perDataset[0]!.summary : null;
  const lastPoints = allPoints.filter((p) => p.day === to);

  const clinicianRows: ClinicianRow[] = perDataset.map(({ ds, points, summary }) => {
    const act = points.filter((p) => p.activeMs > 0).length;
    const activeMs = sum(points.map((p) => p.activeMs));
    const hours = sum(points.map((p) => p.scheduledPatientHours));
    const replies = sum(points.map((p) => p.replies));
    return {
      id: ds.id,
      label: ds.label,
      arm: ds.arm ?? '—',
      days: act,
      activeMs,
      afterHoursMs: sum(points.map((p) => p.afterHoursMs)),
      perDayMs: act ? activeMs / act : null,
      per8hMs: hours > 0 ? activeMs / (hours / 8) : null,
      messagesHandled: summary.messagesHandled,
      perMessageMedianMs: summary.perMessageMedianMs,
      draftShare: ratio(sum(points.map((p) => p.repliesFromDraft)), replies),
      editRatioMedian: summary.editRatioMedian,
      turnaroundMedianMs: summary.turnaroundMedianMs,
    };
  });

  const armRows: ArmRow[] = (['ai', 'control'] as const).flatMap((arm) => {
    const ps = perDataset.flatMap(({ ds, points }) => points.filter((p) => p.arm === arm).map((p) => ({ ds: ds.id, p })));
    if (!ps.length) return [];
    const act = ps.filter(({ p }) => p.activeMs > 0);
    const activeMs = sum(ps.map(({ p }) => p.activeMs));
    const hours = sum(ps.map(({ p }) => p.scheduledPatientHours));
    const replies = sum(ps.map(({ p }) => p.replies));
    return [
      {
        arm,
        clinicians: new Set(ps.map((x) => x.ds)).size,
        clinicianDays: act.length,
        activeMs,
        afterHoursMs: sum(ps.map(({ p }) => p.afterHoursMs)),
        perDayMs: act.length ? activeMs / act.length : null,
        per8hMs: hours > 0 ? activeMs / (hours / 8) : null,
        replies,
        draftShare: ratio(sum(ps.map(({ p }) => p.repliesFromDraft)), replies),
        turnaroundMedianMs: median(ps.flatMap(({ p }) => (p.turnaroundMedianMs === null ? [] : [p.turnaroundMedianMs]))),
      },
    ];
  });

  const sortedTimes = [...allTimes].sort((a, b) => a - b);
  return {
    from,
    to,
    clinicians: datasets.length,
    activeDays: activePoints.length,
    totals,
    perDayPerClinicianMs: activePoints.length ? totals.activeMs / activePoints.length : null,
    per8hMs: totals.scheduledPatientHours > 0 ? totals.activeMs / (totals.scheduledPatientHours / 8) : null,
    draftShare: ratio(totals.repliesFromDraft, totals.replies),
    perMessageMedianMs: single ? single.perMessageMedianMs : median(sortedTimes),
    perMessageP90Ms: single ? single.perMessageP90Ms : sortedTimes.length ? sortedTimes[Math.max(0, Math.ceil(0.9 * sortedTimes.length) - 1)]! : null,
    editRatioMedian: single ? single.editRatioMedian : median(allPoints.flatMap((p) => (p.editRatioMedian === null ? [] : [p.editRatioMedian]))),
    turnaroundMedianMs: single ? single.turnaroundMedianMs : median(allPoints.flatMap((p) => (p.turnaroundMedianMs === null ? [] : [p.turnaroundMedianMs]))),
    days,
    buckets,
    bucketKind,
    levels,
    timeBins: histogram(allTimes),
    cptLastWeek: {
      '99421': sum(lastPoints.map((p) => p.cpt['99421'])),
      '99422': sum(lastPoints.map((p) => p.cpt['99422'])),
      '99423': sum(lastPoints.map((p) => p.cpt['99423'])),
    },
    clinicianRows,
    armRows,
    empty: totals.activeMs === 0 && allTimes.length === 0,
  };
}

const triageMaps = new WeakMap<SourceData, Map<string, SourceData['triage'][number]>>();
function triageMap(ds: FullDataset): Map<string, SourceData['triage'][number]> {
  let m = triageMaps.get(ds.source);
  if (!m) triageMaps.set(ds.source, (m = new Map(ds.source.triage.map((t) => [t.messageKey, t]))));
  return m;
}

function addLevels(all: LevelCounts[]): LevelCounts {
  const out = countByLevel([], new Map());
  for (const l of all) {
    for (const k of Object.keys(out.byUrgency) as (keyof LevelCounts['byUrgency'])[]) out.byUrgency[k] += l.byUrgency[k];
    for (const k of Object.keys(out.byCategory) as (keyof LevelCounts['byCategory'])[]) out.byCategory[k] += l.byCategory[k];
  }
  return out;
}

const firstDayCache = new WeakMap<FullDataset, Map<string, string>>();
function firstDayOf(ds: FullDataset, key: string): string | undefined {
  let m = firstDayCache.get(ds);
  if (!m) {
    const tz = ds.source.schedule.timeZone;
    m = new Map(ds.source.stats.map((s) => [s.messageKey, dayKey(s.firstOpenedAt, tz)]));
    firstDayCache.set(ds, m);
  }
  return m.get(key);
}

/** Minutes with one decimal, for text. */
export function fmtMin(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  const min = ms / 60_000;
  if (min >= 120) return `${(min / 60).toFixed(1)} h`;
  return `${min.toFixed(1)} min`;
}

export function fmtPct(x: number | null | undefined): string {
  return x === null || x === undefined ? '—' : `${Math.round(x * 100)}%`;
}

export function fmtTurnaround(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  const h = ms / 3600_000;
  return h >= 48 ? `${(h / 24).toFixed(1)} days` : h >= 1 ? `${h.toFixed(1)} h` : `${Math.round(ms / 60_000)} min`;
}
