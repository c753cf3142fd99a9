/**
 * Background wiring of inbox time: heartbeats from the content scripts go to the recorder
 * (merged and written to Dexie at once), chrome.idle's state is remembered and relayed to the
 * tabs (a locked screen ends activity at once), and the side panel asks for the measures.
 */
import { browser } from 'wxt/browser';
import type { InboxTriageDb } from '../db/schema';
import { onMessage, sendMessage } from '../messaging/protocol';
import { createRecorder } from './recorder';
import { inboxTime } from './inbox-time';
import { ACTIVITY_SETTINGS_KEY, loadSettings } from './settings';
import { SystemStateSchema, type SystemState } from './report';
import { TEST_CLOCK_KEY } from './capture';

export function registerActivity(db: InboxTriageDb, now: () => number = () => Date.now()): void {
  const recorder = createRecorder({ db, now });

  onMessage('activityReport', ({ data, sender }) => recorder.record(sender.tab?.id ?? -1, data));
  onMessage('getInboxTime', async ({ data }) => inboxTime(db, await loadSettings(browser.storage.local), data, now()));

  const onSystemState = (raw: unknown): void => {
    const parsed = SystemStateSchema.safeParse(raw);
    if (!parsed.success) return;
    void recorder.setSystemState(parsed.data);
    void relay(parsed.data);
  };

  // End-to-end tests cannot lock the screen: they call this from the worker, and it acts only
  // when a test has set the `activityTestClock` flag in extension storage (a page cannot).
  (globalThis as { __inboxTriageTestIdle?: (state: string) => Promise<boolean> }).__inboxTriageTestIdle = async (state) => {
    if ((await browser.storage.local.get(TEST_CLOCK_KEY))[TEST_CLOCK_KEY] !== true) return false;
    onSystemState(state);
    return true;
  };

  const idle = browser.idle;
  if (!idle) return;
  const applyInterval = async () => {
    const s = await loadSettings(browser.storage.local);
    idle.setDetectionInterval(Math.max(15, s.idleWindowSec));
  };
  void applyInterval().catch(() => undefined);
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && ACTIVITY_SETTINGS_KEY in changes) void applyInterval().catch(() => undefined);
  });
  idle.onStateChanged.addListener(onSystemState);
}

async function relay(state: SystemState): Promise<void> {
  const tabs = await browser.tabs.query({}).catch(() => []);
  await Promise.all(
    tabs.map((t) => (t.id === undefined ? undefined : sendMessage('activitySystemState', { state }, t.id).catch(() => undefined))),
  );
}
