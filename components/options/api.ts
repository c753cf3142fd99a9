/** What the options page asks of the browser: storage, permissions, tabs, and the preview injection. */
import { browser } from 'wxt/browser';
import { loadConfigured, type ConfiguredAreas, type ConfiguredState } from '@/lib/adapters/configured-store';
import type { AdapterConfig } from '@/lib/adapters/config-schema';
import { PREVIEW_GLOBAL, type PreviewReply } from '@/lib/adapters/preview-inject';

export function areas(): ConfiguredAreas {
  return { local: browser.storage.local, managed: browser.storage.managed ?? null };
}

export function loadState(): Promise<ConfiguredState> {
  return loadConfigured(areas());
}

export async function grantedOrigins(): Promise<string[]> {
  try {
    return (await browser.permissions.getAll()).origins ?? [];
  } catch {
    return [];
  }
}

/**
 * Ask for host access. Must be called synchronously from a click (a user gesture): no await
 * before it. Resolves false when refused or when the browser would not ask.
 */
export function requestOrigins(origins: readonly string[]): Promise<{ granted: boolean; error?: string }> {
  if (origins.length === 0) return Promise.resolve({ granted: true });
  try {
    return browser.permissions.request({ origins: [...origins] }).then(
      (granted) => ({ granted }),
      (err: unknown) => ({ granted: false, error: err instanceof Error ? err.message : String(err) }),
    );
  } catch (err) {
    return Promise.resolve({ granted: false, error: err instanceof Error ? err.message : String(err) });
  }
}

export interface TabChoice {
  id: number;
  title: string;
  url: string;
  active: boolean;
}

/** Open tabs whose address the extension may read (sites it has host access to), web pages only. */
export async function readableTabs(): Promise<TabChoice[]> {
  const tabs = await browser.tabs.query({});
  return tabs
    .filter((t) => t.id !== undefined && typeof t.url === 'string' && /^https?:\/\//.test(t.url))
    .map((t) => ({ id: t.id!, title: t.title || t.url!, url: t.url!, active: !!t.active }));
}

/** Run the preview in a tab: inject /preview.js (defines the function), then call it with the config. */
export async function previewInTab(tabId: number, config: AdapterConfig, highlightMs = 4000): Promise<PreviewReply> {
  await browser.scripting.executeScript({ target: { tabId }, files: ['/preview.js'] });
  const [res] = await browser.scripting.executeScript({
    target: { tabId },
    func: (cfg: unknown, name: string, ms: number) => {
      const fn = (globalThis as Record<string, unknown>)[name];
      if (typeof fn !== 'function') return { ok: false as const, errors: ['the preview script did not load on this page'] };
      return (fn as (c: unknown, o: { highlightMs: number }) => unknown)(cfg, { highlightMs: ms });
    },
    args: [config as unknown, PREVIEW_GLOBAL, highlightMs],
  });
  const result = res?.result as PreviewReply | undefined;
  return result ?? { ok: false, errors: ['the page gave no answer (it may still be loading; try again)'] };
}

export { downloadText } from '@/lib/util/download';
