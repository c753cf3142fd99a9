import { describe, expect, it } from 'vitest';
import { MODEL_TEXT_CHARS, PANEL_TEXT_CHARS, clipOpenMessage, createContentTriager, textForModel } from './triager';
import { OpenMessageSchema } from '../adapters/types';
import { TriageBatchSchema, type TriageBatchReply } from '../messaging/protocol';
import type { TriageResult } from '../triage/result';

const billing = 'I have a question about my bill from the March visit, the amount looks wrong. ';
const huge = (middle = '') => billing.repeat(1300) + middle + billing.repeat(1300); // ~208,000 characters

function modelResult(hash: string, urgency: TriageResult['urgency']): TriageResult {
  return { textHash: hash, urgency, score: 0.12, category: 'administrative', probs: null, redFlags: [], source: 'model', reasons: ['Model: routine 0.80'], salient: [] };
}

describe('textForModel', () => {
  it('sends a normal message as it is', () => {
    expect(textForModel('short')).toBe('short');
  });

  it('sends the beginning and the end of a very long one, deterministically, within the batch limit', () => {
    const t = huge('crushing chest pain right now');
    const sent = textForModel(t);
    expect(sent.length).toBe(MODEL_TEXT_CHARS + 3);
    expect(sent.startsWith(t.slice(0, 100))).toBe(true);
    expect(sent.endsWith(t.slice(-100))).toBe(true);
    expect(textForModel(t)).toBe(sent);
    expect(TriageBatchSchema.safeParse({ items: [{ hash: 'h', text: sent }] }).success).toBe(true);
  });
});

describe('the content triager with a 200 KB message', () => {
  it('sends a batch the background accepts, and a red flag in the part not sent still raises the result', async () => {
    const sent: { hash: string; text: string }[][] = [];
    const triager = createContentTriager(async (items) => {
      sent.push(items);
      expect(TriageBatchSchema.safeParse({ items }).success).toBe(true);
      return { results: items.map((i) => modelResult(i.hash, 'routine')), model: { state: 'ready' }, cacheHits: 0 } satisfies TriageBatchReply;
    });
    const long = huge('I have crushing chest pain right now and my left arm is numb. ');
    const [a, b] = await triager.refine!([
      { hash: 'long', text: long },
      { hash: 'plain', text: 'Can I get my lisinopril refilled please' },
    ]);
    expect(sent[0]!.map((i) => i.text.length)).toEqual([MODEL_TEXT_CHARS + 3, 39]);
    expect(a!.urgency).toBe('emergency');
    expect(a!.source).toBe('model+rules');
    expect(a!.redFlags.length).toBeGreaterThan(0);
    expect(a!.textHash).toBe('long');
    expect(b!.urgency).toBe('routine');
  });
});

describe('clipOpenMessage', () => {
  it('keeps a huge open message within the report schema, with a note that it was cut', () => {
    const m = {
      id: 'x1',
      subject: 's'.repeat(5000),
      preview: huge(),
      sender: 'Pat',
      body: huge(),
      thread: Array.from({ length: 600 }, (_, i) => ({ from: 'patient' as const, author: 'Pat', body: `${i} ${'y'.repeat(30_000)}` })),
    };
    expect(OpenMessageSchema.safeParse(m).success).toBe(false);
    const c = clipOpenMessage(m);
    expect(OpenMessageSchema.safeParse(c).success).toBe(true);
    expect(c.body.length).toBeLessThan(PANEL_TEXT_CHARS + 200);
    expect(c.body.endsWith('[… the rest of this very long message is not shown here: read it in the EHR]')).toBe(true);
    expect(c.thread).toHaveLength(500);
    expect(c.thread[0]!.body.startsWith('100 ')).toBe(true);
    expect(c.subject.length).toBe(2000);
  });

  it('leaves a normal message untouched', () => {
    const m = { id: 'x', subject: 'Hi', preview: 'p', sender: 'A', body: 'b', thread: [] };
    expect(clipOpenMessage(m)).toEqual(m);
  });
});
