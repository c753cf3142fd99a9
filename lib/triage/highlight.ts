/** Split a text into plain and highlighted segments for the red-flag phrases found in it. */
import type { RedFlag } from './result';

export interface Segment {
  text: string;
  level: RedFlag['level'] | null;
}

export function highlightSegments(text: string, flags: readonly Pick<RedFlag, 'phrase' | 'level'>[]): Segment[] {
  const spans: { start: number; end: number; level: RedFlag['level'] }[] = [];
  const lower = text.toLowerCase();
  for (const f of flags) {
    const p = f.phrase.trim().toLowerCase();
    if (!p) continue;
    let from = 0;
    for (;;) {
      const i = lower.indexOf(p, from);
      if (i < 0) break;
      spans.push({ start: i, end: i + p.length, level: f.level });
      from = i + p.length;
    }
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Segment[] = [];
  let pos = 0;
  for (const s of spans) {
    if (s.start < pos) continue; // overlapping: keep the first
    if (s.start > pos) out.push({ text: text.slice(pos, s.start), level: null });
    out.push({ text: text.slice(s.start, s.end), level: s.level });
    pos = s.end;
  }
  if (pos < text.length || out.length === 0) out.push({ text: text.slice(pos), level: null });
  return out;
}
