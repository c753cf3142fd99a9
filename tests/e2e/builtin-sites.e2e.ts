/**
 * The options page's "Your EHR's own server": a bad address is refused with a reason; an
 * address is saved (storage and list), listed as running when access is there, and removed.
 * And on an OpenEMR served at a local address, the built-in adapter runs with no config.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { browser as WxtBrowser } from 'wxt/browser';
import { launchWithExtension, waitForAllBadged, type ExtensionBrowser } from '../../scripts/lib/browser';
import { OPENEMR_PATHS, startOpenEmrFixtures, type OpenEmrFixtureServer } from '../fixtures/openemr/server';
import { OPENEMR_MESSAGES_SELECTORS } from '../../lib/adapters/openemr';

declare const chrome: typeof WxtBrowser;

let browser: ExtensionBrowser;
let ehr: OpenEmrFixtureServer;
let options: Page;

const stored = () =>
  options.evaluate(async () => (await chrome.storage.local.get('builtInSites')).builtInSites ?? null);

beforeAll(async () => {
  ehr = await startOpenEmrFixtures();
  browser = await launchWithExtension();
  options = await browser.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await options.waitForSelector('[data-testid="builtin-sites"]');
});

afterAll(async () => {
  await browser?.close();
  await ehr?.close();
});

describe("options: your EHR's own server", () => {
  it('refuses an address that is not one web site, with the reason, and saves nothing', async () => {
    await options.fill('[data-testid="site-address"]', 'ftp://emr.example.org');
    await options.click('[data-testid="site-add"]');
    await expect.poll(() => options.getAttribute('[data-testid="site-notice"]', 'data-kind'), { timeout: 10_000 }).toBe('error');
    expect(await options.textContent('[data-testid="site-notice"]')).toMatch(/Only http and https/);
    expect(await stored()).toBeNull();
  });

  it('adds an OpenEMR address as its whole site, lists it as running, and removes it', async () => {
    await options.selectOption('[data-testid="site-ehr"]', 'openemr');
    await options.fill('[data-testid="site-address"]', `${ehr.origin}/openemr/interface/main/messages/messages.php`);
    await options.click('[data-testid="site-add"]');
    await expect.poll(() => options.getAttribute('[data-testid="site-notice"]', 'data-kind'), { timeout: 10_000 }).toBe('ok');
    expect(await stored()).toEqual([{ ehr: 'openemr', urlPatterns: [`${ehr.origin}/*`] }]);
    const item = options.locator('[data-testid="site"]');
    await expect.poll(() => item.count(), { timeout: 10_000 }).toBe(1);
    expect(await item.textContent()).toMatch(/runs there/);
    // The OpenEMR inbox at that address is badged by the built-in adapter, with no adapter config.
    const page = await browser.newPage();
    await page.goto(`${ehr.origin}${OPENEMR_PATHS.messages}`);
    expect((await waitForAllBadged(page, OPENEMR_MESSAGES_SELECTORS.row)).rows).toBe(5);
    await page.close();
    await item.getByRole('button', { name: /Remove/ }).click();
    await expect.poll(() => item.count(), { timeout: 10_000 }).toBe(0);
    expect(await stored()).toEqual([]);
  });
});
