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
import { bundleToSource, sourceFromRows, type SourceData } from './build';
import { exportAggregates, type ExportAggregates } from '../dashboard/model';
import type { ActivityEventRecord, ActivityKind } from '../db/schema';
import { CSV_COLUMNS, type DayRow, type DraftRow, type EventRow, type ExportBundle, type Manifest, type MessageRow, type RowType } from './schema';

export const IMPORTS_DB_NAME = 'inbox-triage-imports';

/**
 * A table stored by column: numbers (null as NaN) in Float64Arrays, everything else as codes into
 * a small dictionary (ids, days, levels). Typed arrays clone as plain memory, so a study's worth of
 * exports loads in a fraction of the time rows of objects take.
 */
export interface PackedTable {
  n: number;
  num: Record<string, Float64Array>;
  codes: Record<string, Uint32Array>;
  dict: Record<string, unknown[]>;
}

/** What is listed about an import (small; the rows are in `rows`). */
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
  counts: Record<RowType, number>;
  /** The export's day rows (small) and its whole-range measures, computed once here. */
  days: DayRow[];
  aggregates: ExportAggregates;
}

export interface ImportedTablesRecord {
  exportId: string;
  tables: Record<RowType, PackedTable>;
}

export type ImportsDb = Dexie & {
  imports: EntityTable<ImportedExportRecord, 'exportId'>;
  rows: EntityTable<ImportedTablesRecord, 'exportId'>;
};

export function openImportsDb(name = IMPORTS_DB_NAME): ImportsDb {
  const db = new Dexie(name) as ImportsDb;
  db.version(1).stores({ exports: 'exportId, participantKey, studyId, fileSha256, importedAt' });
  // v2: listing and rows apart, rows packed by column (v1 was never released: its store is dropped).
  db.version(2).stores({ exports: null, imports: 'exportId, participantKey, studyId, fileSha256, importedAt', rows: 'exportId' });
  return db;
}

const COLS: Record<RowType, readonly string[]> = {
  event: CSV_COLUMNS.event,
  message: CSV_COLUMNS.message,
  draft: CSV_COLUMNS.draft,
  day: CSV_COLUMNS.day,
};

export function packRows(rows: readonly object[], cols: readonly string[]): PackedTable {
  const n = rows.length;
  const t: PackedTable = { n, num: {}, codes: {}, dict: {} };
  for (const c of cols) {
    const vals = rows.map((r) => (r as Record<string, unknown>)[c]);
    if (vals.every((v) => v === null || (typeof v === 'number' && !Number.isNaN(v)))) {
      const a = new Float64Array(n);
      for (let i = 0; i < n; i++) a[i] = vals[i] === null ? NaN : (vals[i] as number);
      t.num[c] = a;
    } else {
      const dict: unknown[] = [];
      const index = new Map<unknown, number>();
      const a = new Uint32Array(n);
      for (let i = 0; i < n; i++) {
        let k = index.get(vals[i]);
        if (k === undefined) {
          k = dict.length;
          dict.push(vals[i]);
          index.set(vals[i], k);
        }
        a[i] = k;
      }
      t.codes[c] = a;
      t.dict[c] = dict;
    }
  }
  return t;
}

/** One column as values (null restored). */
export function column(t: PackedTable, c: string): (i: number) => unknown {
  const num = t.num[c];
  if (num) return (i) => (Number.isNaN(num[i]!) ? null : num[i]);
  const codes = t.codes[c]!;
  const dict = t.dict[c]!;
  return (i) => dict[codes[i]!];
}

export function unpackRows<T>(t: PackedTable, type: RowType, cols: readonly string[]): T[] {
  const getters = cols.map((c) => [c, column(t, c)] as const);
  const out: T[] = new Array(t.n);
  for (let i = 0; i < t.n; i++) {
    const r: Record<string, unknown> = { type };
    for (const [c, g] of getters) r[c] = g(i);
    out[i] = r as T;
  }
  return out;
}

