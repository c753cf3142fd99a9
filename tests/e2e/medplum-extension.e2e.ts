/**
 * The built extension on Medplum's real ThreadInbox (tests/medplum-harness): a badge on
 * every thread row, the open thread's full-text triage in the side panel, React keeps
 * rendering with our nodes in its rows, and no request leaves this machine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startMedplumHarness, type MedplumHarness } from '../medplum-harness/server';
import { launchWithExtension, readBadges, waitForAllBadged, waitForModelBadges, type ExtensionBrowser } from '../../scripts/lib/browser';
import { MEDPLUM_SELECTORS as S } from '../../lib/adapters/medplum';

let harness: MedplumHarness;
let browser: ExtensionBrowser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  harness = await startMedplumHarness({ port: 0 });
  browser = await launchWithExtension();
  page = await browser.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${harness.origin}/Communication`);
});

afterAll(async () => {
  await browser?.close();
  await harness?.close();
});

describe('extension on the Medplum inbox', () => {
  it('badges every thread row (the list shows subjects only), from the model', async () => {
    const open = harness.threads.filter((t) => t.status === 'in-progress');
    await page.waitForFunction((n) => document.querySelectorAll('a[href^="/Communication/"]').length >= n, open.length);
    const t = await waitForAllBadged(page, S.rowItem);
    expect(t.rows).toBe(open.length);
    expect(await waitForModelBadges(page)).not.toBeNull();
    const badges = await readBadges(page);
    expect(Object.keys(badges).sort()).toEqual(open.map((th) => th.id).sort());
    // A subject that names a red flag is flagged from the row alone.
    expect(badges['mp-t01']).toBe('emergency'); // "Chest pressure this morning"
  });

  it('triages the open thread from its full text: an emergency under a "Refill request" subject', async () => {
    await page.click('a[href^="/Communication/mp-t06"]');
    await page.waitForFunction(() => document.querySelectorAll('[aria-label="Sender name"]').length >= 3);
    const panel = await browser.newPage();
    await panel.goto(`chrome-extension://${browser.extensionId}/sidepanel.html`);
    const card = panel.locator('[data-testid="panel-triage"]');
    await expect.poll(() => card.getAttribute('data-message-id'), { timeout: 20_000 }).toBe('mp-t06');
    await expect.poll(() => card.getAttribute('data-source'), { timeout: 30_000 }).not.toBe('rules');
    expect(await card.getAttribute('data-urgency')).toBe('emergency');
    await panel.close();
  });

  it('keeps every open thread labelled emergency at emergency once opened', async () => {
    const emergencies = harness.threads.filter((t) => t.status === 'in-progress' && t.urgency === 'emergency');
    const panel = await browser.newPage();
    await panel.goto(`chrome-extension://${browser.extensionId}/sidepanel.html`);
    const card = panel.locator('[data-testid="panel-triage"]');
    const missed: string[] = [];
    for (const th of emergencies) {
      await page.click(`a[href^="/Communication/${th.id}"]`);
      await expect.poll(() => card.getAttribute('data-message-id'), { timeout: 20_000 }).toBe(th.id);
      await expect.poll(() => card.getAttribute('data-source'), { timeout: 30_000 }).not.toBe('rules');
      if ((await card.getAttribute('data-urgency')) !== 'emergency') missed.push(th.id);
    }
    expect(missed).toEqual([]);
    await panel.close();
  });

  it('leaves Medplum working: no page errors, badges survive its re-renders', async () => {
    await page.goto(`${harness.origin}/Communication`);
    await waitForAllBadged(page, S.rowItem);
    expect(pageErrors).toEqual([]);
  });

  it('sent no request off this machine', () => {
    expect(browser.offMachine).toEqual([]);
  });
});
