/**
 * The options page's clinic-schedule form, as pure functions: clinic hours per weekday are
 * written as "08:00-12:00, 13:00-17:00" (empty: closed), checked with the settings' zod schema.
 */
import { ActivitySettingsSchema, type ActivitySettings, type HoursBlock, WEEKDAYS } from '../activity/settings';

export interface ScheduleForm {
  idleWindowSec: string;
  timeZone: string;
  /** Per weekday, index 0 = Sunday. */
  hours: string[];
  patientHours: string[];
}

export function hoursToText(blocks: readonly HoursBlock[]): string {
  return blocks.map((b) => `${b.start}-${b.end}`).join(', ');
}

export function toForm(s: ActivitySettings): ScheduleForm {
  return {
    idleWindowSec: String(s.idleWindowSec),
    timeZone: s.schedule.timeZone,
    hours: s.schedule.weeklyHours.map(hoursToText),
    patientHours: s.schedule.patientHours.map(String),
  };
}

const pad = (hm: string) => (hm.length === 4 ? `0${hm}` : hm);

export function parseHoursText(text: string): { ok: true; blocks: HoursBlock[] } | { ok: false; error: string } {
  const parts = text.split(/[,;]/).map((p) => p.trim()).filter(Boolean);
  const blocks: HoursBlock[] = [];
  for (const p of parts) {
    const m = /^(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2})$/.exec(p);
    if (!m) return { ok: false, error: `"${p}" is not a block like 08:00-12:00` };
    blocks.push({ start: pad(m[1]!), end: pad(m[2]!) });
  }
  blocks.sort((a, b) => a.start.localeCompare(b.start));
  for (let i = 1; i < blocks.length; i++) if (blocks[i]!.start < blocks[i - 1]!.end) return { ok: false, error: 'blocks overlap' };
  return { ok: true, blocks };
}

export function fromForm(f: ScheduleForm): { ok: true; settings: ActivitySettings } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const weeklyHours = f.hours.map((t, i) => {
    const r = parseHoursText(t);
    if (!r.ok) errors.push(`${WEEKDAYS[i]}: ${r.error}`);
    return r.ok ? r.blocks : [];
  });
  const patientHours = f.patientHours.map((t) => (t.trim() === '' ? 0 : Number(t)));
  const candidate = { idleWindowSec: Number(f.idleWindowSec), schedule: { timeZone: f.timeZone.trim(), weeklyHours, patientHours } };
  const parsed = ActivitySettingsSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const i of parsed.error.issues) {
      const [a, b, c] = i.path;
      const where =
        a === 'idleWindowSec'
          ? 'Idle window (seconds)'
          : b === 'timeZone'
            ? 'Time zone'
            : b === 'patientHours' && typeof c === 'number'
              ? `${WEEKDAYS[c]} patient hours`
              : b === 'weeklyHours' && typeof c === 'number'
                ? `${WEEKDAYS[c]} clinic hours`
                : i.path.join('.');
      errors.push(`${where}: ${i.message}`);
    }
  }
  if (errors.length || !parsed.success) return { ok: false, errors: [...new Set(errors)] };
  return { ok: true, settings: parsed.data };
}
