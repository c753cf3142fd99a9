/**
 * Reading an export back (NDJSON bundle): every line is checked before anything is kept, and a
 * file is refused whole, with one clear reason, when it is not an export, is of another schema
 * version, was changed after export (checksum), is cut short or padded (counts), has a row that
 * does not match the schema, or repeats a row.
 */
import { z } from 'zod';
import { sha256Hex } from './deidentify';
import { DayRowV1, DraftRowV1, EventRowV1, EXPORT_KIND, EXPORT_SCHEMA_VERSION, ManifestV1, MessageRowV1, type ExportBundle } from './schema';

export type ParseResult = { ok: true; bundle: ExportBundle; sha256: string } | { ok: false; reason: string };

/** Files larger than this are refused before reading (a year of one clinician is a few MB). */
export const MAX_EXPORT_BYTES = 200 * 1024 * 1024;

function issue(e: z.ZodError): string {
  const i = e.issues[0]!;
  return `${i.path.join('.') || 'row'}: ${i.message}`;
}

export async function parseExport(text: string): Promise<ParseResult> {
  if (text.length > MAX_EXPORT_BYTES) return { ok: false, reason: 'file too large for an export' };
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const nl = text.indexOf('\n');
  if (nl < 0) return { ok: false, reason: 'not an Inbox Triage study export (no manifest line)' };
  let head: unknown;
  try {
    head = JSON.parse(text.slice(0, nl));
  } catch {
    return { ok: false, reason: 'not an Inbox Triage study export (line 1 is not JSON)' };
  }
  const h = head as Record<string, unknown> | null;
  if (!h || typeof h !== 'object' || h.type !== 'manifest' || h.kind !== EXPORT_KIND) return { ok: false, reason: 'not an Inbox Triage study export (line 1 is not its manifest)' };
  if (h.schemaVersion !== EXPORT_SCHEMA_VERSION) {
    return { ok: false, reason: `wrong version: schema version ${JSON.stringify(h.schemaVersion)} is not supported (this extension reads version ${EXPORT_SCHEMA_VERSION})` };
  }
  const m = ManifestV1.safeParse(head);
  if (!m.success) return { ok: false, reason: `damaged manifest: ${issue(m.error)}` };
  const manifest = m.data;
  const body = text.slice(nl + 1);
  const headLine = text.slice(0, nl);
  const field = `"sha256":"${manifest.sha256}"`;
  const sealed = headLine.split(field).length === 2 ? headLine.replace(field, '"sha256":""') : null;
  const sum = sealed === null ? '' : await sha256Hex(sealed + '\n' + body);
  if (sum !== manifest.sha256) return { ok: false, reason: 'checksum mismatch: the file was changed or damaged after export' };

  const bundle: ExportBundle = { manifest, events: [], messages: [], drafts: [], days: [] };
  const seen = { event: new Set<number>(), message: new Set<string>(), draft: new Set<number>(), day: new Set<string>() };
  const lines = body.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (let i = 0; i < lines.length; i++) {
    const at = `line ${i + 2}`;
    let raw: unknown;
    try {
      raw = JSON.parse(lines[i]!);
    } catch {
      return { ok: false, reason: `corrupt: ${at} is not JSON` };
    }
    const type = (raw as { type?: unknown } | null)?.type;
    if (type === 'event') {
      const r = EventRowV1.safeParse(raw);
      if (!r.success) return { ok: false, reason: `corrupt: ${at} (event) ${issue(r.error)}` };
      if (seen.event.has(r.data.eventId)) return { ok: false, reason: `duplicated rows: ${at} repeats event ${r.data.eventId}` };
      seen.event.add(r.data.eventId);
      bundle.events.push(r.data);
    } else if (type === 'message') {
      const r = MessageRowV1.safeParse(raw);
      if (!r.success) return { ok: false, reason: `corrupt: ${at} (message) ${issue(r.error)}` };
      if (seen.message.has(r.data.messageId)) return { ok: false, reason: `duplicated rows: ${at} repeats a message` };
      seen.message.add(r.data.messageId);
      bundle.messages.push(r.data);
    } else if (type === 'draft') {
      const r = DraftRowV1.safeParse(raw);
      if (!r.success) return { ok: false, reason: `corrupt: ${at} (draft) ${issue(r.error)}` };
      if (seen.draft.has(r.data.draftId)) return { ok: false, reason: `duplicated rows: ${at} repeats draft ${r.data.draftId}` };
      seen.draft.add(r.data.draftId);
      bundle.drafts.push(r.data);
    } else if (type === 'day') {
      const r = DayRowV1.safeParse(raw);
      if (!r.success) return { ok: false, reason: `corrupt: ${at} (day) ${issue(r.error)}` };
      if (seen.day.has(r.data.day)) return { ok: false, reason: `duplicated rows: ${at} repeats day ${r.data.day}` };
      seen.day.add(r.data.day);
      bundle.days.push(r.data);
    } else {
      return { ok: false, reason: `corrupt: ${at} has an unknown row type` };
    }
  }
  const c = manifest.counts;
  const got = { event: bundle.events.length, message: bundle.messages.length, draft: bundle.drafts.length, day: bundle.days.length };
  for (const k of ['event', 'message', 'draft', 'day'] as const) {
    if (got[k] !== c[k]) return { ok: false, reason: `counts do not match the manifest: ${got[k]} ${k} rows, manifest says ${c[k]}` };
  }
  for (const ev of bundle.events) {
    if (ev.start < manifest.range.from || ev.end > manifest.range.to) return { ok: false, reason: `corrupt: event ${ev.eventId} lies outside the export's range` };
  }
  return { ok: true, bundle, sha256: await sha256Hex(text) };
}
