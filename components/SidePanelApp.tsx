/** The clinician's side panel: the open message's triage (level, score, reasons, explanation). */
import { createLocalQueryClient } from '@/lib/util/query-client';
import { useEffect } from 'react';
import { QueryClientProvider, useQuery, useQueryClient } from '@tanstack/react-query';
import { browser } from 'wxt/browser';
import {
  ModelStatusSchema,
  OpenMessageStateSchema,
  SESSION_KEYS,
  sendMessage,
  type ModelStatus,
  type OpenMessageState,
} from '@/lib/messaging/protocol';
import { triageText } from '@/lib/adapters/types';
import { TriageView } from './TriageView';
import { DraftsView } from './DraftsView';
import { InboxTimeView, dayFromUrl } from './InboxTimeView';
import { useAiFeatures } from './study/useAiFeatures';

async function activeTabId(): Promise<number | undefined> {
  const fromQuery = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(fromQuery) && fromQuery > 0) return fromQuery;
  try {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    return tab?.id;
  } catch {
    return undefined;
  }
}

async function readOpenState(): Promise<OpenMessageState | null> {
  const area = browser.storage.session;
  const tabId = await activeTabId();
  const keys: string[] = [SESSION_KEYS.lastOpenTab];
  if (tabId !== undefined) keys.push(SESSION_KEYS.openForTab(tabId));
  const got = await area.get(keys);
  let raw = tabId !== undefined ? got[SESSION_KEYS.openForTab(tabId)] : undefined;
  if (!raw) {
    const last = got[SESSION_KEYS.lastOpenTab];
    if (typeof last === 'number') raw = (await area.get(SESSION_KEYS.openForTab(last)))[SESSION_KEYS.openForTab(last)];
  }
  const parsed = OpenMessageStateSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

async function readModelStatus(): Promise<ModelStatus | null> {
  const got = await browser.storage.session.get(SESSION_KEYS.modelStatus);
  const parsed = ModelStatusSchema.safeParse(got[SESSION_KEYS.modelStatus]);
  return parsed.success ? parsed.data : null;
}

function useSessionInvalidation(): void {
  const qc = useQueryClient();
  useEffect(() => {
    const onChange = (_: unknown, area: string) => {
      if (area === 'session') void qc.invalidateQueries({ queryKey: ['session'] });
    };
    const onTab = () => void qc.invalidateQueries({ queryKey: ['session'] });
    browser.storage.onChanged.addListener(onChange);
    browser.tabs?.onActivated?.addListener(onTab);
    return () => {
      browser.storage.onChanged.removeListener(onChange);
      browser.tabs?.onActivated?.removeListener(onTab);
    };
  }, [qc]);
}

function ModelLine({ status }: { status: ModelStatus | null | undefined }) {
  if (!status) return null;
  const details = [
    status.loadMs ? `loaded in ${(status.loadMs / 1000).toFixed(1)} s` : '',
    status.threads ? `${status.threads} CPU thread${status.threads === 1 ? '' : 's'}` : '',
  ].filter(Boolean);
  const text =
    status.state === 'ready'
      ? `On-device model ready${details.length ? ` (${details.join(', ')})` : ''}`
      : status.state === 'loading'
        ? `Loading the on-device model… ${Math.round((status.progress ?? 0) * 100)}%`
        : status.state === 'failed'
          ? `The model could not load; red-flag rules are still checking every message. (${status.error ?? 'unknown error'})`
          : 'The model starts with the first inbox page.';
  return (
    <p className={`notice model-${status.state}`} data-testid="model-status" data-state={status.state} data-threads={status.threads}>
      {text}
    </p>
  );
}

function Panel() {
  useSessionInvalidation();
  const open = useQuery({ queryKey: ['session', 'open'], queryFn: readOpenState });
  const model = useQuery({ queryKey: ['session', 'model'], queryFn: readModelStatus });
  const state = open.data;
  // Pilot study control arm: triage and drafts hidden (lib/study/gate.ts); inbox time as usual.
  const aiFeatures = useAiFeatures();
  const text = state?.message ? triageText(state.message.subject, state.message.body) : '';
  const explain = useQuery({
    queryKey: ['explain', state?.triage?.textHash],
    queryFn: () => sendMessage('explainText', { text }),
    enabled: !!state?.triage && state.triage.source !== 'rules' && text.length > 0,
    staleTime: Infinity,
    retry: false,
  });

  return (
    <main className="panel" aria-live="polite">
      <h1>Inbox Triage</h1>
      {open.isPending || aiFeatures === null ? (
        <p className="empty">Loading…</p>
      ) : aiFeatures === false ? (
        <div className="card empty" data-testid="panel-control-arm">
          Pilot study: triage and reply drafts are off for you in this period. Inbox time is measured as usual.
        </div>
      ) : !state?.message || !state.triage ? (
        <div className="card empty" data-testid="panel-empty">
          Open a message in your EHR inbox to see its triage here.
        </div>
      ) : (
        <>
          <TriageView message={state.message} triage={state.triage} salient={explain.data?.salient ?? []} />
          <DraftsView state={state} />
        </>
      )}
      <InboxTimeView
        open={state?.message ? { adapterId: state.adapterId, messageId: state.message.id, patient: state.message.patient, tabId: state.tabId } : null}
        day={dayFromUrl()}
      />
      <ModelLine status={model.data} />
      <p className="notice">Triage runs on this computer. No message text leaves it. It is a suggestion: always read the message.</p>
    </main>
  );
}

const client = createLocalQueryClient({ queries: { refetchOnWindowFocus: false } });

export function SidePanelApp() {
  return (
    <QueryClientProvider client={client}>
      <Panel />
    </QueryClientProvider>
  );
}
