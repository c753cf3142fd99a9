/**
 * Build a participant's de-identified export (./schema.ts) from this browser's data, and turn an
 * export back into the measures' input (lib/metrics): re-importing an export gives the same
 * figures as the data it was made from (a unit test and the end-to-end test check this).
 *
 * What is exported: the study window only, [recording start, withdrawal or now). Events are cut
 * to it; a message belongs to it when first opened in it; a draft use when it started in it;
 * reply times after the window are dropped.
 */
import type { ActivityEventRecord, DraftUseRecord, MessageStatsRecord, MessageTriageRecord } from '../db/schema';
import type { ClinicSchedule } from '../activity/settings';
import type { MetricsInput } from '../metrics/summary';
import { clip, dayKey, type Span } from '../metrics/time';
import { indexMetrics } from '../metrics/indexed';
import { armAt, recordingStart, type Enrollment } from '../study/enrollment';
import { createHasher, sha256Hex } from './deidentify';
import { EXPORT_KIND, EXPORT_SCHEMA_VERSION, type DayRow, type DraftRow, type EventRow, type ExportBundle, type Manifest, type MessageRow } from './schema';

/** This browser's burden data: the measures' input plus each opened message's triage. */
export interface SourceData extends MetricsInput {
  triage: readonly MessageTriageRecord[];
}

export interface ExportOptions {
  now: number;
  exportId: string;
  extensionVersion: string;
  /** Narrow the window further (optional). */
  range?: Partial<Span>;
}

const inWin = (t: number | null | undefined, w: Span): t is number => typeof t === 'number' && t >= w.start && t < w.end;

/** The study window of an enrollment at `now`. */
export function studyWindow(e: Enrollment, now: number, range?: Partial<Span>): Span {
  const start = Math.max(recordingStart(e), range?.start ?? -Infinity);
  const end = Math.min(e.withdrawnAt ?? now, now, range?.end ?? Infinity);
  return { start, end: Math.max(start, end) };
}

/** The data the export of window `w` is made from (also what the dashboard compares it with). */
export function restrictToWindow(src: SourceData, w: Span): SourceData {
  const events = clip(src.events, w);
  const stats = src.stats.filter((s) => inWin(s.firstOpenedAt, w)).map((s) => ({ ...s, repliedAt: inWin(s.repliedAt, w) ? s.repliedAt : null, completedAt: inWin(s.completedAt, w) ? s.completedAt : null }));
  const draftStart = (d: DraftUseRecord) => d.openedAt ?? d.insertedAt ?? d.sentAt ?? null;
  const draftUses = src.draftUses
    .filter((d) => inWin(draftStart(d), w))
    .map((d) => ({ ...d, insertedAt: inWin(d.insertedAt, w) ? d.insertedAt : null, sentAt: inWin(d.sentAt, w) ? d.sentAt : null }));
  const keys = new Set([...stats.map((s) => s.messageKey), ...draftUses.map((d) => d.messageKey), ...events.map((e) => e.messageKey)]);
  return { schedule: src.schedule, events, stats, draftUses, triage: src.triage.filter((t) => keys.has(t.messageKey)) };
}

function firstReplies(stats: readonly MessageStatsRecord[], drafts: readonly DraftUseRecord[]): Map<string, number> {
  const out = new Map<string, number>();
  const note = (k: string, at: number | null | undefined) => {
    if (typeof at !== 'number') return;
    const cur = out.get(k);
    if (cur === undefined || at < cur) out.set(k, at);
  };
  for (const s of stats) note(s.messageKey, s.repliedAt);
  for (const d of drafts) note(d.messageKey, d.sentAt ?? null);
  return out;
}

const numOrNull = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? Math.round(v) : null);

