// Node, no DOM: like the background service worker, which reads the same storage.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  CONFIGURED_ADAPTERS_KEY,
  CORRUPT_LOCAL,
  clearLocalAdapters,
  createConfiguredAdapters,
  deleteLocalAdapter,
  importAdapterFile,
  isConfiguredChange,
  loadConfigured,
  mergeConfigured,
  readLocalAdapters,
  readPolicyAdapters,
  saveLocalAdapter,
  type StorageAreaLike,
} from './configured-store';
import { parseAdapterConfig, type AdapterConfig } from './config-schema';

const FILE = JSON.parse(readFileSync('tests/fixtures/configured/acme-config.json', 'utf8')) as { adapters: Record<string, unknown>[] };
const RAW_ACME = FILE.adapters[0]!;

function parsed(raw: unknown): AdapterConfig {
  const r = parseAdapterConfig(raw);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.value;
}
const ACME = parsed(RAW_ACME);
const variant = (id: string, name = `Variant ${id}`): AdapterConfig => parsed({ ...structuredClone(RAW_ACME), id, name });

/** An in-memory storage area with the browser's semantics (values are copied). */
function memoryArea(initial: Record<string, unknown> = {}): StorageAreaLike & { data: Record<string, unknown>; writes: number } {
  const area = {
    data: structuredClone(initial),
    writes: 0,
    async get(keys?: string | string[] | null) {
      if (keys === null || keys === undefined) return structuredClone(area.data);
      const list = typeof keys === 'string' ? [keys] : keys;
      return Object.fromEntries(list.filter((k) => k in area.data).map((k) => [k, structuredClone(area.data[k])]));
    },
    async set(items: Record<string, unknown>) {
      area.writes++;
      Object.assign(area.data, structuredClone(items));
    },
    async remove(keys: string | string[]) {
      for (const k of typeof keys === 'string' ? [keys] : keys) delete area.data[k];
    },
  };
  return area;
}

const file = (adapters: unknown[]) => ({ kind: 'inbox-triage-adapters', version: 1, adapters });

describe('saved adapters (storage.local)', () => {
  it('starts empty, saves a config as a validated file, and reads it back', async () => {
    const area = memoryArea();
    expect(await readLocalAdapters(area)).toEqual({ ok: true, adapters: [] });
    const r = await saveLocalAdapter(area, JSON.stringify(RAW_ACME));
    expect(r.ok).toBe(true);
    expect(area.data[CONFIGURED_ADAPTERS_KEY]).toEqual(file([ACME]));
    expect(await readLocalAdapters(area)).toEqual({ ok: true, adapters: [ACME] });
  });

  it('refuses an invalid config with its reasons and writes nothing', async () => {
    const area = memoryArea();
    const bad = { ...structuredClone(RAW_ACME), list: { ...(RAW_ACME.list as object), row: 'tr[' } };
    expect(await saveLocalAdapter(area, bad)).toEqual({ ok: false, errors: ['list.row: not a valid CSS selector', 'Nothing was changed.'] });
    expect(area.writes).toBe(0);
  });

  it('refuses a new config reusing a saved id, a policy id, and replaces in place when editing (also a rename)', async () => {
    const area = memoryArea({ [CONFIGURED_ADAPTERS_KEY]: file([ACME, variant('second')]) });
    expect(await saveLocalAdapter(area, RAW_ACME)).toEqual({
      ok: false,
      errors: ['id: "acmecare-inbox" is already used by a saved adapter; choose another id or edit that one', 'Nothing was changed.'],
    });
    expect(await saveLocalAdapter(area, { ...RAW_ACME, id: 'org-inbox' }, { policyIds: ['org-inbox'] })).toEqual({
      ok: false,
      errors: ['id: "org-inbox" is set by your organization\'s policy; choose another id', 'Nothing was changed.'],
    });
    const renamed = await saveLocalAdapter(area, { ...RAW_ACME, id: 'acme-renamed', name: 'Renamed' }, { previousId: 'acmecare-inbox' });
    expect(renamed.ok && renamed.adapters.map((a) => [a.id, a.name])).toEqual([
      ['acme-renamed', 'Renamed'],
      ['second', 'Variant second'],
    ]);
    const edited = await saveLocalAdapter(area, { ...RAW_ACME, id: 'second', name: 'Edited' }, { previousId: 'second' });
    expect(edited.ok && edited.adapters.map((a) => [a.id, a.name])).toEqual([
      ['acme-renamed', 'Renamed'],
      ['second', 'Edited'],
    ]);
  });

  it('deletes by id', async () => {
    const area = memoryArea({ [CONFIGURED_ADAPTERS_KEY]: file([ACME, variant('second')]) });
    const r = await deleteLocalAdapter(area, 'acmecare-inbox');
    expect(r.ok && r.adapters.map((a) => a.id)).toEqual(['second']);
    expect(await deleteLocalAdapter(area, 'nope')).toEqual({ ok: false, errors: ['no saved adapter has the id "nope"'] });
  });
});

