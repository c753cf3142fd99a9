/**
 * The burden dashboard (extension page `dashboard.html`): for practice managers and study teams.
 * "Dashboard" shows this browser's own inbox time, or imported participants' exports (never
 * mixed); "Study & data" holds enrollment, export, import and retention.
 */
import { useEffect, useMemo, useState } from 'react';
import { QueryClientProvider, useQuery } from '@tanstack/react-query';
import { createLocalQueryClient } from '@/lib/util/query-client';
import { aggregateDataset, buildView, importedDatasetFrom, ownDataset, periodDays, type Dataset, type Period } from '@/lib/dashboard/model';
import type { ArmToday } from '@/lib/study/enrollment';
import { dayKey } from '@/lib/metrics/time';
import { loadImportedDatasets, loadImportedList, loadOwnSource, loadStudy } from './data';
import { DashboardView } from './DashboardView';
import { StudyPanel } from './StudyPanel';

const client = createLocalQueryClient({ queries: { staleTime: Infinity, refetchOnWindowFocus: false } });

type Tab = 'dashboard' | 'study';
type Source = 'own' | 'imported';

function initialTab(): Tab {
  return location.hash === '#study' ? 'study' : 'dashboard';
}

function Dashboard() {
  const params = new URLSearchParams(location.search);
  const [tab, setTab] = useState<Tab>(initialTab);
  const [source, setSource] = useState<Source>(params.get('source') === 'imported' ? 'imported' : 'own');
  const [participant, setParticipant] = useState('all');
  const [arm, setArm] = useState<ArmToday | 'all'>('all');
  const [periodKind, setPeriodKind] = useState<'today' | 'week' | 'days30' | 'custom' | 'study'>(
    (params.get('period') as 'today') ?? (params.get('source') === 'imported' ? 'study' : 'week'),
  );
  const [from, setFrom] = useState(params.get('from') ?? '');
  const [to, setTo] = useState(params.get('to') ?? '');

  useEffect(() => {
    const on = () => setTab(initialTab());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);

  const own = useQuery({ queryKey: ['own'], queryFn: async () => ({ source: await loadOwnSource(), study: await loadStudy() }), enabled: source === 'own' });
  const importedList = useQuery({ queryKey: ['imported', 'list'], queryFn: loadImportedList });
  const importedCount = importedList.data?.length ?? 0;

  const tz =
    (source === 'own' ? own.data?.source.schedule.timeZone : importedList.data?.[0]?.manifest.schedule.timeZone) ??
    Intl.DateTimeFormat().resolvedOptions().timeZone ??
    'UTC';
  const period: Period = useMemo(() => {
    if (periodKind === 'custom' && /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to)) return { kind: 'custom', from, to };
    // The whole study: from the first imported export's start to the last one's end.
    const list = importedList.data ?? [];
    if (periodKind === 'study' && list.length) {
      const zone = list[0]!.manifest.schedule.timeZone;
      const first = Math.min(...list.map((r) => r.manifest.range.from));
      const last = Math.max(...list.map((r) => Math.max(r.manifest.range.from, r.manifest.range.to - 1)));
      return { kind: 'custom', from: dayKey(first, zone), to: dayKey(last, zone) };
    }
    if (periodKind === 'days30') return { kind: 'days', days: 30 };
    if (periodKind === 'today') return { kind: 'today' };
    return { kind: 'week' };
  }, [periodKind, from, to, importedList.data]);
  const range = useMemo(() => periodDays(period, Date.now(), tz), [period, tz]);
  const armFilter = source === 'imported' ? arm : 'all';

  // Imported exports: their whole-range measures were computed at import, so a period that covers
  // every export (all days) needs none of the rows; any other period loads them.
  const lite = useMemo(() => {
    const all = (importedList.data ?? []).map((r) => aggregateDataset(r.manifest, r.days, r.aggregates));
    return participant === 'all' ? all : all.filter((d) => d.id === participant);
  }, [importedList.data, participant]);
  const needRows = source === 'imported' && lite.some((d) => !d.covers(range.from, range.to, armFilter));
  const imported = useQuery({ queryKey: ['imported', 'data'], queryFn: loadImportedDatasets, enabled: needRows });

  const datasets: Dataset[] | null = useMemo(() => {
    if (source === 'own') return own.data ? [ownDataset(own.data.source, own.data.study)] : null;
    if (!needRows) return importedList.data ? lite : null;
    if (!imported.data) return null;
    const all = imported.data.map(importedDatasetFrom);
    performance.mark('dashboard:datasets');
    return participant === 'all' ? all : all.filter((d) => d.id === participant);
  }, [source, own.data, importedList.data, lite, needRows, imported.data, participant]);

  const view = useMemo(() => {
    if (!datasets?.length) return null;
    const v = buildView(datasets, range.from, range.to, armFilter);
    performance.mark('dashboard:view');
    return v;
  }, [datasets, range, armFilter]);

  const loading = source === 'own' ? own.isPending : importedList.isPending || (needRows && imported.isPending);
  const error = (source === 'own' ? own.error : imported.error) as Error | null;
  const ready = !loading && tab === 'dashboard';
  useEffect(() => {
    if (ready) document.documentElement.dataset.ready = 'true';
    else delete document.documentElement.dataset.ready;
  }, [ready, view]);

  const today = dayKey(Date.now(), tz);

  return (
    <div className="page">
      <header>
        <h1>Inbox burden</h1>
        <nav className="tabs no-print" aria-label="Sections">
          <a href="#dashboard" aria-current={tab === 'dashboard' ? 'page' : undefined} onClick={() => setTab('dashboard')}>
            Dashboard
          </a>
          <a href="#study" aria-current={tab === 'study' ? 'page' : undefined} onClick={() => setTab('study')}>
            Study &amp; data
          </a>
        </nav>
      </header>

      {tab === 'study' ? (
        <StudyPanel />
      ) : (
        <main>
          <form className="controls no-print" onSubmit={(e) => e.preventDefault()} aria-label="What to show">
            <label>
              Data{' '}
              <select
                value={source}
                onChange={(e) => {
                  const next = e.target.value as Source;
                  setSource(next);
                  if (next === 'imported' && periodKind !== 'custom') setPeriodKind('study');
                  if (next === 'own' && periodKind === 'study') setPeriodKind('week');
                }}
                name="source"
              >
                <option value="own">This browser</option>
                <option value="imported">Imported participants ({importedCount})</option>
              </select>
            </label>
            {source === 'imported' ? (
              <>
                <label>
                  Participant{' '}
                  <select value={participant} onChange={(e) => setParticipant(e.target.value)} name="participant">
                    <option value="all">All</option>
                    {(importedList.data ?? []).map((b) => (
                      <option key={b.manifest.exportId} value={b.manifest.exportId}>
                        {b.manifest.participantCode} ({b.manifest.studyId})
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  Arm{' '}
                  <select value={arm} onChange={(e) => setArm(e.target.value as ArmToday | 'all')} name="arm">
                    <option value="all">All days</option>
                    <option value="ai">Days with AI features on</option>
                    <option value="control">Days with AI features off</option>
                  </select>
                </label>
              </>
            ) : null}
            <label>
              Period{' '}
              <select value={periodKind} onChange={(e) => setPeriodKind(e.target.value as typeof periodKind)} name="period">
                {source === 'imported' ? <option value="study">Whole study</option> : null}
                <option value="today">Today</option>
                <option value="week">This week</option>
                <option value="days30">Last 30 days</option>
                <option value="custom">Chosen range</option>
              </select>
            </label>
            {periodKind === 'custom' ? (
              <>
                <label>
                  From <input type="date" name="from" value={from} max={today} onChange={(e) => setFrom(e.target.value)} />
                </label>
                <label>
                  To <input type="date" name="to" value={to} onChange={(e) => setTo(e.target.value)} />
                </label>
              </>
            ) : null}
            <button type="button" onClick={() => window.print()}>
              Print report
            </button>
          </form>
          <p className="period" data-period={`${range.from}/${range.to}`}>
            {source === 'own' ? 'This browser' : participant === 'all' ? `${datasets?.length ?? 0} imported participants` : `Participant ${datasets?.[0]?.label ?? ''}`}
            {' · '}
            {range.from === range.to ? range.from : `${range.from} to ${range.to}`} · clinic time zone {tz}
          </p>

          {error ? (
            <p role="alert" className="error">
              Could not read the data: {error.message}
            </p>
          ) : loading ? (
            <p role="status">Loading…</p>
          ) : source === 'imported' && importedCount === 0 ? (
            <div className="empty" role="status">
              <h2>No participants' exports imported yet</h2>
              <p>
                Import the de-identified exports (<code>.ndjson</code>) of a study's participants in <a href="#study">Study &amp; data</a>. They are kept apart from
                this browser's own data.
              </p>
            </div>
          ) : !view || view.empty ? (
            <div className="empty" role="status">
              <h2>No inbox time in this period</h2>
              <p>
                Inbox time is measured while an EHR inbox that the extension supports is open, visible and in use. Choose a longer period, or open the inbox and
                come back later.
              </p>
            </div>
          ) : (
            <DashboardView view={view} multi={source === 'imported'} />
          )}
        </main>
      )}
    </div>
  );
}

export function DashboardApp() {
  return (
    <QueryClientProvider client={client}>
      <Dashboard />
    </QueryClientProvider>
  );
}
