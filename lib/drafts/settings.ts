/**
 * Draft settings (storage.local, parsed with zod): who signs, the clinic's phone, the tone, the
 * disclosure line, study mode and the optional remembered phrasing. No message text here.
 */
import { z } from 'zod';

export const DRAFT_SETTINGS_KEY = 'drafts:settings';

export const DraftSettingsSchema = z.object({
  clinicianName: z.string().max(120).default(''),
  /** Sign-off line(s); empty means the clinician's name. */
  signOff: z.string().max(300).default(''),
  clinicPhone: z.string().max(60).default(''),
  practiceName: z.string().max(120).default(''),
  tone: z.enum(['brief', 'warm']).default('warm'),
  /** "Drafted with assistance, reviewed by …": 'auto' = on in study mode, off otherwise (a practice setting). */
  disclosure: z.enum(['auto', 'on', 'off']).default('auto'),
  /** Pilot-study mode: measures only, never any reply text stored. */
  studyMode: z.boolean().default(false),
  /** Remember the clinician's own sent replies on this device to suggest their phrasing (off by default; never in study mode). */
  rememberReplies: z.boolean().default(false),
});
export type DraftSettings = z.infer<typeof DraftSettingsSchema>;

export const DEFAULT_DRAFT_SETTINGS: DraftSettings = DraftSettingsSchema.parse({});

export interface LocalArea {
  get(keys: string | string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

/** Saved settings, or the defaults when none or damaged. */
export async function loadDraftSettings(area: LocalArea): Promise<DraftSettings> {
  const got = await area.get(DRAFT_SETTINGS_KEY);
  const parsed = DraftSettingsSchema.safeParse(got[DRAFT_SETTINGS_KEY] ?? {});
  return parsed.success ? parsed.data : DEFAULT_DRAFT_SETTINGS;
}

export async function saveDraftSettings(area: LocalArea, settings: unknown): Promise<DraftSettings> {
  const parsed = DraftSettingsSchema.parse(settings);
  await area.set({ [DRAFT_SETTINGS_KEY]: parsed });
  return parsed;
}

/** Whether the disclosure line is added by default. */
export function disclosureOn(s: Pick<DraftSettings, 'disclosure' | 'studyMode'>): boolean {
  return s.disclosure === 'on' || (s.disclosure === 'auto' && s.studyMode);
}

/** Remembered replies are allowed only when turned on and never in study mode. */
export function rememberRepliesAllowed(s: Pick<DraftSettings, 'rememberReplies' | 'studyMode'>): boolean {
  return s.rememberReplies && !s.studyMode;
}
