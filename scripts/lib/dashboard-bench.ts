/**
 * The burden dashboard's load time with a study's worth of data: 20 clinicians × a year of
 * synthetic inbox work (scripts/lib/study-fixtures.ts), exported as the extension exports,
 * imported through the dashboard's own import in headless Chromium, then the dashboard opened on
 * the whole year of all 20 (charts, tables, clinicians and arms). Time to first full render =
 * navigation start → data loaded, every chart drawn (measured in the page). Part of `npm run bench`.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchWithExtension } from './browser';
import { NY_SCHEDULE, participantExport } from './study-fixtures';
import { addDayKey, dayKey } from '../../lib/metrics/time';
import type { Arm } from '../../lib/study/enrollment';

export interface DashboardBench {
  clinicians: number;
  days: number;
  events: number;
  exportMB: number;
  importMs: number;
  /** Time to first full render, each run (ms). */
  renderMs: number[];
  renderMedianMs: number;
}

export async function benchDashboard(log: (m: string) => void, clinicians = 20, days = 365): Promise<DashboardBench> {
  const dir = mkdtempSync(join(tmpdir(), 'dashboard-bench-'));
  const to = addDayKey(dayKey(Date.now(), NY_SCHEDULE.timeZone), -2);
  const from = addDayKey(to, -(days - 1));
  const arms: Arm[] = ['ai', 'control', 'crossover-ai-first', 'crossover-control-first'];
  log(`Dashboard: generating ${clinicians} clinicians × ${days} days of synthetic exports…`);
  const paths: string[] = [];
  let events = 0;
  let bytes = 0;
  for (let i = 0; i < clinicians; i++) {
    const code = `P-${String(i + 1).padStart(3, '0')}`;
    const text = await participantExport({ code, arm: arms[i % arms.length]!, from, days, perDay: 30 }, `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`);
    events += JSON.parse(text.slice(0, text.indexOf('\n'))).counts.event;
    const p = join(dir, `${code}.ndjson`);
    writeFileSync(p, text);
    bytes += statSync(p).size;
    paths.push(p);
  }
  const browser = await launchWithExtension();
  try {
    const page = await browser.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/dashboard.html#study`);
    log(`Dashboard: importing ${paths.length} files (${(bytes / 1024 / 1024).toFixed(1)} MB)…`);
    const t0 = Date.now();
    await page.setInputFiles('input[name=imports]', paths);
    await page.waitForSelector('[data-import-outcome]', { timeout: 300_000 });
    const importMs = Date.now() - t0;
    const outcome = await page.locator('[data-import-outcome]').innerText();
    if (!outcome.includes(`Imported ${clinicians} files`)) throw new Error(`import failed: ${outcome}`);
    const url = `chrome-extension://${browser.extensionId}/dashboard.html?source=imported&period=custom&from=${from}&to=${to}#dashboard`;
    const renderMs: number[] = [];
    page.on('console', (m) => process.env.BENCH_VERBOSE && log(`  dashboard marks ${m.text()}`));
    let cdp: import('playwright-core').CDPSession | null = null;
    if (process.env.BENCH_PROFILE) {
      cdp = await page.context().newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
      await cdp.send('Profiler.start');
    }
    await page.goto(url);
    for (let run = 0; run < 3; run++) {
      // A full load each time (the same address again would only move to its fragment).
      if (run > 0) await page.reload();
      renderMs.push(
        await page.evaluate(
          () =>
            new Promise<number>((resolve, reject) => {
              const check = () => {
                const ready = document.documentElement.dataset.ready === 'true' && document.querySelector('.report');
                const figures = document.querySelectorAll('figure.chart').length;
                if (ready && figures > 0 && document.querySelectorAll('figure.chart .recharts-surface').length >= figures && document.querySelector('[data-table="clinicians"] tbody tr')) {
                  const marks = Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, Math.round(m.startTime)]));
                  console.log(JSON.stringify({ ...marks, done: Math.round(performance.now()) }));
                  resolve(performance.now());
                  return;
                }
                requestAnimationFrame(check);
              };
              setTimeout(() => reject(new Error('the dashboard did not render within 120 s')), 120_000);
              check();
            }),
        ),
      );
    }
    if (cdp) {
      const { profile } = await cdp.send('Profiler.stop');
      const self = new Map<string, number>();
      const byId = new Map(profile.nodes.map((n) => [n.id, n]));
      profile.samples!.forEach((sid, i) => {
        const n = byId.get(sid)!;
        const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}:${n.callFrame.columnNumber}`;
        self.set(k, (self.get(k) ?? 0) + (profile.timeDeltas![i] ?? 0));
      });
      log([...self].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([k, v]) => `${(v / 1000).toFixed(0)}ms ${k}`).join('\n'));
    }
    if (browser.offMachine.length) throw new Error(`requests left the machine: ${browser.offMachine.join(', ')}`);
    const sorted = [...renderMs].sort((a, b) => a - b);
    return { clinicians, days, events, exportMB: bytes / 1024 / 1024, importMs, renderMs, renderMedianMs: sorted[1]! };
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
