/**
 * Reply drafts in the side panel (issue 5): two or three drafts for the open message, ranked by
 * the on-device model (lib/drafts/engine.ts); pick one (or a template by name or shortcut), edit
 * it, fill every [[placeholder]], and insert it into the EHR's reply box. The clinician sends it
 * with the EHR's own button; the content script notices the send and records the use (no text).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { browser } from 'wxt/browser';
import { sendMessage, type OpenMessageState } from '@/lib/messaging/protocol';
import { triageText } from '@/lib/adapters/types';
import { textHash } from '@/lib/util/hash';
import { draftFromTemplate, suggestDrafts, withDisclosure, type Draft, type DraftRequest } from '@/lib/drafts/engine';
import { checkInsertable, findPlaceholders } from '@/lib/drafts/placeholders';
import { readability } from '@/lib/drafts/readability';
import { DRAFT_SETTINGS_KEY, disclosureOn, loadDraftSettings, rememberRepliesAllowed } from '@/lib/drafts/settings';
import { MIN_SIMILARITY, REMEMBERED_KEY, SPACE_ANCHOR, loadRemembered, similarRemembered } from '@/lib/drafts/remembered';
import { findPlaceholders as placeholdersOf } from '@/lib/drafts/placeholders';
import { TEMPLATES_KEY, loadTemplateState } from '@/lib/drafts/template-store';
import type { Template, Tone } from '@/lib/drafts/template-schema';
import { createStudyGate } from '@/lib/study/gate';
import { STUDY_KEY, inStudy } from '@/lib/study/enrollment';
import type { InsertMode } from '@/lib/drafts/content';

const MAX_EMBED_BATCH = 128;

async function loadStudy(): Promise<{ aiEnabled: boolean; inStudy: boolean }> {
  const gate = createStudyGate(browser.storage.local);
  try {
    await gate.ready;
    return { aiEnabled: gate.aiFeaturesEnabled(), inStudy: inStudy(gate.enrollment(), Date.now()) };
  } finally {
    gate.stop();
  }
}

/** What the panel says after an insertion, by how the draft went into the EHR's reply box. */
function insertedText(mode: InsertMode | undefined): string {
  switch (mode) {
    case 'swapped':
      return 'Replaced the earlier draft in the EHR’s reply box (any text of yours before it stays).';
    case 'after-own':
      return 'Added after the text already in the EHR’s reply box (nothing you typed was replaced).';
    case 'after-edited-draft':
      return 'Added after your edited earlier draft, which is still in the EHR’s reply box: delete the parts you do not want.';
    default:
      return 'Inserted into the EHR’s reply box.';
  }
}

/** The model's embeddings of texts (null when the model is unavailable: ranking uses the rules and keywords). */
async function embed(texts: string[]): Promise<number[][] | null> {
  const out: number[][] = [];
  for (let i = 0; i < texts.length; i += MAX_EMBED_BATCH) {
    const r = await sendMessage('embedTexts', { texts: texts.slice(i, i + MAX_EMBED_BATCH) });
    if (!r.embeddings) return null;
    out.push(...r.embeddings);
  }
  return out;
}

function useDraftStorageInvalidation(): void {
  const qc = useQueryClient();
  useEffect(() => {
    const onChange = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && (DRAFT_SETTINGS_KEY in changes || TEMPLATES_KEY in changes || STUDY_KEY in changes || REMEMBERED_KEY in changes)) {
        void qc.invalidateQueries({ queryKey: ['drafts-config'] });
      }
    };
    browser.storage.onChanged.addListener(onChange);
    return () => browser.storage.onChanged.removeListener(onChange);
  }, [qc]);
}

type Status = { kind: 'ok' | 'error'; text: string } | null;

/**
 * What the clinician chose and typed, per message, kept in this page's memory (never stored), so
 * that a re-render of the panel (the EHR re-reporting the open message) loses nothing.
 */
