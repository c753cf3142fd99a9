/** The clinician's side panel: the open message's triage (level, score, reasons). */
import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { OpenMessageStateSchema, SESSION_KEYS, type OpenMessageState } from '@/lib/messaging/protocol';
import { TriageView } from './TriageView';

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

async function readState(): Promise<OpenMessageState | null> {
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

export function SidePanelApp() {
  const [state, setState] = useState<OpenMessageState | null | undefined>(undefined);
  useEffect(() => {
    let alive = true;
    const refresh = () => void readState().then((s) => alive && setState(s), () => alive && setState(null));
    refresh();
    const onChange = (_: unknown, area: string) => area === 'session' && refresh();
    browser.storage.onChanged.addListener(onChange);
    browser.tabs?.onActivated?.addListener(refresh);
    return () => {
      alive = false;
      browser.storage.onChanged.removeListener(onChange);
      browser.tabs?.onActivated?.removeListener(refresh);
    };
  }, []);

  return (
    <main className="panel" aria-live="polite">
      <h1>Inbox Triage</h1>
      {state === undefined ? (
        <p className="empty">Loading…</p>
      ) : !state?.message || !state.triage ? (
        <div className="card empty" data-testid="panel-empty">
          Open a message in your EHR inbox to see its triage here.
        </div>
      ) : (
        <TriageView message={state.message} triage={state.triage} />
      )}
      <p className="notice">Triage runs on this computer. No message text leaves it. It is a suggestion: always read the message.</p>
    </main>
  );
}
