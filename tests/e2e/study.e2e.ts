/**
 * Pilot study end to end (issue 7), in two browser profiles with the built extension:
 *  A. a participant enrolls (consent supplied by the study, randomised arm with a recorded seed),
 *     a week of inbox data is recorded (seeded into the extension's own database under a fake
 *     page clock: the week happens after consent), the dashboard shows it, and it is exported;
 *  B. another profile imports that export with two other participants' exports, refuses a
 *     tampered and a wrong-version file with their reasons (nothing of them imported), and its
 *     dashboard shows the same numbers for the participant as profile A did.
 */
import { formatMs } from '../../lib/util/duration';
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchWithExtension, type ExtensionBrowser } from '../../scripts/lib/browser';
import { CONSENT_TEXT, NY_SCHEDULE, STUDY_ID, STUDY_SALT, participantExport, participantSource } from '../../scripts/lib/study-fixtures';
import { addDayKey, dayKey, dayRange, weekRange } from '../../lib/metrics/time';
import { enroll, randomArm, STUDY_KEY } from '../../lib/study/enrollment';
import { startDemoInbox } from '../demo-inbox/server';
import { DEMO_SELECTORS } from '../../lib/adapters/demo';
import { waitForAllBadged } from '../../scripts/lib/browser';

const TZ = NY_SCHEDULE.timeZone;
const monday = weekRange(addDayKey(dayKey(Date.now(), TZ), -14), TZ).days[0]!;
const from = monday;
const to = addDayKey(monday, 6);
const T0 = dayRange(monday, TZ).start - 3600_000; // consent: the evening before the week
const T1 = dayRange(addDayKey(to, 1), TZ).start + 9 * 3600_000; // export: the Monday after
const SEED = 'e2e-seed-7';
const ARM = randomArm(['ai', 'control'], SEED, STUDY_ID, 'P-101');
const TILES = ['inbox-time', 'in-hours', 'after-hours', 'messages', 'per-message', 'per-8h', 'draft-share', 'edit-ratio', 'turnaround', 'cpt'];
const dir = mkdtempSync(join(tmpdir(), 'study-e2e-'));
const browsers: ExtensionBrowser[] = [];

afterAll(async () => {
  for (const b of browsers) await b.close();
});

async function readTiles(page: Page): Promise<Record<string, string>> {
  await page.waitForSelector('html[data-ready="true"] .report', { timeout: 30_000 });
  const out: Record<string, string> = {};
  for (const t of TILES) out[t] = (await page.locator(`[data-tile="${t}"]`).innerText()).replace(/\s+/g, ' ').trim();
  return out;
}

const dashboardUrl = (b: ExtensionBrowser, q: string) => `chrome-extension://${b.extensionId}/dashboard.html?period=custom&from=${from}&to=${to}${q}#dashboard`;

let tilesA: Record<string, string> = {};
let exportText = '';

