/**
 * The background's answer to "how much inbox time": reads the stored events and settings and
 * computes the measures with lib/metrics (pure). For the side panel's "today" section.
 */
import { z } from 'zod';
import type { InboxTriageDb, MessageStatsRecord } from '../db/schema';
import { messageKeyOf } from '../db/schema';
import { daySummary, weekSummary, type PeriodSummary, type CptCode } from '../metrics/summary';
import { addDayKey, dayKey, dayRange, weekRange } from '../metrics/time';
import type { ActivitySettings } from './settings';
import { hashPatient } from './recorder';

export const InboxTimeRequestSchema = z.object({
  /** Clinic day 'yyyy-MM-dd' (default: today in the clinic's zone). */
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  /** The open message, for its own totals and its patient's 7-day time. */
  open: z.object({ adapterId: z.string().max(100), messageId: z.string().max(200), patient: z.string().max(500).optional() }).optional(),
});
export type InboxTimeRequest = z.infer<typeof InboxTimeRequestSchema>;

export interface InboxTimeReply {
  day: string;
  timeZone: string;
  today: Omit<PeriodSummary, 'patients'>;
  week: Omit<PeriodSummary, 'patients'>;
  message: Pick<MessageStatsRecord, 'readMs' | 'draftMs' | 'activeMs' | 'opens' | 'firstOpenedAt' | 'repliedAt' | 'completedAt' | 'sentAt'> | null;
  patient7d: { ms: number; minutes: number; band: CptCode | null } | null;
}

const strip = ({ patients: _p, ...rest }: PeriodSummary) => rest;

export async function inboxTime(db: InboxTriageDb, settings: ActivitySettings, raw: unknown, now: number): Promise<InboxTimeReply> {
  const req = InboxTimeRequestSchema.parse(raw ?? {});
  const tz = settings.schedule.timeZone;
  const day = req.day ?? dayKey(now, tz);
  const week = weekRange(day, tz);
  // Everything the week and the patient's 7 days can touch.
  const from = Math.min(week.start, dayRange(addDayKey(day, -6), tz).start);
  const to = Math.max(week.end, dayRange(day, tz).end);
  const [events, stats, draftUses] = await Promise.all([
    db.activity.where('end').above(from).and((e) => e.start < to).toArray(),
    db.messageStats.toArray(),
    db.draftUses.toArray(),
  ]);
  const input = { events, stats, draftUses, schedule: settings.schedule };
  const today = daySummary(input, day);
  let message: InboxTimeReply['message'] = null;
  let patient7d: InboxTimeReply['patient7d'] = null;
  if (req.open) {
    const s = stats.find((x) => x.messageKey === messageKeyOf(req.open!.adapterId, req.open!.messageId));
    if (s) message = { readMs: s.readMs, draftMs: s.draftMs, activeMs: s.activeMs, opens: s.opens, firstOpenedAt: s.firstOpenedAt, repliedAt: s.repliedAt, completedAt: s.completedAt, sentAt: s.sentAt };
    const saltRec = await db.activityState.get('patientSalt');
    if (req.open.patient && typeof saltRec?.value === 'string') {
      const key = await hashPatient(req.open.patient, saltRec.value);
      const p = today.patients.find((x) => x.patientKey === key);
      patient7d = p ? { ms: p.ms, minutes: p.minutes, band: p.band } : { ms: 0, minutes: 0, band: null };
    }
  }
  return { day, timeZone: tz, today: strip(today), week: strip(weekSummary(input, day)), message, patient7d };
}
