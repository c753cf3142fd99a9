/** The burden report for one view (lib/dashboard/model.ts): tiles, charts and their tables. */
import { URGENCY_TEXT } from '@/lib/triage/labels';
import { fmtMin, fmtPct, fmtTurnaround, type DashboardView as View } from '@/lib/dashboard/model';
import { ARM_TEXT, type Arm } from '@/lib/study/enrollment';
import { COLORS, CountBars, DayTimeChart, Figure, LinesChart, PRINT_FULL, PRINT_HALF, usePrinting } from './Charts';
import { DataTable } from './Table';

const CATEGORY_TEXT: Record<string, string> = {
  symptom: 'Symptom',
  medication: 'Medication',
  results: 'Results',
  scheduling: 'Scheduling',
  administrative: 'Administrative',
  acknowledgement: 'Acknowledgement',
  unknown: 'Not triaged',
};
const ARM_TODAY: Record<string, string> = { ai: 'AI features on', control: 'AI features off' };
const num = (x: number) => String(x);
const min1 = (ms: number | null) => (ms === null ? null : Math.round((ms / 60_000) * 10) / 10);

function Tile({ label, value, note, id }: { label: string; value: string; note?: string; id: string }) {
  return (
    <div className="tile" data-tile={id}>
      <dt>{label}</dt>
      <dd>
        <span className="value">{value}</span>
        {note ? <span className="note">{note}</span> : null}
      </dd>
    </div>
  );
}

