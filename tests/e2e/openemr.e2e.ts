/**
 * The built extension on OpenEMR's Message Center and portal mail (fixture pages served at
 * OpenEMR's own addresses by tests/fixtures/openemr/server.ts): badges on every row, the open
 * message in the side panel, right-to-left text, typed HTML shown as text and never run, the
 * login and error pages left alone, the "layout changed" status when an update breaks the
 * selectors, and no request off this machine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { OPENEMR_PATHS, startOpenEmrFixtures, type OpenEmrFixtureServer } from '../fixtures/openemr/server';
import { launchWithExtension, readBadges, waitForAllBadged, waitForModelBadges, type ExtensionBrowser } from '../../scripts/lib/browser';
import { OPENEMR_MESSAGES_SELECTORS, OPENEMR_PORTAL_MAIL_SELECTORS } from '../../lib/adapters/openemr';

let ehr: OpenEmrFixtureServer;
let browser: ExtensionBrowser;
const pageErrors: string[] = [];

const MC_ROW = OPENEMR_MESSAGES_SELECTORS.row;
const PORTAL_ROW = OPENEMR_PORTAL_MAIL_SELECTORS.row;

async function open(path: string): Promise<Page> {
  const page = await browser.newPage();
  page.on('pageerror', (e) => pageErrors.push(`${path}: ${e.message}`));
  await page.goto(`${ehr.origin}${path}`);
  return page;
}

async function sidePanelFor(id: string) {
  const panel = await browser.newPage();
  await panel.goto(`chrome-extension://${browser.extensionId}/sidepanel.html`);
  const card = panel.locator('[data-testid="panel-triage"]');
  await expect.poll(() => card.getAttribute('data-message-id'), { timeout: 20_000 }).toBe(id);
  await expect.poll(() => card.getAttribute('data-source'), { timeout: 30_000 }).not.toBe('rules');
  return { panel, card };
}

const statusOf = (page: Page) =>
  page.evaluate(() => {
    const s = document.querySelector<HTMLElement>('[data-ehr-triage-status]');
    return s ? { level: s.dataset.level ?? '', text: s.dataset.text ?? '' } : null;
  });

beforeAll(async () => {
  ehr = await startOpenEmrFixtures();
  browser = await launchWithExtension();
});

afterAll(async () => {
  await browser?.close();
  await ehr?.close();
});

describe('extension on OpenEMR', () => {
  it('badges every Message Center row with its note id, from the model', async () => {
    const page = await open(OPENEMR_PATHS.messages);
    const t = await waitForAllBadged(page, MC_ROW);
    expect(t.rows).toBe(5);
    expect(await waitForModelBadges(page)).not.toBeNull();
    expect(Object.keys(await readBadges(page)).sort()).toEqual(['402', '409', '415', '417', '418']);
    // One badge per row, in the row, and the EHR's own links are untouched.
    const perRow = await page.$$eval(MC_ROW, (rows) => rows.map((r) => r.querySelectorAll('[data-ehr-triage-badge]').length));
    expect(perRow).toEqual([1, 1, 1, 1, 1]);
    expect(await page.locator('a[href*="noteid=418"]').count()).toBe(1);
    await page.close();
  });

  it('badges page 2 (older markup, US dates)', async () => {
    const page = await open(`${OPENEMR_PATHS.messages}?show_all=no&sortby=pnotes.date&sortorder=desc&begin=25&`);
    await waitForAllBadged(page, MC_ROW);
    expect(Object.keys(await readBadges(page)).sort()).toEqual(['360', '368', '371']);
    await page.close();
  });

  it('triages the open message from its full text, shows typed HTML as text and never runs it', async () => {
    const page = await open(`${OPENEMR_PATHS.messages}?showall=no&sortby=pnotes.date&sortorder=desc&begin=0&task=edit&noteid=418&`);
    const { panel, card } = await sidePanelFor('418');
    // "the chest pressure is back since last night" under the subject "Pharmacy".
    expect(await card.getAttribute('data-urgency')).toBe('emergency');
    const shown = (await panel.textContent('[data-testid="panel-message"]')) ?? '';
    expect(shown).toContain('<script>alert(1)</script>');
    expect(await panel.locator('[data-testid="panel-message"] script, [data-testid="panel-message"] b').count()).toBe(0);
    await panel.close();
    await page.close();
  });

  it('keeps right-to-left Arabic text exactly in the side panel', async () => {
    const page = await open(`${OPENEMR_PATHS.messages}?task=edit&noteid=415`);
    const { panel } = await sidePanelFor('415');
    expect(await panel.textContent('[data-testid="panel-message"]')).toContain('هل يجب أن أصوم قبل التحليل؟');
    await panel.close();
    await page.close();
  });

  it('badges every portal mail row, and triages the open portal message', async () => {
    const list = await open(OPENEMR_PATHS.portal);
    await waitForAllBadged(list, PORTAL_ROW);
    const badges = await readBadges(list);
    expect(Object.keys(badges).sort()).toEqual(['45', '49', '50', '51', '52']);
    await list.close();
    const page = await open(`${OPENEMR_PATHS.portal}?open=52`);
    const { panel, card } = await sidePanelFor('52');
    expect(await card.getAttribute('data-urgency')).toBe('emergency');
    await panel.close();
    await page.close();
  });

  it('leaves the login page and a PHP error page at the Message Center address alone', async () => {
    for (const path of [`${OPENEMR_PATHS.login}?site=default`, `${OPENEMR_PATHS.messages}?error=1`, '/random']) {
      const page = await open(path);
      await page.waitForTimeout(800);
      expect(await page.locator('[data-ehr-triage-status], [data-ehr-triage-badge]').count(), path).toBe(0);
      await page.close();
    }
  });

  it('says in one place that triage is paused when an update breaks the selectors, and the EHR keeps working', async () => {
    const page = await open(OPENEMR_PATHS.messages);
    await waitForAllBadged(page, MC_ROW);
    // The EHR's update: the list form and its rows are renamed.
    await page.evaluate(() => {
      for (const el of document.querySelectorAll('form, tr, table')) {
        for (const a of [...el.attributes]) if (a.name === 'id' || a.name === 'name' || a.name === 'class') {
          el.setAttribute(`data-old-${a.name}`, a.value);
          el.removeAttribute(a.name);
        }
      }
      document.body.append(document.createElement('div')); // the update re-renders
    });
    await expect.poll(() => statusOf(page).then((s) => s?.level), { timeout: 10_000 }).toBe('error');
    const status = await statusOf(page);
    expect(status!.text).toMatch(/Triage paused on this page: the inbox layout was not recognised/);
    expect(await page.locator('[data-ehr-triage-status]').count()).toBe(1);
    const copyVisible = await page
      .locator('[data-ehr-triage-status]')
      .evaluate((el) => !(el.shadowRoot!.querySelector('button.copy') as HTMLButtonElement).hidden);
    expect(copyVisible).toBe(true);
    // The page itself still works: its links navigate.
    await page.click('a[href*="noteid=417"]');
    await page.waitForURL(/noteid=417/);
    await page.close();
  });

  it('raised no page error and sent no request off this machine', () => {
    // The fixtures' own scripts need jQuery and AngularJS, which this server does not serve (404):
    // those errors are the page's, with or without the extension. Anything else would be ours.
    expect(pageErrors.filter((e) => !/: (\$|angular) is not defined$/.test(e))).toEqual([]);
    expect(browser.offMachine).toEqual([]);
  });
});
