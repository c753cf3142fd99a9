import { browser } from 'wxt/browser';
import { InboxStatsReportSchema, SESSION_KEYS, TriageBatchSchema, onMessage } from '@/lib/messaging/protocol';
import { forgetTab, storeOpenMessage } from '@/lib/background/open-message';
import { actionBadge } from '@/lib/background/action-badge';
import { triageBatch } from '@/lib/background/triage-service';
import { modelVersion, offscreenHost } from '@/lib/background/offscreen-host';
import { openDb } from '@/lib/db/schema';
import { applyRules, RULES_VERSION } from '@/lib/triage/rules';

export default defineBackground(() => {
  const db = openDb();

  // The toolbar button opens the clinician's side panel.
  void browser.sidePanel?.setPanelBehavior({ openPanelOnActionClick: true }).catch(() => undefined);

  onMessage('reportOpenMessage', async ({ data, sender }) => {
    const tabId = sender.tab?.id;
    if (tabId === undefined) throw new Error('reportOpenMessage must come from a tab');
    await storeOpenMessage(browser.storage.session, tabId, data);
    return { ok: true } as const;
  });

  onMessage('reportInboxStats', async ({ data, sender }) => {
    const tabId = sender.tab?.id;
    const stats = InboxStatsReportSchema.parse(data);
    if (tabId === undefined) return { ok: true } as const;
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

  onMessage('getModelStatus', () => offscreenHost.status().catch((err: unknown) => ({ state: 'failed' as const, error: String(err) })));

  onMessage('hostStatusChanged', async ({ data }) => {
    await browser.storage.session.set({ [SESSION_KEYS.modelStatus]: data });
  });

  browser.tabs.onRemoved.addListener((tabId) => void forgetTab(browser.storage.session, tabId));
});
