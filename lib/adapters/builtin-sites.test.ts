import { describe, expect, it } from 'vitest';
import {
  BUILTIN_SITES_KEY,
  addSite,
  isSitesChange,
  loadSites,
  parseSites,
  patternForAddress,
  removeSite,
  siteId,
  siteRegistrations,
} from './builtin-sites';

function area(initial: Record<string, unknown> = {}) {
  const data: Record<string, unknown> = structuredClone(initial);
  return {
    data,
    get: async (k: string | null) => (k === null ? structuredClone(data) : k in data ? { [k]: structuredClone(data[k]) } : {}),
    set: async (items: Record<string, unknown>) => void Object.assign(data, structuredClone(items)),
  };
}

describe('patternForAddress', () => {
  it('turns what a user types into the whole site', () => {
    expect(patternForAddress('emr.example.org')).toBe('https://emr.example.org/*');
    expect(patternForAddress(' https://emr.example.org/openemr/interface/main/messages/messages.php?x=1 ')).toBe('https://emr.example.org/*');
    expect(patternForAddress('http://10.0.0.7:8300/openemr/')).toBe('http://10.0.0.7:8300/*');
  });

  it('refuses what is not one web site, with a sentence a user can act on', () => {
    expect(() => patternForAddress('')).toThrow(/Type the address/);
    expect(() => patternForAddress('ftp://emr.example.org')).toThrow(/Only http and https/);
    expect(() => patternForAddress('https://*.example.org')).toThrow('Type one site, without wildcards.');
    expect(() => patternForAddress('*.example.org')).toThrow('Type one site, without wildcards.');
    expect(() => patternForAddress('https://nurse:secret@emr.example.org')).toThrow(/user name and password/);
    expect(() => patternForAddress('http://exa mple')).toThrow(/not a web address/);
  });
});

describe('saved and policy sites', () => {
  const openemr = { ehr: 'openemr', urlPatterns: ['https://emr.example.org/*'] };

  it('adds a site once, removes it by id, and says when storage changed', async () => {
    const a = area();
    expect(await addSite(a, openemr)).toEqual({ ok: true, sites: [openemr] });
    expect(await addSite(a, openemr)).toEqual({ ok: true, sites: [openemr] });
    expect(a.data[BUILTIN_SITES_KEY]).toEqual([openemr]);
    expect(siteRegistrations([openemr as never])).toEqual([{ id: siteId(openemr as never), urlPatterns: ['https://emr.example.org/*'] }]);
    expect(siteId(openemr as never)).toMatch(/^site-openemr-[0-9a-z]+$/);
    expect(await removeSite(a, siteId(openemr as never))).toEqual([]);
    expect(isSitesChange({ [BUILTIN_SITES_KEY]: {} }, 'local')).toBe(true);
    expect(isSitesChange({ other: {} }, 'local')).toBe(false);
    expect(isSitesChange({ [BUILTIN_SITES_KEY]: {} }, 'session')).toBe(false);
  });

  it('refuses a bad site with the reason and saves nothing', async () => {
    const a = area();
    const r = await addSite(a, { ehr: 'epic', urlPatterns: ['emr.example.org'] });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.some((e) => e.startsWith('site.ehr: must be "openemr" or "medplum"'))).toBe(true);
      expect(r.errors.some((e) => e.startsWith('site.urlPatterns[0]:'))).toBe(true);
    }
    expect(a.data[BUILTIN_SITES_KEY]).toBeUndefined();
  });

  it('keeps the good policy sites and names the bad ones; a saved duplicate of a policy site is dropped', async () => {
    const managed = area({ [BUILTIN_SITES_KEY]: [openemr, { ehr: 'medplum', urlPatterns: [] }, 'x'] });
    const local = area({ [BUILTIN_SITES_KEY]: [openemr, { ehr: 'medplum', urlPatterns: ['https://medplum.example.org/*'] }] });
    const r = await loadSites({ local, managed });
    expect(r.policy).toEqual([openemr]);
    expect(r.local).toEqual([{ ehr: 'medplum', urlPatterns: ['https://medplum.example.org/*'] }]);
    expect(r.errors).toEqual(['policy builtInSites[1].urlPatterns: needs at least one address', expect.stringMatching(/^policy builtInSites\[2\]: /)]);
  });

  it('reads nothing (and does not throw) without managed storage or with a damaged value', async () => {
    const broken = { get: async () => Promise.reject(new Error('Managed storage is not available')) };
    expect(await loadSites({ local: area(), managed: broken })).toEqual({ local: [], policy: [], errors: [] });
    expect(parseSites({ not: 'a list' }, 'saved sites')).toEqual({ sites: [], errors: ['saved sites: must be a list of sites'] });
  });
});
