/**
 * Imported participants' exports live in their own IndexedDB database (`inbox-triage-imports`),
 * never mixed with this browser's own data (lib/db/schema.ts). One record per export, its rows
 * stored by column (a year of a clinician loads in one read, fast).
 *
 * Import is all-or-nothing per file and atomic per batch: every chosen file is read and validated
 * (./validate.ts), checked against the others and against what is already imported, and only then
 * are the accepted ones written, together, in one transaction. A refused file leaves nothing behind.
 */
import Dexie, { type EntityTable } from 'dexie';
import { parseExport } from './validate';
import { CSV_COLUMNS, type DayRow, type DraftRow, type EventRow, type ExportBundle, type Manifest, type MessageRow, type RowType } from './schema';

export const IMPORTS_DB_NAME = 'inbox-triage-imports';

type Columns = Record<string, unknown[]>;

export interface ImportedExportRecord {
  exportId: string;
  studyId: string;
  participantCode: string;
  /** `${studyId}|${participantCode}` */
  participantKey: string;
  fileName: string;
  fileSha256: string;
  importedAt: number;
  manifest: Manifest;
  tables: Record<RowType, Columns>;
  counts: Record<RowType, number>;
}

export type ImportsDb = Dexie & { exports: EntityTable<ImportedExportRecord, 'exportId'> };

export function openImportsDb(name = IMPORTS_DB_NAME): ImportsDb {
  const db = new Dexie(name) as ImportsDb;
  db.version(1).stores({ exports: 'exportId, participantKey, studyId, fileSha256, importedAt' });
  return db;
}

const COLS: Record<RowType, readonly string[]> = {
  event: ['type', ...CSV_COLUMNS.event],
  message: ['type', ...CSV_COLUMNS.message],
  draft: ['type', ...CSV_COLUMNS.draft],
  day: ['type', ...CSV_COLUMNS.day],
};

function toColumns(rows: readonly object[], cols: readonly string[]): Columns {
  const out: Columns = {};
  for (const c of cols) out[c] = rows.map((r) => (r as Record<string, unknown>)[c]);
  return out;
}

function fromColumns<T>(c: Columns, cols: readonly string[], n: number): T[] {
  const out: T[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const r: Record<string, unknown> = {};
    for (const k of cols) r[k] = c[k]![i];
    out[i] = r as T;
  }
  return out;
}

export function recordToBundle(r: ImportedExportRecord): ExportBundle {
  return {
    manifest: r.manifest,
    events: fromColumns<EventRow>(r.tables.event, COLS.event, r.counts.event),
    messages: fromColumns<MessageRow>(r.tables.message, COLS.message, r.counts.message),
    drafts: fromColumns<DraftRow>(r.tables.draft, COLS.draft, r.counts.draft),
    days: fromColumns<DayRow>(r.tables.day, COLS.day, r.counts.day),
  };
}

export interface ImportFile {
  name: string;
  text: string;
}

export interface ImportOutcome {
  imported: { name: string; exportId: string; studyId: string; participantCode: string; counts: Record<RowType, number> }[];
  refused: { name: string; reason: string }[];
}

const overlaps = (a: Manifest['range'], b: Manifest['range']) => a.from < b.to && b.from < a.to;

export async function importExports(db: ImportsDb, files: readonly ImportFile[], now = Date.now()): Promise<ImportOutcome> {
  const refused: ImportOutcome['refused'] = [];
  const accepted: ImportedExportRecord[] = [];
  const existing = await db.exports.toArray();
  const known = existing.map((r) => ({ exportId: r.exportId, sha: r.fileSha256, key: r.participantKey, range: r.manifest.range, name: r.fileName }));

  for (const f of files) {
    const p = await parseExport(f.text);
    if (!p.ok) {
      refused.push({ name: f.name, reason: p.reason });
      continue;
    }
    const m = p.bundle.manifest;
    const key = `${m.studyId}|${m.participantCode}`;
    const batchDup = accepted.find((a) => a.exportId === m.exportId || a.fileSha256 === p.sha256);
    if (batchDup) {
      refused.push({ name: f.name, reason: `duplicated: the same export as ${batchDup.fileName} in this batch` });
      continue;
    }
    const dup = known.find((k) => k.exportId === m.exportId || k.sha === p.sha256);
    if (dup) {
      refused.push({ name: f.name, reason: `duplicated: this export is already imported (${dup.name})` });
      continue;
    }
    const clash = [...known, ...accepted.map((a) => ({ key: a.participantKey, range: a.manifest.range, name: a.fileName }))].find((k) => k.key === key && overlaps(k.range, m.range));
    if (clash) {
      refused.push({ name: f.name, reason: `duplicated: participant ${m.participantCode} of study ${m.studyId} already has data for these dates (${clash.name})` });
      continue;
    }
    const b = p.bundle;
    accepted.push({
      exportId: m.exportId,
      studyId: m.studyId,
      participantCode: m.participantCode,
      participantKey: key,
      fileName: f.name,
      fileSha256: p.sha256,
      importedAt: now,
      manifest: m,
      tables: { event: toColumns(b.events, COLS.event), message: toColumns(b.messages, COLS.message), draft: toColumns(b.drafts, COLS.draft), day: toColumns(b.days, COLS.day) },
      counts: { event: b.events.length, message: b.messages.length, draft: b.drafts.length, day: b.days.length },
    });
  }

  if (accepted.length) {
    await db.transaction('rw', db.exports, async () => {
      // Another page may have imported meanwhile: check again inside the transaction.
      for (const a of accepted) {
        if ((await db.exports.get(a.exportId)) || (await db.exports.where('fileSha256').equals(a.fileSha256).count())) {
          throw new Error(`duplicated: ${a.fileName} was imported meanwhile; nothing was imported, try again`);
        }
      }
      await db.exports.bulkAdd(accepted);
    });
  }
  return {
    imported: accepted.map((a) => ({ name: a.fileName, exportId: a.exportId, studyId: a.studyId, participantCode: a.participantCode, counts: a.counts })),
    refused,
  };
}

/** Every imported export, as bundles. */
export async function loadImported(db: ImportsDb): Promise<ExportBundle[]> {
  const all = await db.exports.orderBy('importedAt').toArray();
  return all.map(recordToBundle).sort((a, b) => a.manifest.participantCode.localeCompare(b.manifest.participantCode) || a.manifest.range.from - b.manifest.range.from);
}

export async function removeImported(db: ImportsDb, exportId: string): Promise<void> {
  await db.exports.delete(exportId);
}
