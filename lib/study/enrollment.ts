/**
 * Pilot-study enrollment (issue 7): who takes part (a participant code, never a name), in which
 * study, the consent text supplied by the study and when it was accepted, the arm (AI features on
 * or off, or a crossover by week; randomised with a recorded seed, or fixed), and the enrollment
 * and withdrawal dates. Stored in storage.local under one key, parsed with zod on every read.
 *
 * Nothing is recorded for the study before consent is accepted: an enrollment cannot exist
 * without an accepted consent, and exports only cover [recordingStart, withdrawnAt).
 */
import { z } from 'zod';
import { dayKey, weekRange } from '../metrics/time';
import { seededRandom } from './prng';

export const STUDY_KEY = 'study:enrollment';

/**
 * `ai`: triage badges and drafts shown; `control`: hidden, time measured the same way;
 * crossover: the two alternate by ISO week (clinic time), starting with the named one.
 */
export const ARMS = ['ai', 'control', 'crossover-ai-first', 'crossover-control-first'] as const;
export const ArmSchema = z.enum(ARMS);
export type Arm = z.infer<typeof ArmSchema>;
/** What a participant gets on a given day. */
export type ArmToday = 'ai' | 'control';

export const ARM_TEXT: Record<Arm, string> = {
  ai: 'AI features on',
  control: 'AI features off (control)',
  'crossover-ai-first': 'Crossover by week, AI features on first',
  'crossover-control-first': 'Crossover by week, AI features off first',
};

/** Study ids and participant codes go into file names and exports: a safe, short alphabet. */
export const StudyIdSchema = z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, 'study id: letters, digits, . _ - (up to 40)');
/**
 * A participant code such as "P-017": letters, digits and dashes, with at least one digit, so a
 * name cannot be entered by mistake.
 */
export const ParticipantCodeSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9-]{2,24}$/, 'participant code: 2–24 letters, digits or dashes, no spaces')
  .refine((s) => /\d/.test(s), { message: 'participant code must contain a digit (a code, never a name)' });

export const AssignmentSchema = z.object({
  method: z.enum(['fixed', 'randomized']),
  arm: ArmSchema,
  /** The arms a randomised assignment drew from. */
  candidates: z.array(ArmSchema).min(1),
  /** The recorded seed of a randomised assignment (null when fixed). */
  seed: z.string().max(100).nullable(),
});
export type Assignment = z.infer<typeof AssignmentSchema>;

export const EnrollmentSchema = z.object({
  version: z.literal(1),
  studyId: StudyIdSchema,
  participantCode: ParticipantCodeSchema,
  consent: z.object({
    text: z.string().min(20).max(50_000),
    /** SHA-256 (hex) of the consent text accepted. */
    textSha256: z.string().regex(/^[0-9a-f]{64}$/),
    acceptedAt: z.number().int(),
  }),
  assignment: AssignmentSchema,
  /** Per-study secret for hashing ids in exports (supplied by the study team, the same for every participant). */
  salt: z.string().min(16).max(200),
  /** Recording for the study starts here (ms). */
  enrolledAt: z.number().int(),
  withdrawnAt: z.number().int().nullable(),
});
export type Enrollment = z.infer<typeof EnrollmentSchema>;

/** What the study team supplies and the participant confirms, before consent. */
export const EnrollmentDraftSchema = z.object({
  studyId: StudyIdSchema,
  participantCode: ParticipantCodeSchema,
  consentText: z.string().trim().min(20, 'the consent text supplied by the study (at least 20 characters)').max(50_000),
  salt: z.string().min(16, 'study salt: at least 16 characters').max(200),
  method: z.enum(['fixed', 'randomized']),
  /** Fixed: the arm. */
  arm: ArmSchema.optional(),
  /** Randomised: the arms to draw from. */
  candidates: z.array(ArmSchema).min(1).optional(),
  /** Randomised: the seed (recorded); a new one is made when empty. */
  seed: z.string().max(100).optional(),
  /** Enrollment date (ms); default: consent time. */
  enrolledAt: z.number().int().optional(),
});
export type EnrollmentDraft = z.input<typeof EnrollmentDraftSchema>;

/** Draw an arm from `candidates`, reproducibly from (study, participant, seed). */
export function randomArm(candidates: readonly Arm[], seed: string, studyId: string, participantCode: string): Arm {
  if (!candidates.length) throw new Error('no arms to draw from');
  const r = seededRandom(`${studyId}|${participantCode}|${seed}`)();
  return candidates[Math.min(candidates.length - 1, Math.floor(r * candidates.length))]!;
}

