import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES } from './defaults';
import { deleteTemplate, exportTemplates, importTemplates, loadTemplateState, MAX_TEMPLATES_FILE_BYTES, saveTemplate, setDefaultEnabled, TEMPLATES_KEY } from './template-store';

function area(init: Record<string, unknown> = {}) {
  const data: Record<string, unknown> = { ...init };
  return {
    data,
    get: async (k: string | string[]) => Object.fromEntries((Array.isArray(k) ? k : [k]).filter((x) => x in data).map((x) => [x, data[x]])),
    set: async (items: Record<string, unknown>) => void Object.assign(data, items),
  };
}

const mine = {
  id: 'covid-vaccine',
  name: 'COVID vaccine walk-in',
  category: 'scheduling',
  urgencies: ['routine'],
  shortcut: '/covid',
  keywords: ['covid', 'booster'],
  text: { en: { brief: 'You can walk in for the vaccine on weekdays. Call {clinicPhone} with questions.' } },
};

describe('template store', () => {
  it('starts with the defaults', async () => {
    const s = await loadTemplateState(area());
    expect(s.templates.map((t) => t.id)).toEqual(DEFAULT_TEMPLATES.map((t) => t.id));
  });

  it('adds, edits a default, turns a default off, and exports and imports the same file', async () => {
    const a = area();
    expect(await saveTemplate(a, mine)).toMatchObject({ ok: true });
    const edited = { ...DEFAULT_TEMPLATES.find((t) => t.id === 'admin-billing')!, text: { en: { brief: 'Our billing team will call you. {clinicPhone}' } } };
    expect(await saveTemplate(a, edited)).toMatchObject({ ok: true });
    await deleteTemplate(a, 'results-normal');
    const s = await loadTemplateState(a);
    expect(s.templates.find((t) => t.id === 'admin-billing')).toMatchObject({ source: 'practice', text: { en: { brief: 'Our billing team will call you. {clinicPhone}' } } });
    expect(s.templates.some((t) => t.id === 'results-normal')).toBe(false);
    expect(s.templates.at(-1)!.id).toBe('covid-vaccine');

    const file = await exportTemplates(a);
    const b = area();
    const r = await importTemplates(b, file);
    expect(r.ok && [...r.added].sort()).toEqual(['admin-billing', 'covid-vaccine']);
    expect((await loadTemplateState(b)).templates).toEqual(s.templates);
  });

  it('refuses invalid templates with the reason, and a bad file changes nothing', async () => {
    const a = area();
    expect(await saveTemplate(a, { ...mine, text: { en: { brief: 'Take {dose} daily.' } } })).toEqual({
      ok: false,
      errors: [expect.stringMatching(/^Text › English › brief version: unknown slot {dose} \(known: {firstName}/)],
    });
    expect(await saveTemplate(a, { ...mine, urgencies: ['emergency'] })).toMatchObject({ ok: false, errors: [expect.stringContaining('safety reply')] });
    expect(await saveTemplate(a, { ...mine, shortcut: '/refill' })).toMatchObject({ ok: false, errors: [expect.stringContaining('already used')] });
    expect(await importTemplates(a, '{"format":"inbox-triage-reply-templates","version":1,"templates":[{"id":"Bad Id"}]}')).toMatchObject({ ok: false });
    expect(await importTemplates(a, 'not json')).toMatchObject({ ok: false, errors: [expect.stringContaining('not JSON')] });
    // errors name the template by number and name, and the field in plain words
    const bad = { format: 'inbox-triage-reply-templates', version: 1, templates: [{ ...mine, id: 'ok-one' }, { ...mine, id: 'two', name: 'Flu shot', urgencies: [] }] };
    const r = await importTemplates(a, JSON.stringify(bad));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors[0]).toMatch(/^Template 2 \("Flu shot"\), urgency levels: /);
    // not a templates file at all, or from a newer version: one plain line
    expect(await importTemplates(a, '{"dashboard":true}')).toEqual({ ok: false, errors: [expect.stringContaining('not a reply-templates file')] });
    expect(await importTemplates(a, JSON.stringify({ ...bad, version: 2 }))).toEqual({ ok: false, errors: [expect.stringContaining('version 1')] });
    expect(a.data[TEMPLATES_KEY]).toBeUndefined();
  });

  it('default safety replies cannot be turned off', async () => {
    const a = area();
    await deleteTemplate(a, 'safety-911');
    await setDefaultEnabled(a, 'safety-988', false);
    const s = await loadTemplateState(a);
    expect(s.templates.filter((t) => t.kind === 'safety').map((t) => t.id)).toEqual(['safety-911', 'safety-ed', 'safety-988']);
  });

  it('a file cannot do what the page refuses: turn off or impersonate a safety reply, reuse a shortcut; nor be huge', async () => {
    const a = area();
    expect(await saveTemplate(a, { ...mine, shortcut: '/keep' })).toMatchObject({ ok: true });
    const file = (templates: unknown[], disabledDefaults: string[] = []) =>
      JSON.stringify({ format: 'inbox-triage-reply-templates', version: 1, templates, disabledDefaults });
    const off = await importTemplates(a, file([], ['safety-988', 'results-normal']));
    expect(off).toEqual({ ok: false, errors: [expect.stringMatching(/turns off the safety reply "safety-988"/)] });
    const fake = await importTemplates(a, file([{ ...mine, id: 'safety-911', shortcut: '/x' }]));
    expect(fake).toEqual({ ok: false, errors: [expect.stringMatching(/id of the built-in safety reply/)] });
    const clash = await importTemplates(a, file([{ ...mine, id: 'other', name: 'Other', shortcut: '/keep' }]));
    expect(clash).toEqual({ ok: false, errors: ['shortcut /keep of "Other" is already used by "COVID vaccine walk-in"'] });
    const twice = await importTemplates(a, file([{ ...mine, id: 'one', shortcut: '/same' }, { ...mine, id: 'two', name: 'Two', shortcut: '/same' }]));
    expect(twice).toMatchObject({ ok: false, errors: [expect.stringContaining('shortcut /same of "Two"')] });
    // Re-importing the template that owns the shortcut is not a clash.
    expect(await importTemplates(a, file([{ ...mine, name: 'COVID vaccine, renamed' }]))).toMatchObject({ ok: true, replaced: ['covid-vaccine'] });
    // bytes, not characters: 700,000 Chinese characters are 2.1 MB
    const wide = await importTemplates(a, file([{ ...mine, id: 'zh', shortcut: '/zh', text: { en: { brief: '中'.repeat(700_000) } } }]));
    expect(wide).toEqual({ ok: false, errors: [expect.stringMatching(/^This file is 2\.1 MB/)] });
    const huge = await importTemplates(a, ' '.repeat(MAX_TEMPLATES_FILE_BYTES + 1));
    expect(huge).toEqual({ ok: false, errors: [expect.stringMatching(/^This file is 2\.0 MB; a templates file can be at most 2\.0 MB/)] });
    expect(await saveTemplate(a, { ...mine, id: 'safety-ed', shortcut: '/ed2' })).toMatchObject({ ok: false, errors: [expect.stringContaining('built-in safety reply')] });
    const s = await loadTemplateState(a);
    expect(s.disabledDefaults).toEqual([]);
    expect(s.custom.map((t) => t.name)).toEqual(['COVID vaccine, renamed']);
  });

  it('at most 500 practice templates in all: a file that would pass that is refused, saying so', async () => {
    const a = area();
    expect(await saveTemplate(a, mine)).toMatchObject({ ok: true });
    const many = Array.from({ length: 500 }, (_, i) => ({ ...mine, id: `t-${i}`, name: `T ${i}`, shortcut: undefined }));
    const r = await importTemplates(a, JSON.stringify({ format: 'inbox-triage-reply-templates', version: 1, templates: many, disabledDefaults: [] }));
    expect(r).toEqual({ ok: false, errors: ['With this file there would be 501 practice templates; at most 500 are kept. Delete some first, or import a smaller file. Nothing was changed.'] });
    expect((await loadTemplateState(a)).custom).toHaveLength(1);
  });

  it('a storage failure (quota) is an error, not a silent loss', async () => {
    const a = area();
    a.set = async () => {
      throw new Error('QUOTA_BYTES quota exceeded');
    };
    const r = await importTemplates(a, JSON.stringify({ format: 'inbox-triage-reply-templates', version: 1, templates: [mine], disabledDefaults: [] }));
    expect(r).toEqual({ ok: false, errors: [expect.stringMatching(/could not store these templates \(QUOTA_BYTES quota exceeded\)\. Nothing was changed\./)] });
  });

  it('falls back to the defaults when what was saved is damaged', async () => {
    const s = await loadTemplateState(area({ [TEMPLATES_KEY]: { format: 'x' } }));
    expect(s.damaged).not.toBeNull();
    expect(s.templates).toHaveLength(DEFAULT_TEMPLATES.length);
  });
});
