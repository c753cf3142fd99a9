/**
 * Settings of inbox-time capture and the clinic schedule (options page → storage.local).
 * One zod schema gives the type, the defaults and the check on every read.
 */
import { z } from 'zod';

export const ACTIVITY_SETTINGS_KEY = 'activitySettings';

const hhmm = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, 'time as HH:MM');

/** One block of clinic hours on a weekday, local time, end after start ("24:00" allowed). */
export const HoursBlockSchema = z
  .object({ start: hhmm, end: hhmm })
  .refine((b) => toMinutes(b.end) > toMinutes(b.start), { message: 'end must be after start' });
export type HoursBlock = z.infer<typeof HoursBlockSchema>;

/** Weekday index as in Date#getDay(): 0 = Sunday … 6 = Saturday. */
export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

export const ClinicScheduleSchema = z.object({
  /** IANA time zone of the clinic, e.g. "America/New_York". */
  timeZone: z.string().min(1).max(100).refine(isTimeZone, { message: 'unknown time zone' }),
  /** Clinic hours per weekday (index 0 = Sunday); time outside them is after-hours. */
  weeklyHours: z.array(z.array(HoursBlockSchema).max(6)).length(7),
  /** Scheduled patient (clinic visit) hours per weekday, for inbox time per 8 scheduled hours. */
  patientHours: z.array(z.number().min(0).max(24)).length(7),
});
export type ClinicSchedule = z.infer<typeof ClinicScheduleSchema>;

export const ActivitySettingsSchema = z.object({
  /** No input or scrolling for this long ends activity (a message being read gets its reading allowance). */
  idleWindowSec: z.number().int().min(15).max(600).default(60),
  schedule: ClinicScheduleSchema,
});
export type ActivitySettings = z.infer<typeof ActivitySettingsSchema>;

const weekday: HoursBlock[] = [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:00' }];

export function defaultSettings(timeZone = localTimeZone()): ActivitySettings {
  return {
    idleWindowSec: 60,
    schedule: {
      timeZone,
      weeklyHours: [[], weekday, weekday, weekday, weekday, weekday, []],
      patientHours: [0, 6, 6, 6, 6, 6, 0],
    },
  };
}

export function toMinutes(hm: string): number {
  const [h, m] = hm.split(':').map(Number);
  return h! * 60 + m!;
}

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function localTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** The stored settings, or the defaults when none or invalid ones are stored. */
export function parseSettings(raw: unknown): ActivitySettings {
  const r = ActivitySettingsSchema.safeParse(raw);
  return r.success ? r.data : defaultSettings();
}

interface LocalArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export async function loadSettings(area: LocalArea): Promise<ActivitySettings> {
  return parseSettings((await area.get(ACTIVITY_SETTINGS_KEY))[ACTIVITY_SETTINGS_KEY]);
}

export async function saveSettings(area: LocalArea, settings: unknown): Promise<{ ok: true; settings: ActivitySettings } | { ok: false; errors: string[] }> {
  const r = ActivitySettingsSchema.safeParse(settings);
  if (!r.success) return { ok: false, errors: r.error.issues.map((i) => `${i.path.join('.') || 'settings'}: ${i.message}`) };
  await area.set({ [ACTIVITY_SETTINGS_KEY]: r.data });
  return { ok: true, settings: r.data };
}
