/**
 * The practice's configured adapters at run time (docs/configurable-adapter.md):
 *
 * - saved in this browser: one value in `storage.local` under CONFIGURED_ADAPTERS_KEY, an
 *   AdapterConfigFile ({ kind, version, adapters }) checked with AdapterConfigFileSchema on every
 *   read and before every write. Stored data that fails the check is reported with its reasons
 *   and none of it is used (never half-applied); writes never build on it.
 * - set by enterprise policy: `storage.managed`, parsed with parseManagedAdapters (each adapter
 *   on its own). Policy adapters are read-only and win when a saved adapter has the same id.
 *
 * Storage areas are passed in (the content script, the background and the options page each
 * pass `browser.storage.local` / `browser.storage.managed`; tests pass in-memory areas).
 */
import {
  AdapterConfigFileSchema,
  CONFIG_FILE_KIND,
  CONFIG_FILE_VERSION,
  MAX_ADAPTERS,
  exportAdapterConfigFile,
  formatConfigErrors,
  parseAdapterConfig,
  parseAdapterConfigFile,
  type AdapterConfig,
  type AdapterConfigFile,
} from './config-schema';
import { createConfiguredAdapter } from './configurable';
import { parseManagedAdapters } from './managed';
import type { EhrAdapter } from './types';

export const CONFIGURED_ADAPTERS_KEY = 'configuredAdapters';

