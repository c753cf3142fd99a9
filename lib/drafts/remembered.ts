/**
 * Remembered phrasing (optional, off by default, never in study mode): the clinician's own sent
 * replies, kept on this computer only (`storage.local`, at most MAX_REMEMBERED, oldest dropped),
 * each with the triage model's embedding of the patient's message it answered (not the message).
 * For a similar new message the side panel offers the past reply as a draft, with every name,
 * medicine, dose, number and date turned into a [[placeholder]] first: a past reply was about
 * another patient, and a draft never carries facts the new message does not hold.
 */
import { z } from 'zod';
import { CategorySchema } from '../triage/labels';
import { cosine } from './engine';
import { MEDICATIONS } from './slots';
import type { LocalArea } from './settings';

export const REMEMBERED_KEY = 'drafts:remembered';
export const MAX_REMEMBERED = 200;
/** How similar (cosine of the model's embeddings) a past message must be to offer its reply. */
export const MIN_SIMILARITY = 0.8;
/**
 * A fixed sentence embedded with every remembered reply: a new model (an extension update) embeds
 * it differently, so a reply remembered with another model is recognised and not compared, since
 * cosines between two models' embeddings mean nothing.
 */
export const SPACE_ANCHOR = 'Please call me back about my appointment and my medicine.';
const SAME_SPACE = 0.999;

export const RememberedReplySchema = z.object({
  id: z.string().min(8).max(64),
  at: z.number(),
  lang: z.enum(['en', 'es']),
  category: CategorySchema.nullable(),
  embedding: z.array(z.number()).min(8).max(4096),
  /** The same model's embedding of SPACE_ANCHOR (absent in replies remembered before it existed). */
  anchor: z.array(z.number()).min(8).max(4096).optional(),
  /** The reply as sent, already scrubbed of names, medicines, doses, numbers and dates. */
  text: z.string().min(1).max(5000),
});
export type RememberedReply = z.infer<typeof RememberedReplySchema>;

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const MED_RE = new RegExp(`(?<![\\p{L}\\p{N}])(?:${MEDICATIONS.map(escapeRe).join('|')})(?![\\p{L}\\p{N}])(?:\\s*\\d+(?:\\.\\d+)?\\s?(?:mg|mcg|g|ml|units?|unidades)?)?`, 'giu');
const MONTHS = 'january|february|march|april|may|june|july|august|september|october|november|december|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre';

/**
 * The reply with what belonged to the other patient made a placeholder: the greeting's name, the
 * sign-off is kept (it is the clinician's), medicines with their doses, dates, and any number
 * (phone numbers of the clinic come back from the settings when the clinician fills them).
 */
export function scrubReply(text: string, lang: 'en' | 'es'): string {
  const es = lang === 'es';
  return text
    .replace(/^(\s*(?:hi|hello|dear|hola|estimad[oa])\s*,?\s+)([\p{Lu}][\p{L}'’-]+)/iu, `$1[[${es ? 'nombre' : 'first name'}]]`)
    .replace(MED_RE, `[[${es ? 'medicamento y dosis' : 'medication and dose'}]]`)
    .replace(new RegExp(`\\b(?:${MONTHS})\\.? \\d{1,2}(?:st|nd|rd|th)?\\b|\\b\\d{1,2} de (?:${MONTHS})\\b|\\b\\d{1,2}/\\d{1,2}(?:/\\d{2,4})?\\b`, 'gi'), `[[${es ? 'fecha' : 'date'}]]`)
    .replace(/(?<![\p{L}[])\d[\d.,/:()+ -]*\d(?:\s?%)?|(?<![\p{L}[])\d(?![\p{L}\]])/gu, `[[${es ? 'número' : 'number'}]]`);
}

export async function loadRemembered(area: LocalArea): Promise<RememberedReply[]> {
  const raw = (await area.get(REMEMBERED_KEY))[REMEMBERED_KEY];
  const parsed = z.array(RememberedReplySchema).safeParse(raw ?? []);
  return parsed.success ? parsed.data : [];
}

export async function addRemembered(area: LocalArea, entry: RememberedReply): Promise<number> {
  const list = [...(await loadRemembered(area)), RememberedReplySchema.parse(entry)].slice(-MAX_REMEMBERED);
  await area.set({ [REMEMBERED_KEY]: list });
  return list.length;
}

export async function forgetRemembered(area: LocalArea): Promise<void> {
  await area.set({ [REMEMBERED_KEY]: [] });
}

/**
 * The past replies most similar to this message (same language), best first. With `anchor` (the
 * current model's embedding of SPACE_ANCHOR), replies remembered with another model are left out.
 */
export function similarRemembered(
  list: readonly RememberedReply[],
  embedding: readonly number[],
  lang: 'en' | 'es',
  k = 1,
  min = MIN_SIMILARITY,
  anchor: readonly number[] | null = null,
) {
  return list
    .filter((r) => r.lang === lang)
    .filter((r) => !anchor || (!!r.anchor && cosine(r.anchor, anchor) >= SAME_SPACE))
    .map((r) => ({ reply: r, similarity: cosine(embedding, r.embedding) }))
    .filter((x) => x.similarity >= min)
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, k);
}
