/**
 * The draft engine: two or three reply drafts for the open message, chosen and ranked from the
 * on-device model's outputs (category and urgency probabilities, and the similarity of its
 * embedding of the message to each template's example intents), with keyword cues so that it
 * also works on the red-flag rules alone. Pure: no browser, no storage.
 *
 * Safety first: for an emergency the drafts are safety replies only (911, emergency room, or
 * 988 as fits the red flags), and the clinician is told to phone the patient now. An
 * acknowledgement gets no draft unless asked.
 */
import { isPlaceholderSubject } from '../adapters/types';
import { unreadScript } from '../triage/script';
import type { Category, Urgency } from '../triage/labels';
import type { RedFlag } from '../triage/result';
import { CRISIS_RULES, DEFAULT_TEMPLATES, ED_FIRST_RULES } from './defaults';
import { detectLang } from './lang';
import { findPlaceholders } from './placeholders';
import { readability, type Readability } from './readability';
import { fillSlots, slotValues, type SlotMessage, type SlotValues } from './slots';
import type { DraftSettings } from './settings';
import type { Lang, SafetyKind, Template, Tone } from './template-schema';

export interface DraftTriage {
  urgency: Urgency;
  category: Category | null;
  probs: { urgency: Record<string, number>; category: Record<string, number> } | null;
  redFlags: readonly Pick<RedFlag, 'ruleId' | 'level'>[];
}

/** The model's embeddings (L2-normalised): of the message, and of each template's intents by template id. */
export interface DraftEmbeddings {
  message: readonly number[];
  intents: Readonly<Record<string, readonly (readonly number[])[]>>;
}

export interface DraftRequest {
  message: SlotMessage;
  triage: DraftTriage;
  settings: Pick<DraftSettings, 'clinicianName' | 'signOff' | 'clinicPhone' | 'practiceName' | 'tone'>;
  templates: readonly Template[];
  embeddings?: DraftEmbeddings | null;
  tone?: Tone;
  /** Suggest drafts for an acknowledgement too (the clinician asked). */
  includeAcknowledgement?: boolean;
  /** Override the detected language. */
  lang?: Lang;
  max?: number;
}

export interface Draft {
  templateId: string;
  name: string;
  kind: Template['kind'];
  safety?: SafetyKind;
  lang: Lang;
  /** The template has no text in the message's language; this draft is in the other one. */
  langFallback: boolean;
  tone: Tone;
  text: string;
  placeholders: string[];
  readability: Readability;
  score: number;
  why: string[];
}

export interface DraftSuggestions {
  lang: Lang;
  urgency: Urgency;
  category: Category | null;
  /** Emergency: prompt the clinician to phone the patient now. */
  callPatientNow: boolean;
  /** An acknowledgement: no drafts unless asked. */
  noReplyNeeded: boolean;
  /** The message is written mostly in this non-Latin script; the drafts are in English or Spanish. */
  otherScript: string | null;
  /** The message has no words (empty, or only punctuation or an attachment name's symbols): nothing to draft from. */
  emptyMessage: boolean;
  drafts: Draft[];
}

/** True when subject and body hold no letter or digit in any script. */
export function hasNoWords(subject: string, body: string): boolean {
  return !/[\p{L}\p{N}]/u.test(`${subject} ${body}`);
}

