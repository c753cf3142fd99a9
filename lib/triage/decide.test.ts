import { describe, expect, it } from 'vitest';
import {
  argmaxCategory,
  cleanPhrase,
  decideFromLogits,
  decideUrgency,
  decodeBatch,
  occlude,
  occlusionUnits,
  softmax,
  topSalient,
  TriageModelConfigSchema,
  urgencyScore,
  wordSpans,
  type TriageModelConfig,
} from './decide';

const CFG: TriageModelConfig = {
  version: 'test',
  urgencyLabels: ['emergency', 'urgent', 'routine'],
  categoryLabels: ['symptom', 'medication', 'results', 'scheduling', 'administrative', 'acknowledgement'],
  logitSlices: { urgency: [0, 3], category: [3, 9] },
  score: 'p_emergency + 0.5 * p_urgent',
  thresholds: { emergency: 0.5, urgentOrAbove: 0.6 },
  maxLength: 256,
};

const ln = Math.log;

describe('softmax', () => {
  it('gives exact probabilities for log-probability logits', () => {
    const p = softmax([ln(0.7), ln(0.2), ln(0.1)]);
    expect(p[0]).toBeCloseTo(0.7, 12);
    expect(p[1]).toBeCloseTo(0.2, 12);
    expect(p[2]).toBeCloseTo(0.1, 12);
  });
  it('is uniform for equal logits, shift-invariant, and stable for huge logits', () => {
    expect(softmax([0, 0, 0, 0])).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(softmax([1000, 1000])).toEqual([0.5, 0.5]);
    expect(softmax([0, Math.log(3)]).map((x) => +x.toFixed(12))).toEqual([0.25, 0.75]);
    const p = softmax([1000, 0]);
    expect(p[0]).toBe(1);
    expect(p[1]).toBe(Math.exp(-1000) / (1 + Math.exp(-1000)));
    expect(softmax([])).toEqual([]);
  });
});

describe('urgencyScore', () => {
  it('is p_emergency + 0.5 * p_urgent', () => {
    expect(urgencyScore({ emergency: 0.5, urgent: 0.5, routine: 0 })).toBe(0.75);
    expect(urgencyScore({ emergency: 0, urgent: 0, routine: 1 })).toBe(0);
    expect(urgencyScore({ emergency: 1, urgent: 0, routine: 0 })).toBe(1);
    expect(urgencyScore({ emergency: 0.25, urgent: 0.5, routine: 0.25 })).toBe(0.5);
  });
});

describe('decideUrgency', () => {
  const t = { emergency: 0.5, urgentOrAbove: 0.75 };
  it('emergency when p_e >= t_e (inclusive)', () => {
    expect(decideUrgency({ emergency: 0.5, urgent: 0.25, routine: 0.25 }, t)).toBe('emergency');
    expect(decideUrgency({ emergency: 0.9, urgent: 0.05, routine: 0.05 }, t)).toBe('emergency');
  });
  it('urgent when p_e + p_u >= t_u (inclusive), even if p_u alone is small', () => {
    expect(decideUrgency({ emergency: 0.25, urgent: 0.5, routine: 0.25 }, t)).toBe('urgent');
    expect(decideUrgency({ emergency: 0.45, urgent: 0.375, routine: 0.175 }, t)).toBe('urgent');
  });
  it('routine otherwise', () => {
    expect(decideUrgency({ emergency: 0.25, urgent: 0.25, routine: 0.5 }, t)).toBe('routine');
    expect(decideUrgency({ emergency: 0.49, urgent: 0.25, routine: 0.26 }, t)).toBe('routine');
  });
});

describe('argmaxCategory', () => {
  it('picks the largest; ties go to the earlier label', () => {
    const p = { symptom: 0.1, medication: 0.5, results: 0.1, scheduling: 0.1, administrative: 0.1, acknowledgement: 0.1 };
    expect(argmaxCategory(p)).toBe('medication');
    expect(argmaxCategory({ ...p, medication: 0.1 })).toBe('symptom');
    expect(argmaxCategory({ ...p, medication: 0, acknowledgement: 0.6 })).toBe('acknowledgement');
  });
});

describe('decideFromLogits', () => {
  const catLogits = [ln(0.05), ln(0.6), ln(0.05), ln(0.1), ln(0.1), ln(0.1)];
  it('slices, softmaxes, scores and decides', () => {
    const r = decideFromLogits([ln(0.2), ln(0.5), ln(0.3), ...catLogits], CFG);
    expect(r.probs.urgency.emergency).toBeCloseTo(0.2, 12);
    expect(r.probs.urgency.urgent).toBeCloseTo(0.5, 12);
    expect(r.probs.urgency.routine).toBeCloseTo(0.3, 12);
    expect(r.probs.category.medication).toBeCloseTo(0.6, 12);
    expect(r.score).toBeCloseTo(0.45, 12);
    expect(r.urgency).toBe('urgent'); // 0.2 < 0.5; 0.7 >= 0.6
    expect(r.category).toBe('medication');
  });
  it('honours a different label order in triage.json', () => {
    const cfg = { ...CFG, urgencyLabels: ['routine', 'urgent', 'emergency'] };
    const r = decideFromLogits([ln(0.2), ln(0.2), ln(0.6), ...catLogits], cfg);
    expect(r.probs.urgency.emergency).toBeCloseTo(0.6, 12);
    expect(r.probs.urgency.routine).toBeCloseTo(0.2, 12);
    expect(r.urgency).toBe('emergency');
    expect(r.score).toBeCloseTo(0.7, 12);
  });
  it('refuses short rows', () => {
    expect(() => decideFromLogits([0, 0, 0], CFG)).toThrow(/at least 9 logits/);
  });
  it('probabilities sum to 1', () => {
    const r = decideFromLogits([3.1, -2, 0.4, 1, 2, 3, 4, 5, 6], CFG);
    const su = Object.values(r.probs.urgency).reduce((a, b) => a + b, 0);
    const sc = Object.values(r.probs.category).reduce((a, b) => a + b, 0);
    expect(su).toBeCloseTo(1, 12);
    expect(sc).toBeCloseTo(1, 12);
  });
});