export function DashboardView({ view, multi }: { view: View; multi: boolean }) {
  const t = view.totals;
  const printing = usePrinting();
  const full = printing ? PRINT_FULL : null;
  const half = printing ? PRINT_HALF : null;
  const perClin = multi && view.clinicians > 1 ? ' per clinician-day with inbox time' : ' per day with inbox time';
  const urgencyRows = (['emergency', 'urgent', 'routine', 'unknown'] as const).map((k) => ({ key: k, label: k === 'unknown' ? 'Not triaged' : URGENCY_TEXT[k], count: view.levels.byUrgency[k] }));
  const categoryRows = Object.entries(view.levels.byCategory).map(([k, count]) => ({ key: k, label: CATEGORY_TEXT[k] ?? k, count }));
  // Up to 62 days: a bar per day; longer: a bar per ISO week (the table keeps every day).
  const dayRows = view.bucketKind === 'day' ? view.days.map((d) => ({ label: d.day, ...d })) : view.buckets.map((b) => ({ label: b.from, inHoursMs: b.inHoursMs, afterHoursMs: b.afterHoursMs }));
  const bucketName = view.bucketKind === 'day' ? 'Day' : 'Week';

  return (
    <div className="report">
      <section aria-labelledby="h-summary" className="print-keep">
        <h2 id="h-summary">Summary</h2>
        <dl className="tiles">
          <Tile id="inbox-time" label="Inbox time" value={fmtMin(t.activeMs)} note={view.perDayPerClinicianMs !== null ? `${fmtMin(view.perDayPerClinicianMs)}${perClin}` : undefined} />
          <Tile id="in-hours" label="In clinic hours" value={fmtMin(t.inHoursMs)} />
          <Tile id="after-hours" label="After hours" value={fmtMin(t.afterHoursMs)} note={t.activeMs ? `${fmtPct(t.afterHoursMs / t.activeMs)} of inbox time` : undefined} />
          <Tile id="messages" label="Messages handled" value={num(t.messagesHandled)} />
          <Tile id="per-message" label="Time per message (median)" value={fmtMin(view.perMessageMedianMs)} note={view.perMessageP90Ms !== null ? `90th percentile ${fmtMin(view.perMessageP90Ms)}` : undefined} />
          <Tile id="per-8h" label="Inbox time per 8 h of scheduled patient time" value={fmtMin(view.per8hMs)} note={`${t.scheduledPatientHours} scheduled patient hours`} />
          <Tile id="draft-share" label="Replies started from a draft" value={fmtPct(view.draftShare)} note={`${t.repliesFromDraft} of ${t.replies} replies`} />
          <Tile id="edit-ratio" label="Edit ratio of sent drafts (median)" value={view.editRatioMedian === null ? '—' : view.editRatioMedian.toFixed(2)} note="0 = sent as drafted, 1 = rewritten" />
          <Tile id="turnaround" label="Turnaround (median)" value={fmtTurnaround(view.turnaroundMedianMs)} note="patient's message to first reply" />
          <Tile id="cpt" label="CPT online E/M bands, 7 days to the last day" value={`99421: ${view.cptLastWeek['99421']} · 99422: ${view.cptLastWeek['99422']} · 99423: ${view.cptLastWeek['99423']}`} note="patients reaching each band; information for billing judgment, not a billing decision" />
        </dl>
      </section>

      <section aria-labelledby="h-days" className="print-keep">
        <h2 id="h-days">Inbox time per {view.bucketKind === 'day' ? 'day' : 'week'}, in and after clinic hours</h2>
        <Figure
          title={`Inbox time per ${view.bucketKind}`}
          summary={`${multi ? 'All clinicians shown, summed. ' : ''}${view.bucketKind === 'week' ? 'One bar per ISO week (the table lists every day). ' : ''}Solid bars: in clinic hours; hatched bars: after hours. ${view.days.length} days, ${fmtMin(t.activeMs)} in all, ${fmtMin(t.afterHoursMs)} after hours.`}
        >
          <DayTimeChart rows={dayRows} print={full} />
        </Figure>
        <DataTable
          id="inbox-time-per-day"
          caption="Inbox time per day (minutes)"
          rows={view.days}
          printRows={0}
          columns={[
            { key: 'day', label: 'Day', text: (r) => r.day },
            { key: 'in_hours_min', label: 'In hours (min)', text: (r) => String(min1(r.inHoursMs)), numeric: true },
            { key: 'after_hours_min', label: 'After hours (min)', text: (r) => String(min1(r.afterHoursMs)), numeric: true },
            { key: 'total_min', label: 'Total (min)', text: (r) => String(min1(r.activeMs)), numeric: true },
            ...(multi ? [{ key: 'clinicians', label: 'Clinicians with inbox time', text: (r: (typeof view.days)[number]) => String(r.clinicians), numeric: true }] : []),
          ]}
        />
      </section>

      <div className="two-col">
        <section aria-labelledby="h-urgency">
          <h2 id="h-urgency">Messages by urgency</h2>
          <Figure title="Messages by urgency" summary={urgencyRows.map((r) => `${r.label} ${r.count}`).join(', ')}>
            <CountBars rows={urgencyRows} colors={COLORS} print={half} />
          </Figure>
          <DataTable id="messages-by-urgency" caption="Messages handled by urgency" rows={urgencyRows} columns={[{ key: 'urgency', label: 'Urgency', text: (r) => r.label }, { key: 'messages', label: 'Messages', text: (r) => String(r.count), numeric: true }]} />
        </section>
        <section aria-labelledby="h-category">
          <h2 id="h-category">Messages by category</h2>
          <Figure title="Messages by category" summary={categoryRows.map((r) => `${r.label} ${r.count}`).join(', ')}>
            <CountBars rows={categoryRows} print={half} />
          </Figure>
          <DataTable id="messages-by-category" caption="Messages handled by category" rows={categoryRows} columns={[{ key: 'category', label: 'Category', text: (r) => r.label }, { key: 'messages', label: 'Messages', text: (r) => String(r.count), numeric: true }]} />
        </section>
      </div>

      <section aria-labelledby="h-per-message">
        <h2 id="h-per-message">Time per message</h2>
        <Figure title="Distribution of time per message" summary={`Reading and reply time per message. Median ${fmtMin(view.perMessageMedianMs)}, 90th percentile ${fmtMin(view.perMessageP90Ms)}.`}>
          <CountBars rows={view.timeBins.map((b) => ({ key: b.label, label: b.label, count: b.count }))} print={half} />
        </Figure>
        <DataTable id="time-per-message" caption="Messages by time spent on them" rows={view.timeBins} columns={[{ key: 'time', label: 'Time on the message', text: (r) => r.label }, { key: 'messages', label: 'Messages', text: (r) => String(r.count), numeric: true }]} />
      </section>

      <section aria-labelledby="h-drafts">
        <h2 id="h-drafts">Draft use and edit ratio over time</h2>
        <Figure title="Draft use and edit ratio" summary={`Share of replies started from a draft (solid) and median edit ratio of sent drafts (dashed), per ${bucketName.toLowerCase()}.`}>
          <LinesChart
            print={half}
            unit="share (0–1)"
            rows={view.buckets.map((b) => ({ label: b.label, share: b.draftShare === null ? null : Math.round(b.draftShare * 100) / 100, edit: b.editRatioMedian }))}
            lines={[
              { key: 'share', name: 'Replies from a draft', color: COLORS.line },
              { key: 'edit', name: 'Edit ratio (median)', color: COLORS.line2, dash: '5 4' },
            ]}
          />
        </Figure>
        <DataTable
          id="draft-use"
          caption={`Draft use per ${bucketName.toLowerCase()}`}
          rows={view.buckets}
          printRows={0}
          columns={[
            { key: 'period', label: bucketName, text: (r) => r.from },
            { key: 'replies', label: 'Replies', text: (r) => String(r.replies), numeric: true },
            { key: 'from_draft', label: 'From a draft', text: (r) => String(r.repliesFromDraft), numeric: true },
            { key: 'share', label: 'Share', text: (r) => fmtPct(r.draftShare), csv: (r) => r.draftShare, numeric: true },
            { key: 'edit_ratio_median', label: 'Edit ratio (median)', text: (r) => (r.editRatioMedian === null ? '—' : r.editRatioMedian.toFixed(2)), csv: (r) => r.editRatioMedian, numeric: true },
          ]}
        />
      </section>

      <section aria-labelledby="h-turnaround">
        <h2 id="h-turnaround">Turnaround and inbox time per 8 hours of scheduled patient time</h2>
        <Figure title="Turnaround and inbox time per 8 scheduled hours" summary={`Median turnaround in hours (solid) and inbox minutes per 8 hours of scheduled patient time (dashed), per ${bucketName.toLowerCase()}.`}>
          <LinesChart
            print={half}
            unit="hours / minutes"
            rows={view.buckets.map((b) => ({ label: b.label, turnaround: b.turnaroundMedianMs === null ? null : Math.round((b.turnaroundMedianMs / 3600_000) * 10) / 10, per8h: min1(b.per8hMs) }))}
            lines={[
              { key: 'turnaround', name: 'Turnaround, median (h)', color: COLORS.line },
              { key: 'per8h', name: 'Inbox min per 8 h scheduled', color: COLORS.afterHours, dash: '5 4' },
            ]}
          />
        </Figure>
        <DataTable
          id="turnaround-per-8h"
          caption={`Turnaround, inbox time per 8 scheduled hours, and CPT bands per ${bucketName.toLowerCase()}`}
          rows={view.buckets}
          printRows={0}
          columns={[
            { key: 'period', label: bucketName, text: (r) => r.from },
            { key: 'turnaround_median_h', label: 'Turnaround, median', text: (r) => fmtTurnaround(r.turnaroundMedianMs), csv: (r) => (r.turnaroundMedianMs === null ? null : r.turnaroundMedianMs / 3600_000), numeric: true },
            { key: 'scheduled_patient_hours', label: 'Scheduled patient hours', text: (r) => String(r.scheduledPatientHours), numeric: true },
            { key: 'inbox_min_per_8h', label: 'Inbox time per 8 h', text: (r) => fmtMin(r.per8hMs), csv: (r) => min1(r.per8hMs), numeric: true },
            { key: 'cpt_99421', label: 'CPT 99421 patients', text: (r) => String(r.cpt['99421']), numeric: true },
            { key: 'cpt_99422', label: 'CPT 99422 patients', text: (r) => String(r.cpt['99422']), numeric: true },
            { key: 'cpt_99423', label: 'CPT 99423 patients', text: (r) => String(r.cpt['99423']), numeric: true },
          ]}
        />
        <p className="muted small">CPT bands count patients whose read and reply time in the 7 days ending with the {bucketName.toLowerCase()}'s last day reaches 5–10 min (99421), 11–20 (99422) or 21+ (99423).</p>
      </section>

      {multi ? (
        <section aria-labelledby="h-compare" className="print-keep">
          <h2 id="h-compare">Clinicians and arms</h2>
          <DataTable
            id="arms"
            caption="By arm (AI features on or off on each day)"
            rows={view.armRows}
            columns={[
              { key: 'arm', label: 'Arm', text: (r) => ARM_TODAY[r.arm] ?? r.arm },
              { key: 'clinicians', label: 'Clinicians', text: (r) => String(r.clinicians), numeric: true },
              { key: 'clinician_days', label: 'Clinician-days with inbox time', text: (r) => String(r.clinicianDays), numeric: true },
              { key: 'per_day_min', label: 'Inbox time per clinician-day', text: (r) => fmtMin(r.perDayMs), csv: (r) => min1(r.perDayMs), numeric: true },
              { key: 'after_hours_min', label: 'After hours (total)', text: (r) => fmtMin(r.afterHoursMs), csv: (r) => min1(r.afterHoursMs), numeric: true },
              { key: 'per_8h_min', label: 'Per 8 h scheduled', text: (r) => fmtMin(r.per8hMs), csv: (r) => min1(r.per8hMs), numeric: true },
              { key: 'draft_share', label: 'Replies from a draft', text: (r) => fmtPct(r.draftShare), csv: (r) => r.draftShare, numeric: true },
              { key: 'turnaround_median_h', label: 'Turnaround (median of daily medians)', text: (r) => fmtTurnaround(r.turnaroundMedianMs), csv: (r) => (r.turnaroundMedianMs === null ? null : r.turnaroundMedianMs / 3600_000), numeric: true },
            ]}
          />
          <DataTable
            id="clinicians"
            caption="By clinician (participant code)"
            rows={view.clinicianRows}
            columns={[
              { key: 'participant', label: 'Participant', text: (r) => r.label },
              { key: 'arm', label: 'Assigned arm', text: (r) => ARM_TEXT[r.arm as Arm] ?? r.arm, csv: (r) => r.arm },
              { key: 'days', label: 'Days with inbox time', text: (r) => String(r.days), numeric: true },
              { key: 'inbox_min', label: 'Inbox time', text: (r) => fmtMin(r.activeMs), csv: (r) => min1(r.activeMs), numeric: true },
              { key: 'per_day_min', label: 'Per day', text: (r) => fmtMin(r.perDayMs), csv: (r) => min1(r.perDayMs), numeric: true },
              { key: 'after_hours_min', label: 'After hours', text: (r) => fmtMin(r.afterHoursMs), csv: (r) => min1(r.afterHoursMs), numeric: true },
              { key: 'per_8h_min', label: 'Per 8 h scheduled', text: (r) => fmtMin(r.per8hMs), csv: (r) => min1(r.per8hMs), numeric: true },
              { key: 'messages', label: 'Messages', text: (r) => String(r.messagesHandled), numeric: true },
              { key: 'per_message_median_min', label: 'Per message (median)', text: (r) => fmtMin(r.perMessageMedianMs), csv: (r) => min1(r.perMessageMedianMs), numeric: true },
              { key: 'draft_share', label: 'From a draft', text: (r) => fmtPct(r.draftShare), csv: (r) => r.draftShare, numeric: true },
              { key: 'edit_ratio_median', label: 'Edit ratio', text: (r) => (r.editRatioMedian === null ? '—' : r.editRatioMedian.toFixed(2)), csv: (r) => r.editRatioMedian, numeric: true },
              { key: 'turnaround_median_h', label: 'Turnaround', text: (r) => fmtTurnaround(r.turnaroundMedianMs), csv: (r) => (r.turnaroundMedianMs === null ? null : r.turnaroundMedianMs / 3600_000), numeric: true },
            ]}
          />
        </section>
      ) : null}
    </div>
  );
}
