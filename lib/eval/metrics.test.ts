import { describe, expect, it } from 'vitest';
import {
  accuracy,
  auroc,
  averageRanks,
  confusionMatrix,
  formatClassStats,
  formatConfusion,
  formatTable,
  groupPrecision,
  groupRecall,
  macroF1,
  perClassStats,
} from './metrics';

const LABELS = ['a', 'b', 'c'] as const;
type L = (typeof LABELS)[number];
const GOLD: L[] = ['a', 'a', 'a', 'b', 'b', 'c'];
const PRED: L[] = ['a', 'a', 'b', 'b', 'c', 'c'];

describe('confusion matrix and per-class stats (hand-computed)', () => {
  const m = confusionMatrix(LABELS, GOLD, PRED);
  it('counts gold rows x predicted columns', () => {
    expect(m).toEqual([
      [2, 1, 0],
      [0, 1, 1],
      [0, 0, 1],
    ]);
  });
  it('precision / recall / F1 / support', () => {
    const s = perClassStats(LABELS, m);
    expect(s.map((x) => x.support)).toEqual([3, 2, 1]);
    expect(s.map((x) => x.predicted)).toEqual([2, 2, 2]);
    // a: P 2/2, R 2/3, F1 0.8 ; b: 1/2, 1/2, 1/2 ; c: 1/2, 1/1, 2/3
    expect(s[0]).toMatchObject({ label: 'a', precision: 1, support: 3 });
    expect(s[0]!.recall).toBeCloseTo(2 / 3, 12);
    expect(s[0]!.f1).toBeCloseTo(0.8, 12);
    expect(s[1]).toMatchObject({ label: 'b', precision: 0.5, recall: 0.5, f1: 0.5 });
    expect(s[2]).toMatchObject({ label: 'c', precision: 0.5, recall: 1 });
    expect(s[2]!.f1).toBeCloseTo(2 / 3, 12);
    expect(macroF1(s)).toBeCloseTo(59 / 90, 12);
    expect(accuracy(m)).toBeCloseTo(4 / 6, 12);
  });
  it('zero division gives 0 and absent classes do not count in macro-F1', () => {
    const labels = ['x', 'y', 'z'] as const;
    const mm = confusionMatrix(labels, ['x', 'x', 'y'], ['x', 'y', 'x']);
    const s = perClassStats(labels, mm);
    expect(s[2]).toEqual({ label: 'z', precision: 0, recall: 0, f1: 0, support: 0, predicted: 0 });
    expect(s[1]).toEqual({ label: 'y', precision: 0, recall: 0, f1: 0, support: 1, predicted: 1 });
    // x: P 1/2, R 1/2, F1 1/2 ; y: 0 ; z absent -> mean of x and y
    expect(macroF1(s)).toBe(0.25);
    expect(accuracy(confusionMatrix(labels, [], []))).toBe(0);
  });
  it('refuses unknown labels and length mismatches', () => {
    expect(() => confusionMatrix(LABELS, ['a'], ['a', 'b'])).toThrow(/differ in length/);
    expect(() => confusionMatrix(LABELS, ['q' as L], ['a'])).toThrow(/unknown gold label "q"/);
  });
});

describe('group recall / precision', () => {
  const gold = ['emergency', 'emergency', 'urgent', 'urgent', 'routine', 'routine'];
  const pred = ['emergency', 'urgent', 'routine', 'emergency', 'urgent', 'routine'];
  it('emergency recall and emergency+urgent recall', () => {
    expect(groupRecall(gold, pred, ['emergency'])).toBe(0.5);
    expect(groupRecall(gold, pred, ['emergency', 'urgent'])).toBe(0.75);
    expect(groupPrecision(gold, pred, ['emergency'])).toBe(0.5);
    expect(groupPrecision(gold, pred, ['emergency', 'urgent'])).toBe(0.75);
    expect(groupRecall(['routine'], ['routine'], ['emergency'])).toBeNull();
  });
});

describe('AUROC (Mann–Whitney with ties)', () => {
  it('average ranks', () => {
    expect(averageRanks([0.9, 0.8, 0.8, 0.3, 0.8, 0.1])).toEqual([6, 4, 4, 2, 4, 1]);
    expect(averageRanks([])).toEqual([]);
  });
  it('counts ties as one half', () => {
    // positives 0.9 (beats all 4 negatives) and 0.8 (beats 0.3, 0.1; ties two 0.8s) -> 7/8
    expect(auroc([0.9, 0.8, 0.8, 0.3, 0.8, 0.1], [true, true, false, false, false, false])).toBe(0.875);
  });
  it('perfect, inverted, all-tied and undefined cases', () => {
    expect(auroc([0.9, 0.8, 0.2, 0.1], [true, true, false, false])).toBe(1);
    expect(auroc([0.1, 0.2, 0.8, 0.9], [true, true, false, false])).toBe(0);
    expect(auroc([0.5, 0.5, 0.5], [true, false, false])).toBe(0.5);
    expect(auroc([0.5, 0.6], [true, true])).toBeNull();
    expect(auroc([], [])).toBeNull();
  });
  it('matches the pairwise definition', () => {
    const scores = [0.3, 0.1, 0.7, 0.7, 0.2, 0.9, 0.4, 0.4, 0.05, 0.6];
    const pos = [true, false, true, false, false, true, true, false, false, false];
    let wins = 0;
    let pairs = 0;
    scores.forEach((s, i) => {
      if (!pos[i]) return;
      scores.forEach((t, j) => {
        if (pos[j]) return;
        pairs += 1;
        wins += s > t ? 1 : s === t ? 0.5 : 0;
      });
    });
    expect(wins / pairs).toBe(18 / 24); // 3 + 5.5 + 6 + 3.5 by hand
    expect(auroc(scores, pos)).toBe(0.75);
  });
});

describe('formatting', () => {
  it('formatTable aligns columns (first left, others right) and formats numbers', () => {
    expect(
      formatTable(
        ['name', 'n', 'x'],
        [
          ['alpha', 3, 0.5],
          ['b', 12, null],
        ],
      ),
    ).toBe(['name    n      x', '-----  --  -----', 'alpha   3  0.500', 'b      12      –'].join('\n'));
  });
  it('formatConfusion and formatClassStats', () => {
    const m = confusionMatrix(LABELS, GOLD, PRED);
    expect(formatConfusion(LABELS, m)).toBe(
      ['gold \\ pred  a  b  c', '-----------  -  -  -', 'a            2  1  0', 'b            0  1  1', 'c            0  0  1'].join(
        '\n',
      ),
    );
    expect(formatClassStats(perClassStats(LABELS, m), 2).split('\n')).toEqual([
      'class  precision  recall    f1  support',
      '-----  ---------  ------  ----  -------',
      'a           1.00    0.67  0.80        3',
      'b           0.50    0.50  0.50        2',
      'c           0.50    1.00  0.67        1',
    ]);
  });
});
