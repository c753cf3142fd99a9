/**
 * The QueryClient for the extension's pages (side panel, options, dashboard, popup). Every query
 * reads local data (extension storage, IndexedDB, the background), so none depends on the
 * network: TanStack Query's default network mode ('online') pauses queries and mutations while
 * the browser thinks it is offline, which on a clinic machine without internet (or in headless
 * tests) froze the pages on stale data. 'always' runs them regardless.
 */
import { QueryClient, type DefaultOptions } from '@tanstack/react-query';

export function createLocalQueryClient(defaults: DefaultOptions = {}): QueryClient {
  return new QueryClient({
    defaultOptions: {
      ...defaults,
      queries: { networkMode: 'always', ...defaults.queries },
      mutations: { networkMode: 'always', ...defaults.mutations },
    },
  });
}
