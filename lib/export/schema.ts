/**
 * The de-identified study export, version 1 (docs/export-data-dictionary.md): one NDJSON bundle
 * per participant and export, whose first line is the manifest and whose other lines are rows
 * (`event`, `message`, `draft`, `day`), plus the same tables as CSV. No message text, no patient
 * identifiers: message, patient and draft ids are HMAC-SHA-256 with the study's salt.
 *
 * A new version gets new schemas beside these (never edit v1); the importer refuses versions it
 * does not know.
 */
import { z } from 'zod';
import { ArmSchema } from '../study/enrollment';
import { CategorySchema, UrgencySchema } from '../triage/labels';

export const EXPORT_KIND = 'inbox-triage-study-export';
export const EXPORT_SCHEMA_VERSION = 1;

const hashId = z.string().regex(/^[0-9a-f]{32}$/, 'a 32-hex-digit hashed id');
const optHashId = z.union([hashId, z.literal('')]);
const ms = z.number().int().min(0).max(8_640_000_000_000_000);
const dur = z.number().int().min(0).max(400 * 86_400_000);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const adapter = z.string().min(1).max(100).regex(/^[A-Za-z0-9._:-]+$/);
export const ArmTodaySchema = z.enum(['ai', 'control']);

export const EventRowV1 = z
  .object({
    type: z.literal('event'),
    /** Sequence number within the export (not derived from anything in the EHR). */
    eventId: z.number().int().min(1),
    start: ms,
    end: ms,
    /** Clinic-local day of `start`. */
    day,
    kind: z.enum(['list', 'read', 'draft']),
    adapter,
    messageId: optHashId,
    patientId: optHashId,
    arm: ArmTodaySchema,
  })
  .strict()
  .refine((r) => r.end >= r.start, { message: 'end before start' });
export type EventRow = z.infer<typeof EventRowV1>;

export const MessageRowV1 = z
  .object({
    type: z.literal('message'),
    messageId: hashId,
    adapter,
    patientId: optHashId,
    /** Clinic-local day of the first opening. */
    day,
    firstOpenedAt: ms,
    lastOpenedAt: ms,
    opens: z.number().int().min(0).max(1_000_000),
    readMs: dur,
    draftMs: dur,
    activeMs: dur,
    /** A reply sent in the EHR (draft sends are in the draft rows). */
    repliedAt: ms.nullable(),
    completedAt: ms.nullable(),
    /** First reply (repliedAt or a draft's sentAt) − the patient's send time; the send time itself is not exported. */
    turnaroundMs: dur.nullable(),
    urgency: UrgencySchema.nullable(),
    category: CategorySchema.nullable(),
    arm: ArmTodaySchema,
  })
  .strict();
export type MessageRow = z.infer<typeof MessageRowV1>;

export const DraftRowV1 = z
  .object({
    type: z.literal('draft'),
    draftId: z.number().int().min(1),
    messageId: hashId,
    adapter,
    draftsShown: z.number().int().min(0).max(20),
    insertedTemplateId: z.string().max(60).regex(/^[A-Za-z0-9._:-]*$/).nullable(),
    inserted: z.boolean(),
    editRatio: z.number().min(0).max(1).nullable(),
    openedAt: ms.nullable(),
    insertedAt: ms.nullable(),
    sentAt: ms.nullable(),
    openToSendMs: dur.nullable(),
    urgency: UrgencySchema.nullable(),
    category: CategorySchema.nullable(),
    arm: ArmTodaySchema,
  })
  .strict();
export type DraftRow = z.infer<typeof DraftRowV1>;

const nullableMs = z.number().min(0).nullable();
export const DayRowV1 = z
  .object({
    type: z.literal('day'),
    day,
    arm: ArmTodaySchema,
    activeMs: dur,
    inHoursMs: dur,
    afterHoursMs: dur,
    listMs: dur,
    readMs: dur,
    draftMs: dur,
    messagesHandled: z.number().int().min(0),
    perMessageMedianMs: nullableMs,
    perMessageP90Ms: nullableMs,
    scheduledPatientHours: z.number().min(0).max(24),
    per8hMs: nullableMs,
    replies: z.number().int().min(0),
    repliesFromDraft: z.number().int().min(0),
    editRatioMedian: z.number().min(0).max(1).nullable(),
    turnaroundMedianMs: nullableMs,
    cpt99421: z.number().int().min(0),
    cpt99422: z.number().int().min(0),
    cpt99423: z.number().int().min(0),
  })
  .strict();