describe('damaged storage is never half-applied', () => {
  it('uses none of the saved adapters when one of them is bad, and says why', async () => {
    const bad = { ...structuredClone(RAW_ACME), id: 'second', list: { ...(RAW_ACME.list as object), row: 'tr[' } };
    const area = memoryArea({ [CONFIGURED_ADAPTERS_KEY]: file([RAW_ACME, bad]) });
    expect(await readLocalAdapters(area)).toEqual({ ok: false, adapters: [], errors: [CORRUPT_LOCAL, 'adapters[1].list.row: not a valid CSS selector'] });
  });

  it('reports data of the wrong shape', async () => {
    expect(await readLocalAdapters(memoryArea({ [CONFIGURED_ADAPTERS_KEY]: 'garbage' }))).toEqual({
      ok: false,
      adapters: [],
      errors: [CORRUPT_LOCAL, 'saved adapters: must be an object, not text'],
    });
    const failing = { get: async () => Promise.reject(new Error('IO error')) };
    expect(await readLocalAdapters(failing)).toEqual({ ok: false, adapters: [], errors: ['saved adapters: could not be read (IO error)'] });
  });

  it('refuses to save, delete or import over damaged data (nothing changes) until it is removed', async () => {
    const damaged = { [CONFIGURED_ADAPTERS_KEY]: { kind: 'inbox-triage-adapters', version: 7, adapters: [RAW_ACME] } };
    const area = memoryArea(damaged);
    const reasons = [
      CORRUPT_LOCAL,
      'version: is 7, but this extension reads version 1 files (update the extension)',
      'Remove the damaged saved adapters first. Nothing was changed.',
    ];
    expect(await saveLocalAdapter(area, { ...RAW_ACME, id: 'new-one' })).toEqual({ ok: false, errors: reasons });
    expect(await deleteLocalAdapter(area, 'acmecare-inbox')).toEqual({ ok: false, errors: reasons });
    expect(await importAdapterFile(area, JSON.stringify(FILE))).toEqual({ ok: false, errors: reasons });
    expect(area.data).toEqual(damaged);
    expect(area.writes).toBe(0);
    await clearLocalAdapters(area);
    expect(await readLocalAdapters(area)).toEqual({ ok: true, adapters: [] });
  });

  it('still uses policy adapters when the saved ones are damaged', async () => {
    const state = await loadConfigured({
      local: memoryArea({ [CONFIGURED_ADAPTERS_KEY]: 42 }),
      managed: { get: async () => ({ adapters: [RAW_ACME] }) },
    });
    expect(state.entries.map((e) => [e.config.id, e.source])).toEqual([['acmecare-inbox', 'policy']]);
    expect(state.localErrors).toEqual([CORRUPT_LOCAL, 'saved adapters: must be an object, not a number']);
  });
});

describe('import (all or nothing)', () => {
  it('refuses a file with any problem, with every reason, and changes nothing', async () => {
    const area = memoryArea({ [CONFIGURED_ADAPTERS_KEY]: file([variant('kept')]) });
    const before = structuredClone(area.data);
    const typo = structuredClone(FILE);
    const list = typo.adapters[0]!.list as Record<string, unknown>;
    list.subjet = list.subject;
    delete list.subject;
    expect(await importAdapterFile(area, JSON.stringify(typo))).toEqual({
      ok: false,
      errors: [
        'adapters[0].list.subject: required field is missing',
        'adapters[0].list.subjet: unknown field (check the spelling; remove it if it is not needed)',
        'The file was not imported. Nothing was changed.',
      ],
    });
    expect(await importAdapterFile(area, '{"kind":')).toEqual({
      ok: false,
      errors: ['the text is not valid JSON (look for a missing comma, quote or bracket)', 'The file was not imported. Nothing was changed.'],
    });
    expect(area.data).toEqual(before);
    expect(area.writes).toBe(0);
  });

  it('adds new adapters, replaces same ids, and notes ids policy overrides', async () => {
    const area = memoryArea({ [CONFIGURED_ADAPTERS_KEY]: file([variant('kept')]) });
    const r1 = await importAdapterFile(area, JSON.stringify(FILE), { policyIds: ['acmecare-inbox'] });
    expect(r1).toEqual({ ok: true, adapters: [variant('kept'), ACME], added: ['acmecare-inbox'], replaced: [], overriddenByPolicy: ['acmecare-inbox'] });
    const r2 = await importAdapterFile(area, file([{ ...RAW_ACME, name: 'Acme v2' }]));
    expect(r2.ok && [r2.added, r2.replaced, r2.adapters.map((a) => a.name)]).toEqual([[], ['acmecare-inbox'], ['Variant kept', 'Acme v2']]);
  });

  it('refuses an import that would go over 50 saved adapters', async () => {
    const area = memoryArea({ [CONFIGURED_ADAPTERS_KEY]: file(Array.from({ length: 50 }, (_, i) => variant(`a${i}`))) });
    const r = await importAdapterFile(area, JSON.stringify(FILE));
    expect(r).toEqual({ ok: false, errors: ['saved adapters: 51 is too many (at most 50)', 'The file was not imported. Nothing was changed.'] });
  });
});

