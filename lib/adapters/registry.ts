/** All built-in adapters, most specific first. The first whose `matches` is true runs. */
import type { EhrAdapter } from './types';
import { demoAdapter } from './demo';
import { openemrMessagesAdapter, openemrPortalMailAdapter } from './openemr';
import { medplumAdapter } from './medplum';

export const BUILT_IN_ADAPTERS: readonly EhrAdapter[] = [demoAdapter, medplumAdapter, openemrMessagesAdapter, openemrPortalMailAdapter];
export const ADAPTERS = BUILT_IN_ADAPTERS;

/** The adapter for this page, or null. Never throws: a broken adapter is skipped. */
export function pickAdapter(url: URL, doc: Document, adapters: readonly EhrAdapter[] = ADAPTERS): EhrAdapter | null {
  for (const a of adapters) {
    try {
      if (a.matches(url, doc)) return a;
    } catch {
      // A faulty matcher must not stop the others or the page.
    }
  }
  return null;
}