export async function buildExport(srcAll: SourceData, e: Enrollment, opts: ExportOptions): Promise<ExportBundle> {
  const w = studyWindow(e, opts.now, opts.range);
  const src = restrictToWindow(srcAll, w);
  const tz = src.schedule.timeZone;
  const arm = (t: number) => armAt(e, t, tz);
  const h = await createHasher(e.salt);
  const triage = new Map(src.triage.map((t) => [t.messageKey, t]));

  const sorted = [...src.events].sort((a, b) => a.start - b.start || a.end - b.end);
  const events: EventRow[] = [];
  for (const [i, ev] of sorted.entries()) {
    events.push({
      type: 'event',
      eventId: i + 1,
      start: ev.start,
      end: ev.end,
      day: dayKey(ev.start, tz),
      kind: ev.kind,
      adapter: ev.adapterId,
      messageId: await h.id('message', ev.messageKey),
      patientId: await h.id('patient', ev.patientKey),
      arm: arm(ev.start),
    });
  }

  const replies = firstReplies(src.stats, src.draftUses);
  const messages: MessageRow[] = [];
  for (const s of [...src.stats].sort((a, b) => a.firstOpenedAt - b.firstOpenedAt || a.messageKey.localeCompare(b.messageKey))) {
    const first = replies.get(s.messageKey);
    const t = triage.get(s.messageKey);
    messages.push({
      type: 'message',
      messageId: await h.id('message', s.messageKey),
      adapter: s.adapterId,
      patientId: await h.id('patient', s.patientKey),
      day: dayKey(s.firstOpenedAt, tz),
      firstOpenedAt: s.firstOpenedAt,
      lastOpenedAt: s.lastOpenedAt,
      opens: s.opens,
      readMs: Math.round(s.readMs),
      draftMs: Math.round(s.draftMs),
      activeMs: Math.round(s.activeMs),
      repliedAt: s.repliedAt,
      completedAt: s.completedAt,
      turnaroundMs: typeof s.sentAt === 'number' && first !== undefined && first >= s.sentAt ? first - s.sentAt : null,
      urgency: t?.urgency ?? null,
      category: t?.category ?? null,
      arm: arm(s.firstOpenedAt),
    });
  }

  const drafts: DraftRow[] = [];
  const draftStart = (d: DraftUseRecord) => d.openedAt ?? d.insertedAt ?? d.sentAt ?? 0;
  for (const [i, d] of [...src.draftUses].sort((a, b) => draftStart(a) - draftStart(b)).entries()) {
    const t = triage.get(d.messageKey);
    const tmpl = typeof d.insertedTemplateId === 'string' ? d.insertedTemplateId.replace(/[^A-Za-z0-9._:-]/g, '').slice(0, 60) : null;
    drafts.push({
      type: 'draft',
      draftId: i + 1,
      messageId: await h.id('message', d.messageKey),
      adapter: d.adapterId,
      draftsShown: typeof d.draftsShown === 'number' ? Math.min(20, Math.max(0, Math.round(d.draftsShown))) : 0,
      insertedTemplateId: tmpl,
      inserted: d.insertedAt != null || d.insertedTemplateId != null,
      editRatio: typeof d.editRatio === 'number' ? d.editRatio : null,
      openedAt: numOrNull(d.openedAt),
      insertedAt: numOrNull(d.insertedAt),
      sentAt: numOrNull(d.sentAt),
      openToSendMs: numOrNull(d.openToSendMs),
      urgency: (d.urgency as DraftRow['urgency'] | undefined) ?? t?.urgency ?? null,
      category: (d.category as DraftRow['category'] | undefined) ?? t?.category ?? null,
      arm: arm(draftStart(d)),
    });
  }

  const days: DayRow[] = [];
  if (w.end > w.start) {
    const idx = indexMetrics(src);
    const from = dayKey(w.start, tz);
    const to = dayKey(w.end - 1, tz);
    for (const s of idx.daily(from, to)) {
      const bands = { '99421': 0, '99422': 0, '99423': 0 };
      for (const p of s.patients) if (p.band) bands[p.band] += 1;
      days.push({
        type: 'day',
        day: s.days[0]!,
        arm: arm(s.from),
        activeMs: s.activeMs,
        inHoursMs: s.activeMs - s.afterHoursMs,
        afterHoursMs: s.afterHoursMs,
        listMs: s.listMs,
        readMs: s.readMs,
        draftMs: s.draftMs,
        messagesHandled: s.messagesHandled,
        perMessageMedianMs: s.perMessageMedianMs,
        perMessageP90Ms: s.perMessageP90Ms,
        scheduledPatientHours: s.scheduledPatientHours,
        per8hMs: s.per8hMs,
        replies: s.replies,
        repliesFromDraft: s.repliesFromDraft,
        editRatioMedian: s.editRatioMedian,
        turnaroundMedianMs: s.turnaroundMedianMs,
        cpt99421: bands['99421'],
        cpt99422: bands['99422'],
        cpt99423: bands['99423'],
      });
    }
  }

  const body = bodyLines({ events, messages, drafts, days });
  const manifest: Manifest = {
    type: 'manifest',
    kind: EXPORT_KIND,
    schemaVersion: EXPORT_SCHEMA_VERSION,
    exportId: opts.exportId,
    studyId: e.studyId,
    participantCode: e.participantCode,
    assignment: { method: e.assignment.method, arm: e.assignment.arm, candidates: [...e.assignment.candidates], seed: e.assignment.seed },
    consentTextSha256: e.consent.textSha256,
    consentAcceptedAt: e.consent.acceptedAt,
    enrolledAt: e.enrolledAt,
    withdrawnAt: e.withdrawnAt,
    exportedAt: opts.now,
    range: { from: w.start, to: w.end },
    schedule: scheduleOf(src.schedule),
    extensionVersion: opts.extensionVersion,
    counts: { event: events.length, message: messages.length, draft: drafts.length, day: days.length },
    sha256: '',
  };
  manifest.sha256 = await sha256Hex(JSON.stringify(manifest) + '\n' + body);
  return { manifest, events, messages, drafts, days };
}

