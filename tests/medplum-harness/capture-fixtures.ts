/**
 * Capture the Medplum adapter's fixture pages from the running harness in Chromium
 * (playwright `page.content()`), into tests/fixtures/medplum/. Dates are not shifted and the
 * browser runs in a fixed time zone and locale, so captures are stable. The app's own <script>
 * and stylesheet <link> tags are dropped (they name hashed build files that fixtures must not
 * depend on, and a test DOM would try to load them); Mantine's inline <style> tags stay.
 *
 *   npx tsx tests/medplum-harness/capture-fixtures.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { findChromium, isLocalRequest } from '../../scripts/lib/browser';
import { startMedplumHarness } from './server';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/medplum');

/** Thread opened in thread-open.html: a clinic reply between two patient messages, an emergency buried in a "Refill request". */
export const FIXTURE_OPEN_THREAD = 'mp-t06';
export const FIXTURE_TIMEZONE = 'America/New_York';

/** Resolves once the DOM has not changed for 400 ms. A string, so no helper of the TS runner leaks into the page. */
const SETTLE = `new Promise((resolve) => {
  let timer;
  const obs = new MutationObserver(() => {
    clearTimeout(timer);
    timer = setTimeout(() => { obs.disconnect(); resolve(); }, 400);
  });
  obs.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  timer = setTimeout(() => { obs.disconnect(); resolve(); }, 400);
})`;

async function settle(page: Page): Promise<void> {
  // No request is in flight (the app answers from memory), so wait for the DOM to stop changing.
  await page.evaluate(SETTLE);
}

export async function captureMedplumFixtures(outDir = OUT): Promise<string[]> {
  const harness = await startMedplumHarness({ shiftDates: false });
  const browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox', '--disable-gpu'] });
  const written: string[] = [];
  const offMachine: string[] = [];
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, timezoneId: FIXTURE_TIMEZONE, locale: 'en-US' });
    context.on('request', (r) => {
      if (!isLocalRequest(r.url())) offMachine.push(r.url());
    });
    const page = await context.newPage();
    mkdirSync(outDir, { recursive: true });
    const save = async (name: string) => {
      await settle(page);
      const file = join(outDir, name);
      const html = (await page.content())
        .replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '')
        .replace(/<link\b[^>]*rel="(?:stylesheet|modulepreload)"[^>]*>/gi, '');
      writeFileSync(file, html + '\n');
      written.push(file);
    };

    await page.goto(harness.url);
    await page.waitForFunction(() => document.querySelectorAll('a[href^="/Communication/"]').length >= 30);
    await save('inbox.html');

    await page.goto(`${harness.origin}/Communication/${FIXTURE_OPEN_THREAD}`);
    await page.waitForSelector('[aria-label="Sender name"]');
    await page.waitForSelector('[class*="ListWithDetailPane_selected"]');
    await save('thread-open.html');

    // Two patient messages in a row after a clinic reply (the second one is the emergency).
    await page.goto(`${harness.origin}/Communication/mp-t38`);
    await page.waitForFunction(() => document.querySelectorAll('[aria-label="Sender name"]').length === 3);
    await save('thread-open-turn.html');

    await page.goto(`${harness.origin}/Communication?status=stopped`);
    await page.waitForSelector('text=No messages found');
    await save('empty-inbox.html');

    await page.goto(`${harness.origin}/Patient`);
    await page.waitForSelector('[data-testid="patient-list"] tbody tr');
    await save('not-inbox.html');

    if (offMachine.length) throw new Error(`Requests left this machine: ${offMachine.join(', ')}`);
    return written;
  } finally {
    await browser.close();
    await harness.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const f of await captureMedplumFixtures()) console.log(`wrote ${f}`);
}