export async function sha256Hex(text: string): Promise<string> {
  const d = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(d)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Build an enrollment once the participant accepted the consent text (`acceptedAt`).
 * Throws with the first problem when the draft is invalid.
 */
export async function enroll(draftIn: EnrollmentDraft, acceptedAt: number, makeSeed: () => string): Promise<Enrollment> {
  const draft = EnrollmentDraftSchema.parse(draftIn);
  let assignment: Assignment;
  if (draft.method === 'fixed') {
    if (!draft.arm) throw new Error('choose the arm');
    assignment = { method: 'fixed', arm: draft.arm, candidates: [draft.arm], seed: null };
  } else {
    const candidates = draft.candidates?.length ? [...new Set(draft.candidates)] : (['ai', 'control'] as Arm[]);
    const seed = draft.seed?.trim() || makeSeed();
    assignment = { method: 'randomized', arm: randomArm(candidates, seed, draft.studyId, draft.participantCode), candidates, seed };
  }
  const enrolledAt = Math.max(draft.enrolledAt ?? acceptedAt, acceptedAt);
  return EnrollmentSchema.parse({
    version: 1,
    studyId: draft.studyId,
    participantCode: draft.participantCode,
    consent: { text: draft.consentText, textSha256: await sha256Hex(draft.consentText), acceptedAt },
    assignment,
    salt: draft.salt,
    enrolledAt,
    withdrawnAt: null,
  });
}

/** Weeks (ISO, Monday first, clinic time) from the enrollment week to the week of `now`. */
export function weekIndex(enrolledAt: number, now: number, timeZone: string): number {
  const first = weekRange(dayKey(enrolledAt, timeZone), timeZone).days[0]!;
  const current = weekRange(dayKey(now, timeZone), timeZone).days[0]!;
  return Math.round((Date.parse(`${current}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / (7 * 86_400_000));
}

/** The arm in force at `now` (crossover alternates every ISO week from the enrollment week). */
export function armAt(e: Pick<Enrollment, 'assignment' | 'enrolledAt'>, now: number, timeZone: string): ArmToday {
  const arm = e.assignment.arm;
  if (arm === 'ai' || arm === 'control') return arm;
  const even = weekIndex(e.enrolledAt, now, timeZone) % 2 === 0;
  const first: ArmToday = arm === 'crossover-ai-first' ? 'ai' : 'control';
  return even ? first : first === 'ai' ? 'control' : 'ai';
}

/** Whether `now` is inside the study's recording window (consented, enrolled, not withdrawn). */
export function inStudy(e: Enrollment | null, now: number): e is Enrollment {
  return !!e && now >= recordingStart(e) && (e.withdrawnAt === null || now < e.withdrawnAt);
}

export function recordingStart(e: Enrollment): number {
  return Math.max(e.enrolledAt, e.consent.acceptedAt);
}

/**
 * The feature gate: triage badges, the triage queue, the toolbar count and drafts are shown
 * unless the participant is in the study's control arm at `now`. Outside a study (not enrolled,
 * not started yet, withdrawn) everything is on.
 */
export function aiFeaturesEnabled(e: Enrollment | null, now: number, timeZone: string): boolean {
  if (!inStudy(e, now)) return true;
  return armAt(e, now, timeZone) === 'ai';
}

export function parseEnrollment(raw: unknown): Enrollment | null {
  const r = EnrollmentSchema.safeParse(raw);
  return r.success ? r.data : null;
}

interface LocalArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

export async function loadEnrollment(area: Pick<LocalArea, 'get'>): Promise<Enrollment | null> {
  return parseEnrollment((await area.get(STUDY_KEY))[STUDY_KEY]);
}

export async function saveEnrollment(area: Pick<LocalArea, 'set'>, e: Enrollment): Promise<Enrollment> {
  const parsed = EnrollmentSchema.parse(e);
  await area.set({ [STUDY_KEY]: parsed });
  return parsed;
}

/** Withdraw: recording for the study stops at `at`; data already recorded stays until deleted. */
export async function withdraw(area: Pick<LocalArea, 'get' | 'set'>, at: number): Promise<Enrollment | null> {
  const e = await loadEnrollment(area);
  if (!e) return null;
  return saveEnrollment(area, { ...e, withdrawnAt: Math.max(at, e.enrolledAt) });
}

/** Leave the study entirely (the enrollment record is removed; recorded data is handled by retention). */
export async function clearEnrollment(area: Pick<LocalArea, 'remove'>): Promise<void> {
  await area.remove(STUDY_KEY);
}