interface Kept {
  selectedId: string | null;
  manualId: string | null;
  text: string | null;
  /** The suggested text the edits started from (edits are dropped when the suggestion changes). */
  base: string | null;
  tone: Tone | null;
  disclosure: boolean | null;
  includeAck: boolean;
}
const kept = new Map<string, Kept>();
function keptFor(id: string): Kept {
  let k = kept.get(id);
  if (!k) {
    k = { selectedId: null, manualId: null, text: null, base: null, tone: null, disclosure: null, includeAck: false };
    kept.set(id, k);
    if (kept.size > 50) kept.delete(kept.keys().next().value!);
  }
  return k;
}

export function DraftsView({ state }: { state: OpenMessageState }) {
  useDraftStorageInvalidation();
  const message = state.message!;
  const triage = state.triage!;
  const settings = useQuery({ queryKey: ['drafts-config', 'settings'], queryFn: () => loadDraftSettings(browser.storage.local) });
  const templates = useQuery({ queryKey: ['drafts-config', 'templates'], queryFn: () => loadTemplateState(browser.storage.local) });
  const study = useQuery({ queryKey: ['drafts-config', 'study'], queryFn: loadStudy });

  const list = useMemo(() => templates.data?.templates ?? [], [templates.data]);
  const intentTexts = useMemo(() => list.flatMap((t) => t.intents.map((i) => ({ id: t.id, text: i }))), [list]);
  const intentKey = useMemo(() => textHash(JSON.stringify(intentTexts)), [intentTexts]);
  const intents = useQuery({
    queryKey: ['draft-embed', 'intents', intentKey],
    queryFn: async () => {
      const v = intentTexts.length ? await embed(intentTexts.map((x) => x.text)) : [];
      if (!v) return null;
      const byId: Record<string, number[][]> = {};
      intentTexts.forEach((x, i) => (byId[x.id] ??= []).push(v[i]!));
      return byId;
    },
    enabled: templates.isSuccess,
    staleTime: Infinity,
    retry: false,
  });
  const text = triageText(message.subject, message.body);
  const msgEmbedding = useQuery({
    queryKey: ['draft-embed', 'message', triage.textHash],
    queryFn: async () => (await embed([text]))?.[0] ?? null,
    staleTime: Infinity,
    retry: false,
  });
  const k = keptFor(message.id);
  const [tone, setToneState] = useState<Tone | null>(k.tone);
  const [includeAck, setIncludeAckState] = useState(k.includeAck);
  const [manualId, setManualId] = useState<string | null>(k.manualId);
  const [selectedId, setSelectedIdState] = useState<string | null>(k.selectedId);
  const [draftText, setDraftTextState] = useState(k.text ?? '');
  const [disclosure, setDisclosureState] = useState<boolean | null>(k.disclosure);
  const [status, setStatus] = useState<Status>(null);
  const [picker, setPicker] = useState('');
  const textarea = useRef<HTMLTextAreaElement>(null);
  const setTone = (t: Tone) => setToneState((k.tone = t));
  const setIncludeAck = (v: boolean) => setIncludeAckState((k.includeAck = v));
  const setManual = (t: Template | null) => setManualId((k.manualId = t?.id ?? null));
  const setSelectedId = (id: string | null) => setSelectedIdState((k.selectedId = id));
  const setDraftText = (v: string | ((t: string) => string)) =>
    setDraftTextState((prev) => (k.text = typeof v === 'function' ? v(prev) : v));
  const setDisclosure = (v: boolean) => setDisclosureState((k.disclosure = v));

  // Another message: its own choices (new ones start afresh).
  useEffect(() => {
    const n = keptFor(message.id);
    setToneState(n.tone);
    setIncludeAckState(n.includeAck);
    setManualId(n.manualId);
    setSelectedIdState(n.selectedId);
    setDraftTextState(n.text ?? '');
    setDisclosureState(n.disclosure);
    setStatus(null);
    setPicker('');
  }, [message.id]);

  const s = settings.data;
  const studyMode = !!s?.studyMode || !!study.data?.inStudy;
  const effTone: Tone = tone ?? s?.tone ?? 'warm';
  const disclosureChecked = disclosure ?? (s ? disclosureOn({ disclosure: s.disclosure, studyMode }) : false);
  // Remembered phrasing: only when turned on, never in study mode.
  const rememberOn = !!s && rememberRepliesAllowed({ rememberReplies: s.rememberReplies, studyMode });
  const remembered = useQuery({ queryKey: ['drafts-config', 'remembered'], queryFn: () => loadRemembered(browser.storage.local), enabled: rememberOn });
  // The current model's embedding of the fixed anchor (only when remembering is on): replies remembered
  // with another model are not compared.
  const spaceAnchor = useQuery({
    queryKey: ['draft-embed', 'anchor'],
    queryFn: async () => (await embed([SPACE_ANCHOR]))?.[0] ?? null,
    staleTime: Infinity,
    retry: false,
    enabled: rememberOn,
  });

  const request: DraftRequest | null = useMemo(() => {
    if (!s || !templates.data) return null;
    const embeddings = msgEmbedding.data && intents.data ? { message: msgEmbedding.data, intents: intents.data } : null;
    return {
      message: { subject: message.subject, body: message.body, sender: message.sender, patient: message.patient },
      triage: { urgency: triage.urgency, category: triage.category, probs: triage.probs, redFlags: triage.redFlags },
      settings: s,
      templates: templates.data.templates,
      embeddings,
      tone: effTone,
      includeAcknowledgement: includeAck,
    };
  }, [s, templates.data, msgEmbedding.data, intents.data, message, triage, effTone, includeAck]);

  const suggestions = useMemo(() => (request ? suggestDrafts(request) : null), [request]);
  const manual = useMemo(() => list.find((t) => t.id === manualId) ?? null, [list, manualId]);
  const drafts: Draft[] = useMemo(() => {
    const ranked = suggestions?.drafts ?? [];
    const past: Draft[] = [];
    // A past reply of the clinician's for a similar message (never for an emergency: safety replies only).
    if (rememberOn && suggestions && !suggestions.callPatientNow && ranked.length && remembered.data && msgEmbedding.data && spaceAnchor.data) {
      for (const { reply, similarity } of similarRemembered(remembered.data, msgEmbedding.data, suggestions.lang, 1, MIN_SIMILARITY, spaceAnchor.data)) {
        past.push({
          templateId: 'remembered',
          name: 'Your past reply (check every detail)',
          kind: 'reply',
          lang: reply.lang,
          langFallback: false,
          tone: effTone,
          text: reply.text,
          placeholders: placeholdersOf(reply.text).map((p) => p.label),
          readability: readability(reply.text, reply.lang),
          score: similarity,
          why: [`your reply to a similar message (${similarity.toFixed(2)})`],
        });
      }
    }
    const all = [...ranked, ...past];
    if (!manual || !request) return all;
    return [draftFromTemplate(manual, request), ...all.filter((d) => d.templateId !== manual.id)];
  }, [suggestions, manual, request, rememberOn, remembered.data, msgEmbedding.data, spaceAnchor.data, effTone]);
  const current = drafts.find((d) => d.templateId === selectedId) ?? drafts[0] ?? null;
  const lang = current?.lang ?? suggestions?.lang ?? 'en';
  const suggestedText = current ? withDisclosure(current.text, disclosureChecked, current.lang, s?.clinicianName ?? '') : '';

  // The draft text follows the chosen draft (and tone); the clinician's edits replace it and are
  // kept until the suggestion itself changes.
  useEffect(() => {
    if (!current) return;
    if (k.base === current.text && k.text !== null) return;
    k.base = current.text;
    setDraftText(suggestedText);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [current?.templateId, current?.text, message.id]);
  useEffect(() => {
    if (current) setDraftText((t) => withDisclosure(t, disclosureChecked, current.lang, s?.clinicianName ?? ''));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [disclosureChecked]);

  // Tell the content script which drafts were shown (for the use record: ids only).
  const shownIds = drafts.map((d) => d.templateId);
  const shownKey = `${message.id}|${shownIds.join(',')}`;
  useEffect(() => {
    if (!suggestions || !shownIds.length) return;
    void sendMessage(
      'draftsShown',
      { messageId: message.id, templateIds: shownIds, lang: suggestions.lang, urgency: triage.urgency, category: triage.category, studyMode, remember: rememberOn },
      state.tabId,
    ).catch(() => undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shownKey, studyMode, rememberOn]);

  if (study.data && !study.data.aiEnabled) return null;
  if (!suggestions) return <section className="card" data-testid="drafts">Loading reply drafts…</section>;

  const live = readability(draftText, lang);
  const left = findPlaceholders(draftText);
  const check = checkInsertable(draftText);

  const choose = (value: string) => {
    setPicker(value);
    const v = value.trim().toLowerCase();
    const t = list.find((x) => x.shortcut === v || x.name.toLowerCase() === v || x.id === v);
    if (t) {
      setManual(t);
      setSelectedId(t.id);
      setPicker('');
      setStatus(null);
    }
  };

  const selectPlaceholder = (i: number) => {
    const p = findPlaceholders(draftText)[i];
    const el = textarea.current;
    if (!p || !el) return;
    el.focus();
    el.setSelectionRange(p.start, p.end);
  };

  const insert = async () => {
    if (!current || !check.ok) return;
    setStatus(null);
    try {
      const r = await sendMessage(
        'draftInsert',
        {
          messageId: message.id,
          text: draftText,
          suggestedText,
          templateId: current.templateId,
          draftsShownIds: shownIds,
          lang: current.lang,
          urgency: triage.urgency,
          category: triage.category,
          studyMode,
          remember: rememberOn,
          disclosure: disclosureChecked,
        },
        state.tabId,
      );
      if (r.ok)
        setStatus({
          kind: 'ok',
          text: `${insertedText('mode' in r ? r.mode : undefined)} Read it there, then send it with the EHR’s Send button.`,
        });
      else
        setStatus({
          kind: 'error',
          text:
            r.reason === 'not-open'
              ? 'Not inserted: this message is no longer open in the EHR tab.'
              : r.reason === 'no-reply-box'
                ? 'Not inserted: the EHR shows no reply box for this message. Open its reply form and try again.'
                : r.reason === 'read-only'
                  ? 'Not inserted: the EHR’s reply box is read-only.'
                  : r.reason === 'placeholders'
                    ? `Not inserted: fill in ${r.detail ?? 'the placeholders'} first.`
                    : `Not inserted: ${r.detail ?? 'an error in the EHR page'}.`,
        });
    } catch (err) {
      setStatus({ kind: 'error', text: `Not inserted: the EHR tab did not answer (${err instanceof Error ? err.message : String(err)}). Reload the EHR tab and try again.` });
    }
  };

  return (
    <section className="card drafts" data-testid="drafts" data-lang={suggestions.lang} data-count={drafts.length}>
      <h2>Reply drafts</h2>
      {suggestions.callPatientNow && (
        <p className="callout" role="alert" data-testid="drafts-call-now">
          Possible emergency: phone the patient now. The first draft tells them to get emergency help; send it as well, not instead.
        </p>
      )}
      {suggestions.otherScript && (
        <p className="meta" data-testid="drafts-other-script">
          This message is written in {suggestions.otherScript}; the drafts below are in {suggestions.lang === 'es' ? 'Spanish' : 'English'}.
          Reply in the patient's language with an interpreter or your practice's translated text.
        </p>
      )}
      {suggestions.emptyMessage && (
        <p className="meta" data-testid="drafts-empty">
          This message has no text, so there is nothing to draft from. Open it in the EHR to check for an attachment, or
          pick a template below.
        </p>
      )}
      {suggestions.noReplyNeeded && drafts.length === 0 && (
        <p className="meta" data-testid="drafts-none">
          No reply needed: this reads as a thanks or an update.{' '}
          <button type="button" onClick={() => setIncludeAck(true)} data-testid="drafts-anyway">
            Suggest a reply anyway
          </button>
        </p>
      )}
      {drafts.length > 0 && (
        <>
          <div className="draft-tone" role="radiogroup" aria-label="Tone">
            {(['brief', 'warm'] as const).map((t) => (
              <label key={t}>
                <input type="radio" name="draft-tone" checked={effTone === t} onChange={() => setTone(t)} data-testid={`draft-tone-${t}`} /> {t === 'brief' ? 'Brief' : 'Warm'}
              </label>
            ))}
          </div>
          <ol className="draft-list">
            {drafts.map((d) => (
              <li key={d.templateId}>
                <button
                  type="button"
                  className={`draft-option${d === current ? ' selected' : ''}${d.kind === 'safety' ? ' safety' : ''}`}
                  aria-pressed={d === current}
                  onClick={() => {
                    setSelectedId(d.templateId);
                    setStatus(null);
                  }}
                  data-testid="draft-option"
                  data-template-id={d.templateId}
                >
                  {d.kind === 'safety' && <span aria-hidden="true">⚠ </span>}
                  {d.name}
                </button>
                <span className="meta">
                  {' '}
                  grade {d.readability.grade} · {d.readability.words} words
                  {d.placeholders.length ? ` · ${d.placeholders.length} to fill in` : ''}
                  {d.langFallback ? ` · no ${suggestions.lang === 'es' ? 'Spanish' : 'English'} version` : ''}
                </span>
              </li>
            ))}
          </ol>
        </>
      )}
      <label className="meta" htmlFor="template-picker">
        Another template (name or shortcut, e.g. /refill)
      </label>
      <input
        id="template-picker"
        list="template-names"
        value={picker}
        onChange={(e) => choose(e.target.value)}
        placeholder="/refill"
        data-testid="template-picker"
      />
      <datalist id="template-names">
        {list.map((t) => (
          <option key={t.id} value={t.shortcut ?? t.name}>
            {t.name}
          </option>
        ))}
      </datalist>
      {current && (
        <>
          <label className="meta" htmlFor="draft-text">
            Draft (edit freely)
          </label>
          <textarea
            id="draft-text"
            ref={textarea}
            className="draft-text"
            rows={10}
            value={draftText}
            onChange={(e) => {
              setDraftText(e.target.value);
              setStatus(null);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                void insert();
              }
            }}
            data-testid="draft-text"
            lang={lang}
          />
          <p className="meta" data-testid="draft-readability" data-grade={live.grade}>
            Reading grade {live.grade} ({live.formula}) · {live.words} words · {live.characters} characters
          </p>
          {left.length > 0 && (
            <p className="placeholders" data-testid="draft-placeholders">
              Fill in or remove before inserting:{' '}
              {left.map((p, i) => (
                <button key={`${p.start}`} type="button" className="placeholder-chip" onClick={() => selectPlaceholder(i)}>
                  {p.label}
                </button>
              ))}
            </p>
          )}
          <label className="meta">
            <input type="checkbox" checked={disclosureChecked} onChange={(e) => setDisclosure(e.target.checked)} data-testid="draft-disclosure" /> Add “Drafted with
            assistance, reviewed by {s?.clinicianName || 'you'}”
          </label>
          <div>
            <button type="button" className="primary" disabled={!check.ok} onClick={() => void insert()} data-testid="draft-insert">
              Insert into the EHR’s reply box
            </button>
            <span className="meta"> Ctrl+Enter</span>
          </div>
          {!check.ok && check.reason === 'placeholders' && (
            <p className="meta" data-testid="draft-blocked">
              Insert is off until every [[placeholder]] is filled in or removed.
            </p>
          )}
          <p role="status" aria-live="polite" className={status ? `draft-status ${status.kind}` : 'draft-status'} data-testid="draft-status" data-kind={status?.kind ?? ''}>
            {status?.text ?? ''}
          </p>
          <p className="meta">Nothing is sent for you: you send the reply with the EHR’s own button. Drafts are made on this computer.</p>
        </>
      )}
    </section>
  );
}
