/**
 * Reply drafts end to end on Medplum's real ThreadInbox (React-controlled one-line input):
 * settings from the options' storage (clinician, phone), pick a draft, insert it, React sees the
 * value, send with Medplum's own button, the new message appears, and the use is recorded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startMedplumHarness, type MedplumHarness } from '../medplum-harness/server';
import { launchWithExtension, waitForAllBadged, type ExtensionBrowser } from '../../scripts/lib/browser';
import { MEDPLUM_SELECTORS as S } from '../../lib/adapters/medplum';
import { readDraftUses, waitForPanelMessage } from './drafts-helpers';

let harness: MedplumHarness;
let browser: ExtensionBrowser;
let page: Page;
let panel: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  harness = await startMedplumHarness({ port: 0 });
  browser = await launchWithExtension();
  // The clinician's draft settings, as the options page saves them.
  await browser.serviceWorker.evaluate(() =>
    (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }).chrome.storage.local.set({
      'drafts:settings': { clinicianName: 'Dr. Avery Chen', clinicPhone: '(555) 010-0200', tone: 'brief' },
    }),
  );
  page = await browser.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${harness.origin}/Communication`);
  await page.waitForFunction(() => document.querySelectorAll('a[href^="/Communication/"]').length > 5);
  await waitForAllBadged(page, S.rowItem);
  panel = await browser.newPage();
  await panel.goto(`chrome-extension://${browser.extensionId}/sidepanel.html`);
  await page.bringToFront();
});

afterAll(async () => {
  await browser?.close();
  await harness?.close();
});

describe('reply drafts on the Medplum inbox', () => {
  it('lisinopril refill: insert into the React input, send with Medplum’s button, the use is recorded', async () => {
    await page.click('a[href^="/Communication/mp-t20"]');
    await page.waitForFunction(() => document.querySelectorAll('[aria-label="Sender name"]').length >= 1);
    await waitForPanelMessage(panel, 'mp-t20');
    await expect.poll(() => panel.locator('[data-testid="draft-option"]').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    // The template by its shortcut (the ranking depends on the model, which the unit tests cover with injected outputs).
    await panel.fill('[data-testid="template-picker"]', '/refill');
    await expect.poll(() => panel.getAttribute('[data-testid="draft-option"][aria-pressed="true"]', 'data-template-id')).toBe('med-refill-sent');
    const text = await panel.locator('[data-testid="draft-text"]').inputValue();
    expect(text).toContain('I sent a refill of lisinopril 20 mg to your pharmacy.');
    expect(text).toContain('Dr. Avery Chen');
    expect(await panel.isDisabled('[data-testid="draft-insert"]')).toBe(false);

    const before = await page.locator(S.senderName).count();
    await panel.click('[data-testid="draft-insert"]');
    await expect.poll(() => panel.getAttribute('[data-testid="draft-status"]', 'data-kind'), { timeout: 10_000 }).toBe('ok');
    const oneLine = text.replace(/\s*\n+\s*/g, ' ').trim();
    expect(await page.inputValue(S.replyBox)).toBe(oneLine);

    // The clinician adds a word in Medplum's own box (React keeps the value) and sends with its button.
    await page.focus(S.replyBox);
    await page.keyboard.press('End');
    await page.keyboard.type(' Thank you.');
    await page.click(S.sendButton);
    await page.waitForFunction((n) => document.querySelectorAll('[aria-label="Sender name"]').length > n, before, { timeout: 15_000 });
    await expect.poll(() => page.inputValue(S.replyBox)).toBe('');

    await expect.poll(async () => (await readDraftUses(browser)).filter((r) => r.sentAt !== null).length, { timeout: 15_000 }).toBe(1);
    const r = (await readDraftUses(browser)).find((x) => x.sentAt !== null)!;
    expect(r).toMatchObject({ adapterId: 'medplum', insertedTemplateId: 'med-refill-sent', lang: 'en', studyMode: false });
    expect(r.messageKey).toMatch(/^medplum:/);
    expect(r.editRatio).toBeGreaterThan(0);
    expect(r.editRatio).toBeLessThan(0.2);
    expect(r.openToSendMs).toBeGreaterThan(0);
    expect(JSON.stringify(r)).not.toContain('lisinopril');
    expect(pageErrors).toEqual([]);
  });

  it('the suicidal-intent thread: 988 safety reply first, phone-now prompt', async () => {
    await page.click('a[href^="/Communication/mp-t04"]');
    await waitForPanelMessage(panel, 'mp-t04');
    await panel.waitForSelector('[data-testid="drafts-call-now"]', { timeout: 30_000 });
    await expect.poll(() => panel.getAttribute('[data-testid="draft-option"]', 'data-template-id'), { timeout: 30_000 }).toBe('safety-988');
    expect(await panel.locator('[data-testid="draft-text"]').inputValue()).toContain('call or text 988');
  });

  it('sent no request off this machine', () => {
    expect(browser.offMachine).toEqual([]);
  });
});
