/**
 * Options: inbox time and the clinic schedule (weekly hours, time zone, scheduled patient hours
 * per day, idle window), saved in storage.local and read by the content script and the metrics.
 */
import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { browser } from 'wxt/browser';
import { WEEKDAYS, loadSettings, saveSettings } from '@/lib/activity/settings';
import { fromForm, toForm, type ScheduleForm } from '@/lib/options/schedule-form';

function timeZones(): string[] {
  try {
    return (Intl as unknown as { supportedValuesOf(k: string): string[] }).supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}

export function SchedulePanel() {
  const qc = useQueryClient();
  const settings = useQuery({ queryKey: ['activity-settings'], queryFn: () => loadSettings(browser.storage.local) });
  const [form, setForm] = useState<ScheduleForm | null>(null);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; lines: string[] } | null>(null);
  useEffect(() => {
    if (settings.data && !form) setForm(toForm(settings.data));
  }, [settings.data, form]);
  const save = useMutation({
    mutationFn: async (f: ScheduleForm) => {
      const parsed = fromForm(f);
      if (!parsed.ok) return parsed;
      return saveSettings(browser.storage.local, parsed.settings);
    },
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: ['activity-settings'] });
      setNotice(r.ok ? { kind: 'ok', lines: ['Saved. Inbox time uses the new schedule at once.'] } : { kind: 'error', lines: r.errors });
    },
    onError: (err) => setNotice({ kind: 'error', lines: [String(err)] }),
  });
  if (settings.isError) return <p role="alert" className="notice error">Could not read the schedule: {String(settings.error)}</p>;
  if (!form) return <p>Loading…</p>;
  const set = (patch: Partial<ScheduleForm>) => {
    setForm({ ...form, ...patch });
    setNotice(null);
  };
  return (
    <form
      data-testid="schedule-form"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(form);
      }}
    >
      <p>
        Used for after-hours inbox time and inbox time per 8 hours of scheduled patient time. Clinic hours are blocks like{' '}
        <code>08:00-12:00, 13:00-17:00</code>; leave a day empty when the clinic is closed.
      </p>
      <label>
        Time zone{' '}
        <input list="tz-list" value={form.timeZone} onChange={(e) => set({ timeZone: e.currentTarget.value })} data-testid="schedule-tz" />
      </label>
      <datalist id="tz-list">
        {timeZones().map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>{' '}
      <label>
        Idle after (seconds without input){' '}
        <input type="number" min={15} max={600} value={form.idleWindowSec} onChange={(e) => set({ idleWindowSec: e.currentTarget.value })} data-testid="schedule-idle" />
      </label>
      <table className="schedule">
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Clinic hours</th>
            <th scope="col">Scheduled patient hours</th>
          </tr>
        </thead>
        <tbody>
          {WEEKDAYS.map((name, i) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td>
                <input
                  aria-label={`${name} clinic hours`}
                  value={form.hours[i]}
                  placeholder="closed"
                  onChange={(e) => set({ hours: form.hours.map((h, j) => (j === i ? e.currentTarget.value : h)) })}
                />
              </td>
              <td>
                <input
                  aria-label={`${name} scheduled patient hours`}
                  type="number"
                  min={0}
                  max={24}
                  step={0.25}
                  value={form.patientHours[i]}
                  onChange={(e) => set({ patientHours: form.patientHours.map((h, j) => (j === i ? e.currentTarget.value : h)) })}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="submit" disabled={save.isPending}>
        Save schedule
      </button>
      <div role={notice?.kind === 'error' ? 'alert' : 'status'} className={notice ? `notice ${notice.kind}` : undefined} data-testid="schedule-notice">
        {notice?.lines.map((l) => (
          <p key={l}>{l}</p>
        ))}
      </div>
    </form>
  );
}
