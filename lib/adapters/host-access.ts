/**
 * Host access for configured adapters, as pure functions (no browser API here):
 *
 * - which origins a config's URL patterns need that the manifest does not already grant
 *   (the options page asks for them with `permissions.request`, from a click);
 * - which content-script registrations the background must add, update or remove so that the
 *   content script runs on every configured site the user allowed
 *   (`scripting.registerContentScripts`), and on no other.
 *
 * Host permissions ignore paths: a granted `https://ehr.example.org/*` lets the extension run on
 * every page of that host. The content script is registered with the config's own patterns
 * (paths included), so it is injected only on the inbox pages.
 */
import { parseMatchPattern, type ParsedMatchPattern } from './config-schema';

/** The content script's built file (WXT: entrypoints/inbox.content → content-scripts/inbox.js). */
export const CONTENT_SCRIPT_FILE = 'content-scripts/inbox.js';
/** Ids of the registrations this extension manages; others are left alone. */
export const SCRIPT_ID_PREFIX = 'configured-inbox-';

export function scriptIdFor(adapterId: string): string {
  return `${SCRIPT_ID_PREFIX}${adapterId}`;
}

/** A pattern with '*' as scheme stands for http and https: split it. Invalid patterns give []. */
function expand(pattern: string): ParsedMatchPattern[] {
  const r = parseMatchPattern(pattern);
  if (!r.ok) return [];
  const p = r.pattern;
  if (p.allUrls) return [{ ...p, scheme: 'http' }, { ...p, scheme: 'https' }];
  if (p.scheme === '*') return [{ ...p, scheme: 'http' }, { ...p, scheme: 'https' }];
  return [p];
}

/** Does granted pattern `g` give host access for every URL that `p` (one scheme) can match? */
function covers(g: ParsedMatchPattern, p: ParsedMatchPattern): boolean {
  if (g.allUrls) return p.scheme === 'http' || p.scheme === 'https';
  if (g.scheme !== '*' && g.scheme !== p.scheme) return false;
  if (g.scheme === '*' && p.scheme !== 'http' && p.scheme !== 'https') return false;
  if (!g.allHosts) {
    if (p.allHosts) return false;
    if (g.matchSubdomains) {
      if (p.host !== g.host && !p.host.endsWith(`.${g.host}`)) return false;
    } else if (p.matchSubdomains || p.host !== g.host) {
      return false;
    }
  }
  if (g.port !== '*' && g.port !== p.port) return false;
  return true;
}

/** True when the granted patterns give host access for every URL `pattern` can match (paths ignored). */
export function isHostCovered(granted: readonly string[], pattern: string): boolean {
  const parts = expand(pattern);
  if (parts.length === 0) return false;
  const gs = granted.flatMap((g) => {
    const r = parseMatchPattern(g);
    return r.ok ? [r.pattern] : [];
  });
  return parts.every((p) => gs.some((g) => covers(g, p)));
}

/**
 * The host-permission origins to request for a pattern: `scheme://host[:port]/*`, one per
 * scheme ('*' becomes http and https, which Chrome matches against the optional
 * https://*\/* and http://*\/* separately). Invalid patterns give [].
 */
export function originsForPattern(pattern: string): string[] {
  return expand(pattern).map((p) => {
    const host = p.allHosts ? '*' : p.matchSubdomains ? `*.${p.host}` : p.host;
    const port = p.port === '*' ? '' : `:${p.port}`;
    return `${p.scheme}://${host}${port}/*`;
  });
}

/**
 * The origins still to request so that these patterns can run: those covered neither by the
 * manifest's host permissions nor by what the user has granted, without duplicates, in order.
 */
export function missingOrigins(patterns: readonly string[], staticMatches: readonly string[], granted: readonly string[]): string[] {
  const have = [...staticMatches, ...granted];
  const out: string[] = [];
  for (const pattern of patterns) {
    for (const origin of originsForPattern(pattern)) {
      if (!isHostCovered(have, origin) && !out.includes(origin)) out.push(origin);
    }
  }
  return out;
}

/** A content-script registration as `scripting.registerContentScripts` takes it. */
export interface ScriptRegistration {
  id: string;
  matches: string[];
  js: string[];
  runAt: 'document_idle';
  allFrames: false;
  persistAcrossSessions: true;
}

export interface RegisteredScriptLike {
  id: string;
  matches?: string[];
  js?: string[];
  allFrames?: boolean;
  runAt?: string;
  persistAcrossSessions?: boolean;
}

