import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../activity/settings';
import { fromForm, parseHoursText, toForm } from './schedule-form';

describe('clinic schedule form', () => {
  it('round-trips the settings', () => {
    const s = defaultSettings('America/Chicago');
    const r = fromForm(toForm(s));
    expect(r).toEqual({ ok: true, settings: s });
    expect(toForm(s).hours[1]).toBe('08:00-12:00, 13:00-17:00');
  });

  it('reads hour blocks, sorts them, and refuses overlaps and nonsense', () => {
    expect(parseHoursText('13:00-17:00, 8:00-12:00')).toEqual({ ok: true, blocks: [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:00' }] });
    expect(parseHoursText('')).toEqual({ ok: true, blocks: [] });
    expect(parseHoursText('08:00-12:00, 11:00-13:00')).toMatchObject({ ok: false });
    expect(parseHoursText('mornings')).toMatchObject({ ok: false });
  });

  it('names the field of every problem', () => {
    const f = toForm(defaultSettings('UTC'));
    f.timeZone = 'Mars/Olympus';
    f.idleWindowSec = '5';
    f.hours[2] = '17:00-08:00';
    f.patientHours[3] = '30';
    const r = fromForm(f);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.join('\n')).toMatch(/Time zone: unknown time zone/);
    expect(r.errors.join('\n')).toMatch(/Idle window/);
    expect(r.errors.join('\n')).toMatch(/Tuesday clinic hours: end must be after start/);
    expect(r.errors.join('\n')).toMatch(/Wednesday patient hours/);
  });
});
