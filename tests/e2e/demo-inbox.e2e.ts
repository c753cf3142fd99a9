/**
 * End to end on the demo EHR inbox: the built extension in headless Chromium.
 * Checks badges on every row (with the expected levels), survival of re-render and
 * paging, the side panel, that the EHR keeps working, and that no request leaves
 * this machine.
 */
import { cpus } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startDemoInbox, type DemoInbox } from '../demo-inbox/server';
import { launchWithExtension, readBadges, waitForAllBadged, waitForModelBadges, type ExtensionBrowser } from '../../scripts/lib/browser';
import { DEMO_SELECTORS } from '../../lib/adapters/demo';
import { triageText } from '../../lib/adapters/types';
import { expectedTriage } from './expected';

let inbox: DemoInbox;
let browser: ExtensionBrowser;
let page: Page;

const label = (id: string) => inbox.messages.find((m) => m.id === id)!;
const textOf = (id: string) => triageText(label(id).subject, label(id).body);

/** Every row's badge equals the Node computation (same model, rules, fusion); labelled emergencies are emergencies. */
async function checkBadges(badges: Record<string, string>, ids: string[]): Promise<void> {
  const expected = await expectedTriage(ids.map(textOf));
  ids.forEach((id, i) => {
    const e = expected[i]!;
    if (!e.borderline) expect(badges[id], `${id} badge`).toBe(e.result.urgency);
    if (label(id).urgency === 'emergency') expect(badges[id], `${id} is a labelled emergency`).toBe('emergency');
  });
}

beforeAll(async () => {
  inbox = await startDemoInbox({ port: 0 });
  browser = await launchWithExtension();
  page = await browser.newPage();
  await page.goto(inbox.url);
});

afterAll(async () => {
  await browser?.close();
  await inbox?.close();
});

