/**
 * The options page's "Test on this tab": injected into the chosen tab (entrypoints/preview.ts,
 * built as /preview.js, run with scripting.executeScript). It checks the config again, runs
 * previewConfig on the page (reads only) and, for a few seconds, outlines what it found with
 * boxes in an overlay of its own: the EHR's elements are never edited.
 */
import { parseAdapterConfig, type AdapterConfig } from './config-schema';
import { previewConfig, type ConfigPreview } from './configurable';

export const PREVIEW_ATTR = 'data-ehr-triage-preview';
export const PREVIEW_GLOBAL = '__inboxTriagePreview';

export type PreviewReply =
  | { ok: true; preview: ConfigPreview; highlighted: number; url: string; title: string }
  | { ok: false; errors: string[] };

export interface PreviewOptions {
  /** How long the outlines stay (ms); 0: no outlines. */
  highlightMs?: number;
}

function all(root: ParentNode | null, sel: string | undefined): Element[] {
  if (!root || !sel) return [];
  try {
    return [...root.querySelectorAll(sel)];
  } catch {
    return [];
  }
}

function one(root: ParentNode | null, sel: string | undefined): Element | null {
  if (!root || !sel) return null;
  try {
    return root.querySelector(sel);
  } catch {
    return null;
  }
}

const CSS = `
:host { all: initial; }
.box { position: absolute; box-sizing: border-box; pointer-events: none; border: 3px solid #4f46e5; border-radius: 3px;
  box-shadow: 0 0 0 2px rgba(255,255,255,.9); }
.box.detail { border-color: #047857; border-style: dashed; }
.box.reply { border-color: #b45309; border-style: dotted; }
.label { position: absolute; top: -3px; left: -3px; transform: translateY(-100%); background: #4f46e5; color: #fff;
  font: 600 11px/1.3 system-ui, sans-serif; padding: 1px 5px; border-radius: 3px 3px 0 0; white-space: nowrap; }
.detail .label { background: #047857; } .reply .label { background: #b45309; }
`;

/** Draw labelled outlines over the found elements for `ms`; returns how many rows were outlined. */
export function highlightFound(doc: Document, config: AdapterConfig, ms: number): number {
  for (const old of doc.querySelectorAll(`[${PREVIEW_ATTR}]`)) old.remove();
  if (ms <= 0) return 0;
  const listRoot = config.list.container ? one(doc, config.list.container) : doc;
  const rows = all(listRoot, config.list.row);
  const detail = one(doc, config.detail.container);
  const reply = one(doc, config.reply.box);
  const host = doc.createElement('div');
  host.setAttribute(PREVIEW_ATTR, '');
  host.style.cssText = 'position:absolute;left:0;top:0;width:0;height:0;z-index:2147483646;pointer-events:none;';
  const root = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = CSS;
  root.append(style);
  const win = doc.defaultView;
  const sx = win?.scrollX ?? 0;
  const sy = win?.scrollY ?? 0;
  const box = (target: Element, cls: string, text: string): void => {
    const r = target.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) return;
    const b = doc.createElement('div');
    b.className = `box ${cls}`;
    b.style.left = `${r.left + sx}px`;
    b.style.top = `${r.top + sy}px`;
    b.style.width = `${r.width}px`;
    b.style.height = `${r.height}px`;
    const l = doc.createElement('span');
    l.className = 'label';
    l.textContent = text;
    b.append(l);
    root.append(b);
  };
  rows.forEach((r, i) => box(r, 'row', `Row ${i + 1}`));
  if (detail) box(detail, 'detail', 'Open message');
  if (reply) box(reply, 'reply', 'Reply box');
  (doc.documentElement ?? doc.body).append(host);
  setTimeout(() => host.remove(), ms);
  return rows.length;
}

/** Check the config, preview it on this document, outline what was found. Never throws. */
export function runPreview(raw: unknown, opts: PreviewOptions = {}, doc: Document = document): PreviewReply {
  try {
    const parsed = parseAdapterConfig(raw);
    if (!parsed.ok) return { ok: false, errors: parsed.errors };
    const preview = previewConfig(parsed.value, doc);
    let highlighted = 0;
    try {
      highlighted = highlightFound(doc, parsed.value, opts.highlightMs ?? 4000);
    } catch {
      highlighted = 0;
    }
    return { ok: true, preview, highlighted, url: doc.location?.href ?? '', title: doc.title };
  } catch (err) {
    return { ok: false, errors: [`the preview failed on this page: ${err instanceof Error ? err.message : String(err)}`] };
  }
}
