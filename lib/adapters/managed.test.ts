// Runs in Node without a DOM, like the extension's service worker that reads chrome.storage.managed.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import managedSchema from './managed-schema.json';
import { AdapterConfigSchema, CleanupSchema, DetailSchema, ListSchema, ReplySchema, parseAdapterConfigFile } from './config-schema';
import { parseManagedAdapters } from './managed';

const ACME_JSON = readFileSync(new URL('../../tests/fixtures/configured/acme-config.json', import.meta.url), 'utf8');
const ACME = JSON.parse(ACME_JSON) as { adapters: Array<Record<string, any>> };

function adapter(id: string): Record<string, any> {
  return { ...structuredClone(ACME.adapters[0]!), id };
}

describe('parseManagedAdapters', () => {
  it('returns nothing, and no errors, when no policy is set', () => {
    expect(parseManagedAdapters(undefined)).toEqual({ adapters: [], errors: [] });
    expect(parseManagedAdapters({})).toEqual({ adapters: [], errors: [] });
  });

  it('keeps the good adapters of the `adapters` policy and refuses each bad one with its reasons', () => {
    const badSelector = adapter('bad-selector');
    badSelector.list.row = 'tr.ac-grid__row[';
    const missing = adapter('missing-field');
    delete missing.detail.body;
    const badPattern = adapter('bad-pattern');
    badPattern.urlPatterns = ['<all_urls>'];
    const newer = adapter('newer');
    newer.schemaVersion = 2;

    const r = parseManagedAdapters({ adapters: [adapter('acme-east'), badSelector, missing, adapter('acme-west'), badPattern, newer] });
    expect(r.adapters.map((a) => a.id)).toEqual(['acme-east', 'acme-west']);
    expect(r.adapters[0]).toEqual(AdapterConfigSchema.parse(adapter('acme-east')));
    expect(r.errors).toEqual([
      'adapters[1].list.row: not a valid CSS selector',
      'adapters[2].detail.body: required field is missing',
      "adapters[4].urlPatterns[0]: <all_urls> is not allowed: name the EHR's own address, e.g. https://ehr.example.com/*",
      'adapters[5].schemaVersion: is 2, but this extension reads adapter schemaVersion 1 (update the extension)',
    ]);
  });

  it('reads the `adaptersJson` policy: the text of an export file', () => {
    const r = parseManagedAdapters({ adaptersJson: ACME_JSON });
    expect(r).toEqual({ adapters: [AdapterConfigSchema.parse(ACME.adapters[0])], errors: [] });
  });

  it('refuses adapters of `adaptersJson` one by one too', () => {
    const broken = adapter('broken');
    broken.list.unread = { class: '.ac-grid__row--unread' };
    const text = JSON.stringify({ ...ACME, adapters: [broken, ACME.adapters[0]] });
    expect(parseManagedAdapters({ adaptersJson: text })).toEqual({
      adapters: [AdapterConfigSchema.parse(ACME.adapters[0])],
      errors: ['adaptersJson.adapters[0].list.unread.class: write the class name without the leading dot'],
    });
  });

  it('refuses an `adaptersJson` that is not JSON, or of another version', () => {
    expect(parseManagedAdapters({ adaptersJson: ACME_JSON.slice(0, -10) })).toEqual({
      adapters: [],
      errors: ['adaptersJson: the text is not valid JSON (look for a missing comma, quote or bracket)'],
    });
    expect(parseManagedAdapters({ adaptersJson: JSON.stringify({ ...ACME, version: 2 }) })).toEqual({
      adapters: [],
      errors: ['adaptersJson.version: is 2, but this extension reads version 1 files (update the extension)'],
    });
    expect(parseManagedAdapters({ adaptersJson: JSON.stringify({ adapters: [] }) })).toEqual({
      adapters: [],
      errors: ['adaptersJson.kind: required field is missing', 'adaptersJson.version: required field is missing'],
    });
    expect(parseManagedAdapters({ adaptersJson: '[]' })).toEqual({ adapters: [], errors: ['adaptersJson: must be an object, not a list'] });
  });

  it('refuses a second adapter with an id already in use, across both policies', () => {
    const r = parseManagedAdapters({ adapters: [adapter('acme')], adaptersJson: JSON.stringify({ ...ACME, adapters: [adapter('acme'), adapter('acme-2')] }) });
    expect(r.adapters.map((a) => a.id)).toEqual(['acme', 'acme-2']);
    expect(r.errors).toEqual(['adaptersJson.adapters[0].id: "acme" is already used by adapters[0]']);
  });

  it('accepts `adapters` given as JSON text (a registry string value), and refuses other shapes', () => {
    expect(parseManagedAdapters({ adapters: JSON.stringify([adapter('acme')]) }).adapters.map((a) => a.id)).toEqual(['acme']);
    expect(parseManagedAdapters({ adapters: '[{' })).toEqual({
      adapters: [],
      errors: ['adapters: the text is not valid JSON (look for a missing comma, quote or bracket)'],
    });
    expect(parseManagedAdapters({ adapters: { id: 'acme' } })).toEqual({ adapters: [], errors: ['adapters: must be a list of adapter configs'] });
    expect(parseManagedAdapters(42)).toEqual({ adapters: [], errors: ['managed policy: must be an object of policy values'] });
    expect(parseManagedAdapters([adapter('acme')]).adapters).toHaveLength(1);
    expect(parseManagedAdapters(ACME_JSON).adapters).toHaveLength(1);
  });

  it('caps the number of adapters', () => {
    const many = Array.from({ length: 52 }, (_, i) => adapter(`acme-${i}`));
    const r = parseManagedAdapters({ adapters: many });
    expect(r.adapters).toHaveLength(50);
    expect(r.errors).toEqual(['adapters[50]: refused, at most 50 adapters can be set', 'adapters[51]: refused, at most 50 adapters can be set']);
  });
});

