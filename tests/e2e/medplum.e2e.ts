/**
 * End to end on Medplum's real ThreadInbox (tests/medplum-harness), in headless Chromium
 * WITHOUT the extension yet: the page renders 30+ threads, the adapter (bundled and run in
 * the page) reads them and the open thread, fills Medplum's own reply input with the same
 * setNativeValue logic, Medplum's send button creates a Communication that shows in the
 * thread, React survives our extra node in each row, and no request leaves this machine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { fileURLToPath } from 'node:url';
import { startMedplumHarness, type MedplumHarness } from '../medplum-harness/server';
import { findChromium, isLocalRequest } from '../../scripts/lib/browser';
import { MEDPLUM_SELECTORS as S } from '../../lib/adapters/medplum';
import type { InboxMessage, OpenMessage } from '../../lib/adapters/types';

const ADAPTER_ENTRY = fileURLToPath(new URL('../../lib/adapters/medplum.ts', import.meta.url));

let harness: MedplumHarness;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let adapterScript: string;
const requests: string[] = [];
const pageErrors: string[] = [];
const consoleErrors: string[] = [];

/** lib/adapters/medplum.ts (with dom.ts) as one script defining `window.MedplumAdapter`. */
async function bundleAdapter(): Promise<string> {
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: false,
      lib: { entry: ADAPTER_ENTRY, formats: ['iife'], name: 'MedplumAdapter', fileName: () => 'medplum-adapter.js' },
    },
  });
  const output = (Array.isArray(out) ? out[0]! : out) as { output: { type: string; code?: string }[] };
  return output.output.find((o) => o.type === 'chunk')!.code!;
}

/** Run the adapter in the page (injecting it after each navigation). */
async function inPage<T>(fn: string): Promise<T> {
  if (!(await page.evaluate(() => 'MedplumAdapter' in window))) await page.addScriptTag({ content: adapterScript });
  return page.evaluate(`(() => { const a = window.MedplumAdapter.medplumAdapter; ${fn} })()`) as Promise<T>;
}
const rows = () => inPage<InboxMessage[]>('return a.listRows(document).map((r) => r.message);');
const openMessage = () => inPage<OpenMessage | null>('return a.readOpenMessage(document);');
const latestPatientText = (threadId: string) =>
  harness.threads.find((t) => t.id === threadId)!.messages.filter((m) => m.from !== 'clinic').at(-1)!.text;

