/**
 * End to end: a web EHR inbox the extension's code has never seen (tests/fixtures/configured/
 * acme-inbox.html, served on 127.0.0.1 by a tiny server) becomes supported only through the
 * JSON config given to the options page. Checks: a bad file is refused and changes nothing; the
 * pasted config is saved; every row gets a badge after a reload; "Test on this tab" shows the
 * right findings and outlines the rows; the triage queue opens the chosen message with the EHR's
 * own link; the jump shortcut's message opens the most urgent unread one; the toolbar badge
 * follows; deleting the config stops the overlay; no request leaves this machine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { EXTENSION_DIR, launchWithExtension, waitForAllBadged, type ExtensionBrowser } from '../../scripts/lib/browser';
import { ACME_CONFIG, startAcmeServer, type AcmeServer } from '../fixtures/configured/server';
import { rulesTriage } from '../../lib/triage/rules-triage';
import { triageText } from '../../lib/adapters/types';
import { urgencyRank, type Urgency } from '../../lib/triage/labels';
import type { browser as WxtBrowser } from 'wxt/browser';

/** The extension API as seen inside evaluate() callbacks (service worker, extension pages). */
declare const chrome: typeof WxtBrowser;

const ROW = 'tr.ac-grid__row[data-rowkey]:not([hidden])';
const IDS = ['MSG-20417', 'MSG-20409', 'MSG-20388', 'MSG-20371'];
/** Subject and preview as the config reads them (docs/configurable-adapter.md §2). */
const READ: Record<string, [string, string]> = {
  'MSG-20417': ['Metformin refill', 'Ran out of metformin 2 days ago. Sugar was 310 this morning and I feel very thirsty.'],
  'MSG-20409': ['Fever since last night', 'Leo is 3 and has had 102.5 since last night, tylenol helps a little. Should we come in?'],
  'MSG-20388': ['Appointment moved?', '<b>Is Tuesday still ok for Dad?</b>'],
  'MSG-20371': ['Lab results question', 'My A1c came back 7.9, is that bad?'],
};

const FILE = JSON.parse(readFileSync(ACME_CONFIG, 'utf8')) as { adapters: Record<string, unknown>[] };
/** The fixture's config with its address changed to where the test serves the page. */
const LOCAL_FILE = { ...FILE, adapters: [{ ...FILE.adapters[0], urlPatterns: ['http://127.0.0.1/ehr/inbox/*'] }] };

let server: AcmeServer;
let browser: ExtensionBrowser;
let ehr: Page;
let options: Page;

interface BadgeRow {
  id: string;
  urgency: Urgency;
  score: number;
  unread: boolean;
}

/** Badges in page order, with the row's unread state as the EHR shows it. */
async function badgeRows(page: Page): Promise<BadgeRow[]> {
  return page.evaluate((rowSel) => {
    return [...document.querySelectorAll<HTMLElement>(rowSel)].map((row) => {
      const b = row.querySelector<HTMLElement>('[data-ehr-triage-badge]');
      return {
        id: b?.dataset.ehrTriageFor ?? '',
        urgency: (b?.dataset.ehrTriageUrgency ?? '') as Urgency,
        score: Number(b?.dataset.ehrTriageScore ?? 'NaN'),
        unread: row.classList.contains('ac-grid__row--unread'),
      };
    });
  }, ROW);
}

/** Most urgent first: level, then score, then page order (what the queue promises). */
const byRisk = (rows: BadgeRow[]) =>
  rows
    .map((r, i) => ({ ...r, i }))
    .sort((a, b) => urgencyRank(b.urgency) - urgencyRank(a.urgency) || b.score - a.score || a.i - b.i)
    .map((r) => r.id);

/** Wait until the model has answered (or is known to be unavailable), so badges no longer change. */
async function waitForTriageSettled(page: Page): Promise<void> {
  await waitForAllBadged(page, ROW);
  await page.waitForFunction(
    () => /on-device model \+ red-flag rules|model unavailable/.test(document.querySelector<HTMLElement>('[data-ehr-triage-status]')?.dataset.text ?? ''),
    undefined,
    { timeout: 60_000 },
  );
  await page.waitForTimeout(300);
}

async function ehrTabId(): Promise<number> {
  const id = await browser.serviceWorker.evaluate(async (origin) => {
    const tabs = await chrome.tabs.query({ url: `${origin}/*` });
    return tabs[0]?.id ?? -1;
  }, server.origin);
  expect(id).toBeGreaterThan(0);
  return id;
}

