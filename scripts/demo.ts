/**
 * The main job: build the extension, start an EHR inbox, open Chromium with the
 * extension on it.
 *
 *   npm run demo                      # the demo inbox; a real window when there is a display
 *   npm run demo -- --headless        # no display: drive the same flow, screenshots, summary
 *   npm run demo -- --ehr medplum     # Medplum's ThreadInbox (tests/medplum-harness)
 *   npm run demo -- --no-build        # reuse .output/chrome-mv3
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { startDemoInbox } from '../tests/demo-inbox/server';
import { startMedplumHarness } from '../tests/medplum-harness/server';
import { ensureChromium, launchWithExtension, readBadges, waitForAllBadged, waitForModelBadges } from './lib/browser';
import { DEMO_SELECTORS } from '../lib/adapters/demo';
import { MEDPLUM_SELECTORS } from '../lib/adapters/medplum';
import { summarize, formatSummary, type LabeledMessage } from './lib/demo-summary';

const { values } = parseArgs({
  options: {
    headless: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    port: { type: 'string', default: '' },
    out: { type: 'string', default: 'demo-output' },
    ehr: { type: 'string', default: 'demo' },
  },
});

function log(msg: string): void {
  process.stderr.write(`${msg}\n`);
}

/** An EHR inbox the demo can run on. */
interface Target {
  name: string;
  url: string;
  rowSelector: string;
  labels: LabeledMessage[];
  /** How to read the figures on this EHR, printed under them. */
  note?: string;
  /** Visit every page of the inbox (after the first), collecting badges. */
  visitOtherPages(page: Page, collect: () => Promise<void>): Promise<void>;
  /** Open the most urgent visible message. */
  openMostUrgent(page: Page): Promise<void>;
  close(): Promise<void>;
}

async function startTarget(ehr: string): Promise<Target> {
  const port = values.port ? Number(values.port) : undefined;
  if (ehr === 'demo') {
    const inbox = await startDemoInbox({ port: port ?? 5174 }).catch(() => startDemoInbox({ port: 0 }));
    return {
      name: `Demo EHR inbox (${inbox.messages.length} messages)`,
      url: inbox.url,
      rowSelector: DEMO_SELECTORS.row,
      labels: inbox.messages,
      async visitOtherPages(page, collect) {
        for (let p = 2; ; p++) {
          const next = page.locator('#next-page');
          if (await next.isDisabled()) break;
          await next.click();
          await page.waitForFunction((n) => document.querySelector('#page-info')?.textContent?.startsWith(String((n - 1) * 25 + 1)), p);
          await collect();
        }
        await page.goto(inbox.url);
        await waitForAllBadged(page, DEMO_SELECTORS.row);
      },
      async openMostUrgent(page) {
        const first = page.locator('li.msg-row:has([data-ehr-triage-urgency="emergency"]) a.msg-link').first();
        await ((await first.count()) ? first : page.locator('a.msg-link').first()).click();
        await page.waitForSelector(DEMO_SELECTORS.detail);
      },
      close: () => inbox.close(),
    };
  }
  if (ehr === 'medplum') {
    const h = await startMedplumHarness({ port: port ?? 5175 }).catch(() => startMedplumHarness({ port: 0 }));
    return {
      name: `Medplum ThreadInbox harness (${h.threads.length} threads)`,
      url: `${h.origin}/Communication`,
      rowSelector: MEDPLUM_SELECTORS.rowItem,
      labels: h.threads.filter((t) => t.status === 'in-progress').map((t) => ({ id: t.id, urgency: t.urgency })),
      note:
        'Medplum\'s list shows each thread\'s topic (a few words), not the patient\'s text, so these list badges judge the topic alone; ' +
        'with under 5 words the model alone never calls an emergency (the red-flag rules still can). Open a thread for its full triage. ' +
        'The labels are for the whole message, so agreement and recall here are low by design.',
      visitOtherPages: async () => undefined,
      async openMostUrgent(page) {
        const first = page.locator(`${MEDPLUM_SELECTORS.rowItem}:has([data-ehr-triage-urgency="emergency"]) a`).first();
        await ((await first.count()) ? first : page.locator(MEDPLUM_SELECTORS.rowLink).first()).click();
        await page.waitForSelector(MEDPLUM_SELECTORS.senderName);
      },
      close: () => h.close(),
    };
  }
  throw new Error(`Unknown --ehr "${ehr}". Available: demo, medplum`);
}

async function main(): Promise<void> {
  if (!values['no-build']) {
    log('Building the extension (wxt build)…');
    const r = spawnSync('npx', ['wxt', 'build'], { stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.status !== 0) throw new Error('The extension build failed (see above).');
  }
  const hasDisplay = !!(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) || process.platform === 'darwin' || process.platform === 'win32';
  const headless = values.headless || !hasDisplay;
  if (!values.headless && !hasDisplay) log('No display found: running headless (pass --headless to say so explicitly).');

  ensureChromium(log);
  const target = await startTarget(values.ehr ?? 'demo');
  log(`${target.name} at ${target.url}`);
  const browser = await launchWithExtension({ headless, viewport: headless ? { width: 1400, height: 900 } : null });
  const page = await browser.newPage();

  if (!headless) {
    await page.goto(target.url);
    log('Chromium is open with the extension loaded. Click the toolbar icon for the side panel. Close the browser window to stop.');
    await new Promise<void>((done) => browser.context.on('close', () => done()));
    await target.close();
    return;
  }

  await page.goto(target.url);
  const timing = await waitForAllBadged(page, target.rowSelector);
  const modelMs = await waitForModelBadges(page);
  const outDir = resolve(values.out);
  mkdirSync(outDir, { recursive: true });
  const shot = resolve(outDir, `${values.ehr === 'demo' ? 'inbox' : values.ehr}.png`);
  await page.screenshot({ path: shot });

  // Every page of the inbox: every message seen, with its badge.
  const seen: Record<string, string> = { ...(await readBadges(page)) };
  await target.visitOtherPages(page, async () => {
    await waitForAllBadged(page, target.rowSelector);
    if (modelMs !== null) await waitForModelBadges(page);
    Object.assign(seen, await readBadges(page));
  });

  // Open the most urgent message and capture the side panel beside it.
  await target.openMostUrgent(page);
  const panel = await browser.newPage();
  await panel.setViewportSize({ width: 420, height: 900 });
  await panel.goto(`chrome-extension://${browser.extensionId}/sidepanel.html`);
  await panel.waitForSelector('[data-testid="panel-triage"]', { timeout: 20_000 });
  await panel.waitForTimeout(1500); // let the model's explanation arrive
  const panelShot = resolve(outDir, `${values.ehr === 'demo' ? '' : `${values.ehr}-`}sidepanel.png`);
  await panel.screenshot({ path: panelShot });

  const summary = summarize(target.labels, seen, { ...timing, modelBadgedMs: modelMs }, browser.offMachine);
  console.log(formatSummary(summary, { screenshot: shot, panelScreenshot: panelShot }));
  if (target.note) console.log(`  note:                 ${target.note}`);
  await browser.close();
  await target.close();
  if (summary.offMachineRequests.length) process.exitCode = 1;
}

main().catch((err: unknown) => {
  log(`demo failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
