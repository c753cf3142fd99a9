// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { browser } from 'wxt/browser';
import { startInboxWithConfigured } from './start-inbox';
import { loadFixture } from '../../tests/fixtures/load';
import { enroll, STUDY_KEY } from '../study/enrollment';
import { sendMessage } from '../messaging/protocol';

vi.mock('../messaging/protocol', () => ({
  sendMessage: vi.fn(async () => {
    throw new Error('Could not establish connection. Receiving end does not exist.');
  }),
  onMessage: vi.fn(() => () => undefined),
}));

const CONSENT = 'I agree to take part in the inbox-time pilot study. Only times and counts are recorded.';
let invalidate: (() => void)[] = [];
const ctx = () => ({ onInvalidated: (cb: () => void) => void invalidate.push(cb) });
const tick = (ms = 60) => new Promise((r) => setTimeout(r, ms));
const env = { areas: { local: { get: async () => ({}), set: async () => undefined, remove: async () => undefined }, managed: null }, policyWaitMs: 10 };

beforeEach(() => fakeBrowser.reset());
afterEach(() => {
  for (const cb of invalidate.splice(0)) cb();
});

describe('study control arm on the inbox page', () => {
  it('hides badges, the status pill and the toolbar count; shows them again after withdrawal', async () => {
    const e = await enroll({ studyId: 'S1', participantCode: 'P-001', consentText: CONSENT, salt: 'salt-salt-salt-salt', method: 'fixed', arm: 'control' }, Date.now() - 60_000, () => 's');
    await browser.storage.local.set({ [STUDY_KEY]: e });
    const doc = loadFixture('demo/inbox-open.html', 'http://127.0.0.1:5174/inbox');
    await startInboxWithConfigured(ctx(), doc, env);
    await tick();
    expect(doc.querySelectorAll('[data-ehr-triage-badge]')).toHaveLength(0);
    const status = doc.querySelector<HTMLElement>('[data-ehr-triage-status]');
    expect(status?.style.display).toBe('none');
    // The toolbar count reports no urgent messages in the control arm.
    const statsCalls = vi.mocked(sendMessage).mock.calls.filter((c) => c[0] === 'reportInboxStats');
    expect(statsCalls.length).toBeGreaterThan(0);
    expect(statsCalls.every((c) => (c[1] as { unreadEmergency: number; unreadUrgent: number }).unreadEmergency === 0)).toBe(true);
    // The open message is still reported (measures are taken the same way).
    expect(vi.mocked(sendMessage).mock.calls.some((c) => c[0] === 'reportOpenMessage')).toBe(true);

    await browser.storage.local.set({ [STUDY_KEY]: { ...e, withdrawnAt: Date.now() - 1000 } });
    await vi.waitFor(() => expect(doc.querySelectorAll('[data-ehr-triage-badge]')).toHaveLength(3));
    expect(status?.style.display).toBe('');
  });

  it('shows everything in the AI arm at once', async () => {
    const e = await enroll({ studyId: 'S1', participantCode: 'P-002', consentText: CONSENT, salt: 'salt-salt-salt-salt', method: 'fixed', arm: 'ai' }, Date.now() - 60_000, () => 's');
    await browser.storage.local.set({ [STUDY_KEY]: e });
    const doc = loadFixture('demo/inbox-open.html', 'http://127.0.0.1:5174/inbox');
    await startInboxWithConfigured(ctx(), doc, env);
    expect(doc.querySelectorAll('[data-ehr-triage-badge]')).toHaveLength(3);
  });
});
