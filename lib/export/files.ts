/**
 * An export as files: the NDJSON bundle (manifest line + rows; what the importer reads), one CSV
 * and one NDJSON file per table (papaparse for the CSV; for R / Stata / spreadsheets / jq) and
 * `manifest.json` listing every file with its row count and SHA-256.
 */
import Papa from 'papaparse';
import { bodyLines } from './build';
import { sha256Hex } from './deidentify';
import { CSV_COLUMNS, type ExportBundle, type RowType } from './schema';

export interface ExportFile {
  name: string;
  mime: string;
  text: string;
}

export function bundleToNdjson(b: ExportBundle): string {
  return JSON.stringify(b.manifest) + '\n' + bodyLines(b);
}

/** CSV of rows with fixed columns (null → empty cell). */
export function toCsv<T extends object>(rows: readonly T[], columns: readonly string[]): string {
  return Papa.unparse(
    { fields: [...columns], data: rows.map((r) => columns.map((c) => (r as Record<string, unknown>)[c] ?? '')) },
    { newline: '\n', escapeFormulae: true },
  );
}

export function baseName(b: ExportBundle): string {
  const day = new Date(b.manifest.exportedAt).toISOString().slice(0, 10);
  return `inbox-triage_${b.manifest.studyId}_${b.manifest.participantCode}_${day}`;
}

export async function exportFiles(b: ExportBundle): Promise<ExportFile[]> {
  const base = baseName(b);
  const tables: [RowType, readonly object[]][] = [
    ['event', b.events],
    ['message', b.messages],
    ['draft', b.drafts],
    ['day', b.days],
  ];
  const files: ExportFile[] = [{ name: `${base}.ndjson`, mime: 'application/x-ndjson', text: bundleToNdjson(b) }];
  const rowsOf: number[] = [1 + b.events.length + b.messages.length + b.drafts.length + b.days.length];
  for (const [type, rows] of tables) {
    files.push({ name: `${base}_${type}s.csv`, mime: 'text/csv', text: toCsv(rows, CSV_COLUMNS[type]) });
    rowsOf.push(rows.length);
  }
  // The same tables as NDJSON, one file each (the bundle above is what the importer reads).
  for (const [type, rows] of tables) {
    files.push({ name: `${base}_${type}s.ndjson`, mime: 'application/x-ndjson', text: rows.map((r) => JSON.stringify(r) + '\n').join('') });
    rowsOf.push(rows.length);
  }
  const listing = await Promise.all(files.map(async (f, i) => ({ name: f.name, rows: rowsOf[i]!, sha256: await sha256Hex(f.text) })));
  const { sha256: bundleSeal, ...rest } = b.manifest;
  files.push({ name: `${base}_manifest.json`, mime: 'application/json', text: JSON.stringify({ ...rest, bundleSeal, files: listing }, null, 2) + '\n' });
  return files;
}