export interface ScriptSyncInput {
  /** The adapters in use (policy and saved), each id once. */
  configs: readonly { id: string; urlPatterns: readonly string[] }[];
  /** The manifest's content-script matches (the content script already runs there). */
  staticMatches: readonly string[];
  /** Host permissions the extension holds now (`permissions.getAll().origins`). */
  granted: readonly string[];
  /** `scripting.getRegisteredContentScripts()`. */
  registered: readonly RegisteredScriptLike[];
}

export interface ScriptSyncPlan {
  register: ScriptRegistration[];
  update: ScriptRegistration[];
  /** Ids of registrations to remove (config deleted, or no allowed pattern left). */
  unregister: string[];
  /** Adapters with patterns that cannot run until the user allows these origins. */
  waitingForPermission: { adapterId: string; origins: string[] }[];
}

function sameSet(a: readonly string[] | undefined, b: readonly string[]): boolean {
  if (!a || a.length !== b.length) return false;
  const s = [...a].sort();
  const t = [...b].sort();
  return s.every((v, i) => v === t[i]);
}

/**
 * What to register, update and unregister so that the registered content scripts match the
 * configs and the granted permissions exactly. For each config: its patterns the manifest
 * already covers need nothing; those covered by granted host permissions go into one
 * registration (id from the adapter id); the rest wait for permission. Registrations with our
 * prefix that are no longer wanted are removed; registrations of others are never touched.
 */
export function planScriptSync(input: ScriptSyncInput): ScriptSyncPlan {
  const plan: ScriptSyncPlan = { register: [], update: [], unregister: [], waitingForPermission: [] };
  const wanted = new Map<string, ScriptRegistration>();
  for (const config of input.configs) {
    const matches: string[] = [];
    const waiting: string[] = [];
    for (const pattern of config.urlPatterns) {
      if (expand(pattern).length === 0) continue;
      if (isHostCovered(input.staticMatches, pattern)) continue;
      // '*://…' with only one scheme allowed: register that scheme's half, the other waits.
      const variants = isHostCovered(input.granted, pattern) || !pattern.startsWith('*://') ? [pattern] : ['http', 'https'].map((s) => `${s}://${pattern.slice(4)}`);
      for (const v of variants) {
        if (isHostCovered(input.staticMatches, v)) continue;
        if (isHostCovered(input.granted, v)) {
          if (!matches.includes(v)) matches.push(v);
        } else {
          for (const o of missingOrigins([v], input.staticMatches, input.granted)) if (!waiting.includes(o)) waiting.push(o);
        }
      }
    }
    if (waiting.length) plan.waitingForPermission.push({ adapterId: config.id, origins: waiting });
    if (matches.length) {
      const id = scriptIdFor(config.id);
      wanted.set(id, { id, matches, js: [CONTENT_SCRIPT_FILE], runAt: 'document_idle', allFrames: false, persistAcrossSessions: true });
    }
  }
  const current = new Map(input.registered.filter((r) => r.id.startsWith(SCRIPT_ID_PREFIX)).map((r) => [r.id, r]));
  for (const [id, reg] of wanted) {
    const have = current.get(id);
    if (!have) plan.register.push(reg);
    else if (
      !sameSet(have.matches, reg.matches) ||
      !sameSet(have.js, reg.js) ||
      (have.runAt !== undefined && have.runAt !== reg.runAt) ||
      (have.allFrames !== undefined && have.allFrames !== reg.allFrames) ||
      (have.persistAcrossSessions !== undefined && have.persistAcrossSessions !== reg.persistAcrossSessions)
    )
      plan.update.push(reg);
  }
  for (const id of current.keys()) if (!wanted.has(id)) plan.unregister.push(id);
  return plan;
}

/** Where a config's patterns stand: covered by the manifest, allowed by the user, or waiting for permission. */
export interface SiteAccess {
  /** Patterns the manifest's own host permissions cover (the content script already runs there). */
  builtIn: string[];
  /** Patterns the user allowed (the content script is registered for them). */
  allowed: string[];
  /** Origins still to allow for the rest. */
  missing: string[];
}

export function siteAccess(patterns: readonly string[], staticMatches: readonly string[], granted: readonly string[]): SiteAccess {
  const out: SiteAccess = { builtIn: [], allowed: [], missing: [] };
  for (const p of patterns) {
    if (isHostCovered(staticMatches, p)) out.builtIn.push(p);
    else if (isHostCovered(granted, p)) out.allowed.push(p);
    else for (const o of missingOrigins([p], staticMatches, granted)) if (!out.missing.includes(o)) out.missing.push(o);
  }
  return out;
}
