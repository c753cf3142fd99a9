import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LabeledExampleSchema } from '../../lib/triage/labels';
import type { TriageResult } from '../../lib/triage/result';
import { inputNotes, MessageInputSchema, messageText, outputRecord, parseDtype, parseLine, readBatches } from './jsonl-io';

describe('MessageInputSchema / messageText', () => {
  it('accepts {id, text} and {id, subject?, body}', () => {
    const a = parseLine('{"id":"a","text":"chest pain"}', 1, MessageInputSchema);
    expect(a.ok && messageText(a.value)).toBe('chest pain');
    const b = parseLine('{"id":7,"subject":"  Refill ","body":"need   more\\nmetformin"}', 2, MessageInputSchema);
    expect(b.ok && messageText(b.value)).toBe('Refill\nneed more metformin');
    const c = parseLine('{"id":"c","body":"hello","extra":1}', 3, MessageInputSchema);
    expect(c.ok && messageText(c.value)).toBe('hello');
    const d = parseLine('{"id":"d","subject":null,"body":"x"}', 4, MessageInputSchema);
    expect(d.ok).toBe(true);
  });
  it('explains what is wrong, with the line number', () => {
    expect(parseLine('{"id":"a"', 5, MessageInputSchema)).toMatchObject({ ok: false, line: 5, error: expect.stringMatching(/^not valid JSON/) });
    expect(parseLine('{"id":"a"}', 6, MessageInputSchema)).toMatchObject({
      ok: false,
      line: 6,
      error: expect.stringContaining('needs "text", or "body"'),
    });
    expect(parseLine('{"body":"x"}', 7, MessageInputSchema)).toMatchObject({ ok: false, error: expect.stringContaining('id:') });
    expect(parseLine('{"id":"a","body":5}', 8, MessageInputSchema)).toMatchObject({ ok: false, error: expect.stringContaining('body:') });
    expect(parseLine('{"id":"a","text":"hello","body":"crushing chest pain"}', 9, MessageInputSchema)).toMatchObject({
      ok: false,
      line: 9,
      error: expect.stringContaining('both "text" and "body"'),
    });
  });
  it('labelled lines need a valid urgency and category', () => {
    const schema = MessageInputSchema.and(LabeledExampleSchema.omit({ id: true }));
    expect(parseLine('{"id":"a","text":"t","urgency":"urgent","category":"symptom"}', 1, schema).ok).toBe(true);
    expect(parseLine('{"id":"a","text":"t","urgency":"soon","category":"symptom"}', 1, schema)).toMatchObject({
      ok: false,
      error: expect.stringContaining('urgency:'),
    });
  });
});

describe('inputNotes', () => {
  it('notes a repeated id', () => {
    const notes = inputNotes();
    expect(notes(1, { id: 'a', body: 'x' })).toEqual([]);
    expect(notes(2, { id: 1, text: 'x' })).toEqual([]);
    expect(notes(3, { id: 'a', text: 'x' })).toEqual(['id "a" was already used on line 1; both are scored']);
    expect(notes(4, { id: '1', body: 'x' })).toEqual([]); // "1" and 1 are different ids, as in the output
    expect(notes(5, { id: 1, body: 'x' })).toEqual(['id 1 was already used on line 2; both are scored']);
  });
});

describe('readBatches', () => {
  it('batches valid lines, reports bad ones with line numbers, skips blank lines', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jsonl-io-'));
    const file = join(dir, 'in.jsonl');
    const lines = ['\uFEFF{"id":"1","text":"a"}', '', '{"id":"2","text":"b"}', 'oops', '{"id":"3","body":"c"}', '{"id":"4"}', '{"id":"5","text":"e"}'];
    writeFileSync(file, `${lines.join('\n')}\n`);
    const bad: [number, string][] = [];
    const batches: { line: number; id: string | number }[][] = [];
    for await (const b of readBatches(file, MessageInputSchema, (l, e) => bad.push([l, e]), 2)) {
      batches.push(b.map((x) => ({ line: x.line, id: x.value.id })));
    }
    expect(batches).toEqual([
      [
        { line: 1, id: '1' },
        { line: 3, id: '2' },
      ],
      [
        { line: 5, id: '3' },
        { line: 7, id: '5' },
      ],
    ]);
    expect(bad.map(([l]) => l)).toEqual([4, 6]);
  });
});

const rulesOnly: TriageResult = {
  textHash: 'h',
  urgency: 'routine',
  score: 0.1,
  category: null,
  probs: null,
  redFlags: [],
  source: 'rules',
  reasons: [],
  salient: [],
};

describe('outputRecord / parseDtype', () => {
  it('keeps only the output fields', () => {
    const rec = outputRecord('m1', {
      textHash: 'h',
      urgency: 'urgent',
      score: 0.612345678,
      category: 'symptom',
      probs: { urgency: { emergency: 0.1234567, urgent: 0.5, routine: 0.3765433 }, category: { symptom: 1 } },
      redFlags: [],
      source: 'model',
      reasons: ['x'],
      salient: [],
    });
    expect(rec).toEqual({
      id: 'm1',
      urgency: 'urgent',
      score: 0.612346,
      category: 'symptom',
      probs: { urgency: { emergency: 0.123457, urgent: 0.5, routine: 0.376543 }, category: { symptom: 1 } },
      redFlags: [],
      source: 'model',
    });
    expect(outputRecord(3, { ...rulesOnly }).probs).toBeNull();
  });
  it('parses --dtype', () => {
    expect(parseDtype(undefined)).toBe('q8');
    expect(parseDtype('fp32')).toBe('fp32');
    expect(() => parseDtype('fp16')).toThrow(/q8 or fp32/);
  });
});
