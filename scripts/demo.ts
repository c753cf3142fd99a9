/**
 * The main job: build the extension, start the demo EHR inbox, open Chromium with
 * the extension on it.
 *
 *   npm run demo                 # a real browser window when there is a display
 *   npm run demo -- --headless   # no display: drive the same flow, screenshot, summary
 *   npm run demo -- --no-build   # reuse .output/chrome-mv3
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startDemoInbox } from '../tests/demo-inbox/server';
import { ensureChromium, launchWithExtension, readBadges, waitForAllBadged, waitForModelBadges } from './lib/browser';
import { DEMO_SELECTORS } from '../lib/adapters/demo';
import { summarize, formatSummary } from './lib/demo-summary';

const { values } = parseArgs({
  options: {
    headless: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    port: { type: 'string', default: '5174' },
    out: { type: 'string', default: 'demo-output' },
    ehr: { type: 'string', default: 'demo' },
  },
});

function log(msg: string): void {
  process.stderr.write(`${msg}\n`);
}

async function main(): Promise<void> {
  if (values.ehr !== 'demo') throw new Error(`Unknown --ehr "${values.ehr}". Available: demo`);
  if (!values['no-build']) {
    log('Building the extension (wxt build)…');
    const r = spawnSync('npx', ['wxt', 'build'], { stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.status !== 0) throw new Error('The extension build failed (see above).');
  }
  const hasDisplay = !!(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) || process.platform === 'darwin' || process.platform === 'win32';
  const headless = values.headless || !hasDisplay;
  if (!values.headless && !hasDisplay) log('No display found: running headless (pass --headless to say so explicitly).');

  ensureChromium(log);
  const inbox = await startDemoInbox({ port: Number(values.port) }).catch(() => startDemoInbox({ port: 0 }));
  log(`Demo EHR inbox at ${inbox.url} (${inbox.messages.length} messages)`);
  const browser = await launchWithExtension({ headless, viewport: headless ? { width: 1400, height: 900 } : null });
  const page = await browser.newPage();

  if (!headless) {
    await page.goto(inbox.url);
    log('Chromium is open with the extension loaded. Click the toolbar icon for the side panel. Close the browser window to stop.');
    await new Promise<void>((done) => browser.context.on('close', () => done()));
    await inbox.close();
    return;
  }

  await page.goto(inbox.url);
  const timing = await waitForAllBadged(page, DEMO_SELECTORS.row);
  const modelMs = await waitForModelBadges(page);
  const outDir = resolve(values.out);
  mkdirSync(outDir, { recursive: true });
  const shot = resolve(outDir, 'inbox.png');
  await page.screenshot({ path: shot });

  // Page through the whole inbox: every message seen, with its badge.
  const seen: Record<string, string> = { ...(await readBadges(page)) };
  for (let p = 2; ; p++) {
    const next = page.locator('#next-page');
    if (await next.isDisabled()) break;
    await next.click();
    await page.waitForFunction((n) => document.querySelector('#page-info')?.textContent?.startsWith(String((n - 1) * 25 + 1)), p);
    await waitForAllBadged(page, DEMO_SELECTORS.row);
    if (modelMs !== null) await waitForModelBadges(page);
    Object.assign(seen, await readBadges(page));
  }

  // Open the most urgent message of page 1 and capture the side panel beside it.
  await page.goto(inbox.url);
  await waitForAllBadged(page, DEMO_SELECTORS.row);
  const firstEmergency = page.locator('li.msg-row:has([data-ehr-triage-urgency="emergency"]) a.msg-link').first();
  if (await firstEmergency.count()) await firstEmergency.click();
  else await page.locator('a.msg-link').first().click();
  await page.waitForSelector(DEMO_SELECTORS.detail);
  const panel = await browser.newPage();
  await panel.setViewportSize({ width: 420, height: 900 });
  await panel.goto(`chrome-extension://${browser.extensionId}/sidepanel.html`);
  await panel.waitForSelector('[data-testid="panel-triage"]', { timeout: 15_000 });
  const panelShot = resolve(outDir, 'sidepanel.png');
  await panel.screenshot({ path: panelShot });

  const summary = summarize(inbox.messages, seen, { ...timing, modelBadgedMs: modelMs }, browser.offMachine);
  console.log(formatSummary(summary, { screenshot: shot, panelScreenshot: panelShot }));
  await browser.close();
  await inbox.close();
  if (summary.offMachineRequests.length) process.exitCode = 1;
}

main().catch((err: unknown) => {
  log(`demo failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