function scheduleOf(s: ClinicSchedule): Manifest['schedule'] {
  return { timeZone: s.timeZone, weeklyHours: s.weeklyHours.map((d) => d.map((b) => ({ start: b.start, end: b.end }))), patientHours: [...s.patientHours] };
}

/** The data lines of a bundle, each ended by "\n" (what the manifest's sha256 covers). */
export function bodyLines(b: Pick<ExportBundle, 'events' | 'messages' | 'drafts' | 'days'>): string {
  let out = '';
  for (const r of b.events) out += JSON.stringify(r) + '\n';
  for (const r of b.messages) out += JSON.stringify(r) + '\n';
  for (const r of b.drafts) out += JSON.stringify(r) + '\n';
  for (const r of b.days) out += JSON.stringify(r) + '\n';
  return out;
}

/**
 * An export back as the measures' input. Keys are the hashed ids; the patient's send time is
 * first reply − turnaround (so turnaround is the same), and nothing else the measures read is
 * changed.
 */
export function bundleToSource(b: ExportBundle): SourceData {
  const events: ActivityEventRecord[] = b.events.map((r) => ({
    id: r.eventId,
    start: r.start,
    end: r.end,
    kind: r.kind,
    adapterId: r.adapter,
    messageKey: r.messageId,
    patientKey: r.patientId,
    tabId: 0,
  }));
  return sourceFromRows(b.manifest, events, b.messages, b.drafts);
}

/** The same as bundleToSource, with the events already as records (the imports database builds them from columns). */
export function sourceFromRows(manifest: Manifest, events: ActivityEventRecord[], messages: readonly MessageRow[], drafts: readonly DraftRow[]): SourceData {
  const b = { manifest, messages, drafts };
  const schedule: ClinicSchedule = b.manifest.schedule;
  const draftUses: DraftUseRecord[] = b.drafts.map((d) => ({
    id: d.draftId,
    messageKey: d.messageId,
    adapterId: d.adapter,
    draftsShown: d.draftsShown,
    insertedTemplateId: d.insertedTemplateId ?? (d.inserted ? '' : null),
    editRatio: d.editRatio,
    openedAt: d.openedAt,
    insertedAt: d.insertedAt,
    sentAt: d.sentAt,
    openToSendMs: d.openToSendMs,
    urgency: d.urgency,
    category: d.category,
  }));
  const statsNoSent: MessageStatsRecord[] = b.messages.map((m) => ({
    messageKey: m.messageId,
    adapterId: m.adapter,
    patientKey: m.patientId,
    sentAt: null,
    chars: 0,
    firstOpenedAt: m.firstOpenedAt,
    lastOpenedAt: m.lastOpenedAt,
    opens: m.opens,
    readMs: m.readMs,
    draftMs: m.draftMs,
    activeMs: m.activeMs,
    repliedAt: m.repliedAt,
    completedAt: m.completedAt,
  }));
  const replies = firstReplies(statsNoSent, draftUses);
  const stats = statsNoSent.map((s, i) => {
    const t = b.messages[i]!.turnaroundMs;
    const first = replies.get(s.messageKey);
    return t !== null && first !== undefined ? { ...s, sentAt: first - t } : s;
  });
  const triage: MessageTriageRecord[] = b.messages.flatMap((m) => (m.urgency ? [{ messageKey: m.messageId, urgency: m.urgency, category: m.category, at: m.firstOpenedAt }] : []));
  return { schedule, events, stats, draftUses, triage };
}
