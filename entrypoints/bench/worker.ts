import { benchClassify } from '@/lib/bench/stats';
import { createModelHost } from '@/lib/model-host/host';

self.onmessage = async (e: MessageEvent<{ texts: string[]; baseUrl: string }>) => {
  try {
    const host = createModelHost({ baseUrl: e.data.baseUrl });
    const r = await benchClassify(async () => {
      await host.load();
      return { classify: (t: string[]) => host.classify({ texts: t }) };
    }, e.data.texts);
    (self as unknown as Worker).postMessage(r);
  } catch (err) {
    (self as unknown as Worker).postMessage({ error: err instanceof Error ? err.message : String(err) });
  }
};