export function tablesToBundle(manifest: Manifest, t: Record<RowType, PackedTable>): ExportBundle {
  return {
    manifest,
    events: unpackRows<EventRow>(t.event, 'event', COLS.event),
    messages: unpackRows<MessageRow>(t.message, 'message', COLS.message),
    drafts: unpackRows<DraftRow>(t.draft, 'draft', COLS.draft),
    days: unpackRows<DayRow>(t.day, 'day', COLS.day),
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
  const accepted: (ImportedExportRecord & { tables: Record<RowType, PackedTable> })[] = [];
  const existing = await db.imports.toArray();
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
      tables: { event: packRows(b.events, COLS.event), message: packRows(b.messages, COLS.message), draft: packRows(b.drafts, COLS.draft), day: packRows(b.days, COLS.day) },
      counts: { event: b.events.length, message: b.messages.length, draft: b.drafts.length, day: b.days.length },
      days: b.days,
      aggregates: exportAggregates({ manifest: m, days: b.days, source: bundleToSource(b) }),
    });
  }

  if (accepted.length) {
    await db.transaction('rw', [db.imports, db.rows], async () => {
      // Another page may have imported meanwhile: check again inside the transaction.
      for (const a of accepted) {
        if ((await db.imports.get(a.exportId)) || (await db.imports.where('fileSha256').equals(a.fileSha256).count())) {
          throw new Error(`duplicated: ${a.fileName} was imported meanwhile; nothing was imported, try again`);
        }
      }
      await db.imports.bulkAdd(accepted.map(({ tables: _t, ...meta }) => meta));
      await db.rows.bulkAdd(accepted.map((a) => ({ exportId: a.exportId, tables: a.tables })));
    });
  }
  return {
    imported: accepted.map((a) => ({ name: a.fileName, exportId: a.exportId, studyId: a.studyId, participantCode: a.participantCode, counts: a.counts })),
    refused,
  };
}

const byParticipant = (a: { manifest: Manifest }, b: { manifest: Manifest }) =>
  a.manifest.participantCode.localeCompare(b.manifest.participantCode) || a.manifest.range.from - b.manifest.range.from;

/** What is imported (no rows). */
export async function listImported(db: ImportsDb): Promise<ImportedExportRecord[]> {
  return (await db.imports.toArray()).sort(byParticipant);
}

/** Every imported export, as bundles. */
export async function loadImported(db: ImportsDb): Promise<ExportBundle[]> {
  const [metas, tables] = await db.transaction('r', [db.imports, db.rows], () => Promise.all([db.imports.toArray(), db.rows.toArray()]));
  const t = new Map(tables.map((x) => [x.exportId, x.tables]));
  return metas.sort(byParticipant).flatMap((m) => {
    const tb = t.get(m.exportId);
    return tb ? [tablesToBundle(m.manifest, tb)] : [];
  });
}

export async function removeImported(db: ImportsDb, exportId: string): Promise<void> {
  await db.transaction('rw', [db.imports, db.rows], async () => {
    await db.imports.delete(exportId);
    await db.rows.delete(exportId);
  });
}

export async function clearImported(db: ImportsDb): Promise<void> {
  await db.transaction('rw', [db.imports, db.rows], async () => {
    await db.imports.clear();
    await db.rows.clear();
  });
}

/** An imported export ready for the measures: its manifest, day rows and the measures' input. */
export interface ImportedData {
  manifest: Manifest;
  days: DayRow[];
  source: SourceData;
}

/** Events straight from their columns into the measures' records (the bulk of the data: one pass). */
function eventsFromTable(t: PackedTable): ActivityEventRecord[] {
  const id = column(t, 'eventId');
  const start = t.num.start!;
  const end = t.num.end!;
  const kind = column(t, 'kind');
  const adapter = column(t, 'adapter');
  const msg = column(t, 'messageId');
  const pat = column(t, 'patientId');
  const out: ActivityEventRecord[] = new Array(t.n);
  for (let i = 0; i < t.n; i++) {
    out[i] = { id: id(i) as number, start: start[i]!, end: end[i]!, kind: kind(i) as ActivityKind, adapterId: adapter(i) as string, messageKey: msg(i) as string, patientKey: pat(i) as string, tabId: 0 };
  }
  return out;
}

/** Every imported export, ready for the dashboard. */
export async function loadImportedData(db: ImportsDb): Promise<ImportedData[]> {
  const [metas, tables] = await db.transaction('r', [db.imports, db.rows], () => Promise.all([db.imports.toArray(), db.rows.toArray()]));
  const t = new Map(tables.map((x) => [x.exportId, x.tables]));
  return metas.sort(byParticipant).flatMap((m) => {
    const tb = t.get(m.exportId);
    if (!tb) return [];
    const messages = unpackRows<MessageRow>(tb.message, 'message', COLS.message);
    const drafts = unpackRows<DraftRow>(tb.draft, 'draft', COLS.draft);
    return [{ manifest: m.manifest, days: unpackRows<DayRow>(tb.day, 'day', COLS.day), source: sourceFromRows(m.manifest, eventsFromTable(tb.event), messages, drafts) }];
  });
}
