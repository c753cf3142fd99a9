import { browser } from 'wxt/browser';
import { InboxStatsReportSchema, SESSION_KEYS, TriageBatchSchema, onMessage } from '@/lib/messaging/protocol';
import { forgetTab, storeOpenMessage } from '@/lib/background/open-message';
import { actionBadge } from '@/lib/background/action-badge';
import { triageBatch } from '@/lib/background/triage-service';
import { modelVersion, offscreenHost } from '@/lib/background/offscreen-host';
import { openDb } from '@/lib/db/schema';
import { applyRules, RULES_VERSION } from '@/lib/triage/rules';
import { sendMessage } from '@/lib/messaging/protocol';
import { handleCommand } from '@/lib/background/commands';
import { SUPPORTED_MATCHES } from '@/lib/adapters/hosts';
import { isConfiguredChange, loadConfigured } from '@/lib/adapters/configured-store';
import { createScriptSync } from '@/lib/background/script-registration';
import { recordMessageTriage, storeInboxStats, INBOX_STATS_PREFIX } from '@/lib/background/burden-records';
import { registerActivity } from '@/lib/activity/background';
import { embedTexts, rememberReply } from '@/lib/drafts/background';
import { saveDraftUse } from '@/lib/drafts/store';
import { isSitesChange, loadSites, siteRegistrations } from '@/lib/adapters/builtin-sites';

export default defineBackground(() => {
  const db = openDb();

  // The toolbar button opens the clinician's side panel.
  void browser.sidePanel?.setPanelBehavior({ openPanelOnActionClick: true }).catch(() => undefined);

  onMessage('reportOpenMessage', async ({ data, sender }) => {
    const tabId = sender.tab?.id;
    if (tabId === undefined) throw new Error('reportOpenMessage must come from a tab');
    await storeOpenMessage(browser.storage.session, tabId, data);
    // Level and category of the opened message for the burden dashboard (no text).
    await recordMessageTriage(db, data).catch(() => undefined);
    return { ok: true } as const;
  });

  onMessage('reportInboxStats', async ({ data, sender }) => {
    const tabId = sender.tab?.id;
    const stats = InboxStatsReportSchema.parse(data);
    if (tabId === undefined) return { ok: true } as const;
    await storeInboxStats(browser.storage.session, tabId, stats).catch(() => undefined);
    const badge = actionBadge(stats.unreadEmergency, stats.unreadUrgent);
    await browser.action.setBadgeText({ tabId, text: badge.text });
    await browser.action.setBadgeBackgroundColor({ tabId, color: badge.color });
    await browser.action.setTitle({ tabId, title: badge.title });
    return { ok: true } as const;
  });

  onMessage('triageBatch', ({ data }) =>
    triageBatch(
      { db, host: offscreenHost, modelVersion: () => modelVersion(RULES_VERSION), rules: applyRules },
      TriageBatchSchema.parse(data),
    ),
  );

  onMessage('explainText', async ({ data }) => {
    try {
      const salient = await offscreenHost.explain(String(data?.text ?? ''));
      return { salient, model: await offscreenHost.status() };
    } catch (err) {
      return { salient: [], model: { state: 'failed' as const, error: err instanceof Error ? err.message : String(err) } };
    }
  });

  // Reply drafts (lib/drafts): embeddings for ranking; one use record per message (no text).
  onMessage('embedTexts', ({ data }) => embedTexts(offscreenHost, data));
  onMessage('recordDraftUse', async ({ data }) => {
    await saveDraftUse(db, data);
    return { ok: true } as const;
  });
  onMessage('rememberReply', ({ data }) => rememberReply(offscreenHost, browser.storage.local, data));

  // Inbox time (lib/activity): heartbeats merged and written at once, chrome.idle, the measures.
  registerActivity(db);

  onMessage('getModelStatus', () => offscreenHost.status().catch((err: unknown) => ({ state: 'failed' as const, error: String(err) })));

  onMessage('hostStatusChanged', async ({ data }) => {
    await browser.storage.session.set({ [SESSION_KEYS.modelStatus]: data });
  });

  browser.tabs.onRemoved.addListener((tabId) => void forgetTab(browser.storage.session, tabId));
  browser.tabs.onRemoved.addListener((tabId) => void browser.storage.session.remove(INBOX_STATS_PREFIX + tabId).catch(() => undefined));

  // Configured EHR sites (options page / policy): keep the content script registered on exactly
  // the configured sites the user allowed. Re-synced on every worker start and on every change.
  const scriptSync = createScriptSync({
    scripting: browser.scripting,
    getGrantedOrigins: async () => (await browser.permissions.getAll()).origins ?? [],
    loadConfigs: async () => {
      const areas = { local: browser.storage.local, managed: browser.storage.managed ?? null };
      const [configured, sites] = await Promise.all([loadConfigured(areas), loadSites(areas)]);
      return [...configured.entries.map((e) => e.config), ...siteRegistrations([...sites.policy, ...sites.local])];
    },
    staticMatches: SUPPORTED_MATCHES,
  });
  const resync = (): void => {
    void scriptSync.sync().then((r) => {
      if (r.errors.length) console.warn('[inbox-triage] content-script registration:', r.errors);
    });
  };
  resync();
  browser.runtime.onStartup.addListener(resync);
  browser.runtime.onInstalled.addListener(resync);
  browser.storage.onChanged.addListener((changes, areaName) => {
    if (isConfiguredChange(changes, areaName) || isSitesChange(changes, areaName)) resync();
  });
  browser.permissions.onAdded.addListener(resync);
  browser.permissions.onRemoved.addListener(resync);

  // The keyboard shortcut: the active tab's inbox opens its most urgent unread message.
  browser.commands?.onCommand.addListener((command, tab) => {
    void handleCommand(command, tab, {
      activeTabId: async () => (await browser.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id,
      sendJump: (tabId) => sendMessage('jumpToNextUrgent', undefined, tabId),
    });
  });
});
