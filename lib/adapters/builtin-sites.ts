/**
 * Sites where a built-in adapter runs: a practice's own OpenEMR or self-hosted Medplum server.
 * The adapters already know these EHRs' pages (they recognise them by path and structure, on
 * any host); what a practice adds is only the address, and the browser's permission to run
 * there. Saved in `chrome.storage.local` (options page) or set by policy (managed storage key
 * `builtInSites`, see managed-schema.json and docs/configurable-adapter.md).
 *
 * A site becomes a content-script registration like a configured adapter's
 * (lib/background/script-registration.ts); on its pages the content script tries the built-in
 * adapters first (lib/content/start-inbox.ts), so nothing else is needed.
 */
import { z } from 'zod';
import { MatchPatternSchema } from './config-schema';
import { textHash } from '../util/hash';

export const BUILTIN_SITES_KEY = 'builtInSites';
export const MAX_SITES = 50;

/** The EHRs a site can name, with the adapters that run there. */
export const SITE_EHRS = {
  openemr: { name: 'OpenEMR (Message Center and portal mail)', adapters: ['openemr-messages', 'openemr-portal-mail'] },
  medplum: { name: 'Medplum provider app (self-hosted)', adapters: ['medplum'] },
} as const;
export type SiteEhr = keyof typeof SITE_EHRS;

export const BuiltInSiteSchema = z.strictObject({
  ehr: z.enum(Object.keys(SITE_EHRS) as [SiteEhr, ...SiteEhr[]], { error: 'must be "openemr" or "medplum"' }),
  /** Match patterns of the EHR's pages, e.g. "https://emr.example.org/*". */
  urlPatterns: z.array(MatchPatternSchema).min(1, { error: 'needs at least one address' }).max(20, { error: 'has too many addresses (at most 20)' }),
});
export type BuiltInSite = z.output<typeof BuiltInSiteSchema>;

export const BuiltInSitesSchema = z.array(BuiltInSiteSchema).max(MAX_SITES, { error: `has too many sites (at most ${MAX_SITES})` });

/**
 * The match pattern for an address a user types ("emr.example.org", "https://emr.example.org/openemr/…"):
 * the whole origin (an EHR's pages move between paths across versions). Throws a sentence a user can act on.
 */
export function patternForAddress(address: string): string {
  const t = address.trim();
  if (!t) throw new Error('Type the address of your EHR, for example https://emr.example.org');
  if (/^[a-z][a-z0-9+.-]*:\/\/[^/]*\*/i.test(t) || /^[^/:]*\*/.test(t)) throw new Error('Type one site, without wildcards.');
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(t) ? t : `https://${t}`);
  } catch {
    throw new Error(`"${t}" is not a web address. Type it as in the browser's address bar, for example https://emr.example.org`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('Only http and https addresses can be added.');
  if (!url.hostname || url.hostname.includes('*')) throw new Error('Type one site, without wildcards.');
  if (url.username || url.password) throw new Error('Leave the user name and password out of the address.');
  return `${url.protocol}//${url.host}/*`;
}

/** A stable id for a site's content-script registration. */
export function siteId(site: BuiltInSite): string {
  return `site-${site.ehr}-${textHash(`${site.ehr}|${site.urlPatterns.join('|')}`).slice(0, 12)}`;
}

export interface SitesAreaLike {
  get(keys: string | null): Promise<Record<string, unknown>>;
}
export interface WritableSitesAreaLike extends SitesAreaLike {
  set(items: Record<string, unknown>): Promise<void>;
}

export type SitesRead = { sites: BuiltInSite[]; errors: string[] };

const where = (prefix: string, issue: z.core.$ZodIssue) => `${[prefix, ...issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))].join('').replace(/\.\[/g, '[')}: ${issue.message}`;

/** Each site is checked on its own: bad ones are refused with their reasons, good ones kept. Never throws. */
export function parseSites(raw: unknown, prefix: string): SitesRead {
  if (raw === undefined || raw === null) return { sites: [], errors: [] };
  if (!Array.isArray(raw)) return { sites: [], errors: [`${prefix}: must be a list of sites`] };
  const out: SitesRead = { sites: [], errors: [] };
  raw.slice(0, MAX_SITES).forEach((item, i) => {
    const r = BuiltInSiteSchema.safeParse(item);
    if (r.success) out.sites.push(r.data);
    else out.errors.push(...r.error.issues.map((iss) => where(`${prefix}[${i}]`, iss)));
  });
  if (raw.length > MAX_SITES) out.errors.push(`${prefix}: only the first ${MAX_SITES} sites are used`);
  return out;
}

export async function readSites(area: SitesAreaLike | null | undefined, prefix: string): Promise<SitesRead> {
  if (!area) return { sites: [], errors: [] };
  try {
    const raw = (await area.get(BUILTIN_SITES_KEY))[BUILTIN_SITES_KEY];
    return parseSites(raw, prefix);
  } catch {
    // No managed storage (or no policy schema) on this browser.
    return { sites: [], errors: [] };
  }
}

/** Saved sites (options page) and policy sites, policy first, without duplicates. */
export async function loadSites(areas: { local: SitesAreaLike; managed?: SitesAreaLike | null }): Promise<{ local: BuiltInSite[]; policy: BuiltInSite[]; errors: string[] }> {
  const [local, policy] = await Promise.all([readSites(areas.local, 'saved sites'), readSites(areas.managed, 'policy builtInSites')]);
  const policyIds = new Set(policy.sites.map(siteId));
  return { local: local.sites.filter((s) => !policyIds.has(siteId(s))), policy: policy.sites, errors: [...policy.errors, ...local.errors] };
}

/** What the script registration needs: one entry per site. */
export function siteRegistrations(sites: readonly BuiltInSite[]): { id: string; urlPatterns: string[] }[] {
  return sites.map((s) => ({ id: siteId(s), urlPatterns: [...s.urlPatterns] }));
}

/** Add a site (validated); adding one already there changes nothing. */
export async function addSite(area: WritableSitesAreaLike, site: unknown): Promise<{ ok: true; sites: BuiltInSite[] } | { ok: false; errors: string[] }> {
  const r = BuiltInSiteSchema.safeParse(site);
  if (!r.success) return { ok: false, errors: r.error.issues.map((iss) => where('site', iss)) };
  const current = await readSites(area, 'saved sites');
  if (current.errors.length) return { ok: false, errors: ['The saved sites are damaged; remove them first.', ...current.errors] };
  const id = siteId(r.data);
  if (current.sites.some((s) => siteId(s) === id)) return { ok: true, sites: current.sites };
  if (current.sites.length >= MAX_SITES) return { ok: false, errors: [`At most ${MAX_SITES} sites can be saved.`] };
  const sites = [...current.sites, r.data];
  await area.set({ [BUILTIN_SITES_KEY]: sites });
  return { ok: true, sites };
}

export async function removeSite(area: WritableSitesAreaLike, id: string): Promise<BuiltInSite[]> {
  const current = await readSites(area, 'saved sites');
  const sites = current.sites.filter((s) => siteId(s) !== id);
  await area.set({ [BUILTIN_SITES_KEY]: sites });
  return sites;
}

export function isSitesChange(changes: Record<string, unknown>, areaName: string): boolean {
  return (areaName === 'local' || areaName === 'managed') && BUILTIN_SITES_KEY in changes;
}
