/**
 * Options: reply drafts (issue 5). The clinician's and practice's draft settings (name, sign-off,
 * clinic phone, tone, the disclosure line, study mode, remembered phrasing), and the clinic's own
 * templates: list (defaults and the practice's), edit as JSON with inline problems, add, turn a
 * default off, delete, import and export (validated files, lib/drafts/template-store.ts).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { browser } from 'wxt/browser';
import { DEFAULT_DRAFT_SETTINGS, DRAFT_SETTINGS_KEY, DraftSettingsSchema, loadDraftSettings, saveDraftSettings, type DraftSettings } from '@/lib/drafts/settings';
import {
  TEMPLATES_KEY,
  deleteTemplate,
  exportTemplates,
  importTemplates,
  loadTemplateState,
  saveTemplate,
  setDefaultEnabled,
  canTurnOff,
  MAX_TEMPLATES_FILE_BYTES,
  tooLargeMessage,
} from '@/lib/drafts/template-store';
import { DEFAULT_TEMPLATES } from '@/lib/drafts/defaults';
import { TemplateSchema, issueLines, type Template } from '@/lib/drafts/template-schema';
import { readability } from '@/lib/drafts/readability';
import { composeDraft } from '@/lib/drafts/engine';
import { downloadText } from './api';
import { REMEMBERED_KEY, forgetRemembered, loadRemembered } from '@/lib/drafts/remembered';

type Notice = { kind: 'ok' | 'error'; text: string; lines?: string[] } | null;

const NEW_TEMPLATE = {
  id: 'my-template',
  name: 'My template',
  description: '',
  category: 'scheduling',
  urgencies: ['routine'],
  shortcut: '/mine',
  keywords: ['appointment'],
  intents: ['Can I come in next week?'],
  text: {
    en: { brief: 'Thank you for your message. [[Your reply]] You can call us at {clinicPhone}.' },
    es: { brief: 'Gracias por su mensaje. [[Su respuesta]] Puede llamarnos al {clinicPhone}.' },
  },
};

const local = () => browser.storage.local;

function toEditorText(t: Template | typeof NEW_TEMPLATE): string {
  const { source: _s, ...rest } = t as Template;
  return JSON.stringify(rest, null, 2);
}

function SettingsForm() {
  const qc = useQueryClient();
  const settings = useQuery({ queryKey: ['drafts-options', 'settings'], queryFn: () => loadDraftSettings(local()) });
  const remembered = useQuery({ queryKey: ['drafts-options', 'remembered'], queryFn: () => loadRemembered(local()) });
  const [form, setForm] = useState<DraftSettings>(DEFAULT_DRAFT_SETTINGS);
  const [notice, setNotice] = useState<Notice>(null);
  useEffect(() => {
    if (settings.data) setForm(settings.data);
  }, [settings.data]);
  const save = useMutation({
    mutationFn: () => saveDraftSettings(local(), DraftSettingsSchema.parse(form)),
    onSuccess: () => {
      setNotice({ kind: 'ok', text: 'Saved. The side panel uses these at once.' });
      void qc.invalidateQueries({ queryKey: ['drafts-options'] });
    },
    onError: (e) => setNotice({ kind: 'error', text: `Not saved: ${String(e)}` }),
  });
  const text = (k: 'clinicianName' | 'signOff' | 'clinicPhone' | 'practiceName', label: string, hint?: string) => (
    <div className="field">
      <label className="label" htmlFor={`draft-${k}`}>
        {label}
      </label>
      <input id={`draft-${k}`} value={form[k]} onChange={(e) => setForm({ ...form, [k]: e.target.value })} data-testid={`draft-setting-${k}`} />
      {hint && <span className="muted"> {hint}</span>}
    </div>
  );
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
      data-testid="draft-settings"
    >
      <h3>Settings</h3>
      {text('clinicianName', 'Clinician name', 'e.g. Dr. Avery Chen (greets, signs, and names the reviewer)')}
      {text('signOff', 'Sign-off', 'empty: the clinician name')}
      {text('clinicPhone', 'Clinic phone')}
      {text('practiceName', 'Practice name')}
      <div className="field">
        <span className="label">Default tone</span>
        {(['brief', 'warm'] as const).map((t) => (
          <label key={t}>
            <input type="radio" name="draft-tone" checked={form.tone === t} onChange={() => setForm({ ...form, tone: t })} /> {t}{' '}
          </label>
        ))}
      </div>
      <div className="field">
        <label className="label" htmlFor="draft-disclosure">
          Disclosure line (“Drafted with assistance, reviewed by …”), a practice setting
        </label>
        <select id="draft-disclosure" value={form.disclosure} onChange={(e) => setForm({ ...form, disclosure: e.target.value as DraftSettings['disclosure'] })}>
          <option value="auto">On in study mode, off otherwise</option>
          <option value="on">Always on</option>
          <option value="off">Off</option>
        </select>
      </div>
      <div className="field">
        <label>
          <input type="checkbox" checked={form.studyMode} onChange={(e) => setForm({ ...form, studyMode: e.target.checked })} /> Study mode (also on while
          enrolled in a pilot study): measures only, no reply text is ever stored
        </label>
      </div>
      <div className="field">
        <label>
          <input
            type="checkbox"
            checked={form.rememberReplies}
            onChange={(e) => setForm({ ...form, rememberReplies: e.target.checked })}
            data-testid="draft-setting-rememberReplies"
          />{' '}
          Remember my sent replies on this computer to suggest my own phrasing for similar messages (off by default; never in
          study mode; names, medicines, doses, numbers and dates are blanked before a reply is kept)
        </label>
        <span className="muted"> {remembered.data?.length ?? 0} remembered </span>
        <button
          type="button"
          onClick={async () => {
            await forgetRemembered(local());
            void qc.invalidateQueries({ queryKey: ['drafts-options'] });
          }}
          data-testid="draft-forget-remembered"
        >
          Forget them all
        </button>
      </div>
      <div className="toolbar">
        <button type="submit" className="primary">
          Save settings
        </button>
        <span role="status" className={notice ? `notice ${notice.kind}` : ''} data-testid="draft-settings-status">
          {notice?.text}
        </span>
      </div>
    </form>
  );
}

function TemplatesEditor() {
  const qc = useQueryClient();
  const state = useQuery({ queryKey: ['drafts-options', 'templates'], queryFn: () => loadTemplateState(local()) });
  const settings = useQuery({ queryKey: ['drafts-options', 'settings'], queryFn: () => loadDraftSettings(local()) });
  const [selected, setSelected] = useState<string | null>(null);
  const [text, setText] = useState(toEditorText(NEW_TEMPLATE));
  const [notice, setNotice] = useState<Notice>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const refresh = () => void qc.invalidateQueries({ queryKey: ['drafts-options'] });

  const parsed = useMemo(() => {
    try {
      const r = TemplateSchema.safeParse(JSON.parse(text));
      return r.success ? { ok: true as const, template: r.data } : { ok: false as const, errors: issueLines(r.error) };
    } catch (e) {
      return { ok: false as const, errors: [`not JSON: ${e instanceof Error ? e.message : String(e)}`] };
    }
  }, [text]);

  const preview = useMemo(() => {
    if (!parsed.ok) return [];
    const s = settings.data ?? DEFAULT_DRAFT_SETTINGS;
    const slots = { clinicianName: s.clinicianName || undefined, clinicPhone: s.clinicPhone || undefined };
    return (['en', 'es'] as const)
      .filter((l) => parsed.template.text[l])
      .map((l) => {
        const d = composeDraft(parsed.template, l, 'brief', slots, s);
        return { lang: l, text: d.text, r: readability(d.text, l) };
      });
  }, [parsed, settings.data]);

  const select = (t: Template | null) => {
    setSelected(t?.id ?? null);
    setText(toEditorText(t ?? NEW_TEMPLATE));
    setNotice(null);
  };

  const save = useMutation({
    mutationFn: async () => saveTemplate(local(), JSON.parse(text), selected ?? undefined),
    onSuccess: (r) => {
      refresh();
      if (r.ok) {
        setSelected(r.template.id);
        setNotice({ kind: 'ok', text: `Saved “${r.template.name}”.` });
      } else setNotice({ kind: 'error', text: 'Not saved:', lines: r.errors });
    },
    onError: (e) => setNotice({ kind: 'error', text: `Not saved: ${String(e)}` }),
  });

  const importFile = useMutation({
    // The size is checked before the file is read: a huge file is refused at once.
    mutationFn: async (file: File) =>
      file.size > MAX_TEMPLATES_FILE_BYTES ? { ok: false as const, errors: [tooLargeMessage(file.size)] } : importTemplates(local(), await file.text()),
    onMutate: (file) => setNotice({ kind: 'ok', text: `Reading “${file.name}”…` }),
    onSuccess: (r, file) => {
      refresh();
      if (r.ok) setNotice({ kind: 'ok', text: `Imported “${file.name}”: ${r.added.length} added, ${r.replaced.length} replaced.` });
      else setNotice({ kind: 'error', text: `“${file.name}” was refused (nothing changed):`, lines: r.errors });
    },
    onError: (e, file) => setNotice({ kind: 'error', text: `“${file.name}” could not be imported (nothing changed): ${e instanceof Error ? e.message : String(e)}` }),
  });

  const data = state.data;
  const custom = new Set((data?.custom ?? []).map((t) => t.id));
  const all: { t: Template; on: boolean; kind: 'default' | 'edited' | 'practice' }[] = [
    ...DEFAULT_TEMPLATES.map((d) => {
      const c = data?.custom.find((x) => x.id === d.id);
      return { t: c ?? d, on: !data?.disabledDefaults.includes(d.id), kind: c ? ('edited' as const) : ('default' as const) };
    }),
    ...(data?.custom ?? []).filter((t) => !DEFAULT_TEMPLATES.some((d) => d.id === t.id)).map((t) => ({ t, on: true, kind: 'practice' as const })),
  ];

  return (
    <div data-testid="draft-templates">
      <h3>Templates</h3>
      {data?.damaged && <p className="notice error">The saved templates could not be read; the defaults are in use. ({data.damaged.join('; ')})</p>}
      <div className="toolbar">
        <button type="button" onClick={() => select(null)}>
          New template
        </button>
        <button type="button" onClick={async () => downloadText('reply-templates.json', await exportTemplates(local()))} data-testid="draft-templates-export">
          Export the practice’s templates
        </button>
        <button type="button" onClick={() => fileInput.current?.click()}>
          Import…
        </button>
        <input
          ref={fileInput}
          type="file"
          accept="application/json,.json"
          className="visually-hidden"
          data-testid="draft-templates-import"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) importFile.mutate(f);
            e.target.value = '';
          }}
        />
      </div>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>Template</th>
              <th>Shortcut</th>
              <th>For</th>
              <th>Source</th>
              <th>Actions</th>
            </tr>
          </thead>
          <tbody>
            {all.map(({ t, on, kind }) => (
              <tr key={t.id} data-template-id={t.id} aria-current={selected === t.id}>
                <td>
                  {t.name} {!on && <span className="tag">off</span>}
                </td>
                <td>{t.shortcut ?? ''}</td>
                <td>
                  {t.category} · {t.urgencies.join(', ')}
                </td>
                <td>{kind === 'default' ? 'default' : kind === 'edited' ? 'default, edited' : 'practice'}</td>
                <td className="actions">
                  <button type="button" onClick={() => select(t)}>
                    Edit
                  </button>
                  {kind === 'default' && canTurnOff(t.id) && (
                    <button
                      type="button"
                      onClick={async () => {
                        await setDefaultEnabled(local(), t.id, !on);
                        refresh();
                      }}
                    >
                      {on ? 'Turn off' : 'Turn on'}
                    </button>
                  )}
                  {custom.has(t.id) && (
                    <button
                      type="button"
                      onClick={async () => {
                        await deleteTemplate(local(), t.id);
                        refresh();
                        if (selected === t.id) select(null);
                      }}
                    >
                      {kind === 'edited' ? 'Restore default' : 'Delete'}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h4 id="draft-template-editor-h">{selected ? `Edit “${selected}”` : 'New template'}</h4>
      <p className="muted">
        Slots: {'{firstName} {medication} {medicationName} {test} {form} {date} {clinicianName} {clinicPhone} {practiceName}'}. What only the clinician
        knows goes in a [[placeholder]]: the draft cannot be inserted until it is filled in or removed. Safety replies (kind “safety”) are for emergencies
        only.
      </p>
      <textarea
        rows={18}
        value={text}
        onChange={(e) => setText(e.target.value)}
        aria-labelledby="draft-template-editor-h"
        aria-invalid={!parsed.ok}
        aria-describedby="draft-template-errors"
        data-testid="draft-template-json"
      />
      <div id="draft-template-errors" tabIndex={-1}>
        {!parsed.ok && (
          <ul>
            {parsed.errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        )}
      </div>
      {preview.map((p) => (
        <div key={p.lang}>
          <p className="muted">
            Preview ({p.lang === 'es' ? 'Spanish' : 'English'}, brief): reading grade {p.r.grade} ({p.r.formula}), {p.r.words} words
            {p.r.grade > 7 ? ' — above grade 7: shorter sentences and simpler words read better' : ''}
          </p>
          <pre className="body">{p.text}</pre>
        </div>
      ))}
      <div className="toolbar">
        <button type="button" className="primary" disabled={!parsed.ok} onClick={() => save.mutate()} data-testid="draft-template-save">
          Save template
        </button>
      </div>
      {notice && (
        <div role={notice.kind === 'error' ? 'alert' : 'status'} className={`notice ${notice.kind}`} data-testid="draft-templates-status">
          <p className="notice-title">{notice.text}</p>
          {notice.lines && (
            <ul>
              {notice.lines.map((l) => (
                <li key={l}>{l}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}

export function DraftsOptions() {
  const qc = useQueryClient();
  useEffect(() => {
    const onChange = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && (DRAFT_SETTINGS_KEY in changes || TEMPLATES_KEY in changes || REMEMBERED_KEY in changes)) void qc.invalidateQueries({ queryKey: ['drafts-options'] });
    };
    browser.storage.onChanged.addListener(onChange);
    return () => browser.storage.onChanged.removeListener(onChange);
  }, [qc]);
  return (
    <section aria-labelledby="drafts-h" className="card" data-testid="drafts-options">
      <h2 id="drafts-h">Reply drafts</h2>
      <p className="muted">
        Drafts are suggested in the side panel for the open message, made on this computer. Nothing is sent for you: you insert a draft into the EHR’s
        reply box and send it with the EHR’s own button.
      </p>
      <SettingsForm />
      <TemplatesEditor />
    </section>
  );
}
