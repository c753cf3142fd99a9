import { browser } from 'wxt/browser';
import { createModelHost } from '@/lib/model-host/host';
import { onMessage, sendMessage } from '@/lib/messaging/protocol';

const host = createModelHost({
  baseUrl: browser.runtime.getURL('/'),
  onStatus: (s) => void sendMessage('hostStatusChanged', s).catch(() => undefined),
});

onMessage('hostClassify', ({ data }) => host.classify(data));
onMessage('hostExplain', ({ data }) => host.explain(data));
onMessage('hostEmbed', ({ data }) => host.embed(data));
onMessage('hostStatus', () => host.status());

// Start loading at once so the first inbox page finds the model warm.
void host.load().catch(() => undefined);
