/**
 * Synthetic burden data for tests, the end-to-end test and `npm run bench`: one clinician's inbox
 * work, day by day, from a seed (reproducible). No text: keys, times and levels only.
 *
 * Each weekday: five or six sessions (before clinic, two between visits, lunch, after clinic,
 * sometimes evening);
 * in each, messages handled one after another: a short list span, reading, and for about half a
 * reply draft; replies, draft uses with edit ratios, triage levels. One timeline, no overlaps.
 */
import type { ActivityEventRecord, DraftUseRecord, MessageStatsRecord, MessageTriageRecord } from '../db/schema';
import { defaultSettings, type ClinicSchedule } from '../activity/settings';
import { addDayKey, dayRange, weekday } from '../metrics/time';
import { seededRandom } from '../study/prng';
import { CATEGORIES, type Urgency } from '../triage/labels';
import type { SourceData } from './build';

export interface SyntheticOptions {
  seed: string;
  /** First clinic day ('yyyy-MM-dd'). */
  from: string;
  days: number;
  schedule?: ClinicSchedule;
  /** Messages per weekday (average). */
  perDay?: number;
  /** Hex-ish prefix for keys (distinct clinicians get distinct keys). */
  keyPrefix?: string;
}

const MIN = 60_000;

export function syntheticClinician(o: SyntheticOptions): SourceData {
  const rnd = seededRandom(o.seed);
  const schedule = o.schedule ?? defaultSettings('America/New_York').schedule;
  const tz = schedule.timeZone;
  const perDay = o.perDay ?? 30;
  const prefix = o.keyPrefix ?? o.seed;
  const events: ActivityEventRecord[] = [];
  const stats: MessageStatsRecord[] = [];
  const draftUses: DraftUseRecord[] = [];
  const triage: MessageTriageRecord[] = [];
  let id = 1;
  let n = 0;
  const patients = Array.from({ length: 400 }, (_, i) => `${prefix}-patient-${i}`);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;

  for (let i = 0; i < o.days; i++) {
    const day = addDayKey(o.from, i);
    const wd = weekday(day);
    if (wd === 0 || (wd === 6 && rnd() < 0.8)) continue;
    const midnight = dayRange(day, tz).start;
    const sessions = [7 * 60 + 20, 10 * 60 + 40, 12 * 60 + 5, 15 * 60 + 30, 17 * 60 + 10, ...(rnd() < 0.4 ? [20 * 60 + 30] : [])];
    const count = wd === 6 ? Math.round(perDay / 4) : Math.max(5, Math.round(perDay * (0.7 + rnd() * 0.6)));
    let left = count;
    for (const [si, startMin] of sessions.entries()) {
      const here = si === sessions.length - 1 ? left : Math.min(left, Math.round(count / sessions.length));
      left -= here;
      let t = midnight + startMin * MIN + Math.floor(rnd() * 10 * MIN);
      for (let k = 0; k < here; k++) {
        const messageKey = `demo:${prefix}-m${n++}`;
        const patientKey = pick(patients);
        const listMs = Math.floor((10 + rnd() * 50) * 1000);
        events.push({ id: id++, start: t, end: t + listMs, kind: 'list', adapterId: 'demo', messageKey: '', patientKey: '', tabId: 1 });
        t += listMs;
        const readMs = Math.floor((20 + rnd() * 240) * 1000);
        events.push({ id: id++, start: t, end: t + readMs, kind: 'read', adapterId: 'demo', messageKey, patientKey, tabId: 1 });
        const openedAt = t;
        t += readMs;
        const urgency: Urgency = rnd() < 0.04 ? 'emergency' : rnd() < 0.2 ? 'urgent' : 'routine';
        const category = pick(CATEGORIES);
        triage.push({ messageKey, urgency, category, at: openedAt });
        const replies = rnd() < 0.7;
        let draftMs = 0;
        let repliedAt: number | null = null;
        if (replies) {
          draftMs = Math.floor((30 + rnd() * 300) * 1000);
          events.push({ id: id++, start: t, end: t + draftMs, kind: 'draft', adapterId: 'demo', messageKey, patientKey, tabId: 1 });
          t += draftMs;
          repliedAt = t;
          if (rnd() < 0.55) {
            const inserted = openedAt + readMs + 2000;
            draftUses.push({
              recordId: `${prefix}-d${n}`,
              messageKey,
              adapterId: 'demo',
              draftsShown: 3,
              insertedTemplateId: pick(['ack-results', 'med-refill', 'schedule-visit', 'symptom-advice']),
              editRatio: Math.round(rnd() * 600) / 1000,
              openedAt,
              insertedAt: inserted,
              sentAt: repliedAt,
              openToSendMs: repliedAt - openedAt,
              urgency,
              category,
            });
          }
        }
        const sentAt = openedAt - Math.floor(rnd() * 30 * 3600_000);
        stats.push({
          messageKey,
          adapterId: 'demo',
          patientKey,
          sentAt,
          chars: 200 + Math.floor(rnd() * 800),
          firstOpenedAt: openedAt,
          lastOpenedAt: openedAt,
          opens: 1,
          readMs,
          draftMs,
          activeMs: readMs + draftMs,
          repliedAt,
          completedAt: replies ? null : t,
        });
        t += Math.floor(rnd() * 20_000);
      }
    }
  }
  return { schedule, events, stats, draftUses, triage };
}
