import { describe, expect, it } from 'vitest';
import { mergeAll, mergeHeartbeat, type ResolvedBeat } from './merge';

const beat = (at: number, extra: Partial<ResolvedBeat> = {}): ResolvedBeat => ({
  at,
  kind: 'list',
  adapterId: 'demo',
  messageKey: '',
  patientKey: '',
  tabId: 1,
  ...extra,
});

describe('heartbeat merging', () => {
  it('merges heartbeats with the same data within the pulse window into one event', () => {
    const ev = mergeAll([beat(0), beat(10_000), beat(20_000), beat(35_000)], 15_000);
    expect(ev).toEqual([{ id: 1, start: 0, end: 35_000, kind: 'list', adapterId: 'demo', messageKey: '', patientKey: '', tabId: 1 }]);
  });

  it('starts a new event after a gap longer than the pulse window', () => {
    const ev = mergeAll([beat(0), beat(10_000), beat(25_001)], 15_000);
    expect(ev.map((e) => [e.start, e.end])).toEqual([
      [0, 10_000],
      [25_001, 25_001],
    ]);
  });

  it('starts a new event when the data changes, even within the pulse window', () => {
    const ev = mergeAll([beat(0), beat(10_000), beat(10_000, { kind: 'read', messageKey: 'm' }), beat(20_000, { kind: 'read', messageKey: 'm' })]);
    expect(ev.map((e) => [e.kind, e.start, e.end])).toEqual([
      ['list', 0, 10_000],
      ['read', 10_000, 20_000],
    ]);
  });

  it('a closing heartbeat never starts an event', () => {
    expect(mergeHeartbeat(undefined, beat(5, { final: true }))).toEqual({ op: 'none', addedMs: 0 });
  });

  it('two tabs never count the same moment twice', () => {
    // Tab 2 reads message m while tab 1 sends list heartbeats that overlap in time.
    const ev = mergeAll([
      beat(0, { tabId: 1 }),
      beat(10_000, { tabId: 1 }),
      beat(5_000, { tabId: 2, kind: 'read', messageKey: 'm' }),
      beat(15_000, { tabId: 2, kind: 'read', messageKey: 'm' }),
      beat(20_000, { tabId: 1 }),
    ]);
    // tab 1 holds the timeline while it is active; tab 2's heartbeats are not counted meanwhile
    expect(ev.map((e) => [e.tabId, e.start, e.end])).toEqual([[1, 0, 20_000]]);
    for (let i = 1; i < ev.length; i++) expect(ev[i]!.start).toBeGreaterThanOrEqual(ev[i - 1]!.end);
  });

  it('a span closed where it started (the click that opened another message) is dropped', () => {
    const ev = mergeAll([beat(0), beat(10_000, { final: true }), beat(10_000, { kind: 'read', messageKey: 'a' }), beat(10_000, { kind: 'read', messageKey: 'a', final: true }), beat(10_000, { kind: 'read', messageKey: 'b' }), beat(20_000, { kind: 'read', messageKey: 'b' })]);
    expect(ev.map((e) => [e.kind, e.messageKey, e.start, e.end])).toEqual([
      ['list', '', 0, 10_000],
      ['read', 'b', 10_000, 20_000],
    ]);
  });

  it('another tab takes over when the active one closes its span or goes silent', () => {
    const ev = mergeAll([
      beat(0, { tabId: 1 }),
      beat(10_000, { tabId: 2, kind: 'read', messageKey: 'm' }),
      beat(12_000, { tabId: 1, final: true }),
      beat(20_000, { tabId: 2, kind: 'read', messageKey: 'm' }),
      beat(30_000, { tabId: 2, kind: 'read', messageKey: 'm' }),
      // tab 1 comes back after tab 2 has been silent for longer than the pulse window
      beat(50_000, { tabId: 1 }),
      beat(60_000, { tabId: 1 }),
    ]);
    expect(ev.map((e) => [e.tabId, e.start, e.end])).toEqual([
      [1, 0, 12_000],
      [2, 20_000, 30_000],
      [1, 50_000, 60_000],
    ]);
  });

  it('a stale heartbeat of the same data does not shrink or double an event', () => {
    const ev = mergeAll([beat(0), beat(10_000), beat(4_000)]);
    expect(ev.map((e) => [e.start, e.end])).toEqual([[0, 10_000]]);
  });
});
