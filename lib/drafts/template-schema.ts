/**
 * Reply templates: the shape of one template (defaults, the practice's and the clinician's own),
 * and of a templates file (import/export). Every template read from storage or a file is parsed
 * with these schemas; a template that fails is refused with the reason.
 *
 * A body is plain text with
 *   {slot}     filled from the message or the settings (SLOT_NAMES); a slot without a value
 *              becomes a visible placeholder (or, for a few, a neutral word: see slots.ts);
 *   [[label]]  a placeholder the clinician must fill in or remove before inserting.
 */
import { z } from 'zod';
import { CATEGORIES, URGENCIES } from '../triage/labels';

/** Slots a body may use. */
export const SLOT_NAMES = [
  'firstName',
  'medication',
  'medicationName',
  'test',
  'form',
  'date',
  'clinicianName',
  'clinicPhone',
  'practiceName',
] as const;
export type SlotName = (typeof SLOT_NAMES)[number];

export const LANGS = ['en', 'es'] as const;
export type Lang = (typeof LANGS)[number];
export const TONES = ['brief', 'warm'] as const;
export type Tone = (typeof TONES)[number];

const SLOT_RE = /\{([^{}]*)\}/g;

/** Problems with the slots and placeholders of one body (empty when fine). */
export function bodyProblems(body: string): string[] {
  const problems: string[] = [];
  for (const m of body.matchAll(SLOT_RE)) {
    if (!(SLOT_NAMES as readonly string[]).includes(m[1]!)) problems.push(`unknown slot {${m[1]}} (known: ${SLOT_NAMES.map((s) => `{${s}}`).join(', ')})`);
  }
  const opens = body.split('[[').length - 1;
  const closes = body.split(']]').length - 1;
  if (opens !== closes) problems.push('a [[placeholder]] is not closed');
  return problems;
}

const Body = z
  .string()
  .trim()
  .min(1, 'is empty')
  .max(4000)
  .superRefine((s, ctx) => {
    for (const p of bodyProblems(s)) ctx.addIssue({ code: 'custom', message: p });
  });

export const TemplateTextSchema = z.object({
  /** The short version (also the base of the warm one when `warm` is missing). */
  brief: Body,
  warm: Body.optional(),
});
export type TemplateText = z.infer<typeof TemplateTextSchema>;

export const SAFETY_KINDS = ['911', 'ed', '988'] as const;
export type SafetyKind = (typeof SAFETY_KINDS)[number];

export const TemplateSchema = z
  .object({
    /** Stable id: lowercase letters, digits and dashes. A practice template with a default's id replaces it. */
    id: z
      .string()
      .min(2)
      .max(60)
      .regex(/^[a-z0-9][a-z0-9-]*$/, 'use lowercase letters, digits and dashes'),
    name: z.string().trim().min(1).max(80),
    /** What it is for (shown when choosing). */
    description: z.string().max(300).default(''),
    category: z.enum([...CATEGORIES, 'any']),
    /** The levels this reply fits. Safety replies are for 'emergency' only. */
    urgencies: z.array(z.enum(URGENCIES)).min(1).max(3),
    kind: z.enum(['reply', 'safety']).default('reply'),
    /** For safety replies: what it tells the patient to do. */
    safety: z.enum(SAFETY_KINDS).optional(),
    /** Example patient messages this reply answers: the model's embedding of the message is compared with these. */
    intents: z.array(z.string().trim().min(3).max(300)).max(8).default([]),
    /** Words that suggest this reply (case-insensitive, whole words or phrases), used with or without the model. */
    keywords: z.array(z.string().trim().min(2).max(60)).max(30).default([]),
    /** Typed in the side panel's template box to pick this template directly, e.g. "/refill". */
    shortcut: z
      .string()
      .regex(/^\/[a-z0-9-]{1,20}$/, 'a slash and up to 20 lowercase letters, digits or dashes, e.g. /refill')
      .optional(),
    text: z
      .object({ en: TemplateTextSchema.optional(), es: TemplateTextSchema.optional() })
      .refine((t) => !!t.en || !!t.es, { message: 'needs an English (en) or Spanish (es) text' }),
    /** Where it comes from; set by the store, not by files. */
    source: z.enum(['default', 'practice']).default('practice'),
  })
  .superRefine((t, ctx) => {
    if (t.kind === 'safety' && !t.safety) ctx.addIssue({ code: 'custom', path: ['safety'], message: 'a safety reply says which: 911, ed or 988' });
    if (t.kind === 'safety' && t.urgencies.some((u) => u !== 'emergency'))
      ctx.addIssue({ code: 'custom', path: ['urgencies'], message: 'safety replies are for emergencies only' });
    if (t.kind === 'reply' && t.urgencies.includes('emergency'))
      ctx.addIssue({ code: 'custom', path: ['urgencies'], message: 'for an emergency the first reply is always a safety reply; use kind "safety"' });
  });
