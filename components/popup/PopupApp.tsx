/**
 * The toolbar popup: today's inbox time, the unread emergency and urgent counts (hidden in a
 * study's control arm), a link to the burden dashboard, and a button for the side panel (the
 * popup takes the toolbar click, so the side panel opens from here).
 */
import { QueryClientProvider, useQuery } from '@tanstack/react-query';
import { browser } from 'wxt/browser';
import { createLocalQueryClient } from '@/lib/util/query-client';
import { openDb } from '@/lib/db/schema';
import { loadSettings } from '@/lib/activity/settings';
import { summarize } from '@/lib/metrics/summary';
import { dayKey, dayRange } from '@/lib/metrics/time';
import { unreadCounts } from '@/lib/background/burden-records';
import { createStudyGate } from '@/lib/study/gate';
import { formatMs } from '@/lib/util/duration';

const client = createLocalQueryClient();

async function loadToday() {
  const settings = await loadSettings(browser.storage.local);
  const tz = settings.schedule.timeZone;
  const span = dayRange(dayKey(Date.now(), tz), tz);
  const db = openDb();
  try {
    const [events, stats, draftUses] = await Promise.all([
      db.activity.where('end').above(span.start).toArray(),
      db.messageStats.where('repliedAt').aboveOrEqual(span.start).toArray(),
      db.draftUses.where('sentAt').aboveOrEqual(span.start).toArray(),
    ]);
    const s = summarize({ events, stats, draftUses, schedule: settings.schedule }, span);
    return { activeMs: s.activeMs, afterHoursMs: s.afterHoursMs, messages: s.messagesHandled };
  } finally {
    db.close();
  }
}

async function loadCounts() {
  const gate = createStudyGate(browser.storage.local);
  await gate.ready;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true }).catch(() => []);
  const all = await browser.storage.session.get(null);
  return { ai: gate.aiFeaturesEnabled(), ...unreadCounts(all, tab?.id), windowId: tab?.windowId };
}

function Popup() {
  const today = useQuery({ queryKey: ['today'], queryFn: loadToday });
  const counts = useQuery({ queryKey: ['counts'], queryFn: loadCounts });
  const openPanel = async () => {
    try {
      const windowId = counts.data?.windowId ?? (await browser.windows.getCurrent()).id;
      if (windowId !== undefined) await browser.sidePanel.open({ windowId });
      window.close();
    } catch {
      // side panel unavailable: nothing to do
    }
  };
  return (
    <main className="popup" data-ready={today.isSuccess && counts.isSuccess ? 'true' : undefined}>
      <h1>Inbox Triage</h1>
      <dl>
        <dt>Inbox time today</dt>
        <dd data-today-ms={today.data?.activeMs}>{today.isPending ? '…' : today.error ? '—' : formatMs(today.data!.activeMs)}</dd>
        {today.data && today.data.afterHoursMs > 0 ? (
          <>
            <dt>of which after hours</dt>
            <dd>{formatMs(today.data.afterHoursMs)}</dd>
          </>
        ) : null}
        <dt>Messages handled today</dt>
        <dd>{today.data?.messages ?? '…'}</dd>
        {counts.data?.ai === false ? null : (
          <>
            <dt className="emergency">Unread emergency</dt>
            <dd className="emergency" data-unread-emergency>
              {counts.data ? counts.data.emergency : '…'}
            </dd>
            <dt className="urgent">Unread urgent</dt>
            <dd className="urgent" data-unread-urgent>
              {counts.data ? counts.data.urgent : '…'}
            </dd>
          </>
        )}
      </dl>
      {counts.data?.ai === false ? <p className="muted">Study control arm: triage is off; inbox time is measured.</p> : counts.data && counts.data.tabs === 0 ? <p className="muted">No inbox open in a tab.</p> : null}
      <div className="links">
        <button type="button" onClick={() => void openPanel()}>
          Open the side panel
        </button>
        <a href={browser.runtime.getURL('/dashboard.html')} target="_blank" rel="noreferrer">
          Burden dashboard
        </a>
      </div>
    </main>
  );
}

export function PopupApp() {
  return (
    <QueryClientProvider client={client}>
      <Popup />
    </QueryClientProvider>
  );
}