describe('policy and merging', () => {
  it('parses policy adapters one by one; a managed area that fails gives none', async () => {
    const r = await readPolicyAdapters({
      get: async () => ({ adaptersJson: JSON.stringify(file([RAW_ACME, { id: 'Bad Id' }])) }),
    });
    expect(r.adapters).toEqual([ACME]);
    expect(r.errors).toEqual([
      'adaptersJson.adapters[1].schemaVersion: required field is missing',
      'adaptersJson.adapters[1].id: must be a short lowercase name of letters, digits and dashes, e.g. "acme-inbox"',
      'adaptersJson.adapters[1].name: required field is missing',
      'adaptersJson.adapters[1].urlPatterns: required field is missing',
      'adaptersJson.adapters[1].list: required field is missing',
      'adaptersJson.adapters[1].detail: required field is missing',
      'adaptersJson.adapters[1].reply: required field is missing',
    ]);
    expect(await readPolicyAdapters({ get: async () => Promise.reject(new Error('Managed storage manifest not found')) })).toEqual({ adapters: [], errors: [] });
    expect(await readPolicyAdapters(null)).toEqual({ adapters: [], errors: [] });
  });

  it('puts policy adapters first and lets them win on an id clash', () => {
    const localB = variant('b', 'Local B');
    const policyB = variant('b', 'Policy B');
    const state = mergeConfigured([variant('a', 'Local A'), localB], [policyB, variant('c', 'Policy C')]);
    expect(state.entries.map((e) => [e.config.id, e.source, e.config.name])).toEqual([
      ['b', 'policy', 'Policy B'],
      ['c', 'policy', 'Policy C'],
      ['a', 'local', 'Local A'],
    ]);
    expect(state.overriddenLocalIds).toEqual(['b']);
    expect(state.local.map((c) => c.name)).toEqual(['Local A', 'Local B']);
    expect(createConfiguredAdapters(state).map((a) => [a.id, a.name])).toEqual([
      ['configured:b', 'Policy B'],
      ['configured:c', 'Policy C'],
      ['configured:a', 'Local A'],
    ]);
  });

  it('loads both areas together', async () => {
    const state = await loadConfigured({
      local: memoryArea({ [CONFIGURED_ADAPTERS_KEY]: file([variant('mine'), variant('acmecare-inbox', 'Mine, overridden')]) }),
      managed: { get: async () => ({ adapters: [RAW_ACME, { nope: true }] }) },
    });
    expect(state.entries.map((e) => [e.config.id, e.source])).toEqual([
      ['acmecare-inbox', 'policy'],
      ['mine', 'local'],
    ]);
    expect(state.overriddenLocalIds).toEqual(['acmecare-inbox']);
    expect(state.localErrors).toEqual([]);
    expect(state.policyErrors).toContain('adapters[1].nope: unknown field (check the spelling; remove it if it is not needed)');
    expect(state.policyErrors).toContain('adapters[1].schemaVersion: required field is missing');
  });

  it('recognises the storage changes that matter', () => {
    expect(isConfiguredChange({ [CONFIGURED_ADAPTERS_KEY]: {} }, 'local')).toBe(true);
    expect(isConfiguredChange({ other: {} }, 'local')).toBe(false);
    expect(isConfiguredChange({ adapters: {} }, 'managed')).toBe(true);
    expect(isConfiguredChange({ [CONFIGURED_ADAPTERS_KEY]: {} }, 'session')).toBe(false);
  });
});
