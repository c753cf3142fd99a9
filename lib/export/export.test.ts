import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { buildExport, bundleToSource, restrictToWindow, studyWindow, type SourceData } from './build';
import { bundleToNdjson, exportFiles } from './files';
import { parseExport } from './validate';
import { importExports, loadImported, openImportsDb } from './imports-db';
import { syntheticClinician } from './synthetic';
import { enroll, type Enrollment } from '../study/enrollment';
import { indexMetrics } from '../metrics/indexed';
import { summarize, type PeriodSummary } from '../metrics/summary';
import { dayRange, weekRange } from '../metrics/time';
import { sha256Hex } from './deidentify';

const TZ = 'America/New_York';
const CONSENT = 'I agree to take part in the inbox-time pilot study. Only times and counts are recorded.';
const START = dayRange('2026-03-02', TZ).start; // Monday
const NOW = dayRange('2026-03-16', TZ).start; // two weeks later

async function participant(code: string, arm: Enrollment['assignment']['arm'] = 'crossover-ai-first'): Promise<{ e: Enrollment; src: SourceData }> {
  const e = await enroll({ studyId: 'PILOT-1', participantCode: code, consentText: CONSENT, salt: 'study-salt-0123456789', method: 'fixed', arm }, START, () => 's');
  // Data from a week before enrollment too: it must not be exported.
  const src = syntheticClinician({ seed: code, from: '2026-02-23', days: 21, perDay: 12 });
  return { e, src };
}

const noKeys = (s: PeriodSummary) => ({ ...s, patients: s.patients.map(({ patientKey: _k, ...rest }) => rest) });

async function roundTrip(code: string, arm?: Enrollment['assignment']['arm']) {
  const { e, src } = await participant(code, arm);
  const bundle = await buildExport(src, e, { now: NOW, exportId: `0000000000000000-${code.replace(/\D/g, '').padStart(4, '0')}`, extensionVersion: '0.1.0' });
  const text = bundleToNdjson(bundle);
  return { e, src, bundle, text };
}