describe('pilot study: enroll, record a week, export, import elsewhere, same numbers', () => {
  it('profile A: enrolls with consent and a seeded arm, records a week, shows and exports it', async () => {
    const a = await launchWithExtension();
    browsers.push(a);
    const page = await a.newPage();
    await page.clock.setFixedTime(T0);
    await page.goto(`chrome-extension://${a.extensionId}/dashboard.html#study`);
    await page.evaluate(
      (s) => (globalThis as unknown as { chrome: { storage: { local: { set(i: object): Promise<void> } } } }).chrome.storage.local.set({ activitySettings: s }),
      { idleWindowSec: 60, schedule: NY_SCHEDULE },
    );

    await page.fill('input[name=studyId]', STUDY_ID);
    // A name is refused as participant code.
    await page.fill('input[name=participantCode]', 'Jane Smith');
    await page.fill('input[name=salt]', STUDY_SALT);
    await page.fill('textarea[name=consentText]', CONSENT_TEXT);
    await page.fill('input[name=seed]', SEED);
    await page.click('text=Continue to consent');
    await expect.poll(() => page.locator('[role=alert]').innerText()).toMatch(/participant code/);
    await page.fill('input[name=participantCode]', 'P-101');
    await page.click('text=Continue to consent');
    await expect.poll(() => page.locator('[data-consent-text]').innerText()).toContain('never records message text');
    expect(await page.locator('button:has-text("Accept and enroll")').isDisabled()).toBe(true);
    await page.check('input[name=accept]');
    await page.click('button:has-text("Accept and enroll")');
    await page.waitForSelector('[data-enrolled="P-101"]');
    expect(await page.locator('[data-arm]').getAttribute('data-arm')).toBe(ARM);
    expect(await page.locator('[data-arm]').innerText()).toContain(SEED);

    // The week after consent, recorded into the extension's own database.
    const src = participantSource({ code: 'P-101', arm: ARM, from, days: 7 });
    expect(src.events.every((e) => e.start > T0 && e.end < T1)).toBe(true);
    await page.evaluate(
      (data) =>
        new Promise<void>((resolve, reject) => {
          const req = indexedDB.open('inbox-triage');
          req.onerror = () => reject(req.error);
          req.onsuccess = () => {
            const db = req.result;
            const tx = db.transaction(['activity', 'messageStats', 'draftUses', 'messageTriage'], 'readwrite');
            for (const r of data.events) tx.objectStore('activity').put(r);
            for (const r of data.stats) tx.objectStore('messageStats').put(r);
            for (const r of data.draftUses) tx.objectStore('draftUses').put(r);
            for (const r of data.triage) tx.objectStore('messageTriage').put(r);
            tx.oncomplete = () => (db.close(), resolve());
            tx.onerror = () => reject(tx.error);
          };
        }),
      { events: src.events, stats: src.stats, draftUses: src.draftUses.map((d, i) => ({ ...d, id: i + 1 })), triage: src.triage },
    );

    await page.clock.setFixedTime(T1);
    await page.goto(dashboardUrl(a, ''));
    tilesA = await readTiles(page);
    expect(tilesA['inbox-time']).toMatch(/\d/);
    expect(tilesA.messages).toMatch(new RegExp(`^Messages handled ${src.stats.length}$`));
    // Tables have CSV buttons and the charts are drawn.
    expect(await page.locator('[data-table="inbox-time-per-day"] tbody tr').count()).toBe(7);
    expect(await page.locator('.recharts-surface').count()).toBeGreaterThanOrEqual(5);

    await page.click('a[href="#study"]');
    await page.click('button:has-text("Export")');
    await page.waitForSelector('[data-export-done]');
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('a[data-file=bundle]')]);
    exportText = readFileSync((await dl.path())!, 'utf8');
    const manifest = JSON.parse(exportText.split('\n')[0]!);
    expect(manifest).toMatchObject({ kind: 'inbox-triage-study-export', schemaVersion: 1, studyId: STUDY_ID, participantCode: 'P-101', counts: { event: src.events.length, message: src.stats.length } });
    expect(manifest.assignment).toMatchObject({ method: 'randomized', arm: ARM, seed: SEED });
    // De-identified: none of the local keys, no patient keys.
    expect(exportText).not.toContain('P-101-patient');
    expect(exportText).not.toContain('demo:P-101-m');

    // The popup: the day's inbox time (the last day of the week, under the page clock) and a link to the dashboard.
    await page.clock.setFixedTime(dayRange(to, TZ).start + 22 * 3600_000);
    await page.goto(`chrome-extension://${a.extensionId}/popup.html`);
    await page.waitForSelector('main[data-ready="true"]');
    expect(await page.locator('a', { hasText: 'Burden dashboard' }).getAttribute('href')).toContain('/dashboard.html');
    // The same format as the side panel's Inbox time (lib/util/duration).
    const todayMs = Number(await page.locator('[data-today-ms]').getAttribute('data-today-ms'));
    expect(await page.locator('[data-today-ms]').innerText()).toBe(formatMs(todayMs));
    await page.screenshot({ path: join(dir, 'popup.png') });
    expect(a.offMachine).toEqual([]);
  });

  it('profile B: imports several exports, refuses bad files with reasons, shows the same numbers', async () => {
    expect(exportText).not.toBe('');
    const files = {
      'P-101.ndjson': exportText,
      'P-102.ndjson': await participantExport({ code: 'P-102', arm: 'ai', from, days: 7 }, '00000000-0000-4000-8000-000000000102'),
      'P-103.ndjson': await participantExport({ code: 'P-103', arm: 'control', from, days: 7 }, '00000000-0000-4000-8000-000000000103'),
    };
    const bad = {
      'tampered.ndjson': files['P-102.ndjson'].replace(/"readMs":(\d)/, '"readMs":9$1'),
      'future-version.ndjson': files['P-103.ndjson'].replace('"schemaVersion":1', '"schemaVersion":2'),
    };
    const paths = Object.entries({ ...files, ...bad }).map(([name, text]) => {
      const p = join(dir, name);
      writeFileSync(p, text);
      return p;
    });

    const b = await launchWithExtension();
    browsers.push(b);
    const page = await b.newPage();
    await page.goto(`chrome-extension://${b.extensionId}/dashboard.html#study`);
    await page.setInputFiles('input[name=imports]', paths);
    await page.waitForSelector('[data-import-outcome]');
    const outcome = await page.locator('[data-import-outcome]').innerText();
    expect(outcome).toMatch(/Imported 3 files/);
    expect(await page.locator('[data-refused="tampered.ndjson"]').innerText()).toMatch(/checksum mismatch/);
    expect(await page.locator('[data-refused="future-version.ndjson"]').innerText()).toMatch(/wrong version/);
    await expect.poll(() => page.locator('[data-imported]').count()).toBe(3);

    // Importing the same export again is refused as a duplicate.
    await page.setInputFiles('input[name=imports]', [paths[0]!]);
    await expect.poll(() => page.locator('[data-refused="P-101.ndjson"]').innerText()).toMatch(/duplicated/);

    // Imported data opens on the whole study.
    await page.goto(`chrome-extension://${b.extensionId}/dashboard.html?source=imported#dashboard`);
    await page.waitForSelector('html[data-ready="true"] .report');
    expect(await page.locator('select[name=period]').inputValue()).toBe('study');
    expect(await page.locator('[data-table="clinicians"] tbody tr').count()).toBe(3);

    await page.goto(dashboardUrl(b, '&source=imported'));
    await page.waitForSelector('html[data-ready="true"] .report');
    expect(await page.locator('[data-table="clinicians"] tbody tr').count()).toBe(3);
    expect(await page.locator('[data-table="arms"] tbody tr').count()).toBe(2);
    const id = await page.locator('select[name=participant] option', { hasText: 'P-101' }).getAttribute('value');
    await page.selectOption('select[name=participant]', id!);
    const tilesB = await readTiles(page);
    expect(tilesB).toEqual(tilesA);
    expect(await page.locator('[data-table="inbox-time-per-day"] tbody tr').count()).toBe(7);
    if (process.env.STUDY_E2E_SCREENSHOTS) await page.screenshot({ path: process.env.STUDY_E2E_SCREENSHOTS, fullPage: true });
    // The printed report is one page (A4).
    await page.emulateMedia({ media: 'print' });
    const pdf = (await page.pdf({ format: 'A4', printBackground: true })).toString('latin1');
    if (process.env.STUDY_E2E_SCREENSHOTS) {
      writeFileSync(process.env.STUDY_E2E_SCREENSHOTS.replace(/\.png$/, '.pdf'), pdf, 'latin1');
      await page.setViewportSize({ width: 718, height: 1050 });
      await page.screenshot({ path: process.env.STUDY_E2E_SCREENSHOTS.replace(/\.png$/, '-print.png'), fullPage: true });
    }
    expect(pdf.match(/\/Type\s*\/Page(?!s)/g)?.length).toBe(1);
    await page.emulateMedia({ media: 'screen' });
    expect(b.offMachine).toEqual([]);
  });

  it('retention: deleting everything asks for confirmation, then removes every import', async () => {
    const b = browsers[1]!;
    const page = await b.newPage();
    await page.goto(`chrome-extension://${b.extensionId}/dashboard.html#study`);
    await expect.poll(() => page.locator('[data-imported]').count()).toBe(3);
    await page.click('button:has-text("Delete everything…")');
    const confirm = page.locator('[role=alertdialog] button:has-text("Delete everything")');
    expect(await confirm.isDisabled()).toBe(true);
    await page.fill('input[name=confirmDelete]', 'DELETE');
    await confirm.click();
    await page.waitForSelector('[data-retention-done]');
    await expect.poll(() => page.locator('[data-imported]').count()).toBe(0);
  });

  it('control arm: the demo inbox shows no badge, queue or side-panel triage, and they come back after withdrawal', async () => {
    const b = browsers[1]!;
    const inbox = await startDemoInbox({ port: 0 });
    try {
      const ext = await b.newPage();
      await ext.goto(`chrome-extension://${b.extensionId}/dashboard.html#study`);
      const e = await enroll({ studyId: STUDY_ID, participantCode: 'P-201', consentText: CONSENT_TEXT, salt: STUDY_SALT, method: 'fixed', arm: 'control' }, Date.now() - 60_000, () => 's');
      const setStudy = (v: unknown) =>
        ext.evaluate(([k, val]) => (globalThis as unknown as { chrome: { storage: { local: { set(i: object): Promise<void> } } } }).chrome.storage.local.set({ [k as string]: val }), [STUDY_KEY, v] as const);
      await setStudy(e);
      const page = await b.newPage();
      await page.goto(inbox.url);
      await page.waitForSelector(DEMO_SELECTORS.row);
      await page.waitForSelector('[data-ehr-triage-status]', { state: 'attached' });
      await page.waitForTimeout(1500);
      expect(await page.locator('[data-ehr-triage-badge]').count()).toBe(0);
      expect(await page.locator('[data-ehr-triage-status]').evaluate((el) => getComputedStyle(el).display)).toBe('none');
      const panel = await b.newPage();
      await panel.goto(`chrome-extension://${b.extensionId}/sidepanel.html`);
      await panel.waitForSelector('[data-testid="panel-control-arm"]');
      // Withdrawal: everything is back on the same page, without a reload.
      await setStudy({ ...e, withdrawnAt: Date.now() - 1000 });
      const t = await waitForAllBadged(page, DEMO_SELECTORS.row);
      expect(t.rows).toBeGreaterThan(0);
      await panel.waitForSelector('[data-testid="panel-control-arm"]', { state: 'detached' });
      expect(b.offMachine).toEqual([]);
    } finally {
      await inbox.close();
    }
  });
});