describe('demo inbox overlay', () => {
  it('puts a badge on every visible row, with the level the triage gives and every labelled emergency as emergency', async () => {
    const t = await waitForAllBadged(page, DEMO_SELECTORS.row);
    expect(t.rows).toBe(25);
    // The model's results replace the rules' first answer (the model loads inside the package).
    expect(await waitForModelBadges(page)).not.toBeNull();
    const badges = await readBadges(page);
    const rowIds = await page.$$eval(DEMO_SELECTORS.row, (rows) => rows.map((r) => (r as HTMLElement).dataset.messageId!));
    expect(Object.keys(badges).sort()).toEqual([...rowIds].sort());
    await checkBadges(badges, rowIds);
    const sources = await page.$$eval('[data-ehr-triage-badge]', (els) => els.map((e) => (e as HTMLElement).dataset.ehrTriageSource));
    expect(sources.every((s) => s === 'model' || s === 'model+rules')).toBe(true);
    // Badges carry text, not colour alone.
    const text = await page.locator('[data-ehr-triage-badge]').first().evaluate((el) => el.shadowRoot!.textContent);
    expect(text).toMatch(/Emergency|Urgent|Routine/);
  });

  it('shows the reasons on focus', async () => {
    const host = page.locator('[data-ehr-triage-badge][data-ehr-triage-urgency="emergency"]').first();
    await host.evaluate((el) => (el.shadowRoot!.querySelector('.badge') as HTMLElement).focus());
    const tip = await host.evaluate((el) => {
      const t = el.shadowRoot!.querySelector('.tip') as HTMLElement;
      return { open: t.classList.contains('open'), text: t.textContent ?? '', visible: getComputedStyle(t).display !== 'none' };
    });
    expect(tip.open).toBe(true);
    expect(tip.visible).toBe(true);
    expect(tip.text).toMatch(/Emergency/);
    // One Tab stop for all the badges (roving tabindex), not one per row of the EHR's list.
    const stops = await page.$$eval('[data-ehr-triage-badge]', (els) => els.filter((e) => (e.shadowRoot!.querySelector('.badge') as HTMLElement).tabIndex === 0).length);
    expect(stops).toBe(1);
  });

  it('keeps every badge through an in-place re-render of the list', async () => {
    const before = await readBadges(page);
    await page.evaluate(() => (window as unknown as { demoInbox: { rerender(): void } }).demoInbox.rerender());
    // The rows were rebuilt without badges…
    await waitForAllBadged(page, DEMO_SELECTORS.row);
    expect(await readBadges(page)).toEqual(before);
    // …and exactly one badge per row (idempotent).
    const counts = await page.$$eval(DEMO_SELECTORS.row, (rows) => rows.map((r) => r.querySelectorAll('[data-ehr-triage-badge]').length));
    expect(counts.every((c) => c === 1)).toBe(true);
  });

  it('badges the next page after paging (no reload)', async () => {
    const firstIds = Object.keys(await readBadges(page));
    await page.click('#next-page');
    await page.waitForFunction(() => document.querySelector('#page-info')?.textContent?.startsWith('26'));
    await waitForAllBadged(page, DEMO_SELECTORS.row);
    await waitForModelBadges(page);
    const second = await readBadges(page);
    expect(Object.keys(second)).toHaveLength(25);
    expect(Object.keys(second).some((id) => firstIds.includes(id))).toBe(false);
    await checkBadges(second, Object.keys(second));
  });

  it('shows the open message in the side panel', async () => {
    const row = page.locator(DEMO_SELECTORS.row).nth(3);
    const id = (await row.getAttribute('data-message-id'))!;
    await row.locator('a.msg-link').click();
    await page.waitForSelector(`${DEMO_SELECTORS.detail}[data-message-id="${id}"]`);
    const panel = await browser.newPage();
    await panel.goto(`chrome-extension://${browser.extensionId}/sidepanel.html`);
    const card = panel.locator('[data-testid="panel-triage"]');
    await expect.poll(() => card.getAttribute('data-message-id'), { timeout: 15_000 }).toBe(id);
    const m = label(id);
    const [e] = await expectedTriage([textOf(id)]);
    const expected = e!.result;
    await expect.poll(() => card.getAttribute('data-source'), { timeout: 30_000 }).not.toBe('rules');
    expect(await card.getAttribute('data-urgency')).toBe(expected.urgency);
    expect(await panel.textContent('[data-testid="panel-level"]')).toContain(expected.urgency[0]!.toUpperCase() + expected.urgency.slice(1));
    expect(Number(await panel.textContent('[data-testid="panel-score"]'))).toBeCloseTo(expected.score, 1);
    expect(await panel.getAttribute('[data-testid="model-status"]', 'data-state')).toBe('ready');
    // The offscreen host is cross-origin isolated (manifest COOP/COEP), so ONNX Runtime runs two WASM threads.
    const threads = Math.min(2, cpus().length);
    expect(Number(await panel.getAttribute('[data-testid="model-status"]', 'data-threads'))).toBe(threads);
    expect(await panel.textContent('[data-testid="model-status"]')).toContain(`${threads} CPU thread${threads === 1 ? '' : 's'}`);
    expect(await panel.textContent('[data-testid="panel-message"]')).toContain(m.body.replace(/\s+/g, ' ').slice(0, 30));
    // Opening another message updates the panel live.
    const other = page.locator(DEMO_SELECTORS.row).nth(5);
    const otherId = (await other.getAttribute('data-message-id'))!;
    await other.locator('a.msg-link').click();
    await expect.poll(() => card.getAttribute('data-message-id'), { timeout: 15_000 }).toBe(otherId);
    await panel.close();
  });

  it('leaves the EHR working: a reply typed and sent goes through', async () => {
    await page.fill('#reply-body', 'Thank you for your message. We will call you today.');
    await page.click('#send-reply');
    await page.waitForSelector('text=Reply sent.');
    const id = (await page.getAttribute(DEMO_SELECTORS.detail, 'data-message-id'))!;
    expect(inbox.replies.get(id)?.[0]?.body).toBe('Thank you for your message. We will call you today.');
  });

  it('shows one small status and no badge on pages it does not support', async () => {
    expect(await page.locator('[data-ehr-triage-status]').count()).toBe(1);
    const other = await browser.newPage();
    await other.goto(`${inbox.origin}/api/health`);
    await other.waitForTimeout(500);
    expect(await other.locator('[data-ehr-triage-status], [data-ehr-triage-badge]').count()).toBe(0);
    await other.close();
  });

  it('sent no request off this machine', () => {
    expect(browser.requests.length).toBeGreaterThan(0);
    expect(browser.offMachine).toEqual([]);
  });
});