describe('de-identified export', () => {
  it('re-imported, gives identical measures for every day and week of the study window', async () => {
    const { e, src, text } = await roundTrip('P-001');
    const parsed = await parseExport(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const back = bundleToSource(parsed.bundle);
    const orig = restrictToWindow(src, studyWindow(e, NOW));
    const a = indexMetrics(orig);
    const b = indexMetrics(back);
    const da = a.daily('2026-03-02', '2026-03-15').map(noKeys);
    const db = b.daily('2026-03-02', '2026-03-15').map(noKeys);
    expect(db).toEqual(da);
    expect(da.some((d) => d.activeMs > 0 && d.replies > 0 && d.repliesFromDraft > 0 && d.turnaroundMedianMs !== null)).toBe(true);
    for (const day of ['2026-03-02', '2026-03-09']) {
      const w = weekRange(day, TZ);
      expect(noKeys(summarize(back, w))).toEqual(noKeys(summarize(orig, w)));
    }
    // The day rows say the same as the measures recomputed from the events.
    expect(parsed.bundle.days.map((d) => d.activeMs)).toEqual(da.map((d) => d.activeMs));
    expect(back.triage.length).toBe(parsed.bundle.messages.length);
  });

  it('exports the study window only, with no local key, patient key or message text', async () => {
    const { src, bundle, text } = await roundTrip('P-002');
    expect(src.events.some((ev) => ev.start < START)).toBe(true);
    expect(bundle.events.every((ev) => ev.start >= START && ev.end <= NOW)).toBe(true);
    expect(bundle.manifest.counts.event).toBe(bundle.events.length);
    for (const s of src.stats.slice(0, 50)) {
      expect(text).not.toContain(s.messageKey);
      expect(text).not.toContain(s.patientKey);
    }
    expect(text).not.toMatch(/patient-\d/);
    expect(bundle.messages.every((m) => !('sentAt' in m))).toBe(true); // the patient's send time is not exported (only turnaround)
    expect(bundle.messages.every((m) => /^[0-9a-f]{32}$/.test(m.messageId))).toBe(true);
    // Crossover: first week AI, second week control.
    expect(new Set(bundle.days.slice(0, 7).map((d) => d.arm))).toEqual(new Set(['ai']));
    expect(new Set(bundle.days.slice(7).map((d) => d.arm))).toEqual(new Set(['control']));
  });

  it('hashes ids with the study salt: another study cannot link them', async () => {
    const { e, src } = await participant('P-003');
    const a = await buildExport(src, e, { now: NOW, exportId: '0000000000000000-a', extensionVersion: '0' });
    const b = await buildExport(src, { ...e, salt: 'another-study-salt-xyz' }, { now: NOW, exportId: '0000000000000000-b', extensionVersion: '0' });
    expect(a.messages[0]!.messageId).not.toBe(b.messages[0]!.messageId);
    const again = await buildExport(src, e, { now: NOW, exportId: '0000000000000000-c', extensionVersion: '0' });
    expect(again.messages[0]!.messageId).toBe(a.messages[0]!.messageId);
  });

  it('writes CSV per table and a manifest with counts and SHA-256 of every file', async () => {
    const { bundle } = await roundTrip('P-004');
    const files = await exportFiles(bundle);
    expect(files.map((f) => f.name.replace(/^.*_P-004_\d{4}-\d{2}-\d{2}/, ''))).toEqual([
      '.ndjson',
      '_events.csv',
      '_messages.csv',
      '_drafts.csv',
      '_days.csv',
      '_events.ndjson',
      '_messages.ndjson',
      '_drafts.ndjson',
      '_days.ndjson',
      '_manifest.json',
    ]);
    expect(files[8]!.text.trim().split('\n').map((l) => JSON.parse(l))).toEqual(bundle.days);
    const events = files[1]!.text.split('\n');
    expect(events[0]).toBe('eventId,start,end,day,kind,adapter,messageId,patientId,arm');
    expect(events.length).toBe(bundle.events.length + 1);
    const manifest = JSON.parse(files[9]!.text);
    expect(manifest.files[1]).toEqual({ name: files[1]!.name, rows: bundle.events.length, sha256: await sha256Hex(files[1]!.text) });
    expect(manifest.counts).toEqual(bundle.manifest.counts);
  });
});

/** Rewrite a bundle's body and fix its checksum (what a careful tamperer would do). */
async function reseal(text: string, edit: (lines: string[]) => string[]): Promise<string> {
  const [head, ...rest] = text.split('\n');
  const body = edit(rest.filter((l) => l !== '')).map((l) => l + '\n').join('');
  const m = JSON.parse(head!);
  m.sha256 = '';
  m.sha256 = await sha256Hex(JSON.stringify(m) + '\n' + body);
  return JSON.stringify(m) + '\n' + body;
}

describe('bad files are refused with a clear reason', async () => {
  const { text } = await roundTrip('P-005');
  const lines = text.split('\n');
  const manifest = JSON.parse(lines[0]!);
  const corpus: [string, string | (() => Promise<string>), RegExp][] = [
    ['empty file', '', /not an Inbox Triage study export/],
    ['a CSV file', 'eventId,start,end\n1,2,3\n', /line 1 is not JSON/],
    ['some other JSON', '{"hello":1}\n', /not its manifest/],
    ['a newer schema version', JSON.stringify({ ...manifest, schemaVersion: 2 }) + '\n' + lines.slice(1).join('\n'), /wrong version.*version 2/],
    ['an older, unknown version', JSON.stringify({ ...manifest, schemaVersion: 0 }) + '\n' + lines.slice(1).join('\n'), /wrong version/],
    ['a changed number (tampered)', text.replace(/"readMs":(\d)/, '"readMs":9$1'), /checksum mismatch/],
    ['a cut-off file (corrupt)', text.slice(0, Math.floor(text.length * 0.6)), /checksum mismatch/],
    ['the manifest edited (another participant)', text.replace('"participantCode":"P-005"', '"participantCode":"P-006"'), /checksum mismatch/],
    ['the manifest edited (arm)', text.replace('"arm":"crossover-ai-first"', '"arm":"control"'), /checksum mismatch/],
    ['rows removed and resealed', () => reseal(text, (ls) => ls.slice(0, -3)), /counts do not match/],
    ['a row repeated and resealed (duplicated)', () => reseal(text, (ls) => [ls[0]!, ...ls]), /duplicated rows/],
    ['message text smuggled in a row', () => reseal(text, (ls) => ls.map((l, i) => (i === 0 ? l.replace('}', ',"text":"chest pain since last night"}') : l))), /corrupt: line 2 \(event\)/],
    ['a patient name instead of a hashed id', () => reseal(text, (ls) => ls.map((l) => (l.includes('"type":"message"') ? l.replace(/"patientId":"[0-9a-f]*"/, '"patientId":"Jane Smith"') : l))), /corrupt: line \d+ \(message\) patientId/],
    ['a line that is not JSON', () => reseal(text, (ls) => [...ls.slice(0, 2), '{"type":"event",', ...ls.slice(2)]), /line 4 is not JSON/],
    ['an unknown row type', () => reseal(text, (ls) => [...ls, '{"type":"note","x":1}']), /unknown row type/],
  ];
  it.each(corpus)('%s', async (_name, make, reason) => {
    const t = typeof make === 'string' ? make : await make();
    const r = await parseExport(t);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });
});

describe('import into the study database', () => {
  it('imports several participants, refuses bad and duplicated files whole, keeps the rest', async () => {
    const db = openImportsDb(`imports-${Math.random()}`);
    const p1 = await roundTrip('P-011', 'ai');
    const p2 = await roundTrip('P-012', 'control');
    const tampered = p1.text.replace(/"draftMs":(\d)/, '"draftMs":7$1');
    const out = await importExports(db, [
      { name: 'p11.ndjson', text: p1.text },
      { name: 'p12.ndjson', text: p2.text },
      { name: 'p12-again.ndjson', text: p2.text },
      { name: 'tampered.ndjson', text: tampered },
    ]);
    expect(out.imported.map((i) => i.participantCode)).toEqual(['P-011', 'P-012']);
    expect(out.refused).toEqual([
      { name: 'p12-again.ndjson', reason: expect.stringMatching(/duplicated: the same export as p12.ndjson/) },
      { name: 'tampered.ndjson', reason: expect.stringMatching(/checksum mismatch/) },
    ]);
    const again = await importExports(db, [{ name: 'p11-copy.ndjson', text: p1.text }]);
    expect(again.imported).toEqual([]);
    expect(again.refused[0]!.reason).toMatch(/already imported/);
    // The same participant exported again with another id over the same dates: refused (would count twice).
    const { e, src } = await participant('P-011', 'ai');
    const other = bundleToNdjson(await buildExport(src, e, { now: NOW, exportId: '1111111111111111-0011', extensionVersion: '0' }));
    expect((await importExports(db, [{ name: 'p11-other.ndjson', text: other }])).refused[0]!.reason).toMatch(/already has data for these dates/);

    const loaded = await loadImported(db);
    expect(loaded.map((b) => b.manifest.participantCode)).toEqual(['P-011', 'P-012']);
    const orig = (await parseExport(p1.text)) as { ok: true; bundle: unknown };
    expect(loaded[0]).toEqual(orig.bundle);
    db.close();
    await Dexie.delete(db.name);
  });
});