beforeAll(async () => {
  [harness, adapterScript] = await Promise.all([startMedplumHarness({ port: 0 }), bundleAdapter()]);
  browser = await chromium.launch({
    executablePath: findChromium(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  context.on('request', (r) => requests.push(r.url()));
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  await page.goto(harness.url);
});

afterAll(async () => {
  await browser?.close();
  await harness?.close();
});

describe('Medplum ThreadInbox harness', () => {
  const open = () => harness.threads.filter((t) => t.status === 'in-progress');

  it('renders 30+ thread rows, which the adapter reads as the seed threads, newest activity first', async () => {
    await page.waitForFunction((n) => document.querySelectorAll('a[href^="/Communication/"]').length >= n, open().length);
    expect(open().length).toBeGreaterThanOrEqual(30);
    expect(await page.locator(S.rowLink).count()).toBe(open().length);
    const listed = await rows();
    const byLatest = [...open()].sort((a, b) => Date.parse(b.messages.at(-1)!.sentAt) - Date.parse(a.messages.at(-1)!.sentAt));
    expect(listed.map((m) => [m.id, m.subject, m.patient])).toEqual(byLatest.map((t) => [t.id, t.subject, `${t.patient.given} ${t.patient.family}`]));
    // Dates are shifted so that the newest message arrived 35 minutes ago; the row shows its last message's time.
    expect(Date.now() - Date.parse(listed[0]!.sentAt!)).toBeGreaterThan(30 * 60_000);
    expect(Date.now() - Date.parse(listed[0]!.sentAt!)).toBeLessThan(40 * 60_000);
    expect(await inPage<boolean>('return a.matches(new URL(location.href), document);')).toBe(true);
    expect(await openMessage()).toBeNull();
  });

  it('opens a thread from its row and the adapter reads the latest patient message as the body', async () => {
    await page.click('a[href^="/Communication/mp-t06"]');
    await page.waitForFunction(() => document.querySelectorAll('[aria-label="Sender name"]').length === 3);
    expect(new URL(page.url()).pathname).toBe('/Communication/mp-t06');
    const m = await openMessage();
    expect(m).toMatchObject({ id: 'mp-t06', subject: 'Refill request', sender: 'Dolores Haines', patient: 'Dolores Haines', body: latestPatientText('mp-t06') });
    expect(m!.thread.map((t) => t.from)).toEqual(['patient', 'clinic']);
  });

  it('fills the reply input with setNativeValue and sends with Medplum’s own button: the reply shows in the thread', async () => {
    // Our stand-in for the badge, appended to every row as the overlay will do.
    await inPage('for (const r of a.listRows(document)) { const b = document.createElement("span"); b.setAttribute("data-ehr-triage-badge", ""); b.dataset.ehrTriageFor = r.message.id; b.textContent = "•"; r.badgeAnchor.append(b); }');
    const reply = `Dolores, a sudden worst-ever headache with blurry vision needs the ER now: please call 911. (${Date.now()})`;
    expect(await inPage(`return a.insertReply(document, ${JSON.stringify(reply)});`)).toEqual({ ok: true });
    expect(await page.inputValue(S.replyBox)).toBe(reply);
    await page.click(S.sendButton);
    const bubble = page.locator(S.senderName, { hasText: 'Dr. Avery Chen' }).last();
    await page.waitForFunction((text) => [...document.querySelectorAll('[aria-label="Sender name"] + *')].some((b) => b.textContent === text), reply);
    expect(await page.locator('[aria-label="Sender name"] + *', { hasText: reply }).count()).toBe(1);
    expect(await bubble.evaluate((el) => el.className)).toContain('NameRight');
    expect(await page.inputValue(S.replyBox)).toBe('');
    // It is a real Communication in the (mock) FHIR store, part of the thread, sent by the signed-in clinician.
    const created = await page.evaluate(async (text) => {
      const { medplum } = (window as unknown as { medplumHarness: { medplum: { searchResources(t: string, q: string): Promise<Record<string, unknown>[]> } } }).medplumHarness;
      const list = await medplum.searchResources('Communication', 'part-of=Communication/mp-t06&_sort=-sent');
      return list.filter((c) => JSON.stringify(c).includes(text));
    }, reply);
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ sender: { reference: 'Practitioner/mp-practitioner-chen' }, partOf: [{ reference: 'Communication/mp-t06' }] });
    // The thread's body is still the patient's message; our reply came after it.
    expect((await openMessage())!.body).toBe(latestPatientText('mp-t06'));
  });

  it('re-renders the list after the send (thread moved to the top, GraphQL gives its newest message) with our nodes in the rows, without React errors', async () => {
    await expect.poll(async () => (await rows())[0]?.id, { timeout: 10_000 }).toBe('mp-t06');
    const top = (await rows())[0]!;
    expect(Date.now() - Date.parse(top.sentAt!)).toBeLessThan(5 * 60_000);
    // React moved the rows (keyed items); our node stayed in its row, still one per row.
    const badges = await page.$$eval(S.rowItem, (items) =>
      items.map((it) => [it.querySelector('a')?.getAttribute('href')?.split('?')[0], [...it.querySelectorAll('[data-ehr-triage-badge]')].map((b) => (b as HTMLElement).dataset.ehrTriageFor)]),
    );
    expect(badges.length).toBe(open().length);
    for (const [href, ids] of badges) expect(ids, String(href)).toEqual([String(href).replace('/Communication/', '')]);
    // Switching tabs unmounts and remounts the list: still fine.
    await page.click('a[role="tab"]:has-text("Completed")');
    await page.waitForFunction(() => document.querySelectorAll('a[href^="/Communication/"]').length === 2);
    await page.click('a[role="tab"]:has-text("In Progress")');
    await page.waitForFunction((n) => document.querySelectorAll('a[href^="/Communication/"]').length === n, open().length);
    expect(pageErrors).toEqual([]);
    expect(consoleErrors.filter((e) => /react|removeChild|insertBefore|NotFoundError/i.test(e))).toEqual([]);
  });

  it('sends with Enter too (the form submit)', async () => {
    await page.click('a[href^="/Communication/mp-t20"]');
    await page.waitForFunction(() => document.querySelector('[class*="ListWithDetailPane_selected"] a')?.getAttribute('href')?.startsWith('/Communication/mp-t20'));
    await page.waitForSelector(S.senderName);
    const reply = 'Your lisinopril renewal was sent to your pharmacy.';
    expect(await inPage(`return a.insertReply(document, ${JSON.stringify(reply)});`)).toEqual({ ok: true });
    await page.press(S.replyBox, 'Enter');
    await page.waitForFunction((text) => [...document.querySelectorAll('[aria-label="Sender name"] + *')].some((b) => b.textContent === text), reply);
  });

  it('fills a null GraphQL answer to the message list query from the store (gap 3 of the mock)', async () => {
    const answer = await page.evaluate(async () => {
      type Fetch = (url: string, init: unknown) => Promise<unknown>;
      const { medplum } = (window as unknown as { medplumHarness: { medplum: { client: { mockFetch: Fetch }; graphql(q: string): Promise<{ data: Record<string, { id: string }[] | null> }> } } }).medplumHarness;
      const original = medplum.client.mockFetch;
      // Make the mock answer null, as it has been seen to.
      medplum.client.mockFetch = (url, init) =>
        url.endsWith('/$graphql')
          ? Promise.resolve({ ok: true, status: 200, headers: new Headers({ 'content-type': 'application/json' }), json: () => Promise.resolve({ data: { thread_mpt01: null, thread_none: null } }) })
          : original.call(medplum.client, url, init);
      try {
        return await medplum.graphql(`query {
          thread_mpt01: CommunicationList(part_of: "Communication/mp-t01" _sort: "-sent" _count: 1) { id }
          thread_none: CommunicationList(part_of: "Communication/no-such-thread" _sort: "-sent" _count: 1) { id }
        }`);
      } finally {
        medplum.client.mockFetch = original;
      }
    });
    expect(answer.data.thread_mpt01?.map((c) => c.id)).toEqual(['mp-t01-m1']);
    expect(answer.data.thread_none).toBeNull();
  });

  it('is left alone by the adapter on another page of the app', async () => {
    await page.click('header a:has-text("Patients")');
    await page.waitForSelector('[data-testid="patient-list"] tbody tr');
    expect(await inPage<boolean>('return a.matches(new URL(location.href), document);')).toBe(false);
  });

  it('logged no error in the page', () => {
    expect(pageErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it('sent no request off this machine', () => {
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((u) => !isLocalRequest(u))).toEqual([]);
    expect(requests.every((u) => u.startsWith(harness.origin))).toBe(true);
  });
});
