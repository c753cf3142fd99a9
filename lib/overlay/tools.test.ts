// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createInboxTools, filterQueue, findOpenTarget, jumpTarget, queueItems, urgencyCounts, type InboxTools, type QueueItem } from './tools';
import type { VisibleTriage } from './controller';
import type { TriageResult } from '../triage/result';
import type { Urgency } from '../triage/labels';
import { createConfiguredAdapter } from '../adapters/configurable';
import { parseAdapterConfig } from '../adapters/config-schema';
import { loadFixture } from '../../tests/fixtures/load';

function vis(id: string, urgency: Urgency, score: number, unread?: boolean, subject = `Subject ${id}`): VisibleTriage {
  const triage: TriageResult = { textHash: `h-${id}`, urgency, score, category: null, probs: null, redFlags: [], source: 'rules', reasons: [], salient: [] };
  return { message: { id, subject, preview: '', sender: `Sender ${id}`, unread }, triage };
}

/** Page order m1..m7. */
const VISIBLE: VisibleTriage[] = [
  vis('m1', 'routine', 0.2, false),
  vis('m2', 'urgent', 0.55, true),
  vis('m3', 'emergency', 0.81, false),
  vis('m4', 'urgent', 0.7, false),
  vis('m5', 'emergency', 0.95, true),
  vis('m6', 'routine', 0.2, true),
  vis('m7', 'urgent', 0.55, false),
];

describe('queue ordering and filtering', () => {
  it('orders by urgency, then score, then page order', () => {
    expect(queueItems(VISIBLE).map((i) => i.id)).toEqual(['m5', 'm3', 'm4', 'm2', 'm7', 'm1', 'm6']);
  });

  it('counts per level and filters by the chosen levels (none chosen: all), keeping the order', () => {
    const items = queueItems(VISIBLE);
    expect(urgencyCounts(items)).toEqual({ emergency: 2, urgent: 3, routine: 2 });
    expect(filterQueue(items, new Set()).map((i) => i.id)).toEqual(['m5', 'm3', 'm4', 'm2', 'm7', 'm1', 'm6']);
    expect(filterQueue(items, new Set<Urgency>(['urgent'])).map((i) => i.id)).toEqual(['m4', 'm2', 'm7']);
    expect(filterQueue(items, new Set<Urgency>(['emergency', 'routine'])).map((i) => i.id)).toEqual(['m5', 'm3', 'm1', 'm6']);
  });
});

describe('jump target', () => {
  const items = queueItems(VISIBLE);
  const id = (t: ReturnType<typeof jumpTarget>) => (t ? [t.item.id, t.reason] : null);

  it('is the most urgent unread message', () => {
    expect(id(jumpTarget(items))).toEqual(['m5', 'unread']);
  });

  it('skips the open message and those already opened, then falls back to unopened ones', () => {
    expect(id(jumpTarget(items, { openId: 'm5' }))).toEqual(['m2', 'unread']);
    expect(id(jumpTarget(items, { openId: 'm5', visited: new Set(['m2']) }))).toEqual(['m6', 'unread']);
    expect(id(jumpTarget(items, { openId: 'm6', visited: new Set(['m5', 'm2']) }))).toEqual(['m3', 'unopened']);
    expect(id(jumpTarget(items, { visited: new Set(['m5', 'm2', 'm6', 'm3', 'm4']) }))).toEqual(['m7', 'unopened']);
    expect(jumpTarget(items, { openId: 'm1', visited: new Set(['m2', 'm3', 'm4', 'm5', 'm6', 'm7']) })).toBeNull();
  });

  it('uses urgency order alone when the EHR shows no unread state', () => {
    const noState: QueueItem[] = items.map((i) => ({ ...i, unread: undefined }));
    expect(id(jumpTarget(noState, { openId: 'm5' }))).toEqual(['m3', 'unopened']);
  });

  it('is null on an empty inbox', () => {
    expect(jumpTarget([])).toBeNull();
  });
});

/* ------------------------------------------------------------------------------------------ */

const ACME_URL = 'http://127.0.0.1:5555/ehr/inbox/message.do?folder=PATIENT';
const RAW = JSON.parse(readFileSync('tests/fixtures/configured/acme-config.json', 'utf8')).adapters[0];
const parsed = parseAdapterConfig({ ...RAW, urlPatterns: ['http://127.0.0.1/ehr/inbox/*'] });
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const acme = createConfiguredAdapter(parsed.value);

/** Acme rows in page order: 20417 (unread, open), 20409, 20388, 20371 (unread). */
const ACME_VISIBLE = [
  vis('MSG-20417', 'urgent', 0.6, true, 'Metformin refill'),
  vis('MSG-20409', 'emergency', 0.9, false, 'Fever since last night'),
  vis('MSG-20388', 'routine', 0.1, false, 'Appointment moved?'),
  vis('MSG-20371', 'urgent', 0.65, true, 'Lab results question'),
];

let tools: InboxTools | null = null;
afterEach(() => {
  tools?.destroy();
  tools = null;
});

function setup() {
  const doc = loadFixture('configured/acme-inbox.html', ACME_URL);
  const host = doc.createElement('div');
  doc.documentElement.append(host);
  const mount = host.attachShadow({ mode: 'open' });
  const clicks: string[] = [];
  for (const a of doc.querySelectorAll<HTMLAnchorElement>('a')) {
    a.addEventListener('click', (e) => {
      e.preventDefault();
      clicks.push(a.getAttribute('href') ?? '');
    });
  }
  tools = createInboxTools({ doc, adapter: acme, mount });
  tools.update(ACME_VISIBLE, 'MSG-20417');
  const rowOrder = () => [...doc.querySelectorAll('tr.ac-grid__row[data-rowkey]')].map((r) => r.getAttribute('data-rowkey'));
  return { doc, mount, clicks, rowOrder };
}

