/**
 * Keeps the open message of each EHR tab in session storage (held in memory by the
 * browser, cleared when it closes) so the side panel can show it, and so a stopped
 * service worker loses nothing.
 */
import { OpenMessageReportSchema, SESSION_KEYS, type OpenMessageState } from '../messaging/protocol';

export interface SessionArea {
  get(keys: string | string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

export async function storeOpenMessage(area: SessionArea, tabId: number, report: unknown, now = Date.now()): Promise<OpenMessageState> {
  const parsed = OpenMessageReportSchema.parse(report);
  const state: OpenMessageState = { ...parsed, tabId, updatedAt: now };
  await area.set({ [SESSION_KEYS.openForTab(tabId)]: state, [SESSION_KEYS.lastOpenTab]: tabId });
  return state;
}

export async function forgetTab(area: SessionArea, tabId: number): Promise<void> {
  await area.remove(SESSION_KEYS.openForTab(tabId));
}
