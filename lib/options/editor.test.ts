import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { CONFIG_TEMPLATE, EMPTY_EDITOR, configToText, parseEditorText } from './editor';
import { NOT_JSON } from '../adapters/config-schema';

const FILE_TEXT = readFileSync('tests/fixtures/configured/acme-config.json', 'utf8');
const FILE = JSON.parse(FILE_TEXT) as { adapters: Record<string, unknown>[] };

describe('parseEditorText', () => {
  it('explains empty text and text that is not JSON', () => {
    expect(parseEditorText('  \n')).toEqual({ ok: false, errors: [EMPTY_EDITOR] });
    expect(parseEditorText('{ "id": ')).toEqual({ ok: false, errors: [NOT_JSON] });
  });

  it('reads one adapter config, or the one adapter of a pasted config file', () => {
    const one = parseEditorText(JSON.stringify(FILE.adapters[0]));
    expect(one.ok && one.config.id).toBe('acmecare-inbox');
    expect(one.ok && one.note).toBeUndefined();
    const fromFile = parseEditorText(FILE_TEXT);
    expect(fromFile.ok && [fromFile.config.id, fromFile.note]).toEqual([
      'acmecare-inbox',
      'This is a config file with one adapter: that adapter is the one edited here.',
    ]);
    // What is saved reads back the same.
    expect(one.ok && parseEditorText(configToText(one.config))).toEqual(one);
  });

  it('sends files with several adapters to Import', () => {
    const two = { ...FILE, adapters: [FILE.adapters[0], { ...FILE.adapters[0], id: 'second' }] };
    expect(parseEditorText(JSON.stringify(two))).toEqual({
      ok: false,
      errors: ['the file: holds 2 adapters; use "Import JSON file" to add them all, or paste one adapter here'],
    });
  });

  it('lists every problem of a config as a sentence with its place', () => {
    const bad = { ...FILE.adapters[0], urlPatterns: ['<all_urls>'], reply: { box: '#acComposer', kind: 'rich' } };
    expect(parseEditorText(JSON.stringify(bad))).toEqual({
      ok: false,
      errors: [
        "urlPatterns[0]: <all_urls> is not allowed: name the EHR's own address, e.g. https://ehr.example.com/*",
        'reply.kind: must be one of "textarea", "input", "contenteditable"',
      ],
    });
  });

  it('offers a template that is itself a valid config', () => {
    const t = parseEditorText(CONFIG_TEMPLATE);
    expect(t.ok && t.config.id).toBe('my-ehr-inbox');
  });
});