/** The part of a `browser.storage` area this module uses. */
export interface StorageAreaLike {
  get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

/** Managed storage is read-only (and may be missing, e.g. outside Chrome). */
export interface ReadableAreaLike {
  get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
}

export interface ConfiguredAreas {
  local: StorageAreaLike;
  managed?: ReadableAreaLike | null;
}

export const CORRUPT_LOCAL =
  'The adapters saved in this browser are damaged and none of them are used. Export what you can from a backup, then remove the damaged data and import again.';

export type LocalRead = { ok: true; adapters: AdapterConfig[] } | { ok: false; adapters: []; errors: string[] };

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The saved adapters, all or none: damaged data gives its reasons and no adapter. */
export async function readLocalAdapters(area: ReadableAreaLike): Promise<LocalRead> {
  let raw: unknown;
  try {
    raw = (await area.get(CONFIGURED_ADAPTERS_KEY))[CONFIGURED_ADAPTERS_KEY];
  } catch (err) {
    return { ok: false, adapters: [], errors: [`saved adapters: could not be read (${message(err)})`] };
  }
  if (raw === undefined || raw === null) return { ok: true, adapters: [] };
  const r = AdapterConfigFileSchema.safeParse(raw);
  if (!r.success) return { ok: false, adapters: [], errors: [CORRUPT_LOCAL, ...formatConfigErrors(r.error, [], 'saved adapters')] };
  return { ok: true, adapters: r.data.adapters };
}

/** Policy adapters (each checked on its own) and the reasons for those refused. Never throws. */
export async function readPolicyAdapters(area: ReadableAreaLike | null | undefined): Promise<{ adapters: AdapterConfig[]; errors: string[] }> {
  if (!area) return { adapters: [], errors: [] };
  let raw: unknown;
  try {
    raw = await area.get(null);
  } catch {
    // No policy schema or no managed storage on this browser: no policy adapters.
    return { adapters: [], errors: [] };
  }
  return parseManagedAdapters(raw);
}

export type AdapterSource = 'policy' | 'local';

export interface ConfiguredEntry {
  config: AdapterConfig;
  source: AdapterSource;
}

export interface ConfiguredState {
  /** The adapters in use: policy ones first, then saved ones whose id policy does not use. */
  entries: ConfiguredEntry[];
  /** Every saved adapter (also those policy overrides), in saved order. */
  local: AdapterConfig[];
  policy: AdapterConfig[];
  /** Saved adapters not used because policy sets one with the same id. */
  overriddenLocalIds: string[];
  /** Why the saved adapters could not be used (damaged storage); empty when fine. */
  localErrors: string[];
  /** Policy adapters refused, with reasons. */
  policyErrors: string[];
}

/** Merge saved and policy adapters: policy wins on an id clash. */
export function mergeConfigured(
  local: readonly AdapterConfig[],
  policy: readonly AdapterConfig[],
  errors: { local?: string[]; policy?: string[] } = {},
): ConfiguredState {
  const policyIds = new Set(policy.map((p) => p.id));
  const entries: ConfiguredEntry[] = policy.map((config) => ({ config, source: 'policy' as const }));
  const overriddenLocalIds: string[] = [];
  for (const config of local) {
    if (policyIds.has(config.id)) overriddenLocalIds.push(config.id);
    else entries.push({ config, source: 'local' });
  }
  return {
    entries,
    local: [...local],
    policy: [...policy],
    overriddenLocalIds,
    localErrors: errors.local ?? [],
    policyErrors: errors.policy ?? [],
  };
}

export async function loadConfigured(areas: ConfiguredAreas): Promise<ConfiguredState> {
  const [local, policy] = await Promise.all([readLocalAdapters(areas.local), readPolicyAdapters(areas.managed)]);
  return mergeConfigured(local.adapters, policy.adapters, { local: local.ok ? [] : local.errors, policy: policy.errors });
}

/** The adapters in use, as EhrAdapters (a config that cannot be built is skipped). */
export function createConfiguredAdapters(state: Pick<ConfiguredState, 'entries'>): EhrAdapter[] {
  const out: EhrAdapter[] = [];
  for (const e of state.entries) {
    try {
      out.push(createConfiguredAdapter(e.config));
    } catch {
      // A config that cannot be built must not stop the others.
    }
  }
  return out;
}

/** True when a `storage.onChanged` event changes the configured adapters. */
export function isConfiguredChange(changes: Record<string, unknown>, areaName: string): boolean {
  return areaName === 'managed' || (areaName === 'local' && CONFIGURED_ADAPTERS_KEY in changes);
}

/* ------------------------------------------------------------------------------------------ */
/* Changes (options page)                                                                      */
/* ------------------------------------------------------------------------------------------ */

export type StoreResult = { ok: true; adapters: AdapterConfig[] } | { ok: false; errors: string[] };

const NOTHING_CHANGED = 'Nothing was changed.';

/** Write the whole list, after checking it as a file (ids unique, at most 50, every field valid). */
async function writeLocal(area: StorageAreaLike, adapters: readonly AdapterConfig[]): Promise<StoreResult> {
  if (adapters.length > MAX_ADAPTERS) {
    return { ok: false, errors: [`saved adapters: ${adapters.length} is too many (at most ${MAX_ADAPTERS})`, NOTHING_CHANGED] };
  }
  const file: AdapterConfigFile = { kind: CONFIG_FILE_KIND, version: CONFIG_FILE_VERSION, adapters: [...adapters] };
  const r = AdapterConfigFileSchema.safeParse(file);
  if (!r.success) return { ok: false, errors: [...formatConfigErrors(r.error, [], 'saved adapters'), NOTHING_CHANGED] };
  try {
    await area.set({ [CONFIGURED_ADAPTERS_KEY]: r.data });
  } catch (err) {
    return { ok: false, errors: [`could not save (${message(err)})`, NOTHING_CHANGED] };
  }
  return { ok: true, adapters: r.data.adapters };
}

async function currentOrRefuse(area: StorageAreaLike): Promise<{ ok: true; adapters: AdapterConfig[] } | { ok: false; errors: string[] }> {
  const cur = await readLocalAdapters(area);
  if (!cur.ok) return { ok: false, errors: [...cur.errors, `Remove the damaged saved adapters first. ${NOTHING_CHANGED}`] };
  return cur;
}

export interface SaveOptions {
  /** The id of the saved adapter being edited (undefined: a new one). */
  previousId?: string;
  /** Ids set by policy (a saved adapter cannot take them). */
  policyIds?: readonly string[];
}

/**
 * Save one adapter config (an object or JSON text). A new config must not reuse a saved id; an
 * edited one replaces its previous version in place (also when its id was changed).
 */
export async function saveLocalAdapter(area: StorageAreaLike, raw: unknown, opts: SaveOptions = {}): Promise<StoreResult & { saved?: AdapterConfig }> {
  const parsed = parseAdapterConfig(raw);
  if (!parsed.ok) return { ok: false, errors: [...parsed.errors, NOTHING_CHANGED] };
  const config = parsed.value;
  if (opts.policyIds?.includes(config.id)) {
    return { ok: false, errors: [`id: "${config.id}" is set by your organization's policy; choose another id`, NOTHING_CHANGED] };
  }
  const cur = await currentOrRefuse(area);
  if (!cur.ok) return cur;
  const list = [...cur.adapters];
  const clash = list.findIndex((a) => a.id === config.id);
  if (clash >= 0 && opts.previousId !== config.id) {
    return { ok: false, errors: [`id: "${config.id}" is already used by a saved adapter; choose another id or edit that one`, NOTHING_CHANGED] };
  }
  const prev = opts.previousId === undefined ? -1 : list.findIndex((a) => a.id === opts.previousId);
  if (prev >= 0) list[prev] = config;
  else list.push(config);
  const w = await writeLocal(area, list);
  return w.ok ? { ...w, saved: config } : w;
}

export async function deleteLocalAdapter(area: StorageAreaLike, id: string): Promise<StoreResult> {
  const cur = await currentOrRefuse(area);
  if (!cur.ok) return cur;
  if (!cur.adapters.some((a) => a.id === id)) return { ok: false, errors: [`no saved adapter has the id "${id}"`] };
  return writeLocal(
    area,
    cur.adapters.filter((a) => a.id !== id),
  );
}

export interface ImportResult {
  ok: true;
  adapters: AdapterConfig[];
  added: string[];
  replaced: string[];
  /** Imported ids that policy also sets (policy's version is the one used). */
  overriddenByPolicy: string[];
}

/**
 * Import an export file (JSON text or an object): all or nothing. A file with any problem is
 * refused with every reason and nothing changes; otherwise its adapters are added, replacing
 * saved ones with the same id.
 */
export async function importAdapterFile(
  area: StorageAreaLike,
  raw: unknown,
  opts: { policyIds?: readonly string[] } = {},
): Promise<ImportResult | { ok: false; errors: string[] }> {
  const file = parseAdapterConfigFile(raw);
  if (!file.ok) return { ok: false, errors: [...file.errors, `The file was not imported. ${NOTHING_CHANGED}`] };
  const cur = await currentOrRefuse(area);
  if (!cur.ok) return cur;
  const list = [...cur.adapters];
  const added: string[] = [];
  const replaced: string[] = [];
  for (const config of file.value.adapters) {
    const i = list.findIndex((a) => a.id === config.id);
    if (i >= 0) {
      list[i] = config;
      replaced.push(config.id);
    } else {
      list.push(config);
      added.push(config.id);
    }
  }
  const w = await writeLocal(area, list);
  if (!w.ok) return { ok: false, errors: [...w.errors.filter((e) => e !== NOTHING_CHANGED), `The file was not imported. ${NOTHING_CHANGED}`] };
  const policy = new Set(opts.policyIds ?? []);
  return { ok: true, adapters: w.adapters, added, replaced, overriddenByPolicy: file.value.adapters.map((a) => a.id).filter((id) => policy.has(id)) };
}

/** Remove all saved adapters (the way out of damaged storage). */
export async function clearLocalAdapters(area: StorageAreaLike): Promise<void> {
  await area.remove(CONFIGURED_ADAPTERS_KEY);
}

/** The export file for these adapters (JSON text). */
export function exportConfigured(adapters: readonly AdapterConfig[]): string {
  return exportAdapterConfigFile(adapters);
}
