/**
 * Adapter configs set by enterprise policy (`chrome.storage.managed`, schema in
 * managed-schema.json). Two policies, either or both:
 *
 * - `adapters`: a list of adapter configs (typed in the policy schema; Chrome itself drops the
 *   whole policy if a value has the wrong type, and shows why at chrome://policy);
 * - `adaptersJson`: the text of an export file ({ kind, version, adapters }), which Chrome
 *   passes through as a string, so every mistake is reported here, adapter by adapter.
 *
 * Each adapter is checked on its own: a bad one is refused with its reasons, the good ones kept.
 */
import {
  AdapterConfigFileEnvelopeSchema,
  MAX_ADAPTERS,
  formatConfigErrors,
  formatPath,
  parseAdapterConfig,
  parseJsonText,
  type AdapterConfig,
} from './config-schema';

export const MANAGED_ADAPTERS_KEY = 'adapters';
export const MANAGED_ADAPTERS_JSON_KEY = 'adaptersJson';

export interface ManagedAdapters {
  adapters: AdapterConfig[];
  /** One sentence per problem, each starting with where it is (e.g. "adapters[1].list.row: …"). */
  errors: string[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Validate what `chrome.storage.managed.get()` returned. Also accepts the `adapters` value
 * alone (a list), or the `adaptersJson` value alone (a string). Never throws.
 */
export function parseManagedAdapters(raw: unknown): ManagedAdapters {
  const out: ManagedAdapters = { adapters: [], errors: [] };
  if (raw === undefined || raw === null) return out;

  const usedBy = new Map<string, string>();
  const take = (items: readonly unknown[], prefix: readonly PropertyKey[]): void => {
    items.forEach((item, i) => {
      const path = [...prefix, i];
      if (out.adapters.length >= MAX_ADAPTERS) {
        out.errors.push(`${formatPath(path)}: refused, at most ${MAX_ADAPTERS} adapters can be set`);
        return;
      }
      const r = parseAdapterConfig(item, path);
      if (!r.ok) {
        out.errors.push(...r.errors);
        return;
      }
      const other = usedBy.get(r.value.id);
      if (other !== undefined) {
        out.errors.push(`${formatPath([...path, 'id'])}: "${r.value.id}" is already used by ${other}`);
        return;
      }
      usedBy.set(r.value.id, formatPath(path));
      out.adapters.push(r.value);
    });
  };

  /** The `adapters` policy: a list (or, from a registry string Chrome did not convert, its JSON). */
  const fromList = (value: unknown, name: string): void => {
    let v = value;
    if (typeof v === 'string') {
      const j = parseJsonText(v);
      if (!j.ok) {
        out.errors.push(`${name}: ${j.error}`);
        return;
      }
      v = j.value;
    }
    if (isRecord(v) && 'kind' in v) {
      fromFile(v, name);
      return;
    }
    if (!Array.isArray(v)) {
      out.errors.push(`${name}: must be a list of adapter configs`);
      return;
    }
    take(v, [name]);
  };

  /** The `adaptersJson` policy: the text of an export file. */
  const fromFile = (value: unknown, name: string): void => {
    let v = value;
    if (typeof v === 'string') {
      const j = parseJsonText(v);
      if (!j.ok) {
        out.errors.push(`${name}: ${j.error}`);
        return;
      }
      v = j.value;
    }
    const env = AdapterConfigFileEnvelopeSchema.safeParse(v);
    if (!env.success) {
      out.errors.push(...formatConfigErrors(env.error, [name], name));
      return;
    }
    take(env.data.adapters, [name, 'adapters']);
  };

  if (Array.isArray(raw)) {
    fromList(raw, MANAGED_ADAPTERS_KEY);
    return out;
  }
  if (typeof raw === 'string') {
    fromFile(raw, MANAGED_ADAPTERS_JSON_KEY);
    return out;
  }
  if (!isRecord(raw)) {
    out.errors.push('managed policy: must be an object of policy values');
    return out;
  }
  if (raw[MANAGED_ADAPTERS_KEY] !== undefined) fromList(raw[MANAGED_ADAPTERS_KEY], MANAGED_ADAPTERS_KEY);
  if (raw[MANAGED_ADAPTERS_JSON_KEY] !== undefined) fromFile(raw[MANAGED_ADAPTERS_JSON_KEY], MANAGED_ADAPTERS_JSON_KEY);
  return out;
}
