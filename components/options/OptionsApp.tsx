/**
 * The options page: the EHR inbox pages the extension works on. Built-in adapters are listed
 * read-only; adapters set by the organization's policy are read-only and marked so; the
 * practice's own adapters can be written, tested on an open tab, saved (asking for access to
 * their sites), deleted, imported and exported (docs/configurable-adapter.md).
 */
import { createLocalQueryClient } from '@/lib/util/query-client';
import { useEffect, useMemo, useRef, useState } from 'react';
import { QueryClientProvider, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { browser } from 'wxt/browser';
import { BUILT_IN_ADAPTERS } from '@/lib/adapters/registry';
import { SUPPORTED_MATCHES } from '@/lib/adapters/hosts';
import { missingOrigins } from '@/lib/adapters/host-access';
import {
  clearLocalAdapters,
  deleteLocalAdapter,
  exportConfigured,
  importAdapterFile,
  isConfiguredChange,
  saveLocalAdapter,
  type ConfiguredState,
} from '@/lib/adapters/configured-store';
import { CONFIG_TEMPLATE, configToText, parseEditorText } from '@/lib/options/editor';
import { areas, downloadText, grantedOrigins, loadState, requestOrigins } from './api';
import { AdapterList, type Selection } from './AdapterList';
import { ConfigEditor } from './ConfigEditor';
import { PreviewPanel } from './PreviewPanel';
import { DraftsOptions } from './DraftsOptions';
import { SchedulePanel } from './SchedulePanel';
import { BuiltInSites } from './BuiltInSites';

const queryClient = createLocalQueryClient({ queries: { retry: false } });

export function OptionsApp() {
  return (
    <QueryClientProvider client={queryClient}>
      <Options />
    </QueryClientProvider>
  );
}

export type Notice = { kind: 'ok' | 'warn' | 'error'; title: string; lines?: string[] } | null;

function useLiveInvalidation(): void {
  const qc = useQueryClient();
  useEffect(() => {
    const onStorage = (changes: Record<string, unknown>, areaName: string) => {
      if (isConfiguredChange(changes, areaName)) void qc.invalidateQueries({ queryKey: ['configured'] });
    };
    const onPerms = () => void qc.invalidateQueries({ queryKey: ['granted'] });
    browser.storage.onChanged.addListener(onStorage);
    browser.permissions.onAdded.addListener(onPerms);
    browser.permissions.onRemoved.addListener(onPerms);
    return () => {
      browser.storage.onChanged.removeListener(onStorage);
      browser.permissions.onAdded.removeListener(onPerms);
      browser.permissions.onRemoved.removeListener(onPerms);
    };
  }, [qc]);
}

function NoticeView({ notice, testId }: { notice: Notice; testId: string }) {
  if (!notice) return <div role="status" aria-live="polite" data-testid={testId} />;
  return (
    <div role={notice.kind === 'error' ? 'alert' : 'status'} className={`notice ${notice.kind}`} data-testid={testId} data-kind={notice.kind}>
      <p className="notice-title">
        <strong>{notice.kind === 'error' ? 'Not done: ' : notice.kind === 'warn' ? 'Note: ' : 'Done: '}</strong>
        {notice.title}
      </p>
      {notice.lines && notice.lines.length > 0 && (
        <ul>
          {notice.lines.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Options() {
  useLiveInvalidation();
  const qc = useQueryClient();
  const state = useQuery({ queryKey: ['configured'], queryFn: loadState });
  const granted = useQuery({ queryKey: ['granted'], queryFn: grantedOrigins });
  const [selection, setSelection] = useState<Selection>({ kind: 'new' });
  const [text, setText] = useState(CONFIG_TEMPLATE);
  const [listNotice, setListNotice] = useState<Notice>(null);
  const [editorNotice, setEditorNotice] = useState<Notice>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const editorHeading = useRef<HTMLHeadingElement>(null);

  const data: ConfiguredState | undefined = state.data;
  const policyIds = useMemo(() => (data?.policy ?? []).map((p) => p.id), [data]);
  const parsed = useMemo(() => parseEditorText(text), [text]);
  const readOnly = selection.kind === 'policy';

  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['configured'] });
    void qc.invalidateQueries({ queryKey: ['granted'] });
  };

  const select = (s: Selection) => {
    setSelection(s);
    setEditorNotice(null);
    if (s.kind === 'new') setText(CONFIG_TEMPLATE);
    else {
      const list = s.kind === 'policy' ? data?.policy : data?.local;
      const c = list?.find((a) => a.id === s.id);
      if (c) setText(configToText(c));
    }
    setTimeout(() => editorHeading.current?.focus(), 0);
  };

  const save = useMutation({
    mutationFn: async (args: { permission: Promise<{ granted: boolean; error?: string }>; origins: string[] }) => {
      const p = parseEditorText(text);
      if (!p.ok) return { ok: false as const, errors: p.errors };
      const perm = await args.permission;
      const previousId = selection.kind === 'local' ? selection.id : undefined;
      const r = await saveLocalAdapter(areas().local, p.config, { previousId, policyIds });
      return { ...r, perm, origins: args.origins };
    },
    onSuccess: (r) => {
      refresh();
      if (!r.ok) {
        setEditorNotice({ kind: 'error', title: 'The adapter was not saved.', lines: r.errors });
        return;
      }
      const saved = 'saved' in r ? r.saved : undefined;
      if (saved) setSelection({ kind: 'local', id: saved.id });
      if ('perm' in r && r.origins.length > 0 && !r.perm.granted) {
        setEditorNotice({
          kind: 'warn',
          title: `Saved "${saved?.name ?? ''}", but it cannot run yet: access to its sites was not allowed.`,
          lines: [...r.origins.map((o) => `needs access to ${o}`), ...(r.perm.error ? [r.perm.error] : []), 'Use "Allow access" in the list when ready.'],
        });
      } else {
        setEditorNotice({ kind: 'ok', title: `Saved "${saved?.name ?? ''}". Reload the EHR tab to see the badges.` });
      }
    },
    onError: (err) => setEditorNotice({ kind: 'error', title: 'The adapter was not saved.', lines: [String(err)] }),
  });

  /** Click handler: ask for the sites first (needs the click's user gesture), then save. */
  const onSave = () => {
    if (readOnly) return;
    const p = parseEditorText(text);
    if (!p.ok) {
      setEditorNotice({ kind: 'error', title: 'The adapter was not saved: fix the problems listed under the editor.', lines: [] });
      document.getElementById('config-errors')?.focus();
      return;
    }
    const origins = missingOrigins(p.config.urlPatterns, SUPPORTED_MATCHES, granted.data ?? []);
    const permission = requestOrigins(origins);
    save.mutate({ permission, origins });
  };

  const del = useMutation({
    mutationFn: (id: string) => deleteLocalAdapter(areas().local, id),
    onSuccess: (r, id) => {
      refresh();
      if (r.ok) {
        setListNotice({ kind: 'ok', title: `Deleted "${id}". The extension stops running on its sites.` });
        setSelection({ kind: 'new' });
        setText(CONFIG_TEMPLATE);
      } else setListNotice({ kind: 'error', title: `"${id}" was not deleted.`, lines: r.errors });
    },
  });

  const importFile = useMutation({
    mutationFn: async (file: File) => importAdapterFile(areas().local, await file.text(), { policyIds }),
    onSuccess: (r, file) => {
      refresh();
      if (!r.ok) {
        setListNotice({ kind: 'error', title: `"${file.name}" was refused.`, lines: r.errors });
        return;
      }
      const lines = [
        ...r.added.map((id) => `added ${id}`),
        ...r.replaced.map((id) => `replaced ${id}`),
        ...r.overriddenByPolicy.map((id) => `${id}: your organization sets an adapter with this id; theirs is the one used`),
      ];
      const need = r.adapters
        .filter((a) => [...r.added, ...r.replaced].includes(a.id))
        .flatMap((a) => missingOrigins(a.urlPatterns, SUPPORTED_MATCHES, granted.data ?? []));
      if (need.length) lines.push(`Allow access to ${[...new Set(need)].join(', ')} in the list below so it can run there.`);
      setListNotice({ kind: 'ok', title: `Imported ${r.added.length + r.replaced.length} adapter${r.added.length + r.replaced.length === 1 ? '' : 's'} from "${file.name}".`, lines });
      const first = r.added[0] ?? r.replaced[0];
      const c = first ? r.adapters.find((a) => a.id === first) : undefined;
      if (c) {
        setSelection({ kind: 'local', id: c.id });
        setText(configToText(c));
        setEditorNotice(null);
      }
    },
    onError: (err, file) => setListNotice({ kind: 'error', title: `"${file.name}" was refused.`, lines: [String(err)] }),
  });

  const clearDamaged = useMutation({
    mutationFn: () => clearLocalAdapters(areas().local),
    onSuccess: () => {
      refresh();
      setListNotice({ kind: 'ok', title: 'Removed the damaged saved adapters. Import your adapters again.' });
    },
  });

  const onExport = () => {
    const local = data?.local ?? [];
    if (local.length === 0) {
      setListNotice({ kind: 'warn', title: 'There are no saved adapters to export.' });
      return;
    }
    downloadText('inbox-triage-adapters.json', exportConfigured(local));
    setListNotice({ kind: 'ok', title: `Exported ${local.length} saved adapter${local.length === 1 ? '' : 's'} to inbox-triage-adapters.json.` });
  };

  const onAllow = (origins: string[]) => {
    void requestOrigins(origins).then((r) => {
      refresh();
      setListNotice(
        r.granted
          ? { kind: 'ok', title: `Allowed ${origins.join(', ')}. Reload the EHR tab to see the badges.` }
          : { kind: 'warn', title: `Access to ${origins.join(', ')} was not allowed.`, lines: r.error ? [r.error] : [] },
      );
    });
  };

  const editing =
    selection.kind === 'new'
      ? 'New adapter'
      : selection.kind === 'policy'
        ? `Set by your organization: ${selection.id} (read-only)`
        : `Edit: ${selection.id}`;

  return (
    <div className="page">
      <header>
        <h1>Inbox Triage · EHR inbox pages</h1>
        <p>
          Describe your web EHR&apos;s inbox page so the extension can badge its messages. Configs are checked before they are used; nothing leaves this
          computer.
        </p>
        <p data-testid="study-link">
          Pilot study (enrollment, consent, arm), de-identified export and import, data retention: <a href="/dashboard.html#study">Study &amp; data</a>. Inbox
          burden: <a href="/dashboard.html">dashboard</a>.
        </p>
      </header>
      <main>
        <BuiltInSites />
        <section aria-labelledby="list-h" className="card">
          <h2 id="list-h">Inbox pages the extension works on</h2>
          {state.isError && <div role="alert" className="notice error">Could not read the saved adapters: {String(state.error)}</div>}
          {data && data.localErrors.length > 0 && (
            <div role="alert" className="notice error" data-testid="local-errors">
              <p className="notice-title">
                <strong>Saved adapters are damaged and not used.</strong>
              </p>
              <ul>
                {data.localErrors.map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
              <button type="button" onClick={() => clearDamaged.mutate()}>
                Remove the damaged saved adapters
              </button>
            </div>
          )}
          {data && data.policyErrors.length > 0 && (
            <div role="alert" className="notice warn" data-testid="policy-errors">
              <p className="notice-title">
                <strong>Some adapters set by your organization were refused:</strong>
              </p>
              <ul>
                {data.policyErrors.map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            </div>
          )}
          <AdapterList
            builtIn={BUILT_IN_ADAPTERS.map((a) => ({ id: a.id, name: a.name }))}
            state={data}
            granted={granted.data ?? []}
            selection={selection}
            onSelect={select}
            onDelete={(id) => del.mutate(id)}
            onAllow={onAllow}
          />
          <div className="toolbar">
            <button type="button" onClick={() => select({ kind: 'new' })}>
              New adapter
            </button>
            <button type="button" onClick={() => fileInput.current?.click()}>
              Import JSON file…
            </button>
            <input
              ref={fileInput}
              id="import-file"
              type="file"
              accept="application/json,.json"
              className="visually-hidden"
              aria-label="Import JSON file"
              data-testid="import-file"
              tabIndex={-1}
              onChange={(e) => {
                const f = e.currentTarget.files?.[0];
                e.currentTarget.value = '';
                if (f) importFile.mutate(f);
              }}
            />
            <button type="button" onClick={onExport}>
              Export JSON
            </button>
          </div>
          <NoticeView notice={listNotice} testId="list-notice" />
        </section>

        <section aria-labelledby="editor-h" className="card">
          <h2 id="editor-h" tabIndex={-1} ref={editorHeading}>
            {editing}
          </h2>
          <ConfigEditor
            text={text}
            onChange={(t) => {
              setText(t);
              setEditorNotice(null);
            }}
            parsed={parsed}
            readOnly={readOnly}
            saving={save.isPending}
            onSave={onSave}
            onReset={() => select(selection)}
            deleteTarget={
              selection.kind === 'local' ? { id: selection.id, name: data?.local.find((a) => a.id === selection.id)?.name ?? selection.id } : undefined
            }
            onDelete={(id) => del.mutate(id)}
          />
          <NoticeView notice={editorNotice} testId="editor-notice" />
        </section>

        <section aria-labelledby="preview-h" className="card">
          <h2 id="preview-h">Test on a tab</h2>
          <PreviewPanel parsed={parsed} granted={granted.data ?? []} onGranted={refresh} />
        </section>

        <section aria-labelledby="schedule-h" className="card">
          <h2 id="schedule-h">Inbox time and clinic schedule</h2>
          <SchedulePanel />
        </section>
        <DraftsOptions />
      </main>
    </div>
  );
}