/* ------------------------------------------------------------------------------------------ */
/* The policy schema Chrome reads (manifest storage.managed_schema)                            */
/* ------------------------------------------------------------------------------------------ */

type ChromeSchema = {
  type?: string;
  $ref?: string;
  properties?: Record<string, ChromeSchema>;
  additionalProperties?: ChromeSchema;
  items?: ChromeSchema;
  [k: string]: unknown;
};

const CHROME_TYPES = new Set(['object', 'array', 'string', 'integer', 'number', 'boolean']);
const CHROME_KEYWORDS = new Set(['type', '$ref', 'id', 'properties', 'additionalProperties', 'patternProperties', 'items', 'title', 'description', 'enum', 'minimum', 'maximum', 'pattern', 'required', 'sensitiveValue']);

/** Chrome's rules for a managed_schema: every schema has exactly one type (or a $ref), known keywords only. */
function chromeSchemaProblems(s: ChromeSchema, path = '$'): string[] {
  const out: string[] = [];
  if (typeof s.type !== 'string' || !CHROME_TYPES.has(s.type)) out.push(`${path}: needs exactly one known type`);
  for (const k of Object.keys(s)) if (!CHROME_KEYWORDS.has(k)) out.push(`${path}: unknown keyword ${k}`);
  if (s.type === 'array' && !s.items) out.push(`${path}: an array needs items`);
  if (s.items) out.push(...chromeSchemaProblems(s.items, `${path}[]`));
  for (const [k, v] of Object.entries(s.properties ?? {})) out.push(...chromeSchemaProblems(v, `${path}.${k}`));
  return out;
}

/** Does a value have the types the policy schema declares (what Chrome checks before publishing it)? */
function conforms(value: unknown, s: ChromeSchema): boolean {
  switch (s.type) {
    case 'object':
      return (
        typeof value === 'object' &&
        value !== null &&
        !Array.isArray(value) &&
        Object.entries(value).every(([k, v]) => !s.properties?.[k] || conforms(v, s.properties[k]!))
      );
    case 'array':
      return Array.isArray(value) && value.every((v) => conforms(v, s.items!));
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    default:
      return false;
  }
}

/** The keys a zod object schema accepts. */
const keysOf = (schema: { shape: Record<string, unknown> }): string[] => Object.keys(schema.shape).sort();

describe('managed-schema.json', () => {
  const schema = managedSchema as ChromeSchema;

  it('follows Chrome\'s format for policy schemas', () => {
    expect(schema.type).toBe('object');
    expect(schema.additionalProperties).toBeUndefined();
    expect(chromeSchemaProblems(schema)).toEqual([]);
    expect(Object.keys(schema.properties!)).toEqual(['adapters', 'adaptersJson', 'builtInSites']);
  });

  it('declares every field of an adapter config, at every level', () => {
    const a = schema.properties!.adapters!.items!;
    expect(Object.keys(a.properties!).sort()).toEqual(keysOf(AdapterConfigSchema));
    expect(Object.keys(a.properties!.list!.properties!).sort()).toEqual(keysOf(ListSchema));
    expect(Object.keys(a.properties!.detail!.properties!).sort()).toEqual(keysOf(DetailSchema));
    expect(Object.keys(a.properties!.reply!.properties!).sort()).toEqual(keysOf(ReplySchema));
    expect(Object.keys(a.properties!.cleanup!.properties!).sort()).toEqual(keysOf(CleanupSchema));
  });

  it('lets the Acme config through as an `adapters` policy value, and as `adaptersJson` text', () => {
    expect(conforms({ adapters: ACME.adapters }, schema)).toBe(true);
    expect(conforms({ adaptersJson: ACME_JSON }, schema)).toBe(true);
    expect(conforms({ adapters: [{ ...ACME.adapters[0], schemaVersion: '1' }] }, schema)).toBe(false);
  });
});

describe('docs/configurable-adapter.md examples', () => {
  const doc = readFileSync(new URL('../../docs/configurable-adapter.md', import.meta.url), 'utf8');
  const blocks = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]!) as Record<string, any>);

  it('the worked example is the tested fixture config', () => {
    const file = blocks.find((b) => b.kind === 'inbox-triage-adapters' && b.adapters[0]?.id === 'acmecare-inbox');
    expect(file).toEqual(ACME);
    expect(parseAdapterConfigFile(file).ok).toBe(true);
  });

  it('the Admin console policy values are accepted, with no errors', () => {
    const policies = blocks.filter((b) => b.adapters?.Value !== undefined || b.adaptersJson?.Value !== undefined);
    expect(policies).toHaveLength(2);
    for (const p of policies) {
      const raw = Object.fromEntries(Object.entries(p).map(([k, v]) => [k, (v as { Value: unknown }).Value]));
      expect(conforms(raw, managedSchema as ChromeSchema)).toBe(true);
      const r = parseManagedAdapters(raw);
      expect(r.errors).toEqual([]);
      expect(r.adapters.map((a) => a.id)).toEqual(['acmecare-inbox']);
    }
  });
});