describe('the triage queue panel', () => {
  it('is collapsed to one button by default, and says what it holds in text', () => {
    const { mount } = setup();
    const toggle = mount.querySelector<HTMLButtonElement>('.tq-toggle')!;
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(mount.querySelector<HTMLElement>('.tq-panel')!.hidden).toBe(true);
    expect(toggle.textContent).toBe('Triage queue · 3 emergency/urgent');
    expect(toggle.getAttribute('aria-label')).toBe('Triage queue: 4 messages, 1 emergency, 2 urgent');
  });

  it('opens to the messages most urgent first, with chip counts, and filters by level', () => {
    const { mount } = setup();
    const toggle = mount.querySelector<HTMLButtonElement>('.tq-toggle')!;
    toggle.click();
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const ids = () => [...mount.querySelectorAll<HTMLElement>('.tq-item')].map((b) => b.dataset.messageId);
    expect(ids()).toEqual(['MSG-20409', 'MSG-20371', 'MSG-20417', 'MSG-20388']);
    expect(mount.activeElement?.getAttribute('data-message-id')).toBe('MSG-20409');
    const chips = [...mount.querySelectorAll<HTMLButtonElement>('.tq-chip')];
    expect(chips.map((c) => [c.textContent, c.getAttribute('aria-pressed')])).toEqual([
      ['Emergency (1)', 'false'],
      ['Urgent (2)', 'false'],
      ['Routine (1)', 'false'],
    ]);
    chips[1]!.click();
    expect(chips[1]!.getAttribute('aria-pressed')).toBe('true');
    expect(ids()).toEqual(['MSG-20371', 'MSG-20417']);
    chips[0]!.click();
    expect(ids()).toEqual(['MSG-20409', 'MSG-20371', 'MSG-20417']);
    chips[0]!.click();
    chips[1]!.click();
    expect(ids()).toEqual(['MSG-20409', 'MSG-20371', 'MSG-20417', 'MSG-20388']);
    // Text, not colour alone: each item names its level, unread state and the open one.
    const first = mount.querySelector<HTMLElement>('.tq-item[data-message-id="MSG-20417"]')!;
    expect(first.textContent).toBe('● UrgentMetformin refillSender MSG-20417 · Unread · Open now');
    expect(first.getAttribute('aria-current')).toBe('true');
  });

  it('opens a message by clicking the row’s own message link, never re-ordering the EHR’s list', () => {
    const { mount, clicks, rowOrder } = setup();
    const before = rowOrder();
    mount.querySelector<HTMLButtonElement>('.tq-toggle')!.click();
    mount.querySelector<HTMLButtonElement>('.tq-item[data-message-id="MSG-20409"]')!.click();
    expect(clicks).toEqual(['/ehr/inbox/message.do?folder=PATIENT&msgId=MSG-20409&_cb=1741518120']);
    expect(rowOrder()).toEqual(before);
    expect(mount.querySelector('.tq-live')!.textContent).toBe('Opened: Fever since last night');
  });

  it('closes on Escape and gives focus back to its button', () => {
    const { mount } = setup();
    const toggle = mount.querySelector<HTMLButtonElement>('.tq-toggle')!;
    toggle.click();
    mount.querySelector<HTMLElement>('.tq-item')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(mount.querySelector<HTMLElement>('.tq-panel')!.hidden).toBe(true);
    expect(mount.activeElement).toBe(toggle);
  });

  it('jumps to the most urgent unread message that is not open, then onwards', () => {
    const { clicks } = setup();
    expect(tools!.jumpNext()).toEqual({ ok: true, messageId: 'MSG-20371', urgency: 'urgent', reason: 'unread' });
    expect(tools!.jumpNext()).toEqual({ ok: true, messageId: 'MSG-20409', urgency: 'emergency', reason: 'unopened' });
    expect(tools!.jumpNext()).toEqual({ ok: true, messageId: 'MSG-20388', urgency: 'routine', reason: 'unopened' });
    expect(tools!.jumpNext()).toEqual({ ok: false, reason: 'none' });
    expect(clicks.map((h) => /msgId=([\w-]+)/.exec(h)?.[1])).toEqual(['MSG-20371', 'MSG-20409', 'MSG-20388']);
  });
});

describe('findOpenTarget', () => {
  it('prefers the link naming the message id over the chart link before it', () => {
    const doc = loadFixture('configured/acme-inbox.html', ACME_URL);
    const row = acme.listRows(doc)[0]!;
    expect(findOpenTarget(row).getAttribute('href')).toBe('/ehr/inbox/message.do?folder=PATIENT&msgId=MSG-20417&_cb=1741526040');
  });

  it('falls back to a clickable element, never a checkbox, then the row', () => {
    const doc = loadFixture('configured/acme-inbox.html', ACME_URL);
    const tr = doc.createElement('tr');
    tr.innerHTML = '<td><input type="checkbox"></td><td><span ng-click="read(1)">Hello</span></td>';
    expect(findOpenTarget({ element: tr, message: { id: 'x', subject: '', preview: '', sender: '' } }).tagName).toBe('SPAN');
    const plain = doc.createElement('li');
    plain.innerHTML = '<button>Delete</button> text';
    expect(findOpenTarget({ element: plain, message: { id: 'x', subject: '', preview: '', sender: '' } })).toBe(plain);
  });
});