export type Template = z.infer<typeof TemplateSchema>;
export type TemplateInput = z.input<typeof TemplateSchema>;

export const TEMPLATES_FILE_FORMAT = 'inbox-triage-reply-templates';
/** The most practice templates kept (a file, and all of them together). */
export const MAX_TEMPLATES = 500;

/** A templates file: what export writes and import reads. */
export const TemplatesFileSchema = z.object({
  format: z.literal(TEMPLATES_FILE_FORMAT),
  version: z.literal(1),
  templates: z.array(TemplateSchema).max(MAX_TEMPLATES),
  /** Ids of default templates the practice turned off. */
  disabledDefaults: z.array(z.string().max(60)).max(500).default([]),
});
export type TemplatesFile = z.infer<typeof TemplatesFileSchema>;

/** zod issues as short lines: "templates.3.text.en.brief: unknown slot {dose}". */
/** Plain names of a template's fields, for error messages. */
const FIELD_NAMES: Record<string, string> = {
  id: 'id',
  name: 'name',
  description: 'description',
  category: 'category',
  urgencies: 'urgency levels',
  kind: 'kind (reply or safety)',
  safety: 'safety kind',
  intents: 'example requests',
  keywords: 'keywords',
  shortcut: 'shortcut',
  text: 'text',
  source: 'source',
  brief: 'brief version',
  warm: 'warm version',
  en: 'English',
  es: 'Spanish',
};

function where(path: readonly PropertyKey[], input: unknown): string {
  const parts: string[] = [];
  let rest = [...path];
  if (rest[0] === 'templates' && typeof rest[1] === 'number') {
    const t = (input as { templates?: { name?: unknown }[] } | null)?.templates?.[rest[1]];
    const name = typeof t?.name === 'string' && t.name.trim() ? ` ("${t.name.trim().slice(0, 60)}")` : '';
    parts.push(`template ${rest[1] + 1}${name}`);
    rest = rest.slice(2);
  }
  const field = rest
    .map((k) => (typeof k === 'number' ? `#${k + 1}` : FIELD_NAMES[String(k)] ?? String(k)))
    .join(' › ');
  if (field) parts.push(field);
  return parts.join(', ');
}

/**
 * Validation problems in plain words, at most 20: which template (number and name) and which field,
 * then what is wrong. A file that is not a templates file at all says so in one line.
 */
export function issueLines(err: z.ZodError, input?: unknown): string[] {
  const top = err.issues.find((i) => i.path.length === 1 && (i.path[0] === 'format' || i.path[0] === 'templates') && i.code !== 'too_big');
  if (top && top.path[0] === 'format') {
    return ["This is not a reply-templates file: use a file saved with Export templates (format \"inbox-triage-reply-templates\")."];
  }
  const version = err.issues.find((i) => i.path.length === 1 && i.path[0] === 'version');
  if (version) return ['This templates file has a version this extension does not read (it reads version 1).'];
  return err.issues.slice(0, 20).map((i) => {
    const w = where(i.path, input);
    const msg = i.message.replace(/^Invalid input: /, '');
    return w ? `${w[0]!.toUpperCase()}${w.slice(1)}: ${msg}` : msg;
  });
}
