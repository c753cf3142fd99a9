import { browser } from 'wxt/browser';
import { onMessage } from '@/lib/messaging/protocol';
import { forgetTab, storeOpenMessage } from '@/lib/background/open-message';
import { InboxStatsReportSchema } from '@/lib/messaging/protocol';
import { actionBadge } from '@/lib/background/action-badge';

export default defineBackground(() => {
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

  browser.tabs.onRemoved.addListener((tabId) => void forgetTab(browser.storage.session, tabId));
});
