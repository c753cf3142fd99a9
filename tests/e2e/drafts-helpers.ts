/** Helpers of the reply-draft end-to-end tests. */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import type { ExtensionBrowser } from '../../scripts/lib/browser';
import type { DraftUseRecord } from '../../lib/drafts/usage';

/** The `draftUses` rows, read in the service worker (the database is the extension's). */
export async function readDraftUses(browser: ExtensionBrowser): Promise<DraftUseRecord[]> {
  return browser.serviceWorker.evaluate(
    () =>
      new Promise<DraftUseRecord[]>((resolve, reject) => {
        const open = indexedDB.open('inbox-triage');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('draftUses')) {
            db.close();
            resolve([]);
            return;
          }
          const req = db.transaction('draftUses').objectStore('draftUses').getAll();
          req.onsuccess = () => {
            db.close();
            resolve(req.result as DraftUseRecord[]);
          };
          req.onerror = () => reject(req.error);
        };
      }),
  );
}

/** Wait until the side panel shows this message, triaged by the model (the rules' first answer is replaced). */
export async function waitForPanelMessage(panel: Page, id: string): Promise<void> {
  const card = panel.locator('[data-testid="panel-triage"]');
  await expect.poll(() => card.getAttribute('data-message-id'), { timeout: 20_000 }).toBe(id);
  // The model's result (it may change the level, and so the drafts) before choosing a draft.
  await expect.poll(() => card.getAttribute('data-source'), { timeout: 60_000 }).not.toBe('rules');
}
