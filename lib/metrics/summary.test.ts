import { describe, expect, it } from 'vitest';
import type { ActivityEventRecord, DraftUseRecord, MessageStatsRecord } from '../db/schema';
import type { ClinicSchedule } from '../activity/settings';
import { cptBand, dailySummaries, daySummary, median, patientWeeks, percentile, weekSummary, type MetricsInput } from './summary';
import { clinicHours, dayKey, dayRange, weekRange } from './time';

const MIN = 60_000;
const H = 3600_000;
const NY = 'America/New_York';
const blocks = [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:00' }];
const weekdays: ClinicSchedule = { timeZone: NY, weeklyHours: [[], blocks, blocks, blocks, blocks, blocks, []], patientHours: [0, 6, 6, 6, 6, 4, 0] };
const everyDay: ClinicSchedule = { timeZone: NY, weeklyHours: Array(7).fill([{ start: '08:00', end: '17:00' }]), patientHours: Array(7).fill(8) };

let nextId = 1;
const ev = (startIso: string, endIso: string, extra: Partial<ActivityEventRecord> = {}): ActivityEventRecord => ({
  id: nextId++,
  start: Date.parse(startIso),
  end: Date.parse(endIso),
  kind: 'list',
  adapterId: 'demo',
  messageKey: '',
  patientKey: '',
  tabId: 1,
  ...extra,
});
const input = (events: ActivityEventRecord[], schedule = weekdays, stats: MessageStatsRecord[] = [], draftUses: DraftUseRecord[] = []): MetricsInput => ({ events, stats, draftUses, schedule });

describe('clinic calendar', () => {
  it('days are local: 23 hours on the spring change, 25 on the autumn change', () => {
    const spring = dayRange('2026-03-08', NY);
    expect((spring.end - spring.start) / H).toBe(23);
    expect(new Date(spring.start).toISOString()).toBe('2026-03-08T05:00:00.000Z');
    const autumn = dayRange('2026-11-01', NY);
    expect((autumn.end - autumn.start) / H).toBe(25);
    expect(dayKey(Date.parse('2026-12-04T04:59:59Z'), NY)).toBe('2026-12-03');
  });

  it('clinic hours follow the zone across the DST change (08:00 is 13:00Z before, 12:00Z after)', () => {
    const fri = clinicHours(everyDay, dayRange('2026-03-06', NY));
    const mon = clinicHours(everyDay, dayRange('2026-03-09', NY));
    expect(new Date(fri[0]!.start).toISOString()).toBe('2026-03-06T13:00:00.000Z');
    expect(new Date(mon[0]!.start).toISOString()).toBe('2026-03-09T12:00:00.000Z');
  });

  it('ISO weeks run Monday to Sunday in clinic time', () => {
    const w = weekRange('2026-12-03', NY);
    expect(w.days).toEqual(['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06']);
    expect(new Date(w.start).toISOString()).toBe('2026-11-30T05:00:00.000Z');
  });
});

describe('inbox measures', () => {
  it('after-hours time: before opening, over lunch, and all of a Saturday', () => {
    // Thu 2026-12-03 (EST, UTC-5): 07:30–08:30 -> 30 min after hours; 11:50–13:10 -> the 60 min of lunch.
    const s = daySummary(input([ev('2026-12-03T12:30:00Z', '2026-12-03T13:30:00Z'), ev('2026-12-03T16:50:00Z', '2026-12-03T18:10:00Z')]), '2026-12-03');
    expect(s.activeMs).toBe(140 * MIN);
    expect(s.afterHoursMs).toBe(90 * MIN);
    const sat = daySummary(input([ev('2026-12-05T15:00:00Z', '2026-12-05T15:25:00Z')]), '2026-12-05');
    expect(sat).toMatchObject({ activeMs: 25 * MIN, afterHoursMs: 25 * MIN, scheduledPatientHours: 0, per8hMs: null });
  });

  it('an event crossing midnight is split between the two days', () => {
    // 23:50–00:10 local, Dec 3 -> Dec 4
    const i = input([ev('2026-12-04T04:50:00Z', '2026-12-04T05:10:00Z')]);
    const [d3, d4] = dailySummaries(i, '2026-12-03', '2026-12-04');
    expect(d3!.activeMs).toBe(10 * MIN);
    expect(d4!.activeMs).toBe(10 * MIN);
    expect(d3!.afterHoursMs + d4!.afterHoursMs).toBe(20 * MIN);
  });

  it('daylight-saving change: elapsed time, not wall-clock difference, and after-hours in local time', () => {
    // Spring: 00:30 EST to 04:30 EDT on 2026-03-08 is 3 hours; 07:00–09:00 EDT has 1 hour before 08:00.
    const spring = daySummary(
      input([ev('2026-03-08T05:30:00Z', '2026-03-08T08:30:00Z'), ev('2026-03-08T11:00:00Z', '2026-03-08T13:00:00Z')], everyDay),
      '2026-03-08',
    );
    expect(spring.activeMs).toBe(5 * H);
    expect(spring.afterHoursMs).toBe(4 * H);
    // Autumn: 00:30 EDT to 01:30 EST on 2026-11-01 is 2 hours, all after hours.
    const autumn = daySummary(input([ev('2026-11-01T04:30:00Z', '2026-11-01T06:30:00Z')], everyDay), '2026-11-01');
    expect(autumn).toMatchObject({ activeMs: 2 * H, afterHoursMs: 2 * H });
  });

  it('time per message (median, p90), messages handled, per 8 scheduled hours', () => {
    // Thursday, in clinic hours: 5 messages with 1, 2, 3, 4, 10 minutes (message c reopened: 2 + 1).
    const at = (m: number) => new Date(Date.parse('2026-12-03T14:00:00Z') + m * MIN).toISOString();
    const events = [
      ev(at(0), at(1), { kind: 'read', messageKey: 'a' }),
      ev(at(1), at(3), { kind: 'read', messageKey: 'b' }),
      ev(at(3), at(5), { kind: 'read', messageKey: 'c' }),
      ev(at(5), at(9), { kind: 'draft', messageKey: 'd' }),
      ev(at(9), at(19), { kind: 'read', messageKey: 'e' }),
      ev(at(19), at(20), { kind: 'read', messageKey: 'c' }),
      ev(at(20), at(26), { kind: 'list' }),
    ];
    const s = daySummary(input(events), '2026-12-03');
    expect(s).toMatchObject({
      activeMs: 26 * MIN,
      listMs: 6 * MIN,
      readMs: 16 * MIN,
      draftMs: 4 * MIN,
      messagesHandled: 5,
      perMessageMedianMs: 3 * MIN,
      perMessageP90Ms: 10 * MIN,
      afterHoursMs: 0,
      scheduledPatientHours: 6,
    });
    expect(s.per8hMs).toBeCloseTo((26 * MIN) / (6 / 8), 6);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.9)).toBe(10);
  });

  it('draft use, edit ratio and turnaround from replies in the period', () => {
    const d = (iso: string) => Date.parse(iso);
    const stat = (key: string, sentAt: string, repliedAt: string | null): MessageStatsRecord => ({
      messageKey: key, adapterId: 'demo', patientKey: '', sentAt: d(sentAt), chars: 0, firstOpenedAt: d(sentAt), lastOpenedAt: d(sentAt), opens: 1,
      readMs: 0, draftMs: 0, activeMs: 0, repliedAt: repliedAt ? d(repliedAt) : null, completedAt: null,
    });
    const stats = [
      stat('a', '2026-12-02T14:00:00Z', '2026-12-03T14:00:00Z'), // 24 h
      stat('b', '2026-12-03T13:00:00Z', '2026-12-03T15:00:00Z'), // 2 h
      stat('c', '2026-12-03T10:00:00Z', null), // replied through a sent draft only: 6 h
      stat('z', '2026-12-01T10:00:00Z', '2026-12-02T10:00:00Z'), // another day
    ];
    const drafts: DraftUseRecord[] = [
      { messageKey: 'b', adapterId: 'demo', insertedAt: d('2026-12-03T14:50:00Z'), sentAt: d('2026-12-03T15:00:00Z'), editRatio: 0.2 },
      { messageKey: 'c', adapterId: 'demo', insertedAt: d('2026-12-03T15:50:00Z'), sentAt: d('2026-12-03T16:00:00Z'), editRatio: 0.4 },
      { messageKey: 'a', adapterId: 'demo', draftsShown: 3, insertedAt: null, sentAt: null },
    ];
    const s = daySummary(input([], weekdays, stats, drafts), '2026-12-03');
    expect(s).toMatchObject({ replies: 3, repliesFromDraft: 2, turnaroundMedianMs: 6 * H });
    expect(s.draftShare).toBeCloseTo(2 / 3, 10);
    expect(s.editRatioMedian).toBeCloseTo(0.3, 12);
  });

  it('per patient over 7 days, with the CPT band reached', () => {
    expect([0, 4.99, 5, 10.99, 11, 20.99, 21, 90].map((m) => cptBand(m * MIN))).toEqual([null, null, '99421', '99421', '99422', '99422', '99423', '99423']);
    const events = [
      ev('2026-11-26T15:00:00Z', '2026-11-26T15:06:00Z', { kind: 'read', patientKey: 'p1', messageKey: 'x' }), // the 8th day back: out
      ev('2026-11-27T15:00:00Z', '2026-11-27T15:04:00Z', { kind: 'read', patientKey: 'p1', messageKey: 'x' }), // first day of the 7 (Nov 27 – Dec 3)
      ev('2026-12-03T15:00:00Z', '2026-12-03T15:08:00Z', { kind: 'draft', patientKey: 'p1', messageKey: 'y' }),
      ev('2026-12-03T16:00:00Z', '2026-12-03T16:06:00Z', { kind: 'read', patientKey: 'p2', messageKey: 'z' }),
      ev('2026-12-03T16:06:00Z', '2026-12-03T16:30:00Z', { kind: 'list' }),
    ];
    expect(patientWeeks(events, '2026-12-03', NY)).toEqual([
      { patientKey: 'p1', ms: 12 * MIN, minutes: 12, band: '99422' },
      { patientKey: 'p2', ms: 6 * MIN, minutes: 6, band: '99421' },
    ]);
  });

  it('week summary adds the week days', () => {
    const w = weekSummary(input([ev('2026-11-30T15:00:00Z', '2026-11-30T15:10:00Z'), ev('2026-12-06T15:00:00Z', '2026-12-06T15:05:00Z')]), '2026-12-03');
    expect(w).toMatchObject({ activeMs: 15 * MIN, afterHoursMs: 5 * MIN, scheduledPatientHours: 28 });
    expect(w.per8hMs).toBeCloseTo((15 * MIN) / (28 / 8), 6);
  });
});