describe('decodeBatch', () => {
  it('splits row-major logits and embeddings per row', () => {
    const logits = new Float32Array([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0, 10]);
    const emb = new Float32Array([1, 2, 3, 4]);
    const out = decodeBatch(logits, [2, 9], emb, [2, 2], CFG);
    expect(out).toHaveLength(2);
    expect(out[0]!.urgency).toBe('urgent'); // 1/3 < 0.5; 2/3 >= 0.6
    expect(out[0]!.score).toBeCloseTo(0.5, 6);
    expect(out[0]!.category).toBe('symptom');
    expect(Array.from(out[0]!.embedding)).toEqual([1, 2]);
    expect(out[1]!.urgency).toBe('routine');
    expect(out[1]!.category).toBe('acknowledgement');
    expect(Array.from(out[1]!.embedding)).toEqual([3, 4]);
  });
  it('works without embeddings', () => {
    const out = decodeBatch([0, 0, 0, 0, 0, 0, 0, 0, 0], [1, 9], null, null, CFG);
    expect(out[0]!.embedding).toHaveLength(0);
  });
});

describe('TriageModelConfigSchema', () => {
  it('accepts the contract and refuses other score formulas or label sets', () => {
    expect(TriageModelConfigSchema.parse({ ...CFG, extra: 1 })).toEqual(CFG);
    expect(TriageModelConfigSchema.safeParse({ ...CFG, score: 'p_emergency' }).success).toBe(false);
    expect(TriageModelConfigSchema.safeParse({ ...CFG, urgencyLabels: ['emergency', 'urgent'] }).success).toBe(false);
    expect(
      TriageModelConfigSchema.safeParse({ ...CFG, logitSlices: { urgency: [0, 3], category: [3, 8] } }).success,
    ).toBe(false);
    expect(TriageModelConfigSchema.safeParse({ ...CFG, score: 'p_emergency  +  0.5 * p_urgent' }).success).toBe(true);
  });
});

describe('occlusion', () => {
  it('finds words with offsets', () => {
    expect(wordSpans('  chest  pain\nnow')).toEqual([
      { start: 2, end: 7 },
      { start: 9, end: 13 },
      { start: 14, end: 17 },
    ]);
  });
  it('uses single words for short texts and 3-word windows beyond the cap', () => {
    expect(occlusionUnits('a b c', 64)).toEqual([
      { index: 0, start: 0, end: 1 },
      { index: 1, start: 2, end: 3 },
      { index: 2, start: 4, end: 5 },
    ]);
    const seven = 'a b c d e f g';
    expect(occlusionUnits(seven, 4)).toEqual([
      { index: 0, start: 0, end: 5 },
      { index: 1, start: 6, end: 11 },
      { index: 2, start: 12, end: 13 },
    ]);
    const long = Array.from({ length: 400 }, (_, i) => `w${i}`).join(' ');
    const units = occlusionUnits(long, 64);
    expect(units).toHaveLength(58); // ceil(400 / 7)
    expect(units.length).toBeLessThanOrEqual(64);
    expect(occlusionUnits('   ', 64)).toEqual([]);
    expect(occlusionUnits('a b c d', 64, 2)).toEqual([
      { index: 0, start: 0, end: 1 },
      { index: 1, start: 2, end: 3 },
    ]);
  });
  it('removes a unit and closes the gap', () => {
    expect(occlude('my chest hurts', { start: 3, end: 8 })).toBe('my hurts');
    expect(occlude('my chest hurts', { start: 0, end: 2 })).toBe('chest hurts');
    expect(occlude('my chest hurts', { start: 9, end: 14 })).toBe('my chest');
    expect(occlude('subject\nbody text', { start: 8, end: 12 })).toBe('subject\ntext');
  });
  it('cleans phrases', () => {
    expect(cleanPhrase('“numb,”')).toBe('numb');
    expect(cleanPhrase('101.5°')).toBe('101.5°');
    expect(cleanPhrase('...')).toBe('');
  });
  it('takes the top-k positive drops and merges adjacent units', () => {
    const text = 'crushing chest pain, thanks';
    const units = occlusionUnits(text);
    // base 0.9; removing each word gives these scores
    const res = topSalient(text, units, 0.9, [0.8, 0.5, 0.6, 0.95], 3);
    expect(res).toEqual([{ text: 'crushing chest pain', weight: 0.4 }]);
    const res2 = topSalient(text, units, 0.9, [0.85, 0.5, 0.6, 0.95], 2);
    expect(res2).toEqual([{ text: 'chest pain', weight: 0.4 }]);
    const res3 = topSalient('pain, then numb arm', occlusionUnits('pain, then numb arm'), 0.5, [0.2, 0.5, 0.3, 0.45], 3);
    expect(res3).toEqual([
      { text: 'pain', weight: 0.3 },
      { text: 'numb arm', weight: 0.2 },
    ]);
    expect(topSalient(text, units, 0.1, [0.2, 0.3, 0.1, 0.4], 3)).toEqual([]);
  });
});
