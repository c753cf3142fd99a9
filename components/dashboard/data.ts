/** The dashboard's reads and writes: this browser's Dexie data, the imports database, study settings. */
import { browser } from 'wxt/browser';
import { openDb, type InboxTriageDb } from '@/lib/db/schema';
import { loadSettings } from '@/lib/activity/settings';
import { loadEnrollment, type Enrollment } from '@/lib/study/enrollment';
import { listImported, loadImportedData, openImportsDb, type ImportedData, type ImportedExportRecord, type ImportsDb } from '@/lib/export/imports-db';
import type { SourceData } from '@/lib/export/build';

let db: InboxTriageDb | null = null;
let imports: ImportsDb | null = null;
export const ownDb = () => (db ??= openDb());
export const importsDb = () => (imports ??= openImportsDb());

export async function loadOwnSource(): Promise<SourceData> {
  const d = ownDb();
  const settings = await loadSettings(browser.storage.local);
  const [events, stats, draftUses, triage] = await d.transaction('r', [d.activity, d.messageStats, d.draftUses, d.messageTriage], () =>
    Promise.all([d.activity.orderBy('start').toArray(), d.messageStats.toArray(), d.draftUses.toArray(), d.messageTriage.toArray()]),
  );
  return { schedule: settings.schedule, events, stats, draftUses, triage };
}

export const loadStudy = (): Promise<Enrollment | null> => loadEnrollment(browser.storage.local);
export async function loadImportedDatasets(): Promise<ImportedData[]> {
  const out = await loadImportedData(importsDb());
  performance.mark('dashboard:imports-loaded');
  return out;
}

export async function loadImportedList(): Promise<ImportedExportRecord[]> {
  const out = await listImported(importsDb());
  performance.mark('dashboard:list-loaded');
  return out;
}

export { downloadText as download } from '@/lib/util/download';
