// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { demoAdapter } from '../adapters/demo';
import type { OpenMessage } from '../adapters/types';
import type { ActivityReportInput } from './report';
import { TEST_NOW_ATTR, TEST_NOW_EVENT, TEST_TICK_EVENT, pageBridgeClock, startCapture, type CaptureClock } from './capture';

function fakeClock(start: number) {
  let t = start;
  const fns: (() => void)[] = [];
  const clock: CaptureClock = { now: () => t, every: (_ms, fn) => (fns.push(fn), () => fns.splice(fns.indexOf(fn), 1)) };
  return {
    clock,
    advance(ms: number) {
      for (let i = 0; i < ms / 1000; i++) {
        t += 1000;
        for (const f of [...fns]) f();
      }
    },
  };
}

const flushAsync = () => new Promise((r) => setTimeout(r, 0));
const msg = (id: string, body = 'x'.repeat(100)): OpenMessage => ({ id, subject: 'Hello', preview: '', sender: 'P', patient: 'Ivan Petrov', body, thread: [], sentAt: '2026-12-03T13:00:00Z' });

function input(doc: Document, target: EventTarget = doc.body) {
  const e = new Event('keydown', { bubbles: true }) as Event & { __inboxTriageTest?: boolean };
  e.__inboxTriageTest = true;
  target.dispatchEvent(e);
}

describe('content capture', () => {
  it('sends openings with the patient and send time, and heartbeats in order', async () => {
    document.body.innerHTML = '<main id="demo-ehr-inbox"><textarea id="reply-body"></textarea></main>';
    const sent: ActivityReportInput[] = [];
    const c = fakeClock(1_000_000);
    const cap = startCapture({ doc: document, adapter: demoAdapter, clock: c.clock, send: async (r) => void sent.push(structuredClone(r)) });
    input(document);
    cap.openMessage(msg('m1'));
    await flushAsync();
    c.advance(10_000);
    await flushAsync();
    const all = sent.flatMap((r) => r.beats ?? []);
    expect(all.map((b) => [b.kind, b.at - 1_000_000, b.final ?? false])).toEqual([
      ['list', 0, false],
      ['list', 0, true],
      ['read', 0, false],
      ['read', 10_000, false],
    ]);
    const open = sent.find((r) => r.open)!.open!;
    expect(open).toEqual({ messageId: 'm1', at: 1_000_000, patient: 'Ivan Petrov', sentAt: '2026-12-03T13:00:00Z', chars: 105 });
    cap.stop();
  });

  it('input in the reply box is drafting; a failed send is retried with the next report', async () => {
    document.body.innerHTML = '<main id="demo-ehr-inbox"><form><textarea id="reply-body"></textarea></form></main>';
    const sent: ActivityReportInput[] = [];
    let fail = true;
    const c = fakeClock(0);
    const cap = startCapture({
      doc: document,
      adapter: demoAdapter,
      clock: c.clock,
      send: async (r) => {
        if (fail) throw new Error('worker restarting');
        sent.push(structuredClone(r));
      },
    });
    cap.openMessage(msg('m1'));
    await flushAsync();
    fail = false;
    input(document, document.querySelector('textarea')!);
    await new Promise((r) => setTimeout(r, 1100));
    const kinds = sent.flatMap((r) => r.beats ?? []).map((b) => b.kind);
    expect(kinds).toEqual(['read', 'read', 'draft']);
    expect(sent[0]!.open?.messageId).toBe('m1');
    cap.stop();
  });

  it('using the side panel (the page lost focus) still counts as inbox work', async () => {
    document.body.innerHTML = '<main id="demo-ehr-inbox"></main>';
    const sent: ActivityReportInput[] = [];
    const c = fakeClock(0);
    const cap = startCapture({ doc: document, adapter: demoAdapter, clock: c.clock, send: async (r) => void sent.push(structuredClone(r)) });
    window.dispatchEvent(new Event('focus'));
    cap.openMessage(msg('m1'));
    c.advance(5000);
    window.dispatchEvent(new Event('blur'));
    c.advance(5000);
    cap.panelInput();
    c.advance(10_000);
    await flushAsync();
    await new Promise((r) => setTimeout(r, 50));
    const beats = sent.flatMap((r) => r.beats ?? []).map((b) => [b.kind, b.at, b.final ?? false]);
    expect(beats).toEqual([
      ['read', 0, false],
      ['read', 5000, true],
      ['read', 10_000, false],
      ['read', 20_000, false],
    ]);
    cap.stop();
  });

  it('a message that disappears for a moment while the EHR re-renders is not closed and reopened', async () => {
    document.body.innerHTML = '<main id="demo-ehr-inbox"></main>';
    const sent: ActivityReportInput[] = [];
    const c = fakeClock(0);
    const cap = startCapture({ doc: document, adapter: demoAdapter, clock: c.clock, closeGraceMs: 30, send: async (r) => void sent.push(structuredClone(r)) });
    window.dispatchEvent(new Event('focus'));
    cap.openMessage(msg('m1'));
    c.advance(2000);
    cap.openMessage(null);
    cap.openMessage(msg('m1'));
    c.advance(2000);
    cap.openMessage(null);
    await new Promise((r) => setTimeout(r, 60));
    c.advance(1000);
    await new Promise((r) => setTimeout(r, 20));
    expect(sent.filter((r) => r.open).length).toBe(1);
    const beats = sent.flatMap((r) => r.beats ?? []).map((b) => [b.kind, b.at, b.final ?? false]);
    expect(beats).toEqual([
      ['read', 0, false],
      ['read', 4000, true],
      ['list', 4000, false],
    ]);
    cap.stop();
  });

  it('the page bridge reads the page clock and ticks from DOM events (end-to-end tests only)', () => {
    const onNow = () => document.documentElement.setAttribute(TEST_NOW_ATTR, '12345');
    document.addEventListener(TEST_NOW_EVENT, onNow);
    const clock = pageBridgeClock(document);
    expect(clock.now()).toBe(12345);
    let ticks = 0;
    const stop = clock.every(1000, () => ticks++);
    document.dispatchEvent(new Event(TEST_TICK_EVENT));
    stop();
    document.dispatchEvent(new Event(TEST_TICK_EVENT));
    expect(ticks).toBe(1);
    document.removeEventListener(TEST_NOW_EVENT, onNow);
  });
});