beforeAll(async () => {
  server = await startAcmeServer();
  browser = await launchWithExtension();
  ehr = await browser.newPage();
  await ehr.goto(server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a configured web EHR inbox', () => {
  it('is left alone until it is configured: the extension has no code for it', async () => {
    await ehr.waitForTimeout(1500);
    expect(await ehr.locator('[data-ehr-triage-status], [data-ehr-triage-badge]').count()).toBe(0);
    // None of this page's hooks appear anywhere in the built extension.
    const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));
    const hits = files(EXTENSION_DIR)
      .filter((f) => /\.(m?js|html|json)$/.test(f))
      .filter((f) => /acInboxApp|ac-grid__row|ac-msg-link|acmecare/.test(readFileSync(f, 'utf8')));
    expect(hits).toEqual([]);
  });

  it('refuses a bad config file on import, with the reasons, and changes nothing', async () => {
    options = await browser.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.getByTestId('no-configured').waitFor();
    const bad = structuredClone(LOCAL_FILE) as unknown as { adapters: { list: Record<string, unknown> }[] };
    bad.adapters[0]!.list.subjet = bad.adapters[0]!.list.subject;
    delete bad.adapters[0]!.list.subject;
    await options.getByTestId('import-file').setInputFiles({ name: 'acme-bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
    const notice = options.getByTestId('list-notice');
    await expect.poll(() => notice.getAttribute('data-kind')).toBe('error');
    const text = await notice.textContent();
    expect(text).toContain('"acme-bad.json" was refused.');
    expect(text).toContain('adapters[0].list.subject: required field is missing');
    expect(text).toContain('adapters[0].list.subjet: unknown field (check the spelling; remove it if it is not needed)');
    expect(text).toContain('The file was not imported. Nothing was changed.');
    expect(await options.locator('[data-source="local"]').count()).toBe(0);
    expect(await options.evaluate(() => chrome.storage.local.get('configuredAdapters'))).toEqual({});
  });

  it('shows problems inline while typing, then saves the pasted config', async () => {
    const editor = options.getByTestId('config-json');
    await editor.fill(JSON.stringify({ ...LOCAL_FILE.adapters[0], reply: { box: '#acComposer', kind: 'rich' } }, null, 2));
    await expect.poll(() => options.getByTestId('config-errors').textContent()).toContain('reply.kind: must be one of "textarea", "input", "contenteditable"');
    expect(await editor.getAttribute('aria-invalid')).toBe('true');

    await editor.fill(JSON.stringify(LOCAL_FILE, null, 2));
    await expect.poll(() => options.getByTestId('config-errors').textContent()).toContain('Valid “AcmeCare EHR – Patient Messages” (acmecare-inbox)');
    await options.getByRole('button', { name: 'Save', exact: true }).click();
    const notice = options.getByTestId('editor-notice');
    await expect.poll(() => notice.getAttribute('data-kind')).toBe('ok');
    expect(await notice.textContent()).toContain('Saved "AcmeCare EHR – Patient Messages"');
    const item = options.locator('[data-source="local"][data-adapter-id="acmecare-inbox"]');
    await item.waitFor();
    expect(await item.textContent()).toContain('Runs on http://127.0.0.1/ehr/inbox/*');
    const stored = (await options.evaluate(() => chrome.storage.local.get('configuredAdapters'))) as {
      configuredAdapters: { kind: string; version: number; adapters: { id: string; urlPatterns: string[] }[] };
    };
    expect(stored.configuredAdapters.kind).toBe('inbox-triage-adapters');
    expect(stored.configuredAdapters.adapters.map((a) => [a.id, a.urlPatterns])).toEqual([['acmecare-inbox', ['http://127.0.0.1/ehr/inbox/*']]]);
    // 127.0.0.1 is a manifest host: the declared content script covers it, nothing is registered at run time.
    expect(await browser.serviceWorker.evaluate(() => chrome.scripting.getRegisteredContentScripts())).toEqual([]);
  });

  it('badges every row of the EHR page after a reload', async () => {
    await ehr.reload();
    const t = await waitForAllBadged(ehr, ROW);
    expect(t.rows).toBe(4);
    await waitForTriageSettled(ehr);
    const rows = await badgeRows(ehr);
    expect(rows.map((r) => r.id)).toEqual(IDS);
    for (const r of rows) {
      const [subject, preview] = READ[r.id]!;
      // Never below what the red-flag rules give (the model may raise it).
      expect(urgencyRank(r.urgency), r.id).toBeGreaterThanOrEqual(urgencyRank(rulesTriage(triageText(subject, preview)).urgency));
    }
    const label = await ehr.locator('[data-ehr-triage-badge]').first().evaluate((el) => el.shadowRoot!.textContent);
    expect(label).toMatch(/Emergency|Urgent|Routine/);
    // The toolbar counts the unread emergency and urgent rows.
    const n = rows.filter((r) => r.unread && (r.urgency === 'emergency' || r.urgency === 'urgent')).length;
    const tabId = await ehrTabId();
    await expect.poll(() => browser.serviceWorker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId)).toBe(n ? String(n) : '');
  });

  it('exports the saved config as a file that imports again', async () => {
    const [download] = await Promise.all([options.waitForEvent('download'), options.getByRole('button', { name: 'Export JSON' }).click()]);
    expect(download.suggestedFilename()).toBe('inbox-triage-adapters.json');
    const exported = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { kind: string; version: number; adapters: { id: string }[] };
    expect([exported.kind, exported.version, exported.adapters.map((a) => a.id)]).toEqual(['inbox-triage-adapters', 1, ['acmecare-inbox']]);
  });

  it('tests the config on the EHR tab: row count, sample, open message, reply box, problems, outlines', async () => {
    await options.getByRole('button', { name: 'Refresh tabs' }).click();
    const value = await options.$$eval(
      '#preview-tab option',
      (opts, host) => opts.find((o) => (o.textContent ?? '').includes(host))?.getAttribute('value') ?? '',
      new URL(server.origin).host,
    );
    expect(value).not.toBe('');
    await options.selectOption('#preview-tab', value);
    const before = await ehr.$$eval(ROW, (rows) => rows.map((r) => r.outerHTML.replace(/<span data-ehr-triage-badge[^>]*><\/span>/g, '')));
    await options.getByTestId('preview-run').click();
    await expect.poll(() => options.getByTestId('preview-row-count').textContent(), { timeout: 15_000 }).toBe('4');
    expect(await options.getByTestId('preview-row-usable').textContent()).toBe('4');
    expect(await options.getByTestId('preview-matches').textContent()).toBe('Yes');
    expect(await options.getByTestId('preview-open').textContent()).toBe('Yes: MSG-20417');
    expect(await options.getByTestId('preview-reply').textContent()).toBe('Yes');
    expect(await options.$$eval('[data-testid="preview-rows"] tbody tr', (trs) => trs.map((t) => t.getAttribute('data-message-id')))).toEqual(IDS);
    expect(await options.$$eval('[data-testid="preview-problems"] li', (lis) => lis.map((l) => l.textContent))).toEqual([
      'list.patient: could not be read in 1 of 4 rows',
      'list.date: could not be read in 1 of 4 rows',
    ]);
    // Focus moves to the result.
    expect(await options.evaluate(() => document.activeElement?.tagName)).toBe('H3');
    // The rows are outlined for a few seconds by an overlay of its own; the EHR's rows are untouched.
    const boxes = await ehr.locator('[data-ehr-triage-preview]').evaluate((h) => [...h.shadowRoot!.querySelectorAll('.box.row')].map((b) => b.textContent));
    expect(boxes).toEqual(['Row 1', 'Row 2', 'Row 3', 'Row 4']);
    await ehr.locator('[data-ehr-triage-preview]').waitFor({ state: 'detached', timeout: 15_000 });
    expect(await ehr.$$eval(ROW, (rows) => rows.map((r) => r.outerHTML.replace(/<span data-ehr-triage-badge[^>]*><\/span>/g, '')))).toEqual(before);
  });

  it('lists the messages most urgent first in the triage queue and opens the chosen one with the EHR’s own link', async () => {
    await ehr.bringToFront();
    await waitForTriageSettled(ehr);
    const toggle = ehr.getByTestId('triage-queue-toggle');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const items = ehr.locator('.tq-item');
    const queueIds = () => items.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.messageId));
    // The model may still refine the message opened by the previous test: compare the queue with
    // the badges as they are at the same moment.
    await expect.poll(async () => {
      const [ids, now] = [await queueIds(), byRisk(await badgeRows(ehr))];
      return JSON.stringify(ids) === JSON.stringify(now);
    }, { timeout: 20_000 }).toBe(true);
    const rows = await badgeRows(ehr);
    const order = byRisk(rows);
    expect(await queueIds()).toEqual(order);
    const count = (u: Urgency) => rows.filter((r) => r.urgency === u).length;
    expect(await ehr.locator('.tq-chip').allTextContents()).toEqual([
      `Emergency (${count('emergency')})`,
      `Urgent (${count('urgent')})`,
      `Routine (${count('routine')})`,
    ]);
    // Filtering shows only the chosen level.
    await ehr.locator('.tq-chip[data-urgency="routine"]').click();
    expect(await items.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.messageId))).toEqual(order.filter((id) => rows.find((r) => r.id === id)!.urgency === 'routine'));
    await ehr.locator('.tq-chip[data-urgency="routine"]').click();

    const target = order.find((id) => id !== 'MSG-20417')!;
    await ehr.locator(`.tq-item[data-message-id="${target}"]`).click();
    await ehr.waitForURL((u) => u.searchParams.get('msgId') === target);
    await waitForAllBadged(ehr, ROW);
    expect(await ehr.getAttribute('#acReadingPane', 'data-msg-id')).toBe(target);
    expect(server.opened).toEqual([target]);
    // The EHR's own list is in its own order, complete.
    expect(await ehr.$$eval(ROW, (trs) => trs.map((t) => t.querySelector('a.ac-msg-link')!.getAttribute('href')!.match(/msgId=([\w-]+)/)![1]))).toEqual(IDS);
  });

  it('jumps to the most urgent unread message on the shortcut’s command', async () => {
    const cmds = await browser.serviceWorker.evaluate(() => chrome.commands.getAll());
    expect(cmds.find((c) => c.name === 'jump-to-next-urgent')).toEqual({
      name: 'jump-to-next-urgent',
      description: 'Open the most urgent unread message in the inbox on this tab',
      shortcut: 'Alt+Shift+U',
    });
    await waitForTriageSettled(ehr);
    const open = await ehr.getAttribute('#acReadingPane', 'data-msg-id');
    const rows = await badgeRows(ehr);
    const expected = byRisk(rows.filter((r) => r.unread && r.id !== open))[0]!;
    expect(expected).toBeDefined();
    // Headless Chromium does not route key presses to extension shortcuts, so send the tab the
    // message the background sends when the command fires (lib/background/commands.ts).
    const tabId = await ehrTabId();
    const reply = await browser.serviceWorker.evaluate(
      (id) =>
        new Promise<unknown>((resolve) =>
          chrome.tabs.sendMessage(id, { id: 1, type: 'jumpToNextUrgent', data: undefined, timestamp: Date.now() }, (r) => {
            void chrome.runtime.lastError;
            resolve(r);
          }),
        ),
      tabId,
    );
    await ehr.waitForURL((u) => u.searchParams.get('msgId') === expected);
    if (reply !== undefined) expect((reply as { res: { messageId: string; reason: string } }).res).toMatchObject({ messageId: expected, reason: 'unread' });
    await waitForAllBadged(ehr, ROW);
    expect(await ehr.getAttribute('#acReadingPane', 'data-msg-id')).toBe(expected);
  });

  it('keeps the toolbar badge at the number of unread emergency and urgent messages', async () => {
    await waitForTriageSettled(ehr);
    const rows = await badgeRows(ehr);
    const n = rows.filter((r) => r.unread && (r.urgency === 'emergency' || r.urgency === 'urgent')).length;
    const tabId = await ehrTabId();
    await expect.poll(() => browser.serviceWorker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId)).toBe(n ? String(n) : '');
  });

  it('stops on the page when the config is deleted in the options page', async () => {
    await options.bringToFront();
    const item = options.locator('[data-source="local"][data-adapter-id="acmecare-inbox"]');
    await item.getByRole('button', { name: /^Delete/ }).click();
    await item.getByRole('button', { name: 'Yes, delete' }).click();
    await expect.poll(() => options.getByTestId('list-notice').getAttribute('data-kind')).toBe('ok');
    expect(await options.evaluate(() => chrome.storage.local.get('configuredAdapters'))).toEqual({
      configuredAdapters: { kind: 'inbox-triage-adapters', version: 1, adapters: [] },
    });
    // The open page follows without a reload, and the toolbar count goes with it…
    await expect.poll(() => ehr.locator('[data-ehr-triage-badge], [data-ehr-triage-status]').count()).toBe(0);
    const tabId = await ehrTabId();
    await expect.poll(() => browser.serviceWorker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId)).toBe('');
    // …and stays clear after one.
    await ehr.reload();
    await ehr.waitForTimeout(1000);
    expect(await ehr.locator('[data-ehr-triage-badge], [data-ehr-triage-status]').count()).toBe(0);
  });

  it('sent no request off this machine', () => {
    expect(browser.requests.length).toBeGreaterThan(0);
    expect(browser.offMachine).toEqual([]);
    expect(server.requests.every((p) => p.startsWith('/'))).toBe(true);
  });
});
