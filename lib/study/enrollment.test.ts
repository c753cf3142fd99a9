import { describe, expect, it } from 'vitest';
import { aiFeaturesEnabled, armAt, enroll, inStudy, randomArm, weekIndex, withdraw, loadEnrollment, saveEnrollment, STUDY_KEY, type EnrollmentDraft } from './enrollment';
import { seededRandom } from './prng';
import { createStudyGate } from './gate';
import { ACTIVITY_SETTINGS_KEY, defaultSettings } from '../activity/settings';

const CONSENT = 'I agree to take part in the inbox-time pilot study. Only times and counts are recorded.';
const base: EnrollmentDraft = { studyId: 'PILOT-1', participantCode: 'P-017', consentText: CONSENT, salt: 'study-salt-0123456789', method: 'fixed', arm: 'ai' };
const TZ = 'America/New_York';
// Monday 2026-03-02 12:00 New York.
const MON = Date.parse('2026-03-02T17:00:00Z');
const WEEK = 7 * 86_400_000;

function memoryArea(init: Record<string, unknown> = {}) {
  const data: Record<string, unknown> = structuredClone(init);
  return {
    data,
    get: async (k: string | string[]) => Object.fromEntries((Array.isArray(k) ? k : [k]).filter((x) => x in data).map((x) => [x, structuredClone(data[x])])),
    set: async (items: Record<string, unknown>) => void Object.assign(data, structuredClone(items)),
    remove: async (k: string) => void delete data[k],
  };
}

describe('seeded PRNG', () => {
  it('is reproducible from the seed and differs between seeds', () => {
    const a = seededRandom('seed-1');
    const b = seededRandom('seed-1');
    const c = seededRandom('seed-2');
    const xs = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(xs);
    expect(c()).not.toBe(xs[0]);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });

  it('draws arms evenly enough over many participants', () => {
    const counts = { ai: 0, control: 0 };
    for (let i = 0; i < 2000; i++) counts[randomArm(['ai', 'control'], 'seed', 'S', `P-${i}`) as 'ai' | 'control'] += 1;
    expect(counts.ai).toBeGreaterThan(900);
    expect(counts.control).toBeGreaterThan(900);
  });
});

describe('enrollment', () => {
  it('refuses a name as participant code, a short consent text and a short salt', async () => {
    await expect(enroll({ ...base, participantCode: 'Jane Smith' }, MON, () => 's')).rejects.toThrow(/participant code/);
    await expect(enroll({ ...base, participantCode: 'Smith' }, MON, () => 's')).rejects.toThrow(/digit/);
    await expect(enroll({ ...base, consentText: 'ok' }, MON, () => 's')).rejects.toThrow(/consent/);
    await expect(enroll({ ...base, salt: 'short' }, MON, () => 's')).rejects.toThrow(/salt/);
  });

  it('records the consent text hash and time, and never starts recording before consent', async () => {
    const e = await enroll({ ...base, enrolledAt: MON - 1000 }, MON, () => 's');
    expect(e.consent.acceptedAt).toBe(MON);
    expect(e.consent.textSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(e.enrolledAt).toBe(MON);
    expect(inStudy(e, MON - 1)).toBe(false);
    expect(inStudy(e, MON)).toBe(true);
  });

  it('randomises with a recorded seed, reproducibly', async () => {
    const draft: EnrollmentDraft = { ...base, method: 'randomized', candidates: ['ai', 'control'], arm: undefined };
    const a = await enroll(draft, MON, () => 'seed-abc');
    const b = await enroll({ ...draft, seed: 'seed-abc' }, MON, () => 'other');
    expect(a.assignment.seed).toBe('seed-abc');
    expect(a.assignment.method).toBe('randomized');
    expect(b.assignment.arm).toBe(a.assignment.arm);
    expect(randomArm(['ai', 'control'], 'seed-abc', 'PILOT-1', 'P-017')).toBe(a.assignment.arm);
  });
});

describe('arms and the feature gate', () => {
  it('control hides AI features during the study only', async () => {
    const e = await enroll({ ...base, arm: 'control' }, MON, () => 's');
    expect(aiFeaturesEnabled(null, MON, TZ)).toBe(true);
    expect(aiFeaturesEnabled(e, MON - 1, TZ)).toBe(true);
    expect(aiFeaturesEnabled(e, MON + 1, TZ)).toBe(false);
    const w = { ...e, withdrawnAt: MON + WEEK };
    expect(aiFeaturesEnabled(w, MON + WEEK - 1, TZ)).toBe(false);
    expect(aiFeaturesEnabled(w, MON + WEEK, TZ)).toBe(true);
  });

  it('crossover alternates by ISO week in the clinic time zone', async () => {
    const e = await enroll({ ...base, arm: 'crossover-ai-first', enrolledAt: MON + 2 * 86_400_000 }, MON + 2 * 86_400_000, () => 's');
    const wed = MON + 2 * 86_400_000;
    expect(weekIndex(e.enrolledAt, wed, TZ)).toBe(0);
    expect(armAt(e, wed, TZ)).toBe('ai');
    // Sunday 23:30 New York is still week 0; Monday 00:30 is week 1.
    const sunLate = Date.parse('2026-03-09T03:30:00Z');
    const monEarly = Date.parse('2026-03-09T05:30:00Z');
    expect(armAt(e, sunLate, TZ)).toBe('ai');
    expect(armAt(e, monEarly, TZ)).toBe('control');
    expect(armAt(e, monEarly + WEEK, TZ)).toBe('ai');
    expect(aiFeaturesEnabled(e, monEarly, TZ)).toBe(false);
    const c = { ...e, assignment: { ...e.assignment, arm: 'crossover-control-first' as const } };
    expect(armAt(c, wed, TZ)).toBe('control');
    expect(armAt(c, monEarly, TZ)).toBe('ai');
  });
});

describe('storage and the gate', () => {
  it('saves, loads, withdraws; the gate follows changes and is off until storage answered', async () => {
    const e = await enroll({ ...base, arm: 'control' }, Date.now() - 1000, () => 's');
    const area = memoryArea({ [ACTIVITY_SETTINGS_KEY]: defaultSettings('UTC') });
    await saveEnrollment(area, e);
    expect(await loadEnrollment(area)).toEqual(e);
    const listeners: ((c: Record<string, unknown>, a: string) => void)[] = [];
    const gate = createStudyGate(area, { addListener: (cb) => listeners.push(cb), removeListener: () => undefined });
    expect(gate.aiFeaturesEnabled()).toBe(false);
    expect(gate.known).toBe(false);
    await gate.ready;
    expect(gate.known).toBe(true);
    expect(gate.aiFeaturesEnabled()).toBe(false);
    await withdraw(area, Date.now() - 10);
    let changed = 0;
    gate.onChange(() => (changed += 1));
    listeners.forEach((l) => l({ [STUDY_KEY]: {} }, 'local'));
    await new Promise((r) => setTimeout(r, 10));
    expect(changed).toBe(1);
    expect(gate.aiFeaturesEnabled()).toBe(true);
  });

  it('says on when storage cannot be read, and ignores a damaged record', async () => {
    const broken = createStudyGate({ get: async () => Promise.reject(new Error('no storage')) });
    await broken.ready;
    expect(broken.aiFeaturesEnabled()).toBe(true);
    const damaged = createStudyGate(memoryArea({ [STUDY_KEY]: { version: 1, participantCode: 'Jane' } }));
    await damaged.ready;
    expect(damaged.aiFeaturesEnabled()).toBe(true);
  });
});