export function cosine(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < n; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function keywordHits(text: string, keywords: readonly string[]): string[] {
  const t = fold(text);
  return keywords.filter((k) => new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(fold(k))}(?![\\p{L}\\p{N}])`, 'u').test(t));
}

/** The order of safety replies for the message's red flags. */
export function safetyOrder(redFlags: readonly Pick<RedFlag, 'ruleId' | 'level'>[]): SafetyKind[] {
  const ids = redFlags.filter((f) => f.level === 'emergency').map((f) => f.ruleId);
  if (ids.some((id) => CRISIS_RULES.has(id))) return ['988', '911'];
  if (ids.length && ids.every((id) => ED_FIRST_RULES.has(id))) return ['ed', '911'];
  return ['911', 'ed'];
}

/** How sure the model must be that a message is only a thank-you before "no reply needed" is said. */
export const ACK_MIN_PROB = 0.6;

function isAcknowledgement(t: DraftTriage): boolean {
  // With the model's probabilities: only when it is fairly sure ("Sore knee since the weekend." can come
  // out acknowledgement by a small margin, and saying "no reply needed" to it would be wrong).
  if (t.probs) return (t.probs.category.acknowledgement ?? 0) >= ACK_MIN_PROB;
  return t.category === 'acknowledgement';
}

const MESSAGE_SLOTS = ['medication', 'medicationName', 'test', 'date'] as const;

interface Scored {
  template: Template;
  score: number;
  why: string[];
}

/** Cosine similarity to a template's examples that counts as evidence (the model's embedding space). */
export const SIM_FLOOR = 0.5;

function scoreTemplate(t: Template, req: DraftRequest, text: string, slots: SlotValues): Scored {
  const why: string[] = [];
  const { triage } = req;
  let cat: number;
  if (t.category === 'any') cat = 0.25;
  else if (triage.probs) cat = triage.probs.category[t.category] ?? 0;
  else cat = triage.category === t.category ? 0.8 : triage.category === null ? 0.2 : 0.05;
  if (t.category !== 'any' && cat >= 0.3) why.push(`category ${t.category} (${cat.toFixed(2)})`);
  const urg = triage.probs ? t.urgencies.reduce((a, u) => a + (triage.probs!.urgency[u] ?? 0), 0) : t.urgencies.includes(triage.urgency) ? 1 : 0;
  let sim: number | null = null;
  const intents = req.embeddings?.intents[t.id];
  if (req.embeddings && intents?.length) {
    const best = Math.max(0, ...intents.map((v) => cosine(req.embeddings!.message, v)));
    if (best >= SIM_FLOOR) why.push(`similar to its examples (${best.toFixed(2)})`);
    // Below the floor a similarity is noise (unrelated messages reach 0.3-0.5), and a topic
    // template (mood, say) must not win on noise: only the part above the floor counts.
    sim = Math.max(0, best - SIM_FLOOR) / (1 - SIM_FLOOR);
  }
  const hits = keywordHits(text, t.keywords);
  const kw = hits.length ? Math.min(1, 0.7 + 0.15 * (hits.length - 1)) : 0;
  if (hits.length) why.push(`mentions ${hits.slice(0, 3).map((h) => `“${h}”`).join(', ')}`);
  let score = sim === null ? 0.5 * cat + 0.2 * urg + 0.3 * kw : 0.4 * cat + 0.15 * urg + 0.3 * sim + 0.15 * kw;
  // A template built around something the message does not name fits less well.
  const bodies = `${t.text.en?.brief ?? ''}${t.text.es?.brief ?? ''}`;
  for (const s of MESSAGE_SLOTS) if (bodies.includes(`{${s}}`) && !slots[s]) score -= s === 'date' ? 0.25 : 0.05;
  return { template: t, score, why };
}

function greeting(lang: Lang, firstName: string | undefined): string {
  if (lang === 'es') return firstName ? `Hola, ${firstName}:` : 'Hola:';
  return firstName ? `Hi ${firstName},` : 'Hello,';
}

function signature(settings: DraftRequest['settings'], lang: Lang): string {
  const s = settings.signOff.trim() || settings.clinicianName.trim();
  return s || `[[${lang === 'es' ? 'su nombre' : 'your name'}]]`;
}

/** One template as a full draft: greeting, body with slots filled, closing and sign-off. */
export function composeDraft(t: Template, lang: Lang, tone: Tone, slots: SlotValues, settings: DraftRequest['settings']): Pick<Draft, 'text' | 'lang' | 'langFallback'> {
  const own = t.text[lang];
  const useLang: Lang = own ? lang : lang === 'es' ? 'en' : 'es';
  const text = (own ?? t.text[useLang])!;
  const body = fillSlots(tone === 'warm' ? (text.warm ?? text.brief) : text.brief, slots, useLang);
  const close = tone === 'warm' ? (useLang === 'es' ? 'Saludos,\n' : 'Take care,\n') : '';
  return {
    text: `${greeting(useLang, slots.firstName)}\n\n${body}\n\n${close}${signature(settings, useLang)}`,
    lang: useLang,
    langFallback: !own,
  };
}

export function toDraft(t: Template, req: DraftRequest, lang: Lang, slots: SlotValues, score: number, why: string[]): Draft {
  const tone = req.tone ?? req.settings.tone;
  const c = composeDraft(t, lang, tone, slots, req.settings);
  return {
    templateId: t.id,
    name: t.name,
    kind: t.kind,
    ...(t.safety ? { safety: t.safety } : {}),
    lang: c.lang,
    langFallback: c.langFallback,
    tone,
    text: c.text,
    placeholders: findPlaceholders(c.text).map((p) => p.label),
    readability: readability(c.text, c.lang),
    score: Math.round(score * 1000) / 1000,
    why,
  };
}

export function suggestDrafts(request: DraftRequest): DraftSuggestions {
  // "(no subject)" and the like are the EHR's words, not the patient's.
  let req = isPlaceholderSubject(request.message.subject) ? { ...request, message: { ...request.message, subject: '' } } : request;
  const max = Math.max(1, req.max ?? 3);
  const text = `${req.message.subject}\n${req.message.body}`;
  const lang = req.lang ?? detectLang(text);
  // The model's embedding is an English bag of words (GloVe-based): a Spanish message resembles any
  // template's Spanish example more than the right template's English ones, so Spanish is ranked by
  // category, urgency and keywords only.
  if (lang === 'es' && req.embeddings) req = { ...req, embeddings: null };
  const slots = slotValues(req.message, req.settings, lang);
  const { triage } = req;
  const base = { lang, urgency: triage.urgency, category: triage.category, callPatientNow: triage.urgency === 'emergency', noReplyNeeded: false, emptyMessage: false, otherScript: unreadScript(text) };

  // Nothing to reply to: no draft (a safety reply still comes first if the triage says emergency).
  if (triage.urgency !== 'emergency' && hasNoWords(req.message.subject, req.message.body)) return { ...base, emptyMessage: true, drafts: [] };

  if (triage.urgency === 'emergency') {
    const order = safetyOrder(triage.redFlags);
    const safety = req.templates.filter((t) => t.kind === 'safety' && t.safety && order.includes(t.safety));
    // The safety reply cannot be lost to the practice's edits: a kind with no template falls back to the default.
    for (const kind of order) {
      if (!safety.some((t) => t.safety === kind)) safety.push(...DEFAULT_TEMPLATES.filter((t) => t.kind === 'safety' && t.safety === kind));
    }
    safety.sort((a, b) => order.indexOf(a.safety!) - order.indexOf(b.safety!) || (a.source === 'practice' ? -1 : 1) - (b.source === 'practice' ? -1 : 1));
    const seen = new Set<SafetyKind>();
    const picked = safety.filter((t) => (seen.has(t.safety!) ? false : (seen.add(t.safety!), true)));
    return {
      ...base,
      drafts: picked.slice(0, max).map((t, i) => toDraft(t, req, lang, slots, 1 - i * 0.1, [i === 0 ? 'possible emergency: safety reply first' : 'another safety reply'])),
    };
  }

  const ack = isAcknowledgement(triage);
  if (ack && triage.urgency === 'routine' && !req.includeAcknowledgement) return { ...base, noReplyNeeded: true, drafts: [] };

  const candidates = req.templates.filter(
    (t) => t.kind === 'reply' && t.urgencies.includes(triage.urgency) && (t.category !== 'acknowledgement' || ack),
  );
  const scored = candidates.map((t) => scoreTemplate(t, req, text, slots)).sort((a, b) => b.score - a.score);
  return { ...base, noReplyNeeded: ack, drafts: scored.slice(0, max).map((s) => toDraft(s.template, req, lang, slots, s.score, s.why)) };
}

/** A template chosen by hand (shortcut or list) as a draft for this message. */
export function draftFromTemplate(t: Template, req: DraftRequest): Draft {
  const text = `${req.message.subject}\n${req.message.body}`;
  const lang = req.lang ?? detectLang(text);
  return toDraft(t, req, lang, slotValues(req.message, req.settings, lang), 0, ['chosen by hand']);
}

/** The disclosure line, added at the end when on. */
export function disclosureLine(lang: Lang, clinicianName: string): string {
  const who = clinicianName.trim() || (lang === 'es' ? '[[su nombre]]' : '[[your name]]');
  return lang === 'es' ? `(Redactado con ayuda y revisado por ${who}.)` : `(Drafted with assistance, reviewed by ${who}.)`;
}

export function withDisclosure(text: string, on: boolean, lang: Lang, clinicianName: string): string {
  const line = disclosureLine(lang, clinicianName);
  const without = text.replace(/\n*\((?:Drafted with assistance, reviewed by|Redactado con ayuda y revisado por) [^)]*\)\s*$/, '');
  return on ? `${without.trimEnd()}\n\n${line}` : without;
}
