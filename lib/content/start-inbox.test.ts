// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { startInboxWithConfigured, type ConfiguredStartOptions } from './start-inbox';
import { CONFIGURED_ADAPTERS_KEY } from '../adapters/configured-store';
import { loadFixture } from '../../tests/fixtures/load';

// No background in these tests: every message to it fails as it does when the service worker is
// gone, and the overlay must carry on with the red-flag rules alone.
vi.mock('../messaging/protocol', () => ({
  sendMessage: vi.fn(async () => {
    throw new Error('Could not establish connection. Receiving end does not exist.');
  }),
  onMessage: vi.fn(() => () => undefined),
}));

const RAW = JSON.parse(readFileSync('tests/fixtures/configured/acme-config.json', 'utf8')).adapters[0];
const LOCAL_ACME = { ...RAW, urlPatterns: ['http://127.0.0.1/ehr/inbox/*'] };
const ACME_URL = 'http://127.0.0.1:5555/ehr/inbox/message.do?folder=PATIENT';
const file = (adapters: unknown[]) => ({ kind: 'inbox-triage-adapters', version: 1, adapters });

let invalidate: (() => void)[] = [];
afterEach(() => {
  for (const cb of invalidate.splice(0)) cb();
});
const ctx = () => ({ onInvalidated: (cb: () => void) => void invalidate.push(cb) });
const tick = (ms = 60) => new Promise((r) => setTimeout(r, ms));

function env(local: Record<string, unknown>, managed?: () => Promise<Record<string, unknown>>) {
  const listeners: ((c: Record<string, unknown>, area: string) => void)[] = [];
  const get = vi.fn(async () => structuredClone(local));
  const opts: ConfiguredStartOptions = {
    areas: { local: { get, set: async () => undefined, remove: async () => undefined }, managed: managed ? { get: managed } : null },
    onChanged: { addListener: (cb) => listeners.push(cb), removeListener: () => undefined },
    policyWaitMs: 20,
  };
  const change = (c: Record<string, unknown>, area = 'local') => listeners.forEach((l) => l(c, area));
  return { opts, get, change, local };
}

const badgeCells = (doc: Document) =>
  [...doc.querySelectorAll<HTMLElement>('[data-ehr-triage-badge]')].map((b) => [b.dataset.ehrTriageFor, (b.parentElement as HTMLElement).className]);

describe('startInboxWithConfigured', () => {
  it('runs a configured adapter on a page no built-in adapter knows, with the inbox tools', async () => {
    const doc = loadFixture('configured/acme-inbox.html', ACME_URL);
    const e = env({ [CONFIGURED_ADAPTERS_KEY]: file([LOCAL_ACME]) });
    await startInboxWithConfigured(ctx(), doc, e.opts);
    await vi.waitFor(() => expect(badgeCells(doc)).toHaveLength(4), { timeout: 3000 });
    expect(badgeCells(doc)).toEqual([
      ['MSG-20417', 'ac-col-flags'],
      ['MSG-20409', 'ac-col-flags'],
      ['MSG-20388', 'ac-col-flags'],
      ['MSG-20371', 'ac-col-flags'],
    ]);
    const status = doc.querySelector<HTMLElement>('[data-ehr-triage-status]')!;
    expect(status.dataset.text).toMatch(/^Inbox Triage: 4 messages/);
    const toggle = status.shadowRoot!.querySelector<HTMLButtonElement>('.tq-toggle')!;
    toggle.click();
    expect(status.shadowRoot!.querySelectorAll('.tq-item')).toHaveLength(4);
  });

  it('leaves the page alone without a config for it', async () => {
    const doc = loadFixture('configured/acme-inbox.html', ACME_URL);
    await startInboxWithConfigured(ctx(), doc, env({ [CONFIGURED_ADAPTERS_KEY]: file([RAW]) }).opts);
    await tick();
    expect(doc.querySelectorAll('[data-ehr-triage-badge], [data-ehr-triage-status]')).toHaveLength(0);
  });

  it('starts a built-in adapter at once, without reading storage', async () => {
    const doc = loadFixture('demo/inbox-open.html', 'http://127.0.0.1:5174/inbox');
    const e = env({ [CONFIGURED_ADAPTERS_KEY]: file([LOCAL_ACME]) });
    await startInboxWithConfigured(ctx(), doc, e.opts);
    expect(e.get).not.toHaveBeenCalled();
    expect(doc.querySelectorAll('[data-ehr-triage-badge]')).toHaveLength(3);
  });

  it('lets a policy adapter win over a saved one with the same id, also when policy answers late', async () => {
    const doc = loadFixture('configured/acme-inbox.html', ACME_URL);
    const policy = { ...LOCAL_ACME, list: { ...LOCAL_ACME.list, badgeAnchor: 'td.ac-col-subject' } };
    let release!: () => void;
    const late = new Promise<void>((r) => (release = r));
    const e = env({ [CONFIGURED_ADAPTERS_KEY]: file([LOCAL_ACME]) }, async () => {
      await late;
      return { adapters: [policy] };
    });
    await startInboxWithConfigured(ctx(), doc, e.opts);
    // Policy is slow: the saved adapter runs meanwhile…
    await vi.waitFor(() => expect(badgeCells(doc).map((b) => b[1])).toEqual(['ac-col-flags', 'ac-col-flags', 'ac-col-flags', 'ac-col-flags']), { timeout: 3000 });
    release();
    // …and policy's version replaces it when it arrives.
    await vi.waitFor(() => expect(badgeCells(doc).map((b) => b[1])).toEqual(['ac-col-subject', 'ac-col-subject', 'ac-col-subject', 'ac-col-subject']), { timeout: 3000 });
    expect(doc.querySelectorAll('[data-ehr-triage-status]')).toHaveLength(1);
  });

  it('follows config changes without a reload: deleting the config stops the overlay', async () => {
    const doc = loadFixture('configured/acme-inbox.html', ACME_URL);
    const e = env({ [CONFIGURED_ADAPTERS_KEY]: file([LOCAL_ACME]) });
    await startInboxWithConfigured(ctx(), doc, e.opts);
    await vi.waitFor(() => expect(doc.querySelectorAll('[data-ehr-triage-badge]')).toHaveLength(4), { timeout: 3000 });
    e.get.mockResolvedValue({ [CONFIGURED_ADAPTERS_KEY]: file([]) });
    e.change({ unrelated: {} });
    await tick();
    expect(doc.querySelectorAll('[data-ehr-triage-badge]')).toHaveLength(4);
    e.change({ [CONFIGURED_ADAPTERS_KEY]: {} });
    await vi.waitFor(() => expect(doc.querySelectorAll('[data-ehr-triage-badge], [data-ehr-triage-status]')).toHaveLength(0), { timeout: 3000 });
  });
});