export type DayRow = z.infer<typeof DayRowV1>;

const hhmm = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/);
export const ManifestV1 = z
  .object({
    type: z.literal('manifest'),
    kind: z.literal(EXPORT_KIND),
    schemaVersion: z.literal(EXPORT_SCHEMA_VERSION),
    /** Random id of this export (a re-import of the same export is refused). */
    exportId: z.string().regex(/^[0-9a-f-]{16,40}$/),
    studyId: z.string().min(1).max(40),
    participantCode: z.string().min(2).max(24),
    assignment: z.object({ method: z.enum(['fixed', 'randomized']), arm: ArmSchema, candidates: z.array(ArmSchema).min(1), seed: z.string().max(100).nullable() }).strict(),
    consentTextSha256: z.string().regex(/^[0-9a-f]{64}$/),
    consentAcceptedAt: ms,
    enrolledAt: ms,
    withdrawnAt: ms.nullable(),
    exportedAt: ms,
    /** The rows cover [from, to). */
    range: z.object({ from: ms, to: ms }).strict(),
    /** The clinic schedule the measures use (needed to recompute them). */
    schedule: z
      .object({
        timeZone: z.string().min(1).max(100),
        weeklyHours: z.array(z.array(z.object({ start: hhmm, end: hhmm }).strict()).max(6)).length(7),
        patientHours: z.array(z.number().min(0).max(24)).length(7),
      })
      .strict(),
    extensionVersion: z.string().max(40),
    counts: z.object({ event: z.number().int().min(0), message: z.number().int().min(0), draft: z.number().int().min(0), day: z.number().int().min(0) }).strict(),
    /**
     * SHA-256 (hex) of the whole file as written, with this field's value empty: this line (with
     * `"sha256":""`) and every line after it, each ended by "\n". Covers the manifest and the rows.
     */
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict()
  .refine((m) => m.range.to >= m.range.from, { message: 'range ends before it starts' });
export type Manifest = z.infer<typeof ManifestV1>;

export type Row = EventRow | MessageRow | DraftRow | DayRow;
export const ROW_SCHEMAS = { event: EventRowV1, message: MessageRowV1, draft: DraftRowV1, day: DayRowV1 } as const;
export type RowType = keyof typeof ROW_SCHEMAS;

export interface ExportBundle {
  manifest: Manifest;
  events: EventRow[];
  messages: MessageRow[];
  drafts: DraftRow[];
  days: DayRow[];
}

/** CSV columns per table, in order (the data dictionary lists the same). */
export const CSV_COLUMNS = {
  event: ['eventId', 'start', 'end', 'day', 'kind', 'adapter', 'messageId', 'patientId', 'arm'],
  message: ['messageId', 'adapter', 'patientId', 'day', 'firstOpenedAt', 'lastOpenedAt', 'opens', 'readMs', 'draftMs', 'activeMs', 'repliedAt', 'completedAt', 'turnaroundMs', 'urgency', 'category', 'arm'],
  draft: ['draftId', 'messageId', 'adapter', 'draftsShown', 'insertedTemplateId', 'inserted', 'editRatio', 'openedAt', 'insertedAt', 'sentAt', 'openToSendMs', 'urgency', 'category', 'arm'],
  day: ['day', 'arm', 'activeMs', 'inHoursMs', 'afterHoursMs', 'listMs', 'readMs', 'draftMs', 'messagesHandled', 'perMessageMedianMs', 'perMessageP90Ms', 'scheduledPatientHours', 'per8hMs', 'replies', 'repliesFromDraft', 'editRatioMedian', 'turnaroundMedianMs', 'cpt99421', 'cpt99422', 'cpt99423'],
} as const satisfies Record<RowType, readonly string[]>;
