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

/** Capitalised words that are not names: kept wherever they stand. */
const NOT_NAMES = new Set(
  (
    "I I'm I've I'll I'd Dr Dra Mr Mrs Ms Miss Mx Monday Tuesday Wednesday Thursday Friday Saturday Sunday " +
    'Lunes Martes Miércoles Jueves Viernes Sábado Domingo English Spanish Español Inglés MyChart ER'
  ).split(' '),
);
/** Words that often open a sentence and are never a name ("Thanks, ..." "Please ..."). */
const STARTERS = new Set(
  (
    'Hi Hello Dear Good Thanks Thank Yes No Ok Okay Also However Unfortunately Sorry Please Sure Great Of Well So ' +
    'Best Regards Sincerely Take Call Let Keep Your You We Our The This That These Those It If As After Before When ' +
    'Once For In On At To Here There Since Because And But Or Then Now Today Tomorrow Yesterday Feel Make Continue Stop ' +
    'Start Use Go Come Bring Note Remember Glad Happy Hope Any Some My Again Just Still ' +
    'Hola Gracias Buenos Buenas Estimado Estimada Sí Por Para Su Sus Le Lo La El Los Las Si Usted Nos Tome Llame Siga ' +
    'Espero Saludos Atentamente Cuando Después Antes Hoy Mañana También Pero Bueno Claro Perdón'
  ).split(' '),
);

/**
 * Names in free text, as far as rules can tell without a dictionary: a capitalised word inside a
 * sentence (not a known non-name), and a capitalised word opening a sentence when a comma or another
 * capitalised word follows it ("Raj, your daughter ...", "Priya Patel called") unless it is a usual
 * sentence opener. Over-scrubbing is safe (a placeholder to fill); a name left in is not.
 */
function scrubNames(line: string, label: string): string {
  const word = /[\p{Lu}][\p{L}'’-]*/gu;
  return line.replace(word, (w, offset: number) => {
    if (w.length > 1 && w === w.toUpperCase() && !/[’']/.test(w)) return w; // CVS, LDL, BP: abbreviations
    const bare = w.replace(/[’']s$/, '');
    if (NOT_NAMES.has(bare)) return w;
    const before = line.slice(0, offset);
    if (/\b(?:Dr|Dra|Mr|Mrs|Ms|Mx|Sr|Sra|Srta)\.?\s+$/.test(before)) return `[[${label}]]`; // a title's name
    const initial = /^\s*(?:[-*•]\s*)?$/.test(before) || /[.!?:;]["”’)]*\s+$/.test(before) || /\]\]\s*$/.test(before);
    if (!initial) return `[[${label}]]`;
    if (STARTERS.has(bare)) return w;
    const after = line.slice(offset + w.length);
    return /^\s*,/.test(after) || /^\s+[\p{Lu}]/u.test(after) ? `[[${label}]]` : w;
  });
}

/**
 * The reply with what belonged to the other patient made a placeholder: names (the greeting's and any
 * other), e-mail addresses and links, identifiers mixing letters and digits (a record number), medicines
 * with their doses, dates, and any number (phone numbers of the clinic come back from the settings when
 * the clinician fills them). The sign-off (a short last paragraph) is kept: it is the clinician's.
 */
export function scrubReply(text: string, lang: 'en' | 'es'): string {
  const es = lang === 'es';
  const num = `[[${es ? 'número' : 'number'}]]`;
  const name = es ? 'nombre' : 'name';
  let out = text
    .replace(/^(\s*(?:hi|hello|dear|hola|estimad[oa])\s*,?\s+)([\p{Lu}][\p{L}'’-]+)/iu, `$1[[${es ? 'nombre' : 'first name'}]]`)
    .replace(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b(?:https?:\/\/|www\.)\S+?(?=[.,;:!?)]*(?:\s|$))/giu, `[[${es ? 'contacto' : 'contact'}]]`)
    .replace(MED_RE, `[[${es ? 'medicamento y dosis' : 'medication and dose'}]]`)
    .replace(new RegExp(`\\b(?:${MONTHS})\\.? \\d{1,2}(?:st|nd|rd|th)?\\b|\\b\\d{1,2} de (?:${MONTHS})\\b|\\b\\d{1,2}/\\d{1,2}(?:/\\d{2,4})?\\b`, 'gi'), `[[${es ? 'fecha' : 'date'}]]`)
    // identifiers: a run of letters and digits with at least one of each (MRN A77-B12, ID4471)
    .replace(/(?<![\p{L}\p{N}[])(?=[\p{L}\p{N}-]*\p{N})(?=[\p{L}\p{N}-]*\p{L})[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)+(?![\p{L}\p{N}])|(?<![\p{L}\p{N}[])(?:\p{L}+\p{N}+|\p{N}+\p{L}{2,})[\p{L}\p{N}]*(?![\p{L}\p{N}])/gu, num)
    .replace(/(?<![\p{L}[])\d[\d.,/:()+ -]*\d(?:\s?%)?|(?<![\p{L}[])\d(?![\p{L}\]])/gu, num);
  // names, except in the sign-off: the last paragraph when it is short
  const paras = out.split(/(\n\s*\n)/);
  const last = paras.length - 1;
  const signOff = paras.length > 1 && paras[last]!.trim().split(/\s+/).length <= 6 ? last : -1;
  out = paras.map((p, i) => (i === signOff || /^\n\s*\n$/.test(p) ? p : p.split('\n').map((l) => scrubNames(l, name)).join('\n'))).join('');
  return out.replace(new RegExp(`(\\[\\[${name}\\]\\])(?:\\s+\\[\\[${name}\\]\\])+`, 'g'), '$1');
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
