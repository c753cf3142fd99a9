/**
 * The options page's JSON editor, as pure functions: what the text in the editor means (one
 * adapter config, or a config file holding exactly one), with the reasons when it means nothing.
 */
import { parseAdapterConfig, parseAdapterConfigFile, parseJsonText, type AdapterConfig } from '../adapters/config-schema';

export type EditorParse = { ok: true; config: AdapterConfig; note?: string } | { ok: false; errors: string[] };

export const EMPTY_EDITOR = 'the editor is empty: paste an adapter config, import a file, or start from the template';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function parseEditorText(text: string): EditorParse {
  if (!text.trim()) return { ok: false, errors: [EMPTY_EDITOR] };
  const j = parseJsonText(text);
  if (!j.ok) return { ok: false, errors: [j.error] };
  if (isRecord(j.value) && 'kind' in j.value) {
    const file = parseAdapterConfigFile(j.value);
    if (!file.ok) return { ok: false, errors: file.errors };
    const n = file.value.adapters.length;
    if (n !== 1) {
      return {
        ok: false,
        errors: [`the file: holds ${n} adapters; use "Import JSON file" to add them all, or paste one adapter here`],
      };
    }
    return { ok: true, config: file.value.adapters[0]!, note: 'This is a config file with one adapter: that adapter is the one edited here.' };
  }
  const r = parseAdapterConfig(j.value);
  return r.ok ? { ok: true, config: r.value } : { ok: false, errors: r.errors };
}

export function configToText(config: AdapterConfig): string {
  return `${JSON.stringify(config, null, 2)}\n`;
}

/** A starting point for a new adapter (every required field, with placeholder selectors). */
export const CONFIG_TEMPLATE = `${JSON.stringify(
  {
    schemaVersion: 1,
    id: 'my-ehr-inbox',
    name: 'My EHR – Patient Messages',
    urlPatterns: ['https://ehr.example.org/inbox/*'],
    pageMustContain: '#inbox',
    list: {
      container: 'table#messages',
      row: 'tr.message-row',
      id: { from: 'attribute', attribute: 'data-id' },
      sender: { selector: '.from' },
      subject: { selector: '.subject' },
      date: { selector: 'time', attribute: 'datetime' },
      preview: { selector: '.preview' },
      unread: { class: 'unread' },
    },
    detail: {
      container: '#reading-pane',
      body: '.message-body',
    },
    reply: { box: '#reply', kind: 'textarea' },
    cleanup: { stripPrefixes: ['RE:', 'FW:'], removeSelectors: [] },
  },
  null,
  2,
)}\n`;
