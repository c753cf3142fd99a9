/**
 * Placeholders: what the clinician must fill in, written as [[label]] in a draft. A draft with
 * any placeholder left cannot be inserted (the side panel says which ones remain).
 */

const PLACEHOLDER_RE = /\[\[([^\[\]]*)\]\]/g;

export interface Placeholder {
  label: string;
  start: number;
  end: number;
}

/** Every [[placeholder]] in the text, in order. Unbalanced "[[" also counts (as "unfinished placeholder"). */
export function findPlaceholders(text: string): Placeholder[] {
  const out: Placeholder[] = [];
  for (const m of text.matchAll(PLACEHOLDER_RE)) out.push({ label: m[1]!.trim(), start: m.index, end: m.index + m[0].length });
  // A stray "[[" or "]]" left after a partial edit is still something to fix.
  const stripped = text.replace(PLACEHOLDER_RE, '');
  const stray = stripped.search(/\[\[|\]\]/);
  if (stray >= 0) {
    const at = text.indexOf(stripped.slice(stray, stray + 2));
    out.push({ label: 'unfinished placeholder', start: at, end: at + 2 });
  }
  return out;
}

export function placeholder(label: string): string {
  return `[[${label}]]`;
}

export type InsertCheck = { ok: true } | { ok: false; reason: 'placeholders'; labels: string[] } | { ok: false; reason: 'empty' };

/** Insertion is allowed only when no placeholder remains and there is text. */
export function checkInsertable(text: string): InsertCheck {
  if (!text.trim()) return { ok: false, reason: 'empty' };
  const left = findPlaceholders(text);
  if (left.length) return { ok: false, reason: 'placeholders', labels: left.map((p) => p.label) };
  return { ok: true };
}
