/**
 * "Test on this tab": run the config in the editor on an open tab (previewConfig, injected with
 * scripting.executeScript) and show what it finds; the found rows are outlined on the page for a
 * few seconds. Only tabs on sites the extension may read are listed; for others, allow the
 * config's sites first.
 */
import { useEffect, useRef, useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { EditorParse } from '@/lib/options/editor';
import { missingOrigins } from '@/lib/adapters/host-access';
import { SUPPORTED_MATCHES } from '@/lib/adapters/hosts';
import type { PreviewReply } from '@/lib/adapters/preview-inject';
import { previewInTab, readableTabs, requestOrigins } from './api';

interface Props {
  parsed: EditorParse;
  granted: string[];
  onGranted(): void;
}

const yes = (b: boolean | null | undefined) => (b ? 'Yes' : 'No');

function shortUrl(u: string): string {
  try {
    const x = new URL(u);
    return `${x.host}${x.pathname}`;
  } catch {
    return u;
  }
}

export function PreviewPanel({ parsed, granted, onGranted }: Props) {
  const tabs = useQuery({ queryKey: ['tabs'], queryFn: readableTabs });
  const [tabId, setTabId] = useState<number | null>(null);
  const [accessNote, setAccessNote] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  /** Bumped when a test finishes: the result heading takes focus once it is on screen. */
  const [finished, setFinished] = useState(0);
  const focusedFor = useRef(0);

  useEffect(() => {
    const list = tabs.data ?? [];
    if (list.length === 0) return;
    if (tabId === null || !list.some((t) => t.id === tabId)) setTabId(list[0]!.id);
  }, [tabs.data, tabId]);

  const run = useMutation({
    mutationFn: async (): Promise<PreviewReply> => {
      if (!parsed.ok) return { ok: false, errors: ['Fix the config in the editor first.'] };
      if (tabId === null) return { ok: false, errors: ['Choose a tab first.'] };
      return previewInTab(tabId, parsed.config);
    },
    onSettled: () => setFinished((n) => n + 1),
  });

  useEffect(() => {
    if (finished > focusedFor.current && heading.current) {
      focusedFor.current = finished;
      heading.current.focus();
    }
  }, [finished, run.data, run.error]);

  const missing = parsed.ok ? missingOrigins(parsed.config.urlPatterns, SUPPORTED_MATCHES, granted) : [];
  const result = run.data;
  const runError = run.error ? String(run.error) : null;

  return (
    <div className="preview">
      <p className="muted">
        Open the EHR inbox in another tab (with a message open), choose it here and test. The page is only read; the result stays on this screen.
      </p>
      <div className="field">
        <label htmlFor="preview-tab">Tab</label>
        <select
          id="preview-tab"
          data-testid="preview-tab"
          value={tabId ?? ''}
          onChange={(e) => setTabId(Number(e.currentTarget.value))}
          aria-describedby="preview-tab-help"
        >
          {(tabs.data ?? []).length === 0 && <option value="">No tab the extension may read</option>}
          {(tabs.data ?? []).map((t) => (
            <option key={t.id} value={t.id}>
              {t.title} — {shortUrl(t.url)}
            </option>
          ))}
        </select>{' '}
        <button type="button" onClick={() => void tabs.refetch()}>
          Refresh tabs
        </button>
        <p id="preview-tab-help" className="muted">
          Tabs on sites the extension has no access to are not listed.
          {missing.length > 0 && ' Allow this config’s sites to test on them.'}
        </p>
        {missing.length > 0 && (
          <p>
            <button
              type="button"
              onClick={() => {
                void requestOrigins(missing).then((r) => {
                  setAccessNote(r.granted ? `Allowed ${missing.join(', ')}.` : `Access to ${missing.join(', ')} was not allowed.${r.error ? ` ${r.error}` : ''}`);
                  onGranted();
                  void tabs.refetch();
                });
              }}
            >
              Allow access to {missing.join(', ')}
            </button>
          </p>
        )}
        <p role="status" aria-live="polite">
          {accessNote}
        </p>
      </div>
      <button
        type="button"
        className="primary"
        data-testid="preview-run"
        onClick={() => run.mutate()}
        disabled={run.isPending}
        aria-disabled={run.isPending}
      >
        {run.isPending ? 'Testing…' : 'Test on this tab'}
      </button>

      <div className="preview-result" data-testid="preview-result" aria-live="polite">
        {(result || runError) && (
          <h3 tabIndex={-1} ref={heading}>
            {result?.ok ? `Result on “${result.title || shortUrl(result.url)}”` : 'The test could not run'}
          </h3>
        )}
        {runError && (
          <div role="alert" className="notice error">
            {runError}
          </div>
        )}
        {result && !result.ok && (
          <div role="alert" className="notice error">
            <ul>
              {result.errors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          </div>
        )}
        {result?.ok && <PreviewResult reply={result} />}
      </div>
    </div>
  );
}

function PreviewResult({ reply }: { reply: Extract<PreviewReply, { ok: true }> }) {
  const p = reply.preview;
  return (
    <div data-testid="preview-details">
      <dl className="facts">
        <dt>Would run on this page</dt>
        <dd data-testid="preview-matches">
          {yes(p.matches)}
          {!p.urlMatches && ' (the address matches none of the URL patterns)'}
          {p.pageMustContainFound === false && ' (pageMustContain found nothing)'}
        </dd>
        <dt>Inbox list found</dt>
        <dd>{yes(p.hasInbox)}</dd>
        <dt>Rows found</dt>
        <dd>
          <span data-testid="preview-row-count">{p.rows.count}</span> (<span data-testid="preview-row-usable">{p.rows.usable}</span> with a usable id get a
          badge)
        </dd>
        <dt>Open message found</dt>
        <dd data-testid="preview-open">{p.openMessage ? `Yes: ${p.openMessage.id}` : 'No'}</dd>
        <dt>Reply box found</dt>
        <dd data-testid="preview-reply">{yes(p.replyBoxFound)}</dd>
      </dl>
      {reply.highlighted > 0 && <p className="muted">The {reply.highlighted} rows found are outlined on the page for a few seconds.</p>}

      <h4>First {p.rows.sample.length} rows as read</h4>
      {p.rows.sample.length === 0 ? (
        <p>No rows.</p>
      ) : (
        <div className="table-wrap">
          <table data-testid="preview-rows">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Id</th>
                <th scope="col">Sender</th>
                <th scope="col">Patient</th>
                <th scope="col">Subject</th>
                <th scope="col">Preview</th>
                <th scope="col">Date</th>
                <th scope="col">Unread</th>
                <th scope="col">Warnings</th>
              </tr>
            </thead>
            <tbody>
              {p.rows.sample.map((r) => (
                <tr key={r.position} data-message-id={r.message?.id ?? ''}>
                  <td>{r.position}</td>
                  <td>{r.message?.id ?? '— (skipped: no id)'}</td>
                  <td>{r.message?.sender ?? ''}</td>
                  <td>{r.message?.patient ?? '—'}</td>
                  <td>{r.message?.subject ?? ''}</td>
                  <td className="clip">{r.message?.preview ?? ''}</td>
                  <td>{r.message ? (r.message.sentAt ?? `${r.message.sentAtText ?? '—'} (not parsed)`) : ''}</td>
                  <td>{r.message?.unread === undefined ? '—' : yes(r.message.unread)}</td>
                  <td>{r.warnings.length ? r.warnings.join('; ') : 'none'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h4>Open message</h4>
      {p.openMessage ? (
        <dl className="facts">
          <dt>Id</dt>
          <dd>{p.openMessage.id}</dd>
          <dt>Subject</dt>
          <dd>{p.openMessage.subject}</dd>
          <dt>Sender</dt>
          <dd>{p.openMessage.sender}</dd>
          <dt>Patient</dt>
          <dd>{p.openMessage.patient ?? '—'}</dd>
          <dt>Date</dt>
          <dd>{p.openMessage.sentAt ?? p.openMessage.sentAtText ?? '—'}</dd>
          <dt>Body</dt>
          <dd>
            <pre className="body">{p.openMessage.body}</pre>
          </dd>
        </dl>
      ) : (
        <p>None found.</p>
      )}

      <h4>Problems</h4>
      {p.problems.length === 0 ? (
        <p data-testid="preview-problems">
          <span className="tag ok">None</span> found.
        </p>
      ) : (
        <ul data-testid="preview-problems">
          {p.problems.map((x) => (
            <li key={x}>{x}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
