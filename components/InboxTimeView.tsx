/**
 * The side panel's "Inbox time" section: today's measures (lib/metrics, computed by the
 * background from the recorded events), the open message's own totals, and its patient's
 * time over 7 days with the CPT band it reaches, shown as information only.
 */
import { useEffect } from 'react';
import { useQuery } from '@tanstack/react-query';
import { sendMessage } from '@/lib/messaging/protocol';
import type { InboxTimeReply } from '@/lib/activity/inbox-time';
import { formatMs } from '@/lib/util/duration';

export { formatMs };

/** The panel's `?day=yyyy-MM-dd`, to show another day than today. */
export function dayFromUrl(): string | undefined {
  try {
    const d = new URLSearchParams(location.search).get('day');
    return d && /^\d{4}-\d{2}-\d{2}$/.test(d) ? d : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Using the side panel takes focus from the EHR page, but it is inbox work: tell the tab's
 * content script (at most every 5 s), which counts it as focus and input on its own clock.
 */
export function usePanelInputRelay(tabId: number | undefined): void {
  useEffect(() => {
    if (tabId === undefined) return;
    let last = 0;
    const on = () => {
      const now = Date.now();
      if (now - last < 5000) return;
      last = now;
      sendMessage('activityPanelInput', undefined, tabId).catch(() => undefined);
    };
    const events = ['pointerdown', 'keydown', 'wheel'] as const;
    for (const e of events) document.addEventListener(e, on, { capture: true, passive: true });
    return () => {
      for (const e of events) document.removeEventListener(e, on, { capture: true });
    };
  }, [tabId]);
}

export interface InboxTimeViewProps {
  open?: { adapterId: string; messageId: string; patient?: string; tabId?: number } | null;
  /** 'yyyy-MM-dd' to show another day than today (the panel's `?day=`). */
  day?: string;
}

export function InboxTimeView({ open, day }: InboxTimeViewProps) {
  usePanelInputRelay(open?.tabId);
  const q = useQuery({
    queryKey: ['inbox-time', day ?? 'today', open?.adapterId, open?.messageId, open?.patient],
    queryFn: () =>
      sendMessage('getInboxTime', {
        ...(day ? { day } : {}),
        ...(open ? { open: { adapterId: open.adapterId, messageId: open.messageId, ...(open.patient ? { patient: open.patient } : {}) } } : {}),
      }),
    refetchInterval: 30_000,
    // The service worker may be starting: try again shortly.
    retry: 3,
    retryDelay: 500,
  });
  if (!q.data) return null;
  return <InboxTimeCard data={q.data} />;
}

export function InboxTimeCard({ data }: { data: InboxTimeReply }) {
  const t = data.today;
  const w = data.week;
  const rows: [string, string, string][] = [
    ['Inbox time', formatMs(t.activeMs), 'inbox-time-active'],
    ['Reading / drafting', `${formatMs(t.readMs)} / ${formatMs(t.draftMs)}`, 'inbox-time-read-draft'],
    ['After hours', formatMs(t.afterHoursMs), 'inbox-time-after-hours'],
    ['Messages handled', String(t.messagesHandled), 'inbox-time-handled'],
    ['Per message (median · 90th pct)', `${formatMs(t.perMessageMedianMs)} · ${formatMs(t.perMessageP90Ms)}`, 'inbox-time-per-message'],
    ['Per 8 h of scheduled patient time', t.per8hMs === null ? 'no patient hours scheduled' : formatMs(t.per8hMs), 'inbox-time-per-8h'],
    ['Replies from a draft', t.draftShare === null ? '–' : `${Math.round(t.draftShare * 100)}% of ${t.replies}`, 'inbox-time-draft-share'],
    ['Median turnaround', formatMs(t.turnaroundMedianMs), 'inbox-time-turnaround'],
    ['This week', formatMs(w.activeMs), 'inbox-time-week'],
  ];
  return (
    <section className="card inbox-time" aria-labelledby="inbox-time-h" data-testid="inbox-time" data-day={data.day} data-active-ms={t.activeMs}>
      <h2 id="inbox-time-h">Inbox time · {data.day}</h2>
      <dl className="kv">
        {rows.map(([k, v, id]) => (
          <div key={id}>
            <dt>{k}</dt>
            <dd data-testid={id}>{v}</dd>
          </div>
        ))}
      </dl>
      {data.message && (
        <p className="meta" data-testid="inbox-time-message">
          This message: {formatMs(data.message.activeMs)} ({formatMs(data.message.readMs)} reading, {formatMs(data.message.draftMs)} drafting), opened{' '}
          {data.message.opens} time{data.message.opens === 1 ? '' : 's'}
          {data.message.repliedAt ? ', replied' : ''}.
        </p>
      )}
      {data.patient7d && (
        <p className="meta" data-testid="inbox-time-patient">
          This patient, last 7 days: {formatMs(data.patient7d.ms)}
          {data.patient7d.band ? ` — reaches the CPT ${data.patient7d.band} time band` : ' — under 5 min'}. Information only; billing is your judgment.
        </p>
      )}
      <p className="notice">Measured on this computer from activity in the inbox tab; no message text is stored.</p>
    </section>
  );
}
