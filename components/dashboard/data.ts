/** The dashboard's reads and writes: this browser's Dexie data, the imports database, study settings. */
import { browser } from 'wxt/browser';
import { openDb, type InboxTriageDb } from '@/lib/db/schema';
import { loadSettings } from '@/lib/activity/settings';
import { loadEnrollment, type Enrollment } from '@/lib/study/enrollment';
import { loadImported, openImportsDb, type ImportsDb } from '@/lib/export/imports-db';
import type { SourceData } from '@/lib/export/build';
import type { ExportBundle } from '@/lib/export/schema';

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
export const loadImportedBundles = (): Promise<ExportBundle[]> => loadImported(importsDb());

export function download(name: string, text: string, mime: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
