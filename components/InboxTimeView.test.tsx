// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { createRoot } from 'react-dom/client';
import { act } from 'react';
import { InboxTimeCard, formatMs } from './InboxTimeView';
import type { InboxTimeReply } from '@/lib/activity/inbox-time';

describe('side panel inbox time', () => {
  it('formats durations for people', () => {
    expect([null, 0, 42_000, 60_000, 125_000, 12 * 60_000 + 30_000, 3_723_000].map(formatMs)).toEqual(['–', '0 s', '42 s', '1 min', '2 min 5 s', '12 min', '1 h 02 min']);
  });

  it("shows today's measures, the message's totals and the patient's 7-day band as information", async () => {
    const period = {
      from: 0, to: 1, days: ['2026-12-03'], activeMs: 1_800_000, listMs: 600_000, readMs: 900_000, draftMs: 300_000, afterHoursMs: 120_000,
      messagesHandled: 6, perMessageMedianMs: 150_000, perMessageP90Ms: 400_000, scheduledPatientHours: 6, per8hMs: 2_400_000,
      replies: 4, repliesFromDraft: 1, draftShare: 0.25, editRatioMedian: 0.2, turnaroundMedianMs: 7_200_000,
    };
    const data: InboxTimeReply = {
      day: '2026-12-03', timeZone: 'America/New_York', today: period, week: { ...period, activeMs: 7_200_000 },
      message: { readMs: 90_000, draftMs: 60_000, activeMs: 150_000, opens: 2, firstOpenedAt: 0, repliedAt: 5, completedAt: null, sentAt: 0 },
      patient7d: { ms: 12 * 60_000, minutes: 12, band: '99422' },
    };
    const el = document.createElement('div');
    document.body.append(el);
    await act(async () => createRoot(el).render(<InboxTimeCard data={data} />));
    const text = (id: string) => el.querySelector(`[data-testid="${id}"]`)?.textContent;
    expect(text('inbox-time-active')).toBe('30 min');
    expect(text('inbox-time-handled')).toBe('6');
    expect(text('inbox-time-per-8h')).toBe('40 min');
    expect(text('inbox-time-draft-share')).toBe('25% of 4');
    expect(text('inbox-time-message')).toMatch(/opened 2 times, replied/);
    expect(text('inbox-time-patient')).toMatch(/CPT 99422 time band.*Information only/);
  });
});
