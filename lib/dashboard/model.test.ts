import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { aggregateDataset, buildView, exportAggregates, importedDataset, ownDataset } from './model';
import { buildExport, bundleToSource, restrictToWindow, studyWindow } from '../export/build';
import { syntheticClinician } from '../export/synthetic';
import { enroll, type Arm } from '../study/enrollment';
import { dayRange } from '../metrics/time';

const TZ = 'America/New_York';
const CONSENT = 'I agree to take part in the inbox-time pilot study. Only times and counts are recorded.';
const START = dayRange('2026-03-02', TZ).start - 3600_000;
const NOW = dayRange('2026-03-23', TZ).start;

async function participant(code: string, arm: Arm) {
  const e = await enroll({ studyId: 'S', participantCode: code, consentText: CONSENT, salt: 'study-salt-0123456789', method: 'fixed', arm }, START, () => 's');
  const src = syntheticClinician({ seed: code, from: '2026-03-02', days: 21, perDay: 15 });
  const bundle = await buildExport(src, e, { now: NOW, exportId: `0000000000000000-${code}`, extensionVersion: '0' });
  return { e, src, bundle };
}

describe('dashboard view', () => {
  it('shows the same figures for own data, its re-imported export, and the export’s import-time aggregates', async () => {
    const { e, src, bundle } = await participant('P-1', 'crossover-ai-first');
    const own = ownDataset(restrictToWindow(src, studyWindow(e, NOW)), e);
    const imp = importedDataset(bundle);
    const agg = aggregateDataset(bundle.manifest, bundle.days, exportAggregates({ manifest: bundle.manifest, days: bundle.days, source: bundleToSource(bundle) }));
    const strip = (v: ReturnType<typeof buildView>) => ({ ...v, clinicianRows: v.clinicianRows.map(({ id: _i, label: _l, ...r }) => r) });
    const a = strip(buildView([own], '2026-03-01', '2026-03-22'));
    expect(a.empty).toBe(false);
    expect(a.totals.activeMs).toBeGreaterThan(0);
    expect(strip(buildView([imp], '2026-03-01', '2026-03-22'))).toEqual(a);
    expect(agg.covers('2026-03-01', '2026-03-22', 'all')).toBe(true);
    expect(agg.covers('2026-03-05', '2026-03-22', 'all')).toBe(false);
    expect(agg.covers('2026-03-02', '2026-03-22', 'all')).toBe(true); // the data start on the 2nd
    expect(agg.covers('2026-03-01', '2026-03-22', 'ai')).toBe(false);
    expect(strip(buildView([agg], '2026-03-01', '2026-03-22'))).toEqual(a);
    // Weekly buckets beyond 62 days; by-day otherwise.
    expect(a.bucketKind).toBe('day');
    expect(buildView([imp], '2026-01-01', '2026-03-22').bucketKind).toBe('week');
  });

  it('compares clinicians and arms, and filters days by arm', async () => {
    const p1 = await participant('P-2', 'ai');
    const p2 = await participant('P-3', 'control');
    const p3 = await participant('P-4', 'crossover-control-first');
    const ds = [p1, p2, p3].map((p) => importedDataset(p.bundle));
    const v = buildView(ds, '2026-03-01', '2026-03-22');
    expect(v.clinicianRows.map((r) => r.label)).toEqual(['P-2', 'P-3', 'P-4']);
    expect(v.armRows.map((r) => [r.arm, r.clinicians])).toEqual([
      ['ai', 2],
      ['control', 2],
    ]);
    const ai = buildView(ds, '2026-03-01', '2026-03-22', 'ai');
    const control = buildView(ds, '2026-03-01', '2026-03-22', 'control');
    expect(ai.totals.activeMs + control.totals.activeMs).toBe(v.totals.activeMs);
    expect(ai.armRows.map((r) => r.arm)).toEqual(['ai']);
  });

  it('is empty, with no figures, when nothing was recorded', () => {
    const src = syntheticClinician({ seed: 'x', from: '2026-03-02', days: 0 });
    const v = buildView([ownDataset(src, null)], '2026-03-02', '2026-03-08');
    expect(v.empty).toBe(true);
    expect(v.perMessageMedianMs).toBeNull();
  });
});
