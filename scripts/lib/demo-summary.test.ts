import { describe, expect, it } from 'vitest';
import { summarize, formatSummary } from './demo-summary';

const timing = { rows: 3, firstRowMs: 100, allBadgedMs: 130 };

describe('demo summary', () => {
  it('counts per urgency and agreement with the recorded labels', () => {
    const msgs = [
      { id: 'a', urgency: 'emergency' },
      { id: 'b', urgency: 'urgent' },
      { id: 'c', urgency: 'routine' },
      { id: 'd', urgency: 'routine' },
    ];
    const s = summarize(msgs, { a: 'emergency', b: 'routine', c: 'routine' }, timing, []);
    expect(s.messagesSeen).toBe(3);
    expect(s.messagesInInbox).toBe(4);
    expect(s.byUrgency).toEqual({ emergency: 1, urgent: 0, routine: 2 });
    expect(s.agreement).toBeCloseTo(2 / 3);
    expect(s.emergencyRecall).toBe(1);
    expect(s.emergencyOrUrgentRecall).toBe(0.5);
  });
  it('prints timings and off-machine requests', () => {
    const s = summarize([{ id: 'a', urgency: 'routine' }], { a: 'routine' }, timing, ['https://cdn.example/x.wasm']);
    const text = formatSummary(s, { screenshot: '/tmp/x.png' });
    expect(text).toContain('all badged at 130 ms after page load (30 ms after rows appeared)');
    expect(text).toContain('requests off this machine: 1 (https://cdn.example/x.wasm)');
    expect(s.emergencyRecall).toBeNull();
  });
});
