import { describe, expect, it } from 'vitest';
import { ActivityTracker, readingAllowanceMs, DEFAULT_TRACKER_CONFIG, type Heartbeat, type Signal } from './tracker';
import { mergeAll, type ResolvedBeat } from './merge';

const S = 1000;
const cfg = DEFAULT_TRACKER_CONFIG; // idle 60 s, heartbeat 10 s, 60 ms/char, cap 10 min

/** Run signals plus a tick every second from 0 to `until`, return heartbeats and merged events. */
function run(signals: Signal[], until: number, tracker = new ActivityTracker(cfg)) {
  const all: Signal[] = [...signals];
  for (let t = 0; t <= until; t += S) all.push({ type: 'tick', at: t });
  // stable: signals before ticks at the same time
  all.sort((a, b) => a.at - b.at || (a.type === 'tick' ? 1 : 0) - (b.type === 'tick' ? 1 : 0));
  const beats: Heartbeat[] = [];
  for (const s of all) beats.push(...tracker.step(s));
  const resolved: ResolvedBeat[] = beats.map((b) => ({ at: b.at, final: b.final, kind: b.kind, adapterId: 'demo', messageKey: b.messageId ?? '', patientKey: '', tabId: 1 }));
  const events = mergeAll(resolved);
  const total = (kind?: string) => events.filter((e) => !kind || e.kind === kind).reduce((a, e) => a + e.end - e.start, 0);
  return { beats, events, total };
}

describe('reading allowance', () => {
  it('grows with the message length, from the idle window up to the cap', () => {
    expect(readingAllowanceMs(0)).toBe(60_000);
    expect(readingAllowanceMs(500)).toBe(90_000);
    expect(readingAllowanceMs(1000)).toBe(120_000);
    expect(readingAllowanceMs(1_000_000)).toBe(600_000);
  });
});

describe('activity tracker', () => {
  it('counts input on the list plus the idle window after the last input, exactly', () => {
    // input at 0, 20, 40 s; nothing after: active until 40 + 60 = 100 s
    const r = run([0, 20, 40].map((s) => ({ type: 'input', at: s * S, inReply: false }) as Signal), 200 * S);
    expect(r.events).toHaveLength(1);
    expect(r.events[0]).toMatchObject({ start: 0, end: 100_000, kind: 'list' });
    // heartbeats: start, one per 10 s, final at exactly 100 s
    expect(r.beats.map((b) => b.at / S)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    expect(r.beats.at(-1)!.final).toBe(true);
  });

  it('a gap longer than the idle window splits activity; the idle part is not counted', () => {
    const r = run(
      [
        { type: 'input', at: 0, inReply: false },
        { type: 'input', at: 200 * S, inReply: false },
      ],
      400 * S,
    );
    expect(r.events.map((e) => [e.start / S, e.end / S])).toEqual([
      [0, 60],
      [200, 260],
    ]);
    expect(r.total()).toBe(120_000);
  });

  it('reading an open message without input counts up to its reading allowance', () => {
    // 1000 characters: allowance 120 s. Opened at 10 s, no input after: read until 130 s.
    const r = run([{ type: 'open', at: 10 * S, message: { id: 'm1', chars: 1000 } }], 400 * S);
    expect(r.events).toHaveLength(1);
    expect(r.events[0]).toMatchObject({ start: 10_000, end: 130_000, kind: 'read', messageKey: 'm1' });
  });

  it('typing in the reply box is drafting; switching back to reading splits read and draft exactly', () => {
    const r = run(
      [
        { type: 'open', at: 0, message: { id: 'm1', chars: 0 } },
        { type: 'input', at: 30 * S, inReply: true },
        { type: 'input', at: 45 * S, inReply: true },
        { type: 'input', at: 50 * S, inReply: false },
      ],
      300 * S,
    );
    expect(r.events.map((e) => [e.kind, e.start / S, e.end / S])).toEqual([
      ['read', 0, 30],
      ['draft', 30, 50],
      ['read', 50, 110],
    ]);
    expect(r.total('read')).toBe(90_000);
    expect(r.total('draft')).toBe(20_000);
  });

  it('hidden or unfocused tabs stop counting at once', () => {
    const r = run(
      [
        { type: 'input', at: 0, inReply: false },
        { type: 'visibility', at: 25 * S, visible: false },
        { type: 'visibility', at: 40 * S, visible: true },
        { type: 'input', at: 41 * S, inReply: false },
        { type: 'focus', at: 50 * S, focused: false },
      ],
      200 * S,
    );
    expect(r.events.map((e) => [e.start / S, e.end / S])).toEqual([
      [0, 25],
      // visible again at 40 s with the input of 0 s still inside the idle window
      [40, 50],
    ]);
  });

  it('a locked screen ends even reading at once; an idle system ends list time but not reading within its allowance', () => {
    const locked = run(
      [
        { type: 'open', at: 0, message: { id: 'm1', chars: 1000 } },
        { type: 'system', at: 70 * S, state: 'locked' },
      ],
      300 * S,
    );
    expect(locked.events.map((e) => [e.start / S, e.end / S])).toEqual([[0, 70]]);
    const idleRead = run(
      [
        { type: 'open', at: 0, message: { id: 'm1', chars: 1000 } },
        { type: 'system', at: 70 * S, state: 'idle' },
      ],
      300 * S,
    );
    expect(idleRead.events.map((e) => [e.start / S, e.end / S])).toEqual([[0, 120]]);
    const idleList = run(
      [
        { type: 'input', at: 0, inReply: false },
        { type: 'system', at: 30 * S, state: 'idle' },
      ],
      300 * S,
    );
    expect(idleList.events.map((e) => [e.start / S, e.end / S])).toEqual([[0, 30]]);
  });

  it('opening another message closes the first at the same instant; reopening adds a new span', () => {
    const r = run(
      [
        { type: 'open', at: 0, message: { id: 'a', chars: 0 } },
        { type: 'open', at: 20 * S, message: { id: 'b', chars: 0 } },
        { type: 'open', at: 35 * S, message: { id: 'a', chars: 0 } },
        { type: 'open', at: 45 * S, message: null },
      ],
      200 * S,
    );
    expect(r.events.map((e) => [e.kind, e.messageKey, e.start / S, e.end / S])).toEqual([
      ['read', 'a', 0, 20],
      ['read', 'b', 20, 35],
      ['read', 'a', 35, 45],
      ['list', '', 45, 105],
    ]);
  });

  it('the same open message re-rendered is not a new opening', () => {
    const r = run(
      [
        { type: 'open', at: 0, message: { id: 'a', chars: 0 } },
        { type: 'open', at: 50 * S, message: { id: 'a', chars: 0 } },
      ],
      200 * S,
    );
    expect(r.events.map((e) => [e.start / S, e.end / S])).toEqual([[0, 60]]);
  });
});
