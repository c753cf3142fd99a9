import { describe, expect, it } from 'vitest';
import { indexMetrics } from './indexed';
import { dailySummaries, summarize } from './summary';
import { messageTimes, histogram, countByLevel } from './breakdown';
import { dayRange, weekRange } from './time';
import { syntheticClinician } from '../export/synthetic';

const TZ = 'America/New_York';

describe('indexed measures', () => {
  it('give exactly what summarize gives on the whole data, day by day, by week and over the range', () => {
    const src = syntheticClinician({ seed: 'idx', from: '2026-02-20', days: 40, perDay: 10 });
    const idx = indexMetrics(src);
    expect(idx.daily('2026-02-20', '2026-03-31')).toEqual(dailySummaries(src, '2026-02-20', '2026-03-31'));
    for (const d of ['2026-02-23', '2026-03-02', '2026-03-30']) expect(idx.summarize(weekRange(d, TZ))).toEqual(summarize(src, weekRange(d, TZ)));
    const all = { start: dayRange('2026-02-20', TZ).start, end: dayRange('2026-03-31', TZ).end };
    expect(idx.summarize(all)).toEqual(summarize(src, all));
    expect(idx.summarize({ start: all.end, end: all.end }).activeMs).toBe(0);
  });
});

describe('breakdowns', () => {
  const ev = (start: number, end: number, messageKey: string, kind: 'list' | 'read' | 'draft' = 'read') => ({ id: start, start, end, kind, adapterId: 'demo', messageKey, patientKey: '', tabId: 1 });
  it('time per message: read + draft in the period, list time left out', () => {
    const t = messageTimes([ev(0, 60_000, 'a'), ev(60_000, 90_000, 'a', 'draft'), ev(90_000, 100_000, '', 'list'), ev(100_000, 400_000, 'b')], { start: 30_000, end: 200_000 });
    expect([...t]).toEqual([['a', 60_000], ['b', 100_000]]);
  });

  it('histogram bins with text labels, the last one open', () => {
    const bins = histogram([0, 29_999, 30_000, 61_000, 3_600_000]);
    expect(bins.map((b) => [b.label, b.count])).toEqual([
      ['under 30 s', 2],
      ['30 s–1 min', 1],
      ['1 min–2 min', 1],
      ['2 min–5 min', 0],
      ['5 min–10 min', 0],
      ['10 min–20 min', 0],
      ['20 min or more', 1],
    ]);
  });

  it('counts by urgency and category, unknown when no triage was recorded', () => {
    const c = countByLevel(['a', 'b', 'c'], new Map([['a', { urgency: 'urgent' as const, category: 'symptom' as const }], ['b', { urgency: 'routine' as const, category: 'results' as const }]]));
    expect(c.byUrgency).toEqual({ emergency: 0, urgent: 1, routine: 1, unknown: 1 });
    expect(c.byCategory.symptom).toBe(1);
    expect(c.byCategory.unknown).toBe(1);
  });
});
